import { expect } from "chai";
import * as path from "path";
import { planStacks } from "../../../automation/plan/engine";
import { PolicyPipeline, PolicySettings } from "../../../automation/plan/policy";
import { StackPlan } from "../../../automation/plan/types";
import type { PolicyAnalyzer, Violation } from "../../../automation/policy/analyzer";
import { PROJECT_DIR, rejection } from "../../harness";
import { LIGHT } from "./cliProcess";

/** A stand-in for the pack: records which stack it was asked about, and when. */
function fakeAnalyzer(log: string[]): PolicyAnalyzer {
    const analyze = async (stack: StackPlan, file?: string): Promise<Violation[]> => {
        log.push(`analyze ${stack.name} ${file ? path.basename(file) : "-"}`);
        return [{ policy: `p-${stack.name}` } as Violation];
    };
    return { analyze } as unknown as PolicyAnalyzer;
}

const stack = (name: string, environment: string, resources = 0): StackPlan => ({
    name,
    project: "payments-platform",
    region: "eu-central-1",
    resources: Array.from({ length: resources }, () => ({}) as StackPlan["resources"][number]),
    outputs: {},
    references: [],
    secretPlaceholders: [],
    config: { "payments-platform:environment": environment },
});

const SETTINGS: PolicySettings = {
    packDir: path.join(PROJECT_DIR, "policies"),
    configTemplate: path.join(PROJECT_DIR, "policies/config/{environment}.json"),
};

describe("the policy step beside the programs", function () {
    // A plan of the light fixture: mostly start-up, but slow on a loaded machine.
    this.timeout(120_000);

    it("the engine hands over each stack's plan before the stacks after it run", async () => {
        const events: string[] = [];
        await planStacks({
            dir: LIGHT,
            stacks: ["consumer", "producer"],
            onStack: (e) => events.push(`${e.phase} ${e.stack}`),
            onPlanned: (s) => events.push(`planned ${s.name} ${s.resources.length}`),
        });
        // consumer starts first (by name), plans producer through its reference, then finishes.
        expect(events).to.deep.equal([
            "start consumer",
            "start producer",
            "done producer",
            "planned producer 3",
            "done consumer",
            "planned consumer 3",
        ]);
    });

    it("asks the pack at once as each stack is added, and gives the results in the plan's order", async () => {
        const log: string[] = [];
        const pipeline = new PolicyPipeline(fakeAnalyzer(log), SETTINGS);
        pipeline.add(stack("prod-b", "prod"));
        expect(log, "asked before results() is awaited").to.deep.equal(["analyze prod-b prod.json"]);
        pipeline.add(stack("dev-a", "dev"));
        const results = await pipeline.results([stack("dev-a", "dev"), stack("prod-b", "prod"), stack("c", "dev")]);
        expect([...results.keys()]).to.deep.equal(["dev-a", "prod-b", "c"]);
        expect(results.get("prod-b")!.map((v) => v.policy)).to.deep.equal(["p-prod-b"]);
        expect(log).to.deep.equal(["analyze prod-b prod.json", "analyze dev-a dev.json", "analyze c dev.json"]);
    });

    it("with two packs, gives each stack to the pack with fewer resources queued, results still in the plan's order", async () => {
        const first: string[] = [];
        const second: string[] = [];
        const pipeline = new PolicyPipeline([fakeAnalyzer(first), fakeAnalyzer(second)], SETTINGS);
        const plan = [stack("a", "dev", 400), stack("b", "dev", 150), stack("c", "prod", 100), stack("d", "prod", 300)];
        for (const s of plan) pipeline.add(s);
        const results = await pipeline.results(plan);
        // a → first (both empty); b, c → second (150, then 250 < 400); d → second (250 < 400).
        expect(first).to.deep.equal(["analyze a dev.json"]);
        expect(second).to.deep.equal(["analyze b dev.json", "analyze c prod.json", "analyze d prod.json"]);
        expect([...results.keys()]).to.deep.equal(["a", "b", "c", "d"]);
        expect(results.get("d")!.map((v) => v.policy)).to.deep.equal(["p-d"]);
    });

    it("says which stacks fall back to another environment's config, as each is added", () => {
        const notes: string[] = [];
        const pipeline = new PolicyPipeline(fakeAnalyzer([]), SETTINGS, (n) => notes.push(n));
        pipeline.add(stack("qa-frankfurt", "qa"));
        expect(notes).to.deep.equal([
            "stack qa-frankfurt: no policies/config/qa.json for environment qa; using policies/config/dev.json (non-prod environments fall back to dev's policy config)",
        ]);
    });

    it("reports a stack without a policy config from results(), the first in the plan's order", async () => {
        const log: string[] = [];
        const nowhere = { ...SETTINGS, configTemplate: path.join(PROJECT_DIR, "policies/missing/{environment}.json") };
        const pipeline = new PolicyPipeline(fakeAnalyzer(log), nowhere);
        // Added in planning order; neither failure is unhandled while the programs still run.
        pipeline.add(stack("b", "qa"));
        pipeline.add(stack("a", "prod"));
        const err = await rejection(pipeline.results([stack("a", "prod"), stack("b", "qa")]));
        expect(err.message).to.equal(
            "stack a: no policy config policies/missing/prod.json for this stack and no fallback policies/missing/prod.json; add policies/missing/prod.json",
        );
        expect(log).to.deep.equal([]);
    });
});
