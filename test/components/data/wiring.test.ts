import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { PlatformBaseline } from "../../../components/baseline";
import { resolveAurora, resolveCache } from "../../../components/data/settings";
import { PROD_MIN_BACKUP_RETENTION_DAYS, PROD_MIN_READERS } from "../../../components/data/validation";
import { databaseConfigProblems, databaseKeys } from "../../../stacks/config/database";
import { StackContext } from "../../../stacks/context";
import { buildDatabase } from "../../../stacks/workload/database";
import { record } from "../../harness";
import { stackDatabase, workloadStacks } from "./stackConfig";

const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];

describe("database config and wiring", () => {
    it("every workload stack's database config passes the component's rules for its environment", () => {
        for (const s of workloadStacks()) {
            const problems = databaseConfigProblems({
                role: s.role,
                environment: s.environment,
                region: s.region,
                database: stackDatabase(s.name),
                network: { azCount: AZS.length },
            });
            expect(problems, s.name).to.deep.equal([]);
        }
    });
    it("every prod stack keeps two weeks of backups, two readers and a cache replica per AZ; no stack skips the final snapshot", () => {
        for (const s of workloadStacks("prod")) {
            const prod = stackDatabase(s.name);
            expect(prod.aurora.backupRetentionDays, s.name).to.be.at.least(PROD_MIN_BACKUP_RETENTION_DAYS);
            expect(prod.aurora.readers, s.name).to.be.at.least(PROD_MIN_READERS);
            expect(prod.cache.replicas, s.name).to.be.at.least(AZS.length);
        }
        for (const s of workloadStacks())
            expect(stackDatabase(s.name).aurora.skipFinalSnapshot, s.name).to.equal(false);
    });
    it("an unset key gets the component's defaults", () => {
        const d = databaseKeys.database.parse(undefined);
        expect(resolveAurora(d.aurora)).to.deep.include({
            engineVersion: resolveAurora().engineVersion,
            readers: resolveAurora().readers,
        });
        expect(d.cache).to.deep.equal(resolveCache());
    });
    it("rejects unknown fields, so a typo can't fall back to a default", () => {
        expect(databaseKeys.database.safeParse({ aurora: { backupRetentionDay: 14 } }).success).to.equal(false);
    });
    it("buildDatabase admits the EKS node group (once, even when EKS reports it as the cluster group too), uses the isolated subnets and exports the endpoints", async () => {
        let outputs: Record<string, unknown> = {};
        const rec = await record(() => {
            const provider = new aws.Provider("p", { region: "eu-central-1" });
            const opts = { providers: { aws: provider } };
            const baseline = new PlatformBaseline("t-platform", { environment: "dev" }, opts);
            const cfg = {
                stack: "t",
                environment: "dev",
                region: "eu-central-1",
                database: stackDatabase(workloadStacks("dev")[0].name),
            } as unknown as StackContext["cfg"];
            const spoke = {
                vpcId: pulumi.output("vpc-spoke"),
                vpcCidr: "10.1.0.0/16",
                availabilityZones: AZS,
                publicSubnetIds: pulumi.output(["p"]),
                privateSubnetIds: pulumi.output(["q"]),
                isolatedSubnetIds: pulumi.output(["iso-a", "iso-b", "iso-c"]),
                cidrPlan: [{ owner: "dev/workloads", cidr: "10.1.0.0/16" }],
            };
            outputs = {};
            buildDatabase(
                { cfg, provider, opts, baseline },
                spoke,
                {
                    nodeSecurityGroupId: pulumi.output("sg-eks-nodes"),
                    clusterSecurityGroupId: pulumi.output("sg-eks-cluster"),
                },
                outputs,
            );
            return outputs;
        });
        expect(rec.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).to.deep.equal(["iso-a", "iso-b", "iso-c"]);
        const fromEks = rec
            .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => String(r.inputs.referencedSecurityGroupId).startsWith("sg-eks"));
        // One rule per data-store group (database, proxy, cache), all from the node group: no duplicates.
        expect(fromEks.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]).sort()).to.deep.equal([
            ["sg-eks-nodes", 5432],
            ["sg-eks-nodes", 5432],
            ["sg-eks-nodes", 6379],
        ]);
        expect(new Set(fromEks.map((r) => r.inputs.securityGroupId)).size).to.equal(3);
        expect(rec.one("aws:rds/cluster:Cluster").provider).to.contain("::p::");
        expect(rec.outputs.dbProxyEndpoint).to.match(/\.proxy-[0-9a-f]+\.eu-central-1\.rds\.amazonaws\.com$/);
        expect(rec.outputs.paymentsDlqArn).to.match(/^arn:aws:sqs:eu-central-1:123456789012:t-payments-async-dlq-/);
        expect(rec.outputs.legacyEventBusName).to.equal("t-payments-async-legacy");
        expect(rec.outputs.dbFinalSnapshotIdentifier).to.match(/^t-payments-final-[0-9a-f]{8}$/);
        // The path external-secrets reads by default (no eks.parameterPath in this config).
        expect(rec.outputs.cacheAuthTokenParameterName).to.equal("/payments/dev/t-payments/cache-auth-token");
        expect(rec.outputs.dbLogGroupName).to.equal("/aws/rds/cluster/t-payments-cluster/postgresql");
    });
});
