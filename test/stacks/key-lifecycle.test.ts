/**
 * What destroy does to keys: a key whose ciphertext outlives the stack must outlive it too, and the
 * keys of stacks that are never torn down on purpose are protected.
 */
import { expect } from "chai";
import { plannedStacks } from "../harness";

const KEY = "aws:kms/key:Key";
const CLUSTER = "aws:rds/cluster:Cluster";

describe("KMS key lifecycle in every planned stack", () => {
    it("a stack that keeps a final snapshot on destroy retains the key that snapshot is encrypted with", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload" && s.environment !== "prod");
        expect(stacks).to.not.be.empty;
        for (const rec of stacks) {
            for (const cluster of rec.all(CLUSTER).filter((c) => c.inputs.skipFinalSnapshot === false)) {
                const key = rec
                    .all(KEY)
                    .find((k) => rec.idOf(k) === cluster.inputs.kmsKeyId || k.urn === keyUrn(rec, cluster));
                expect(key, `${rec.plan.name}: the key of ${cluster.name}`).to.not.equal(undefined);
                // Without it, destroy schedules the key's deletion and Monday's restore fails
                // (KMSKeyNotAccessibleFault); after the window the snapshot is lost for good.
                expect(key!.retainOnDelete, `${rec.plan.name}: ${key!.name}`).to.equal(true);
            }
        }
    });

    it("every KMS key of the prod and shared (hub) stacks is protected", async () => {
        const stacks = await plannedStacks((s) => s.environment === "prod" || s.environment === "shared");
        expect(stacks.some((s) => s.all(KEY).length > 0)).to.equal(true);
        const unprotected = stacks.flatMap((rec) =>
            rec
                .all(KEY)
                .filter((k) => !k.protect)
                .map((k) => `${rec.plan.name}: ${k.name}`),
        );
        expect(unprotected).to.deep.equal([]);
    });
});

/** The URN of the key resource the cluster's kmsKeyId input came from. */
function keyUrn(
    rec: { resources: { urn: string; type: string }[] },
    cluster: { propertyDependencies: Record<string, string[]> },
): string | undefined {
    const deps = cluster.propertyDependencies.kmsKeyId ?? [];
    return deps.find((u) => rec.resources.some((r) => r.urn === u && r.type === KEY));
}
