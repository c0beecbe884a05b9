import { expect } from "chai";
import { planned } from "../../harness";

describe("payments data stores in the real stacks", () => {
    it("prod-frankfurt: protected, deletion-protected cluster with readers in distinct AZs; dev: neither protection", async () => {
        const prod = await planned("prod-frankfurt");
        const c = prod.one("aws:rds/cluster:Cluster");
        expect([c.protect, c.inputs.deletionProtection, c.inputs.backupRetentionPeriod]).to.deep.equal([
            true,
            true,
            14,
        ]);
        const readers = prod.all("aws:rds/clusterInstance:ClusterInstance", /-reader-/);
        expect(new Set(readers.map((r) => r.inputs.availabilityZone)).size)
            .to.equal(readers.length)
            .and.to.be.at.least(2);
        const dev = await planned("dev");
        const d = dev.one("aws:rds/cluster:Cluster");
        expect([d.protect, d.inputs.deletionProtection, d.inputs.skipFinalSnapshot]).to.deep.equal([
            false,
            false,
            false,
        ]);
        // The spoke's isolated subnets, as the network area exports them.
        expect(dev.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).to.deep.equal(
            dev.outputs.isolatedSubnetIds,
        );
        // Prod's enhanced monitoring at the configured 15 s, on every instance.
        expect(
            prod.all("aws:rds/clusterInstance:ClusterInstance").map((i) => i.inputs.monitoringInterval),
        ).to.deep.equal([15, 15, 15]);
    });
    it("every stack's cache replication group id meets ElastiCache's rules (<= 40, lowercase, letter first, no '--')", async () => {
        const ids: string[] = [];
        for (const stack of ["dev", "prod-frankfurt"]) {
            const g = (await planned(stack)).one("aws:elasticache/replicationGroup:ReplicationGroup");
            ids.push(String(g.inputs.replicationGroupId));
        }
        // Autonaming would have made "prod-frankfurt-payments-cache-group-<7>" (43): pulumi-aws refuses it.
        expect(ids).to.deep.equal(["dev-payments-cache", "prod-frankfurt-payments-cache"]);
        for (const id of ids) expect(id).to.match(/^[a-z](?!.*--)[a-z0-9-]{0,39}(?<!-)$/);
    });
});
