/**
 * PaymentsDatabase as a member of an Aurora Global Database, run under the recording monitor, and
 * the pure rules and runbook of membership, from tables.
 */
import { expect } from "chai";
import { globalRunbook, rpoLine } from "../../../components/data/runbook";
import {
    GlobalMembership,
    resolveAurora,
    resolveCache,
    resolveLegacyEvents,
    resolveProxy,
    resolveQueue,
} from "../../../components/data/settings";
import { dataProblems } from "../../../components/data/validation";
import { AZS, T, args, fromKey, prodArgs, run } from "./fixtures";

const PG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const ID = "payments-global";
const member = (global: GlobalMembership, readers = 2) =>
    prodArgs({ aurora: { readers, backupRetentionDays: 14, instanceClass: "db.r7g.large", global } });

describe("PaymentsDatabase in an Aurora Global Database (recorded)", () => {
    it("a secondary runs its readers only, over distinct AZs, none of them a writer", async () => {
        const rec = await run(member({ role: "secondary", globalClusterIdentifier: ID }, 3));
        const instances = rec.all(T.instance);
        expect(instances.map((i) => [i.name, i.inputs.availabilityZone, i.inputs.promotionTier])).to.deep.equal([
            ["pay-reader-1", AZS[0], 1],
            ["pay-reader-2", AZS[1], 1],
            ["pay-reader-3", AZS[2], 1],
        ]);
        expect(rec.all(T.instance, "pay-writer")).to.deep.equal([]);
    });

    it("a secondary is encrypted with its own component's key (a cross-region secondary needs a key in its region)", async () => {
        const rec = await run(member({ role: "secondary", globalClusterIdentifier: ID }));
        const c = rec.one(T.cluster);
        expect(c.inputs.storageEncrypted).to.equal(true);
        fromKey(rec, c, "kmsKeyId");
    });

    it("members leave membership fields to RDS after creation; a regional cluster only its snapshot", async () => {
        const members = ["primary", "secondary"] as const;
        for (const role of members) {
            const rec = await run(member({ role, globalClusterIdentifier: ID }));
            expect([...(rec.one(T.cluster).ignoreChanges ?? [])].sort(), role).to.deep.equal([
                "engineVersion",
                "globalClusterIdentifier",
                "replicationSourceIdentifier",
                "snapshotIdentifier",
            ]);
        }
        const regional = await run(args());
        expect(regional.one(T.cluster).ignoreChanges).to.deep.equal(["snapshotIdentifier"]);
    });

    it("the primary's global cluster never force-destroys its members", async () => {
        const rec = await run(member({ role: "primary", globalClusterIdentifier: ID }));
        expect(rec.one("aws:rds/globalCluster:GlobalCluster").inputs.forceDestroy).to.equal(false);
    });

    it("rpoSeconds puts rds.global_db_rpo in the primary's parameter group, and nothing else does", async () => {
        const rpo = (rec: Awaited<ReturnType<typeof run>>) =>
            (rec.one(PG).inputs.parameters as { name: string; value: string }[]).filter(
                (p) => p.name === "rds.global_db_rpo",
            );
        const bound = await run(member({ role: "primary", globalClusterIdentifier: ID, rpoSeconds: 60 }));
        expect(rpo(bound)).to.deep.equal([{ name: "rds.global_db_rpo", value: "60" }]);
        expect(rpo(await run(member({ role: "primary", globalClusterIdentifier: ID })))).to.deep.equal([]);
        expect(rpo(await run(args()))).to.deep.equal([]);
    });
});

