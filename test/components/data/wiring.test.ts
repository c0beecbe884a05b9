import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PlatformBaseline } from "../../../components/baseline";
import {
    resolveAurora,
    resolveCache,
    resolveLegacyEvents,
    resolveProxy,
    resolveQueue,
} from "../../../components/data/settings";
import { dataProblems } from "../../../components/data/validation";
import { databaseKeys } from "../../../stacks/config/database";
import { StackContext } from "../../../stacks/context";
import { buildDatabase } from "../../../stacks/workload/database";
import { PROJECT_DIR, record } from "../../harness";

const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
const stackDatabase = (stack: string) => {
    const doc = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8"));
    return databaseKeys.database.parse(doc.config["payments-platform:database"]);
};

describe("database config and wiring", () => {
    for (const [stack, env] of [
        ["dev", "dev"],
        ["prod-frankfurt", "prod"],
    ]) {
        it(`${stack}'s database config passes the component's rules`, () => {
            const d = stackDatabase(stack);
            const problems = dataProblems({
                environment: env,
                availabilityZones: AZS,
                clientSecurityGroupCount: 2,
                aurora: resolveAurora(d.aurora),
                proxy: resolveProxy(d.proxy),
                cache: resolveCache(d.cache),
                queue: resolveQueue(d.queue),
                legacyEvents: resolveLegacyEvents(d.legacyEvents),
            });
            expect(problems).to.deep.equal([]);
        });
    }
    it("prod keeps two weeks of backups, two readers and a cache replica per AZ; dev keeps its final snapshot", () => {
        const prod = stackDatabase("prod-frankfurt");
        expect([
            prod.aurora.backupRetentionDays,
            prod.aurora.readers,
            prod.cache.replicas,
            prod.aurora.skipFinalSnapshot,
        ]).to.deep.equal([14, 2, 3, false]);
        expect(stackDatabase("dev").aurora.skipFinalSnapshot).to.equal(false);
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
                database: stackDatabase("dev"),
            } as unknown as StackContext["cfg"];
            const spoke = {
                vpcId: pulumi.output("vpc-spoke"),
                vpcCidr: "10.1.0.0/16",
                availabilityZones: AZS,
                publicSubnetIds: pulumi.output(["p"]),
                privateSubnetIds: pulumi.output(["q"]),
                isolatedSubnetIds: pulumi.output(["iso-a", "iso-b", "iso-c"]),
                cidrPlan: [],
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
    });
});
