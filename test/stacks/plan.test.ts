import { expect } from "chai";
import { planStacks } from "../../automation/plan/engine";
import { planJson } from "../../automation/plan/report";
import { PROJECT_DIR, discoverStacks, json, planProject, planned } from "../harness";

describe("whole stacks", () => {
    it("plans exactly the stacks that have a Pulumi.<stack>.yaml, in reference order", async () => {
        const plan = await planProject();
        expect(plan.stacks.map((s) => s.name)).to.have.members(discoverStacks().map((s) => s.name));
        plan.stacks.forEach((s, i) => {
            for (const ref of s.references)
                expect(
                    plan.stacks.findIndex((x) => x.name === ref),
                    `${s.name} reads ${ref}`,
                ).to.be.lessThan(i);
        });
    });

    for (const { name, region } of discoverStacks()) {
        it(`${name}: every AWS resource, remote components' children included, deploys through the stack's tagged providers`, async () => {
            const rec = await planned(name);
            // One provider per region the stack deploys to: its own, and for a hub each linked peer's
            // (test/stacks/resource-regions.test.ts says which resources may be on those).
            const providers = rec.all("pulumi:providers:aws");
            const home = rec.one("pulumi:providers:aws", `${name}-${region}`);
            for (const provider of providers) {
                // Provider inputs travel as JSON strings, as the engine hands them to the plugin.
                const tags = json<{ tags: Record<string, string> }>(provider.inputs.defaultTags).tags;
                expect(Object.keys(tags)).to.include.members(["environment", "owner", "cost-center", "stack"]);
                expect(tags.stack).to.equal(name);
            }
            const refs = new Set(providers.map((p) => `${p.urn}::${p.id}`));
            const aws = rec.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
            expect(aws.length).to.be.greaterThan(10);
            expect(aws.filter((r) => !refs.has(r.provider)).map((r) => r.urn)).to.deep.equal([]);
            for (const remote of rec.resources.filter((r) => r.remote))
                expect(remote.providers.aws, remote.urn).to.equal(`${home.urn}::${home.id}`);
        });
    }

    it("the project's plan JSON is byte-identical on a second run and carries no secret value", async () => {
        const first = planJson(await planProject());
        const second = planJson(await planStacks({ dir: PROJECT_DIR }));
        expect(second).to.equal(first);
        expect(first).to.not.include("offline-placeholder");
        expect(first).to.include('"eksKubeconfig": "[secret]"');
    });
});
