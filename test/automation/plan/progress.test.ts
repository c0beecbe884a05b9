import { expect } from "chai";
import { Progress, formatSummary, policyVerdict } from "../../../automation/plan/progress";

function sink(isTTY: boolean) {
    const out = { text: "", isTTY, write: (s: string) => (out.text += s) };
    return out;
}

describe("offline plan: progress and summary", () => {
    const verdicts: [string, { enforcement: string }[] | undefined, string][] = [
        ["no policy step", undefined, "skipped"],
        ["no violation", [], "passed"],
        ["advisory only", [{ enforcement: "advisory" }, { enforcement: "advisory" }], "2 advisory"],
        ["both", [{ enforcement: "mandatory" }, { enforcement: "advisory" }], "1 mandatory, 1 advisory"],
    ];
    for (const [title, violations, expected] of verdicts)
        it(`verdict: ${title}`, () => expect(policyVerdict(violations)).to.equal(expected));

    it("the summary has a row per stack, the totals and the wall time", () => {
        const text = formatSummary(
            [
                { stack: "network-frankfurt", resources: 94, policy: "passed" },
                { stack: "dev", resources: 177, policy: "2 advisory" },
            ],
            6380,
        );
        expect(text).to.equal(
            [
                "",
                "Summary: 2 stacks, 271 resources, 6.38 s wall",
                "    network-frankfurt     94 resources  policy: passed",
                "    dev                  177 resources  policy: 2 advisory",
                "",
            ].join("\n"),
        );
    });

    it("not a TTY: one line per finished stack, no control characters", () => {
        const out = sink(false);
        const p = new Progress(out);
        p.onStack({ stack: "dev", phase: "start" });
        p.onStack({ stack: "dev", phase: "done", resources: 177, ms: 850 });
        p.onStack({ stack: "prod", phase: "start" });
        p.onStack({ stack: "prod", phase: "failed", ms: 20 });
        expect(out.text).to.equal(
            `plan: ${"dev".padEnd(24)}   177 resources    0.85 s\nplan: ${"prod".padEnd(24)}    failed          0.02 s\n`,
        );
    });

    it("a TTY: a live line of the running stacks, rewritten in place", () => {
        const out = sink(true);
        const p = new Progress(out);
        p.onStack({ stack: "dev", phase: "start" });
        expect(out.text).to.equal("\r\x1b[Kplan: dev … (0 done)");
        p.onStack({ stack: "dev", phase: "done", resources: 1, ms: 1 });
        expect(out.text).to.equal(
            `\r\x1b[Kplan: dev … (0 done)\r\x1b[Kplan: ${"dev".padEnd(24)}     1 resources    0.00 s\n`,
        );
    });

    it("--quiet: nothing but the summary", () => {
        const out = sink(false);
        const p = new Progress(out, { quiet: true });
        p.onStack({ stack: "dev", phase: "start" });
        p.onStack({ stack: "dev", phase: "done", resources: 1, ms: 1 });
        p.note("a fallback");
        expect(out.text).to.equal("");
        p.summary([{ stack: "dev", resources: 1, policy: "skipped" }], 1000);
        expect(out.text).to.match(/^\nSummary: 1 stack, 1 resources, 1\.00 s wall\n/);
    });
});
