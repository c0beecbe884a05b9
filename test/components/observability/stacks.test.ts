/**
 * The paging path in every planned stack: alarm topics whose key CloudWatch may use, a PagerDuty
 * subscription whose URL (it holds the integration key) is a secret, and config errors in config words.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { loadStackSettings } from "../../../stacks/config";
import { PROJECT, discoverStacks, json, plannedStacks, record, rejection, stackFileConfig } from "../../harness";

const deps = (r: ResourceRecord, input: string): string[] =>
    ((r as unknown as { propertyDependencies?: Record<string, string[]> }).propertyDependencies ?? {})[input] ?? [];

/**
 * The stacks with an ObservabilityStack: every hub and workload stack. The edge and bootstrap stacks
 * have none yet (issue 13 leaves the edge's own tier to come; bootstrap is IAM only).
 */
async function observedStacks() {
    const roles = new Map(discoverStacks().map((d) => [d.name, d.role]));
    return (await plannedStacks()).filter((s) => ["network", "workload"].includes(roles.get(s.plan.name) ?? ""));
}

describe("observability: the paging path in every planned stack", function () {
    this.timeout(300_000);

    it("every alarm's topic is encrypted with a key whose policy lets cloudwatch.amazonaws.com encrypt for it", async () => {
        for (const s of await observedStacks()) {
            const alarms = [
                ...s.all("aws:cloudwatch/metricAlarm:MetricAlarm"),
                ...s.all("aws:cloudwatch/compositeAlarm:CompositeAlarm"),
            ];
            expect(alarms, s.plan.name).to.not.have.length(0);
            for (const a of alarms) {
                for (const topicUrn of [...deps(a, "alarmActions"), ...deps(a, "okActions")]) {
                    const topic = s.byUrn(topicUrn);
                    const key = s.byUrn(deps(topic, "kmsMasterKeyId")[0]);
                    const st = json<{ Statement: { Principal: { Service?: string | string[] }; Action: string[] }[] }>(
                        key.inputs.policy,
                    ).Statement;
                    const cw = st.find((x) => [x.Principal.Service].flat().includes("cloudwatch.amazonaws.com"));
                    expect(cw?.Action, `${s.plan.name} ${a.name} -> ${topic.name}`).to.include.members([
                        "kms:Decrypt",
                        "kms:GenerateDataKey*",
                    ]);
                }
            }
        }
    });

    it("the alarm topic's PagerDuty subscription is HTTPS with its URL secret; the composite's topic does not page", async () => {
        for (const s of await observedStacks()) {
            const subs = s.all("aws:sns/topicSubscription:TopicSubscription");
            const https = subs.filter((x) => x.inputs.protocol === "https");
            expect(https, s.plan.name).to.have.length(1);
            expect(https[0].inputs.endpoint).to.equal("[secret]");
            expect(s.byUrn(deps(https[0], "topic")[0]).name).to.match(/-obs-alarms-topic$/);
            for (const c of s.all("aws:cloudwatch/compositeAlarm:CompositeAlarm")) {
                const topics = deps(c, "alarmActions");
                expect(
                    https.some((x) => deps(x, "topic").some((t) => topics.includes(t))),
                    c.name,
                ).to.equal(false);
            }
        }
    });

    it("each workload stack has a region-unhealthy composite over all its alarms", async () => {
        for (const s of await plannedStacks((d) => d.role === "workload")) {
            const names = s.all("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name as string);
            const c = s.one("aws:cloudwatch/compositeAlarm:CompositeAlarm");
            const terms = String(c.inputs.alarmRule).split(" OR ");
            expect(terms).to.have.members(names.map((n) => `ALARM("${n}")`));
            expect(s.outputs.regionHealthAlarmName).to.equal(c.inputs.alarmName);
        }
    });
});

describe("observability config is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const dev = stackFileConfig("dev");
    const config = Object.fromEntries(
        Object.entries(dev)
            .filter(([k]) => k.startsWith(`${PROJECT}:`))
            .map(([k, v]) => [k.slice(PROJECT.length + 1), v]),
    );
    const rows: { why: string; observability: unknown; messages: string[] }[] = [
        {
            why: "a period and a retention CloudWatch refuses",
            observability: { alarms: { "cache-cpu": { periodSeconds: 45 } }, logRetentionDays: 45 },
            messages: [
                "payments-platform:observability.alarms.cache-cpu.periodSeconds is 45, must be 10, 20, 30 or a multiple of 60",
                "payments-platform:observability.logRetentionDays is 45, CloudWatch Logs allows",
            ],
        },
        {
            why: "an override of an alarm that does not exist",
            observability: { alarms: { "aurora-cpu": { threshold: 1 } } },
            messages: ["payments-platform:observability.alarms.aurora-cpu is not an alarm of the coverage matrix"],
        },
        {
            why: "an address that is not one",
            observability: { email: "oncall" },
            messages: ['payments-platform:observability.email is "oncall"'],
        },
    ];
    for (const row of rows) {
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: { ...config, observability: row.observability },
                    rawConfig: { "aws:region": dev["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });
    }
});
