/**
 * CloudWatch's rules for periods, evaluation windows and log retention, checked before any
 * resource: table-driven, one row per bad input, asserting the message in config words.
 */
import { expect } from "chai";
import {
    COVERAGE_MATRIX,
    overrideProblems,
    periodProblems,
    retentionProblems,
    targetProblems,
    rulesFor,
} from "../../../components/observability";
import { alarmKeyPolicy, alarmTopicPolicy } from "../../../components/observability/policies";

const F = "payments-platform:observability.alarms";

describe("observability: alarm settings CloudWatch accepts", () => {
    const bad: { why: string; o: Record<string, object>; message: string }[] = [
        {
            why: "a period CloudWatch does not accept",
            o: { "aurora-deadlocks": { periodSeconds: 45 } },
            message: `${F}.aurora-deadlocks.periodSeconds is 45, must be 10, 20, 30 or a multiple of 60`,
        },
        {
            why: "a zero period",
            o: { "cache-cpu": { periodSeconds: 0 } },
            message: `${F}.cache-cpu.periodSeconds is 0, must be 10, 20, 30 or a multiple of 60`,
        },
        {
            why: "no evaluation period",
            o: { "nat-packets-dropped": { evaluationPeriods: 0 } },
            message: `${F}.nat-packets-dropped.evaluationPeriods is 0, must be a whole number of at least 1`,
        },
        {
            why: "a window longer than a day at minute periods",
            o: { "aurora-replica-lag": { periodSeconds: 60, evaluationPeriods: 1441 } },
            message: `${F}.aurora-replica-lag: periodSeconds 60 x evaluationPeriods 1441 is 86460 s, CloudWatch evaluates at most 86400 s`,
        },
        {
            why: "a window longer than a week at hour periods",
            o: { "cache-memory": { periodSeconds: 3600, evaluationPeriods: 169 } },
            message: `${F}.cache-memory: periodSeconds 3600 x evaluationPeriods 169 is 608400 s, CloudWatch evaluates at most 604800 s`,
        },
        {
            why: "an alarm the matrix does not have",
            o: { "aurora-cpu": { threshold: 90 } },
            message: `${F}.aurora-cpu is not an alarm of the coverage matrix (known: ${COVERAGE_MATRIX.map((r) => r.key).join(", ")})`,
        },
    ];
    for (const row of bad) {
        it(`refuses ${row.why}`, () => {
            expect(overrideProblems(F, row.o)).to.deep.equal([row.message]);
        });
    }

    it("accepts high-resolution periods, minute multiples and a week at hour periods", () => {
        expect(periodProblems("x", { periodSeconds: 10, evaluationPeriods: 3 })).to.deep.equal([]);
        expect(periodProblems("x", { periodSeconds: 120, evaluationPeriods: 720 })).to.deep.equal([]);
        expect(periodProblems("x", { periodSeconds: 3600, evaluationPeriods: 168 })).to.deep.equal([]);
    });

    it("reports every problem at once", () => {
        const p = overrideProblems(F, { "cache-cpu": { periodSeconds: 7, evaluationPeriods: 0 }, nope: {} });
        expect(p).to.have.length(3);
    });

    const retention: { days: number; ok: boolean }[] = [
        { days: 30, ok: true },
        { days: 3653, ok: true },
        { days: 0, ok: false },
        { days: 45, ok: false },
        { days: 366, ok: false },
    ];
    for (const row of retention) {
        it(`log retention ${row.days} is ${row.ok ? "accepted" : "refused in config words"}`, () => {
            const p = retentionProblems("payments-platform:observability.logRetentionDays", row.days);
            if (row.ok) expect(p).to.deep.equal([]);
            else
                expect(p).to.deep.equal([
                    `payments-platform:observability.logRetentionDays is ${row.days}, CloudWatch Logs allows 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653`,
                ]);
        });
    }

    const targets: { why: string; t: Parameters<typeof targetProblems>[1]; message: string }[] = [
        {
            why: "a target without the rule's dimension",
            t: [{ label: "nat-1", resourceType: "aws:ec2/natGateway:NatGateway", dimensions: {} }],
            message: "targets: nat-1 lacks dimension NatGatewayId, alarm nat-port-allocation-errors needs it",
        },
        {
            why: "an EKS cluster without its node floor",
            t: [{ label: "eks", resourceType: "aws:eks/cluster:Cluster", dimensions: { ClusterName: "c" } }],
            message: "targets: eks has no threshold, alarm eks-node-count takes it from the resource",
        },
        {
            why: "two targets with one label",
            t: [
                { label: "q", resourceType: "aws:sqs/queue:Queue", dimensions: { QueueName: "a" } },
                { label: "q", resourceType: "aws:sqs/queue:Queue", dimensions: { QueueName: "b" } },
            ],
            message: "targets: label q is used twice, alarm names would collide",
        },
    ];
    for (const row of targets) {
        it(`refuses ${row.why}`, () => {
            const p = targetProblems("targets", row.t, (t) => rulesFor(t.resourceType, t.traits));
            expect(p[0]).to.equal(row.message);
        });
    }
});

describe("observability: who may use the alarm topics", () => {
    const scope = { account: "123456789012", partition: "aws", region: "eu-central-1" };
    it("the key lets CloudWatch and EventBridge encrypt for the topic (else alarms can't publish)", () => {
        const st = JSON.parse(alarmKeyPolicy(scope)).Statement as {
            Principal: { Service?: string[] };
            Action: string[];
        }[];
        const publishers = st.find((s) => s.Principal.Service);
        expect(publishers?.Principal.Service).to.have.members(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
        expect(publishers?.Action).to.have.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
    });
    it("the topic admits only this account's alarms and rules", () => {
        const st = JSON.parse(alarmTopicPolicy(scope, "arn:aws:sns:eu-central-1:123456789012:t")).Statement as {
            Principal: { Service: string };
            Condition: { StringEquals: Record<string, string>; ArnLike: Record<string, string> };
        }[];
        expect(st.map((s) => s.Principal.Service)).to.deep.equal(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
        for (const s of st) expect(s.Condition.StringEquals["aws:SourceAccount"]).to.equal("123456789012");
        expect(st.map((s) => s.Condition.ArnLike["aws:SourceArn"])).to.deep.equal([
            "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:*",
            "arn:aws:events:eu-central-1:123456789012:rule/*",
        ]);
    });
});
