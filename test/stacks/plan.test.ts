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

    for (const { name } of discoverStacks()) {
        it(`${name}: every AWS resource, remote components' children included, deploys through the stack's tagged provider`, async () => {
            const rec = await planned(name);
            const provider = rec.one("pulumi:providers:aws");
            const ref = `${provider.urn}::${provider.id}`;
            // Provider inputs travel as JSON strings, as the engine hands them to the plugin.
            const tags = json<{ tags: Record<string, string> }>(provider.inputs.defaultTags).tags;
            expect(Object.keys(tags)).to.include.members(["environment", "owner", "cost-center", "stack"]);
            expect(tags.stack).to.equal(name);
            const aws = rec.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
            expect(aws.length).to.be.greaterThan(10);
            expect(aws.filter((r) => r.provider !== ref).map((r) => r.urn)).to.deep.equal([]);
            for (const remote of rec.resources.filter((r) => r.remote))
                expect(remote.providers.aws, remote.urn).to.equal(ref);
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
