import { expect } from "chai";
import { rdsBackupRetention, rdsDeletionProtection } from "../../policies/resilience";
import { resourceCases, runResource } from "./harness";

describe("resilience policies", () => {
    describe("rds-deletion-protection", () => {
        resourceCases(
            rdsDeletionProtection,
            () => ({
                type: "aws:rds/cluster:Cluster",
                props: { engine: "aurora-postgresql", deletionProtection: true },
            }),
            [
                {
                    what: "protection off",
                    path: ["deletionProtection"],
                    to: false,
                    message: "RDS cluster must have deletion protection enabled",
                },
            ],
        );
        resourceCases(
            rdsDeletionProtection,
            () => ({ type: "aws:rds/instance:Instance", props: { deletionProtection: true } }),
            [
                {
                    what: "protection unset",
                    path: ["deletionProtection"],
                    to: undefined,
                    message: "RDS instance must have deletion protection enabled",
                },
            ],
        );
    });

    describe("rds-backup-retention", () => {
        resourceCases(
            rdsBackupRetention,
            () => ({ type: "aws:rds/cluster:Cluster", props: { backupRetentionPeriod: 7 } }),
            [
                {
                    what: "6 days",
                    path: ["backupRetentionPeriod"],
                    to: 6,
                    message: "RDS cluster must retain automated backups for at least 7 days (got 6)",
                },
                {
                    what: "the AWS default of 1 day",
                    path: ["backupRetentionPeriod"],
                    to: undefined,
                    message: "RDS cluster must retain automated backups for at least 7 days (got 1)",
                },
            ],
        );

        it("follows minimumRetentionDays", () => {
            const r = { type: "aws:rds/instance:Instance", props: { backupRetentionPeriod: 14 } };
            expect(runResource(rdsBackupRetention, r, { minimumRetentionDays: 1 })).to.deep.equal([]);
            expect(runResource(rdsBackupRetention, r, { minimumRetentionDays: 30 })).to.deep.equal([
                "RDS instance must retain automated backups for at least 30 days (got 14)",
            ]);
        });

        it("ignores read replicas", () => {
            expect(
                runResource(rdsBackupRetention, {
                    type: "aws:rds/instance:Instance",
                    props: { replicateSourceDb: "src" },
                }),
            ).to.deep.equal([]);
        });
    });
});
