/**
 * Issue 14 groundwork: a stack torn down on a schedule loses its outputs, so the final snapshot's
 * identifier its restore needs is published to an SSM parameter that outlives `pulumi destroy`.
 */
import { expect } from "chai";
import { discoverStacks, planned, projectConfigOf } from "../harness";

const PARAM = "aws:ssm/parameter:Parameter";
const torn = (teardown: boolean) =>
    discoverStacks().filter(
        (s) => s.role === "workload" && (projectConfigOf(s.name).weekendTeardown === true) === teardown,
    );
const snapshotParams = (rec: Awaited<ReturnType<typeof planned>>) =>
    rec.all(PARAM).filter((p) => String(p.inputs.name).endsWith("/final-snapshot-identifier"));

describe("the final snapshot's identifier outlives a scheduled teardown", () => {
    it("every weekend-teardown stack publishes it to a retained SSM parameter named from the stack", async () => {
        const stacks = torn(true);
        expect(stacks).to.not.be.empty;
        for (const s of stacks) {
            const rec = await planned(s.name);
            const [p] = snapshotParams(rec);
            expect(p, s.name).to.not.equal(undefined);
            expect(p.inputs, s.name).to.deep.include({
                name: `/payments/${s.environment}/${s.name}-payments/final-snapshot-identifier`,
                type: "String",
                insecureValue: rec.outputs.dbFinalSnapshotIdentifier,
                // The re-created stack takes over the parameter its teardown left behind.
                overwrite: true,
            });
            expect(p.retainOnDelete, `${s.name}: destroy must leave it`).to.equal(true);
            expect(rec.outputs.dbFinalSnapshotIdentifier, s.name).to.match(
                new RegExp(`^${s.name}-payments-final-[0-9a-f]{8}$`),
            );
        }
    });

    it("stacks that are not torn down on a schedule publish none", async () => {
        for (const s of torn(false)) expect(snapshotParams(await planned(s.name)), s.name).to.deep.equal([]);
    });
});
