import { expect } from "chai";
import { analyse } from "../../../automation/cost/analysis";
import { REQUIRED_SAVING } from "../../../automation/cost/teardown";
import { creationTime } from "../../../automation/cost/time/creationTimes";
import { Plan } from "../../../automation/plan/types";
import { PROJECT, discoverStacks, plannedStacks } from "../../harness";

async function planAnalysis() {
    const stacks = (await plannedStacks()).map((r) => r.plan);
    const plan: Plan = { stacks };
    return { plan, a: analyse(plan) };
}

describe("cost and deploy time over every planned stack", function () {
    // The first test plans every stack (shared with the other files of its worker): minutes under load.
    this.timeout(300_000);
    it("every resource is priced, listed as no-charge with a reason, or listed unpriced with a reason; none at zero", async () => {
        const { plan, a } = await planAnalysis();
        for (const s of plan.stacks) {
            const c = a.cost.stacks.get(s.name)!;
            const counted = c.lines.length + c.unpriced.length + c.noCharge.reduce((n, t) => n + t.count, 0);
            expect(counted, s.name).to.equal(s.resources.length);
            for (const l of c.lines) expect(l.usd, l.urn).to.be.greaterThan(0);
            for (const u of [...c.unpriced, ...c.noCharge]) expect(u.reason, u.type).to.have.length.greaterThan(10);
            const total = Math.round(c.lines.reduce((n, l) => n + l.usd, 0) * 100) / 100;
            expect(c.monthlyUsd, s.name).to.be.closeTo(total, 0.011);
        }
    });

    it("every node group is priced at desiredSize × its instance type's price in the stack's region", async () => {
        const { plan, a } = await planAnalysis();
        for (const s of plan.stacks) {
            const lines = new Map(a.cost.stacks.get(s.name)!.lines.map((l) => [l.urn, l]));
            for (const ng of s.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")) {
                const inputs = ng.inputs as { scalingConfig: { desiredSize: number }; instanceTypes: string[] };
                expect(lines.get(ng.urn)!.basis, ng.urn).to.contain(`${inputs.scalingConfig.desiredSize} × `);
                expect(lines.get(ng.urn)!.basis).to.match(
                    new RegExp(
                        `× ${inputs.instanceTypes.length > 1 ? "\\S+ spot" : inputs.instanceTypes[0].replace(".", "\\.")}`,
                    ),
                );
            }
        }
    });

    it("the region totals add up to the platform total, and each region to its stacks", async () => {
        const { plan, a } = await planAnalysis();
        const byRegion = Object.values(a.cost.byRegion).reduce((n, v) => n + v, 0);
        expect(a.cost.totalUsd).to.be.closeTo(byRegion, 0.05);
        for (const [region, v] of Object.entries(a.cost.byRegion)) {
            const mine = plan.stacks
                .filter((s) => s.region === region)
                .map((s) => a.cost.stacks.get(s.name)!.monthlyUsd);
            expect(v, region).to.be.closeTo(
                mine.reduce((n, x) => n + x, 0),
                0.05,
            );
        }
    });

    it(`every stack with weekendTeardown saves at least ${REQUIRED_SAVING * 100}% of its monthly cost`, async () => {
        const torn = discoverStacks().filter((d) => d.environment === "dev");
        expect(torn, "a dev stack exists").to.not.be.empty;
        const { plan, a } = await planAnalysis();
        for (const s of plan.stacks.filter((x) => x.config?.[`${PROJECT}:weekendTeardown`] === "true")) {
            const t = a.teardown.get(s.name)!;
            expect(t.savingShare, `${s.name}: ${t.why}`).to.be.at.least(REQUIRED_SAVING);
            // The saving is the hourly-billed cost of what's destroyed, for 58 of 168 hours, less what stays.
            expect(t.monthlySavingUsd).to.be.below(t.savedUsd);
            expect(t.stays.map((x) => x.what).join("\n")).to.match(/final snapshot of .*-payments-cluster/);
        }
    });

    it("a retained resource keeps billing through the teardown: its cost is not in the saving", async () => {
        const { plan, a } = await planAnalysis();
        for (const s of plan.stacks.filter((x) => a.teardown.has(x.name))) {
            const retained = s.resources
                .filter((r) => r.retainOnDelete && r.type === "aws:kms/key:Key")
                .map((r) => r.name);
            const stays = a.teardown
                .get(s.name)!
                .stays.filter((x) => !x.extra)
                .map((x) => x.what);
            expect(stays).to.deep.equal(retained.map((n) => `retained ${n}`));
        }
    });

    it("each stack's critical path is a chain: every step starts when the one before ends, and it ends at the stack's total", async () => {
        const { plan, a } = await planAnalysis();
        for (const s of plan.stacks) {
            const t = a.time.get(s.name)!;
            expect(t.path, s.name).to.not.be.empty;
            for (let i = 1; i < t.path.length; i++)
                expect(t.path[i].startsAt, s.name).to.be.at.least(t.path[i - 1].startsAt + t.path[i - 1].seconds);
            const last = t.path[t.path.length - 1];
            expect(last.startsAt + last.seconds, s.name).to.equal(t.criticalPathSeconds);
            expect(t.lowerBoundSeconds, s.name).to.be.at.most(t.criticalPathSeconds);
            for (const p of t.path) expect(p.seconds).to.equal(creationTime(p.type, true).seconds);
        }
    });

    it("a workload stack's path runs through its slowest AWS step, and the 10-minute verdict names what bounds it", async () => {
        const { a } = await planAnalysis();
        for (const r of a.regions) {
            expect(r.meetsTarget, r.region).to.equal(r.seconds <= 600);
            if (!r.meetsTarget) expect(r.boundedBy.join(" "), r.region).to.match(/\(\w+, \d+ s\)/);
        }
        for (const d of discoverStacks().filter((x) => x.role === "workload")) {
            const types = a.time.get(d.name)!.path.map((p) => p.type);
            expect(
                types.some((t) => /rds\/clusterInstance|eks\/cluster|elasticache/.test(t)),
                d.name,
            ).to.be.true;
        }
    });

    it("cost and deploy time together take well under the 1 s they may add to the plan (CPU time, so load doesn't skew it)", async () => {
        const stacks = (await plannedStacks()).map((r) => r.plan);
        analyse({ stacks }); // warm: the first call loads the modules
        const before = process.cpuUsage();
        analyse({ stacks });
        const used = process.cpuUsage(before);
        expect((used.user + used.system) / 1000).to.be.below(1000);
    });
});
