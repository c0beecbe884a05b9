/**
 * The workload stack's output contract (stacks/contracts.ts) is what every workload stack really
 * exports: the compiler checks each area's keys and types against it, this checks the whole set.
 */
import { expect } from "chai";
import { WORKLOAD_OUTPUT_KEYS } from "../../stacks/contracts";
import { plannedStacks } from "../harness";

describe("workload stack outputs follow their contract", () => {
    it("every workload stack exports exactly the contract's keys, none empty but what its database's shape lacks", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        expect(stacks).to.not.be.empty;
        // A skipped snapshot; a regional cluster's global keys; a secondary's proxy and master secret.
        const mayBeEmpty: Record<string, string[]> = {
            regional: ["dbFinalSnapshotIdentifier", "dbGlobalClusterIdentifier", "dbGlobalRunbook"],
            primary: ["dbFinalSnapshotIdentifier"],
            secondary: [
                "dbFinalSnapshotIdentifier",
                "dbProxyEndpoint",
                "dbProxyReadOnlyEndpoint",
                "dbProxySecurityGroupId",
                "dbMasterSecretArn",
            ],
        };
        for (const rec of stacks) {
            expect(Object.keys(rec.outputs).sort(), rec.plan.name).to.deep.equal([...WORKLOAD_OUTPUT_KEYS].sort());
            expect(mayBeEmpty[String(rec.outputs.dbGlobalRole)], `${rec.plan.name} dbGlobalRole`).to.not.equal(
                undefined,
            );
            // Only prod has the on-prem SQL Server backup bucket (components/apps/storage).
            const onPrem = ["onPremBackupBucket", "onPremBackupRoleArn", "onPremBackupProfileArn"];
            const allowed = [
                ...mayBeEmpty[String(rec.outputs.dbGlobalRole)],
                ...(rec.outputs.environment === "prod" ? [] : onPrem),
            ];
            const empty = Object.entries(rec.outputs)
                .filter(([k, v]) => !allowed.includes(k) && (v === "" || v === null || v === undefined))
                .map(([k]) => k);
            expect(empty, rec.plan.name).to.deep.equal([]);
        }
    });

    it("the kubeconfig is exported as a secret", async () => {
        for (const rec of await plannedStacks((s) => s.role === "workload"))
            expect(rec.outputs.eksKubeconfig, rec.plan.name).to.equal("[secret]");
    });
});
