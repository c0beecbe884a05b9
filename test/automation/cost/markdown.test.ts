import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { extractReportArgs } from "../../../automation/cost/args";
import { JsonPlan, JsonStack, prSummary } from "../../../automation/cost/report/markdown";

const urn = (stack: string, n: string) => `urn:pulumi:${stack}::p::aws:sqs/queue:Queue::${n}`;
function stack(
    name: string,
    names: string[],
    usd: number,
    seconds: number,
    inputs: Record<string, unknown> = {},
): JsonStack {
    return {
        name,
        region: "eu-central-1",
        resources: names.map((n) => ({
            urn: urn(name, n),
            type: "aws:sqs/queue:Queue",
            inputs: { n, ...(inputs[n] as object) },
        })),
        cost: { monthlyUsd: usd },
        deployTime: { criticalPathSeconds: seconds },
        policy: { violations: [] },
    };
}

describe("the pull-request summary (--markdown)", () => {
    const base: JsonPlan = { stacks: [stack("dev", ["a", "b", "c"], 100, 600), stack("prod", ["a"], 1000, 900)] };
    const head: JsonPlan = {
        stacks: [
            stack("dev", ["a", "b", "d"], 112.5, 660, { b: { size: 2 } }),
            {
                ...stack("prod", ["a"], 1000, 900),
                policy: {
                    violations: [
                        {
                            policy: "p-x",
                            enforcement: "mandatory",
                            urn: urn("prod", "a"),
                            message: "Queue must be encrypted",
                        },
                    ],
                },
            },
        ],
    };

    it("per stack: created, changed and removed against the base, cost and path with their deltas", () => {
        const md = prSummary(head, base);
        expect(md).to.contain("| dev | +1 ~1 −1 | passed | $112.50 (+$12.50) | 11m00s (+1m00s) |");
        expect(md).to.contain("| prod | +0 ~0 −0 | **failed**: 1 | $1000.00 (±0) | 15m00s (±0) |");
        expect(md).to.contain("Monthly cost $1112.50 (+$12.50).");
        expect(md).to.match(/Create:\n- d\nChange:\n- b\nRemove:\n- c\n/);
    });

    it("shows each mandatory violation, and folds away stacks without changes", () => {
        const md = prSummary(head, base);
        expect(md).to.contain("- `p-x` (mandatory) a: Queue must be encrypted");
        expect(md).to.not.contain("prod: resources");
        expect(md).to.contain("<details><summary>dev: resources</summary>");
    });

    it("without a base, everything is created", () => {
        expect(prSummary(head)).to.contain("| dev | +3 ~0 −0 |");
    });

    it("stays under GitHub's 65,536 characters, trimming resource lists first and saying so", () => {
        const many = Array.from({ length: 4000 }, (_, i) => `queue-with-a-rather-long-name-${i}`);
        const big: JsonPlan = { stacks: [stack("dev", many, 1, 1), stack("prod", many, 1, 1)] };
        const md = prSummary(big, { stacks: [] });
        expect(md.length).to.be.at.most(65_536);
        expect(md).to.match(/_Trimmed to stay under GitHub's 65,536-character limit: .*prod's resource list.*_/);
        expect(md).to.contain("| prod | +4000 ~0 −0 |");
    });
});

describe("the report options (--html, --markdown, --base)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-args-"));
    const notPlan = path.join(dir, "x.json");
    fs.writeFileSync(notPlan, '{"a":1}');
    const bad: { argv: string[]; problem: string }[] = [
        { argv: ["--html"], problem: "--html needs a value" },
        {
            argv: ["--markdown", "/no/such/dir/x.md"],
            problem: "--markdown /no/such/dir/x.md: directory /no/such/dir does not exist",
        },
        { argv: ["--html", dir], problem: `--html ${dir}: is a directory; give a file path` },
        { argv: ["--base", notPlan], problem: "--base only applies with --markdown FILE" },
        {
            argv: ["--markdown", path.join(dir, "s.md"), "--base", notPlan],
            problem: `--base ${notPlan}: not a plan JSON (no "stacks" array); write one with --json`,
        },
        {
            argv: ["--markdown", path.join(dir, "s.md"), "--base", path.join(dir, "none.json")],
            problem: `--base ${path.join(dir, "none.json")}: no such file`,
        },
    ];
    for (const b of bad)
        it(`refuses ${b.argv.join(" ")}`, () => {
            expect(extractReportArgs(b.argv).problems).to.include(b.problem);
        });

    it("leaves the plan's own options to its parser", () => {
        const r = extractReportArgs(["-s", "dev", "--html=r.html", "--json", "-"]);
        expect(r.rest).to.deep.equal(["-s", "dev", "--json", "-"]);
        expect(r.report).to.deep.equal({ html: "r.html" });
    });
});
