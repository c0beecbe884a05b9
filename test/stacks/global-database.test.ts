/**
 * The Aurora Global Database across the planned stacks: each workload stack's `database.global`
 * (read from its own stack file) decides what its recording must hold. Primaries create the global
 * cluster and join it; secondaries join the id their primary's plan exported, with their own
 * region's key, no credentials, readers only and no proxy; every other stack stays regional.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../automation/plan/types";
import { globalRoleOf } from "../../stacks/config/database";
import { DiscoveredStack, Recorded, planProject, planned } from "../harness";
import { stackDatabase, workloadStacks } from "../components/data/stackConfig";

const T = {
    cluster: "aws:rds/cluster:Cluster",
    global: "aws:rds/globalCluster:GlobalCluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    key: "aws:kms/key:Key",
    proxy: "aws:rds/proxy:Proxy",
};

const byRole = (role: "primary" | "secondary" | undefined): DiscoveredStack[] =>
    workloadStacks().filter((s) => globalRoleOf(stackDatabase(s.name).global) === role);

/** The region of the provider a resource was registered on. */
function regionOf(rec: Recorded, r: ResourceRecord): unknown {
    const p = rec.resources.find((x) => x.type === "pulumi:providers:aws" && `${x.urn}::${x.id}` === r.provider);
    return p?.inputs.region;
}

const MEMBER_IGNORED = [
    "engineVersion",
    "globalClusterIdentifier",
    "replicationSourceIdentifier",
    "snapshotIdentifier",
];

describe("Aurora Global Database over every planned workload stack", () => {
    it("the stack files hold a primary and secondaries in other regions (the rules below are not vacuous)", () => {
        const primaries = byRole("primary");
        const secondaries = byRole("secondary");
        expect(primaries.length, "primaries").to.be.greaterThan(0);
        expect(secondaries.length, "secondaries").to.be.greaterThan(0);
        const regions = [...primaries, ...secondaries].map((s) => s.region);
        expect(new Set(regions).size, "one member per region").to.equal(regions.length);
    });

    it("a primary creates the global cluster, joins it, and exports its id and engine version", async () => {
        for (const s of byRole("primary")) {
            const rec = await planned(s.name);
            const g = rec.one(T.global);
            const c = rec.one(T.cluster);
            expect(c.inputs.globalClusterIdentifier, s.name).to.equal(g.inputs.globalClusterIdentifier);
            expect(c.propertyDependencies.globalClusterIdentifier, s.name).to.deep.equal([g.urn]);
            expect(g.inputs.forceDestroy, `${s.name}: destroy must fail while secondaries are members`).to.equal(false);
            expect([...(c.ignoreChanges ?? [])].sort(), s.name).to.deep.equal(MEMBER_IGNORED);
            expect(rec.outputs, s.name).to.deep.include({
                dbGlobalRole: "primary",
                dbGlobalClusterIdentifier: g.inputs.globalClusterIdentifier,
                dbEngineVersion: g.inputs.engineVersion,
            });
            expect(c.inputs.engineVersion, s.name).to.equal(g.inputs.engineVersion);
        }
    });

    it("a secondary joins its primary's exported global cluster with its own region's key, no credentials, readers only", async () => {
        for (const s of byRole("secondary")) {
            const primaryStack = stackDatabase(s.name).global!.primaryStack!;
            const [rec, primary] = [await planned(s.name), await planned(primaryStack)];
            const c = rec.one(T.cluster);
            expect(c.inputs.globalClusterIdentifier, s.name).to.equal(primary.outputs.dbGlobalClusterIdentifier);
            expect(c.inputs.engineVersion, s.name).to.equal(primary.outputs.dbEngineVersion);
            const key = rec.one(T.key, `${s.name}-payments-key`);
            expect(c.propertyDependencies.kmsKeyId, `${s.name}: kmsKeyId from its own data key`).to.deep.equal([
                key.urn,
            ]);
            expect(regionOf(rec, key), `${s.name}: the key is in the secondary's region`).to.equal(s.region);
            expect(c.inputs, s.name).to.not.have.any.keys(
                "masterUsername",
                "masterPassword",
                "masterPasswordWo",
                "manageMasterUserPassword",
                "databaseName",
            );
            expect([...(c.ignoreChanges ?? [])].sort(), s.name).to.deep.equal(MEMBER_IGNORED);
            const instances = rec.all(T.instance);
            expect(
                instances.map((i) => i.name),
                `${s.name}: readers only`,
            ).to.deep.equal(
                Array.from(
                    { length: stackDatabase(s.name).aurora.readers },
                    (_, n) => `${s.name}-payments-reader-${n + 1}`,
                ),
            );
            expect(rec.all(T.global), s.name).to.deep.equal([]);
            expect(rec.all(T.proxy), `${s.name}: no proxy until promoted`).to.deep.equal([]);
            expect(rec.plan.references, s.name).to.include(primaryStack);
            expect(rec.outputs.dbGlobalRole, s.name).to.equal("secondary");
        }
    });

    it("the offline plan plans each secondary after its primary", async () => {
        const order = (await planProject()).stacks.map((p) => p.name);
        for (const s of byRole("secondary")) {
            const primaryStack = stackDatabase(s.name).global!.primaryStack!;
            expect(order.indexOf(primaryStack), `${primaryStack} before ${s.name}`).to.be.lessThan(
                order.indexOf(s.name),
            );
        }
    });

    it("every other workload stack keeps a regional cluster: no global membership, a writer and its proxy", async () => {
        const regional = byRole(undefined);
        expect(regional.length).to.be.greaterThan(0);
        for (const s of regional) {
            const rec = await planned(s.name);
            expect(rec.one(T.cluster).inputs, s.name).to.not.have.any.keys(
                "globalClusterIdentifier",
                "replicationSourceIdentifier",
            );
            expect(rec.all(T.global), s.name).to.deep.equal([]);
            expect(rec.all(T.instance, `${s.name}-payments-writer`), s.name).to.have.length(1);
            expect(rec.all(T.proxy), s.name).to.have.length(1);
            expect(rec.outputs, s.name).to.deep.include({
                dbGlobalRole: "regional",
                dbGlobalClusterIdentifier: "",
                dbGlobalRunbook: "",
            });
        }
    });

    it("every member's runbook names its global cluster, the switchover and failover commands and the deletion order", async () => {
        for (const s of [...byRole("primary"), ...byRole("secondary")]) {
            const rec = await planned(s.name);
            const runbook = String(rec.outputs.dbGlobalRunbook);
            const g = `--global-cluster-identifier ${String(rec.outputs.dbGlobalClusterIdentifier)}`;
            expect(runbook, s.name).to.include(`aws rds switchover-global-cluster --region`);
            expect(runbook, s.name).to.include(g);
            expect(runbook, s.name).to.match(/aws rds failover-global-cluster .* --allow-data-loss/);
            expect(runbook, s.name).to.include("aws rds remove-from-global-cluster");
            if (rec.outputs.dbGlobalRole === "secondary")
                expect(runbook, s.name).to.include(
                    `--target-db-cluster-identifier ${String(rec.outputs.dbClusterArn)}`,
                );
        }
    });
});
