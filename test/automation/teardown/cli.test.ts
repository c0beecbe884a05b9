import { expect } from "chai";
import { parseArgs } from "../../../automation/teardown/args";
import { Deps, main } from "../../../automation/teardown/cli";
import { EXIT } from "../../../automation/teardown/errors";
import { planned } from "../../harness";
import { FakeWorld, fakeClock, fakeCloud, fakeStack, world } from "./fake";

async function run(argv: string[], w: FakeWorld, stackName = "dev", now = "2026-07-08T12:00:00Z", breakWith?: Error) {
    const out: string[] = [];
    const err: string[] = [];
    const recorded = await planned(stackName);
    const deps: Deps = {
        stack: async () => {
            const s = fakeStack(w, recorded);
            if (breakWith)
                s.outputs = async () => {
                    throw breakWith;
                };
            return s;
        },
        cloud: () => ({ ...fakeCloud(w), close: () => void w.calls.push("cloud.close") }),
        clock: fakeClock(w),
        now: () => new Date(now),
    };
    const code = await main(
        argv,
        { stdout: { write: (s) => out.push(s) }, stderr: { write: (s) => err.push(s) } },
        deps,
    );
    return { code, out: out.join(""), err: err.join("") };
}

describe("weekend teardown: the command line", () => {
    const bad: [string, string[], string][] = [
        ["no command", [], "the command is missing, must be one of teardown, restore, scheduled, window"],
        ["an unknown command", ["nuke", "--stack", "dev"], "the command is nuke, must be one of"],
        ["no stack", ["teardown"], "--stack is required"],
        ["a stack flag without its value", ["teardown", "--stack", "--dry-run"], "--stack needs a value"],
        ["an unknown option", ["restore", "-s", "dev", "--force"], "unknown option --force"],
        ["scheduled without its cron", ["scheduled", "-s", "dev"], "scheduled needs --cron"],
    ];
    for (const [title, argv, message] of bad) {
        it(`exits 2 on ${title}, naming the problem`, async () => {
            const r = await run(argv, world());
            expect(r.code).to.equal(EXIT.usage);
            expect(r.err).to.contain(message).and.to.contain("Usage: npm run teardown");
        });
    }

    it("parses --opt=value and flags", () => {
        expect(parseArgs(["scheduled", "--stack=dev", "--cron", "0 18 * * 5", "--dry-run", "-v"], "/p")).to.deep.equal({
            command: "scheduled",
            stack: "dev",
            cron: "0 18 * * 5",
            dryRun: true,
            verbose: true,
            dir: "/p",
        });
    });

    it("a refusal exits 3 with the reasons and no stack trace", async () => {
        const r = await run(["teardown", "--stack", "prod-frankfurt"], world(), "prod-frankfurt");
        expect(r.code).to.equal(EXIT.refused);
        expect(r.err).to.match(
            /^teardown prod-frankfurt: refusing to tear down stack prod-frankfurt, nothing was touched:\n - /,
        );
        expect(r.err).to.not.match(/\n\s+at /);
    });

    it("a failed step exits 1 with its message; an unexpected error hints at --verbose, which shows the trace", async () => {
        const failed = await run(["teardown", "-s", "dev"], world({ destroyFailures: ["error: AccessDenied"] }));
        expect([failed.code, failed.err]).to.deep.equal([
            EXIT.failed,
            "teardown dev: pulumi destroy failed: error: AccessDenied\n",
        ]);
        const bug = new TypeError("x is undefined");
        const quiet = await run(["teardown", "-s", "dev"], world(), "dev", undefined, bug);
        expect(quiet.err)
            .to.contain("(run with --verbose for the stack trace)")
            .and.not.match(/\n\s+at /);
        const loud = await run(["teardown", "-s", "dev", "-v"], world(), "dev", undefined, bug);
        expect(loud.err).to.match(/\n\s+at /);
    });

    it("closes the cloud (the kubeconfig's temporary file) on failure too", async () => {
        const w = world({ destroyFailures: ["error: AccessDenied"] });
        await run(["teardown", "-s", "dev"], w);
        expect(w.calls[w.calls.length - 1]).to.equal("cloud.close");
    });

    const scheduled: [string, string, string, boolean][] = [
        ["Berlin's Friday 20:00 in summer tears down", "0 18 * * 5", "2026-07-03T18:03:00Z", true],
        ["the other candidate hour does nothing", "0 19 * * 5", "2026-07-03T19:03:00Z", false],
    ];
    for (const [title, cron, now, destroys] of scheduled) {
        it(`scheduled: ${title}`, async () => {
            const w = world();
            const r = await run(["scheduled", "-s", "dev", "--cron", cron], w, "dev", now);
            expect(r.code).to.equal(EXIT.ok);
            expect(w.calls.includes("stack.destroy")).to.equal(destroys);
            expect(r.out).to.match(destroys ? /^teardown: Fri 20:00/ : /^skip: Fri 21:00/);
        });
    }

    it("window prints in-window for $GITHUB_OUTPUT", async () => {
        expect((await run(["window", "-s", "dev"], world(), "dev", "2026-07-04T12:00:00Z")).out).to.equal(
            "in-window=true\n",
        );
        expect((await run(["window", "-s", "dev"], world(), "dev", "2026-07-06T12:00:00Z")).out).to.equal(
            "in-window=false\n",
        );
    });
});
