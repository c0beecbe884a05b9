import { expect } from "chai";
import * as path from "path";
import { UsageError, parseArgs } from "../../../automation/plan/args";

describe("offline plan: command-line parsing", () => {
    const cwd = "/project";
    const ok: [string, string[], Record<string, unknown>][] = [
        ["nothing: every stack, policy on, in the current directory", [], { stacks: [], dir: cwd, policy: true }],
        ["--stack twice and comma-separated", ["--stack", "dev", "-s", "a,b"], { stacks: ["dev", "a", "b"] }],
        ["--opt=VALUE", ["--json=out.json", "--dir=sub"], { json: "out.json", dir: path.resolve("sub") }],
        ["--json - for stdout", ["--json", "-"], { json: "-" }],
        ["flags", ["--no-policy", "-q", "--list", "-h"], { policy: false, quiet: true, list: true, help: true }],
        ["--verbose", ["-v"], { verbose: true }],
        [
            "pack and config resolved to absolute paths",
            ["--policy-pack", "p", "--policy-pack-config", "c.json"],
            { policyPack: path.resolve("p"), policyConfig: path.resolve("c.json") },
        ],
    ];
    for (const [title, argv, expected] of ok) {
        it(`accepts ${title}`, () => {
            expect(parseArgs(argv, cwd)).to.deep.include(expected);
        });
    }

    const bad: [string, string[], string][] = [
        ["an unknown option, by name", ["--stacks"], "unknown option --stacks"],
        ["a stray word", ["dev"], "unexpected argument dev (a stack is given as --stack dev)"],
        ["a missing value at the end", ["--json"], "--json needs a value"],
        ["a flag where a value belongs", ["--stack", "--verbose"], "--stack needs a value"],
        ["an empty inline value", ["--dir="], "--dir needs a value"],
        ["a value on a flag", ["--quiet=yes"], "--quiet takes no value (got --quiet=yes)"],
        ["--quiet with --verbose", ["-q", "-v"], "--quiet and --verbose contradict each other; pick one"],
        ["every problem at once", ["--x", "--y"], "unknown option --x\nunknown option --y"],
    ];
    for (const [title, argv, message] of bad) {
        it(`refuses ${title}`, () => {
            expect(() => parseArgs(argv, cwd))
                .to.throw(UsageError)
                .with.property("message", message);
        });
    }
});