describe("global membership rules (component arg words)", () => {
    const input = (instanceClass: string, global: GlobalMembership) => ({
        environment: "dev",
        availabilityZones: AZS,
        clientSecurityGroupCount: 1,
        aurora: resolveAurora({ instanceClass, global }),
        proxy: resolveProxy(),
        cache: resolveCache(),
        queue: resolveQueue(),
        legacyEvents: resolveLegacyEvents(),
    });
    const rows: [string, string, GlobalMembership, string[]][] = [
        ["a valid primary", "db.r7g.large", { role: "primary", globalClusterIdentifier: ID, rpoSeconds: 20 }, []],
        ["a valid secondary", "db.r6g.2xlarge", { role: "secondary", globalClusterIdentifier: ID }, []],
        [
            "a burstable secondary",
            "db.t3.medium",
            { role: "secondary", globalClusterIdentifier: ID },
            [
                'aurora.instanceClass is "db.t3.medium", a global database member (secondary) needs a memory-optimised class: db.r6g/r6i/r7g/r7i/r8g .large/.xlarge/.<n>xlarge',
            ],
        ],
        [
            "an RPO bound above the parameter's maximum",
            "db.r7g.large",
            { role: "primary", globalClusterIdentifier: ID, rpoSeconds: 2147483648 },
            ["aurora.global.rpoSeconds is 2147483648, must be an integer from 20 to 2147483647 seconds"],
        ],
        [
            "an RPO bound on a secondary",
            "db.r7g.large",
            { role: "secondary", globalClusterIdentifier: ID, rpoSeconds: 30 },
            [
                "aurora.global.rpoSeconds is 30, only the primary sets the RPO bound (rds.global_db_rpo applies on the writing cluster)",
            ],
        ],
        [
            "an identifier ending in a hyphen",
            "db.r7g.large",
            { role: "primary", globalClusterIdentifier: "payments-" },
            [
                'aurora.global.globalClusterIdentifier is "payments-", must start with a letter and hold only letters, digits and single hyphens, not end in a hyphen (max 63)',
            ],
        ],
        [
            "an identifier over 63 characters",
            "db.r7g.large",
            { role: "primary", globalClusterIdentifier: `g${"x".repeat(63)}` },
            [
                `aurora.global.globalClusterIdentifier is "g${"x".repeat(63)}", must start with a letter and hold only letters, digits and single hyphens, not end in a hyphen (max 63)`,
            ],
        ],
    ];
    for (const [what, cls, global, problems] of rows)
        it(what, () => expect(dataProblems(input(cls, global))).to.deep.equal(problems));
});

describe("the global database runbook", () => {
    const base = {
        globalClusterIdentifier: ID,
        clusterArn: "arn:aws:rds:us-east-1:123456789012:cluster:prod-virginia-payments-cluster",
        region: "us-east-1",
        stack: "prod-virginia",
        primaryStack: "prod-frankfurt",
    };
    it("a secondary's switchover and failover target the secondary itself, in its region", () => {
        const lines = globalRunbook({ ...base, role: "secondary" }).split("\n");
        expect(lines[1]).to.match(
            new RegExp(
                `aws rds switchover-global-cluster --region us-east-1 --global-cluster-identifier ${ID} --target-db-cluster-identifier ${base.clusterArn}$`,
            ),
        );
        expect(lines[2]).to.match(
            new RegExp(
                `aws rds failover-global-cluster --region us-east-1 --global-cluster-identifier ${ID} --target-db-cluster-identifier ${base.clusterArn} --allow-data-loss$`,
            ),
        );
        expect(lines[5]).to.include("Destroy the secondaries' stacks first, then prod-frankfurt");
    });
    it("a primary's commands leave the target to the operator", () => {
        const text = globalRunbook({ ...base, role: "primary", stack: "prod-frankfurt", region: "eu-central-1" });
        expect(text).to.include("--target-db-cluster-identifier <the secondary stack's dbClusterArn>");
        expect(text).to.not.include(base.clusterArn);
    });
    const rpoRows: [number | undefined, string][] = [
        [undefined, "there is no managed bound (database.global.rpoSeconds is unset on the primary)"],
        [60, "the primary bounds it with rds.global_db_rpo = 60 s: commits wait while no secondary is within 60 s"],
    ];
    for (const [rpo, text] of rpoRows)
        it(`the RPO line with rpoSeconds ${rpo}`, () => {
            expect(rpoLine(rpo)).to.include("typically under a second").and.to.include(text);
        });
});
