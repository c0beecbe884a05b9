/**
 * The payments data stores in the real stacks, as rules over the discovered stacks (by role and
 * environment from their Pulumi.<stack>.yaml), so a stack file added later is covered unchanged.
 */
import { expect } from "chai";
import { mockPassword } from "../../../automation/plan/mocks/database";
import { replicationGroupId } from "../../../components/data/naming";
import { resolveAurora } from "../../../components/data/settings";
import { PROD_MIN_BACKUP_RETENTION_DAYS, PROD_MIN_READERS } from "../../../components/data/validation";
import { json, planned, plannedStacks } from "../../harness";
import { stackDatabase, workloadStacks } from "./stackConfig";

const T = {
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    key: "aws:kms/key:Key",
    rg: "aws:elasticache/replicationGroup:ReplicationGroup",
};

/**
 * Prod keys built by areas this branch doesn't own, which protect them through their own code
 * (components/eks/eksCluster.ts passes `protect` to encryptionKey, components/eks/volumeKey.ts to its
 * aws.kms.Key, components/network/flowLogs.ts to encryptionKey). Empty this once they do.
 */
const PROTECTED_ELSEWHERE: RegExp[] = [];

describe("payments data stores in the real stacks", () => {
    it("there are workload stacks of both environments to check", () => {
        expect(workloadStacks("prod")).to.not.be.empty;
        expect(workloadStacks("dev")).to.not.be.empty;
    });

    it("every prod workload stack: protected, deletion-protected cluster, two weeks of backups, readers in distinct AZs", async () => {
        for (const s of workloadStacks("prod")) {
            const rec = await planned(s.name);
            const c = rec.one(T.cluster);
            expect([c.protect, c.inputs.deletionProtection, c.inputs.skipFinalSnapshot], s.name).to.deep.equal([
                true,
                true,
                false,
            ]);
            expect(c.inputs.backupRetentionPeriod, s.name).to.be.at.least(PROD_MIN_BACKUP_RETENTION_DAYS);
            const readers = rec.all(T.instance, /-reader-/);
            expect(readers.length, s.name).to.be.at.least(PROD_MIN_READERS);
            expect(new Set(readers.map((r) => r.inputs.availabilityZone)).size, s.name).to.equal(readers.length);
        }
    });

    it("every dev workload stack: neither protect nor deletion protection (torn down weekly), final snapshot kept", async () => {
        for (const s of workloadStacks("dev")) {
            const c = (await planned(s.name)).one(T.cluster);
            expect([c.protect, c.inputs.deletionProtection, c.inputs.skipFinalSnapshot], s.name).to.deep.equal([
                false,
                false,
                false,
            ]);
        }
    });

    it("every workload stack: isolated subnets, and its configured monitoring interval on every instance", async () => {
        for (const s of workloadStacks()) {
            const rec = await planned(s.name);
            expect(rec.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, s.name).to.deep.equal(
                rec.outputs.isolatedSubnetIds,
            );
            const interval = resolveAurora(stackDatabase(s.name).aurora).monitoringIntervalSeconds;
            const instances = rec.all(T.instance);
            expect(instances.map((i) => i.inputs.monitoringInterval)).to.deep.equal(instances.map(() => interval));
        }
    });

    it("every workload stack: the postgresql log group carries the cluster's real identifier and the configured retention", async () => {
        for (const s of workloadStacks()) {
            const rec = await planned(s.name);
            const c = rec.one(T.cluster);
            const lg = rec.one("aws:cloudwatch/logGroup:LogGroup", /-payments-postgresql-logs$/);
            expect(lg.inputs.name, s.name).to.equal(
                `/aws/rds/cluster/${String(c.inputs.clusterIdentifier)}/postgresql`,
            );
            expect(c.id, s.name).to.equal(c.inputs.clusterIdentifier);
            expect(rec.outputs.dbLogGroupName, s.name).to.equal(lg.inputs.name);
            expect(lg.inputs.retentionInDays, s.name).to.equal(
                resolveAurora(stackDatabase(s.name).aurora).logRetentionDays,
            );
            expect(c.dependencies, s.name).to.include(lg.urn);
        }
    });

    it("every workload stack: the cache AUTH token is a SecureString under /payments/<environment>/, exported by name only", async () => {
        for (const s of workloadStacks()) {
            const rec = await planned(s.name);
            const p = rec.one("aws:ssm/parameter:Parameter", /-payments-cache-auth-token$/);
            expect(p.inputs, s.name).to.deep.include({
                name: `/payments/${s.environment}/${s.name}-payments/cache-auth-token`,
                type: "SecureString",
                keyId: rec.outputs.dbKmsKeyArn,
                value: "[secret]",
            });
            expect(rec.outputs.cacheAuthTokenParameterName, s.name).to.equal(p.inputs.name);
            const token = mockPassword(rec.one("random:index/randomPassword:RandomPassword", /-cache-auth$/).urn, 64);
            expect(JSON.stringify(rec.outputs), s.name).to.not.contain(token);
            // The only secret output is the EKS kubeconfig: nothing of the data stores is exported as a secret.
            const secret = Object.keys(rec.outputs).filter((k) => JSON.stringify(rec.outputs[k]).includes("[secret]"));
            expect(secret, s.name).to.deep.equal(secret.filter((k) => k.startsWith("eks")));
        }
    });

    it("every stack's cache replication group id meets ElastiCache's rules (<= 40, lowercase, letter first, no '--')", async () => {
        for (const rec of await plannedStacks((s) => s.role === "workload")) {
            const id = String(rec.one(T.rg).inputs.replicationGroupId);
            // Autonaming would have made "prod-frankfurt-payments-cache-group-<7>" (43): pulumi-aws refuses it.
            expect(id, rec.plan.name).to.equal(replicationGroupId(`${rec.plan.name}-payments-cache`));
            expect(id).to.match(/^[a-z](?!.*--)[a-z0-9-]{0,39}(?<!-)$/);
        }
    });

    it("every workload stack: each SQS queue's policy denies every action without TLS", async () => {
        for (const s of workloadStacks()) {
            const rec = await planned(s.name);
            const queues = rec.all("aws:sqs/queue:Queue");
            expect(queues.length, s.name).to.be.at.least(3);
            for (const q of queues) {
                const policies = rec
                    .all("aws:sqs/queuePolicy:QueuePolicy")
                    .filter((p) => (p.propertyDependencies.queueUrl ?? []).includes(q.urn));
                expect(policies.length, `${s.name}: ${q.name}`).to.equal(1);
                const deny = json(policies[0].inputs.policy).Statement.find(
                    (x: { Effect: string }) => x.Effect === "Deny",
                );
                expect(deny, `${s.name}: ${q.name}`).to.deep.include({
                    Principal: "*",
                    Action: "sqs:*",
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                });
                expect(policies[0].propertyDependencies.policy, q.name).to.include(q.urn);
            }
        }
    });

    it("every prod stack protects every KMS key and its cache replication group; no dev stack protects either", async () => {
        const unprotected: string[] = [];
        for (const rec of await plannedStacks((s) => s.environment === "prod")) {
            for (const r of [...rec.all(T.key), ...rec.all(T.rg)])
                if (!r.protect && !PROTECTED_ELSEWHERE.some((p) => p.test(r.name)))
                    unprotected.push(`${rec.plan.name}: ${r.name}`);
            expect(rec.all(T.key).filter((k) => k.protect).length, rec.plan.name).to.be.at.least(1);
        }
        expect(unprotected).to.deep.equal([]);
        for (const rec of await plannedStacks((s) => s.environment === "dev"))
            expect(
                [...rec.all(T.key), ...rec.all(T.rg)].filter((r) => r.protect).map((r) => r.name),
                rec.plan.name,
            ).to.deep.equal([]);
    });
});
