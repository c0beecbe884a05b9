/**
 * PaymentsDatabase's cache/broker and payments queue, on the recording.
 */
import { expect } from "chai";
import { mockPassword } from "../../../automation/plan/mocks/database";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded, json } from "../../harness";
import { AZS, T, args, devArgs, fromKey, keyArn, prodArgs, run } from "./fixtures";

describe("PaymentsDatabase stores (recorded)", () => {
    let dev: Recorded;
    let prod: Recorded;
    before(async () => {
        dev = await run(devArgs());
        prod = await run(prodArgs());
    });

    describe("cache and broker", () => {
        it("encrypts at rest with the key and in transit with a secret AUTH token", () => {
            const g = dev.one(T.rg);
            expect(g.inputs).to.deep.include({
                atRestEncryptionEnabled: true,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                authToken: "[secret]",
            });
            fromKey(dev, g, "kmsKeyId");
            expect(g.propertyDependencies.authToken).to.deep.equal([
                dev.one("random:index/randomPassword:RandomPassword", "pay-cache-auth").urn,
            ]);
        });
        it("publishes the AUTH token as a SecureString under the workloads' SSM path, encrypted with the key", async () => {
            for (const [rec, name] of [
                [dev, "/payments/dev/pay/cache-auth-token"],
                [prod, "/payments/prod/pay/cache-auth-token"],
                [await run(args({ parameterPath: "/shop/dev/" })), "/shop/dev/pay/cache-auth-token"],
            ] as const) {
                const p = rec.one("aws:ssm/parameter:Parameter");
                expect(p.inputs).to.deep.include({ name, type: "SecureString", keyId: keyArn(rec), value: "[secret]" });
                fromKey(rec, p, "keyId");
                expect(p.propertyDependencies.value).to.deep.equal([
                    rec.one("random:index/randomPassword:RandomPassword", "pay-cache-auth").urn,
                ]);
            }
        });
        it("never shows the generated token in the recording", async () => {
            for (const rec of [dev, prod]) {
                const pw = rec.one("random:index/randomPassword:RandomPassword", "pay-cache-auth");
                const plaintext = mockPassword(pw.urn, 64);
                expect(JSON.stringify({ resources: rec.resources, outputs: rec.outputs })).to.not.contain(plaintext);
            }
        });
        it("fails over automatically across AZs, with a replica in every AZ in prod", () => {
            const g = prod.one(T.rg).inputs as any;
            expect(g).to.deep.include({
                multiAzEnabled: true,
                automaticFailoverEnabled: true,
                numNodeGroups: 1,
                replicasPerNodeGroup: 3,
                engine: "valkey",
                engineVersion: "8.0",
            });
            expect(new Set(g.nodeGroupConfigurations[0].replicaAvailabilityZones)).to.deep.equal(new Set(AZS));
            expect(dev.one(T.rg).inputs.replicasPerNodeGroup).to.equal(1);
        });
        it("names the replication group explicitly within ElastiCache's 40 characters, replaced delete-first", () => {
            const g = dev.one(T.rg);
            expect(g.inputs.replicationGroupId).to.equal("pay-cache");
            expect(g.id).to.equal("pay-cache");
            expect(g.deleteBeforeReplace).to.equal(true);
        });
        it("keeps snapshots and uses a parameter group of its engine's family", () => {
            expect(dev.one(T.rg).inputs.snapshotRetentionLimit).to.equal(1);
            const pg = dev.one("aws:elasticache/parameterGroup:ParameterGroup");
            expect(pg.inputs.family).to.equal("valkey8");
            expect(dev.one(T.rg).propertyDependencies.parameterGroupName).to.deep.equal([pg.urn]);
        });
    });

    describe("payments queue and legacy events", () => {
        it("encrypts the queue, its DLQ and the events DLQ with the component's key", () => {
            for (const q of dev.all(T.queue)) {
                fromKey(dev, q, "kmsMasterKeyId");
                expect(q.inputs.kmsDataKeyReusePeriodSeconds).to.equal(300);
            }
            expect(dev.all(T.queue).map((q) => q.name)).to.have.members([
                "pay-async-queue",
                "pay-async-dlq",
                "pay-async-events-dlq",
            ]);
        });
        it("moves a message to the DLQ after the configured receives; timeouts and retention from config", () => {
            const q = dev.one(T.queue, "pay-async-queue");
            const dlq = dev.one(T.queue, "pay-async-dlq");
            const allow = dev.one("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy");
            expect(allow.propertyDependencies.queueUrl).to.deep.equal([dlq.urn]);
            const dlqName = String(allow.inputs.queueUrl).split("/").pop();
            expect(json(q.inputs.redrivePolicy)).to.deep.equal({
                deadLetterTargetArn: `arn:aws:sqs:eu-central-1:123456789012:${dlqName}`,
                maxReceiveCount: 4,
            });
            expect(q.propertyDependencies.redrivePolicy).to.deep.equal([dlq.urn]);
            expect(q.inputs).to.deep.include({ visibilityTimeoutSeconds: 90, messageRetentionSeconds: 86400 });
            const [sourceArn] = json(allow.inputs.redriveAllowPolicy).sourceQueueArns;
            expect(json(allow.inputs.redriveAllowPolicy).redrivePermission).to.equal("byQueue");
            expect(allow.propertyDependencies.redriveAllowPolicy).to.deep.equal([q.urn]);
            expect(sourceArn).to.match(/^arn:aws:sqs:eu-central-1:123456789012:pay-async-queue-/);
        });
        it("routes the legacy application's payment events from its bus to the queue", () => {
            const rule = dev.one("aws:cloudwatch/eventRule:EventRule");
            expect(json(rule.inputs.eventPattern)).to.deep.equal({
                source: ["legacy.billing"],
                "detail-type": ["Charge"],
            });
            expect(rule.propertyDependencies.eventBusName).to.deep.equal([
                dev.one("aws:cloudwatch/eventBus:EventBus").urn,
            ]);
            const target = dev.one("aws:cloudwatch/eventTarget:EventTarget");
            expect(target.propertyDependencies.arn).to.deep.equal([dev.one(T.queue, "pay-async-queue").urn]);
        });
        it("admits SendMessage only from EventBridge on behalf of that rule, to the queue and the events DLQ", () => {
            const rule = dev.one("aws:cloudwatch/eventRule:EventRule");
            for (const queue of ["pay-async-queue", "pay-async-events-dlq"]) {
                const p = dev.one("aws:sqs/queuePolicy:QueuePolicy", queue);
                expect(p.propertyDependencies.queueUrl).to.deep.equal([dev.one(T.queue, queue).urn]);
                const [s, tls] = json(p.inputs.policy).Statement;
                expect(tls.Sid).to.equal("DenyInsecureTransport");
                expectFromRule(s, rule, p);
            }
        });
        it("the rule's target retries for a day, then dead-letters into the events DLQ, once both policies exist", () => {
            const target = dev.one("aws:cloudwatch/eventTarget:EventTarget");
            expect(target.inputs.retryPolicy).to.deep.equal({
                maximumEventAgeInSeconds: 86400,
                maximumRetryAttempts: 185,
            });
            expect(target.propertyDependencies["deadLetterConfig"]).to.deep.equal([
                dev.one(T.queue, "pay-async-events-dlq").urn,
            ]);
            expect((target.inputs.deadLetterConfig as { arn: string }).arn).to.match(
                /^arn:aws:sqs:eu-central-1:123456789012:pay-async-events-dlq-/,
            );
            expect(target.dependencies).to.include.members(
                dev.all("aws:sqs/queuePolicy:QueuePolicy", /^pay-async-(queue|events-dlq)$/).map((p) => p.urn),
            );
        });
        const expectFromRule = (s: any, rule: ResourceRecord, p: ResourceRecord) => {
            expect(s).to.deep.include({
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
            });
            const ruleName = dev.one("aws:cloudwatch/eventTarget:EventTarget").inputs.rule;
            expect(s.Condition).to.deep.equal({
                ArnEquals: {
                    "aws:SourceArn": `arn:aws:events:eu-central-1:123456789012:rule/pay-async-legacy/${ruleName}`,
                },
            });
            expect(p.propertyDependencies.policy).to.include(rule.urn);
        };
        it("lets EventBridge use the key, so delivery to the encrypted queue works", () => {
            const st = json(dev.one(T.key, "pay-key").inputs.policy).Statement.find(
                (x: any) => x.Principal?.Service === "events.amazonaws.com",
            );
            expect(st.Effect).to.equal("Allow");
            expect(st.Action).to.include.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
        });
    });
});
