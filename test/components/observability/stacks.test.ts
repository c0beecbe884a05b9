/**
 * The paging path in every planned stack: alarm topics whose key CloudWatch may use, a PagerDuty
 * subscription whose URL (it holds the integration key) is a secret, and config errors in config words.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { loadStackSettings } from "../../../stacks/config";
import {
    PROJECT,
    discoverStacks,
    json,
    plannedStacks,
    record,
    rejection,
    stackFileConfig,
    projectConfigOf,
} from "../../harness";

const deps = (r: ResourceRecord, input: string): string[] =>
    ((r as unknown as { propertyDependencies?: Record<string, string[]> }).propertyDependencies ?? {})[input] ?? [];

/** The stacks with an ObservabilityStack: every hub, workload and edge stack (bootstrap is IAM only). */
async function observedStacks() {
    const roles = new Map(discoverStacks().map((d) => [d.name, d.role]));
    return (await plannedStacks()).filter((s) =>
        ["network", "workload", "edge"].includes(roles.get(s.plan.name) ?? ""),
    );
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
    const config = projectConfigOf("dev");
    const K = `${PROJECT}:observability.canary`;
    const rows: { why: string; observability: unknown; drop?: string[]; messages: string[] }[] = [
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
        {
            why: "a canary schedule that is not a Synthetics rate",
            observability: { canary: { schedule: "cron(0/5 * * * ? *)" } },
            messages: [
                `${K}.schedule is "cron(0/5 * * * ? *)", must be rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)`,
            ],
        },
        {
            why: "a canary rate Synthetics refuses (plural hours)",
            observability: { canary: { schedule: "rate(2 hours)" } },
            messages: [`${K}.schedule is "rate(2 hours)", must be rate(1 minute)`],
        },
        {
            why: "a canary slower than its alarm's period (missing runs breach)",
            observability: { canary: { schedule: "rate(10 minutes)" } },
            messages: [
                `${K}.schedule is "rate(10 minutes)" (every 600 s), the canary-success alarm's period is 300 s: missing runs count as failures, so run at least once per period`,
            ],
        },
        {
            why: "a canary runtime below the floor",
            observability: { canary: { runtime: "syn-nodejs-puppeteer-6.2" } },
            messages: [`${K}.runtime is "syn-nodejs-puppeteer-6.2", must be syn-nodejs-puppeteer-9.1 or newer`],
        },
        {
            why: "a canary runtime of another family",
            observability: { canary: { runtime: "syn-python-selenium-5.1" } },
            messages: [
                `${K}.runtime is "syn-python-selenium-5.1", must be a syn-nodejs-puppeteer-<major>.<minor> runtime`,
            ],
        },
        {
            why: "a canary path without its leading slash",
            observability: { canary: { path: "healthz" } },
            messages: [`${K}.path is "healthz", must be a URL path starting with / (at most 1024 characters)`],
        },
        {
            why: "a canary path CloudFront serves from the static bucket",
            observability: { canary: { path: "/static/health" } },
            messages: [
                `${K}.path is "/static/health", CloudFront serves /static/* from the static bucket, not the API`,
            ],
        },
        {
            why: "a canary in a stack the public edge does not serve (edge.prefix)",
            observability: { canary: { enabled: true } },
            messages: [
                `${K}.enabled is true, but payments-platform:edge.prefix is "dev": the public edge (CloudFront, Global Accelerator) serves only stacks without a prefix`,
            ],
        },
        {
            why: "a canary in a stack without an edge",
            observability: { canary: { enabled: true } },
            drop: ["edge"],
            messages: [
                `${K}.enabled is true, but payments-platform:edge is not set: no public edge name reaches this stack`,
            ],
        },
        {
            why: "an unknown canary key",
            observability: { canary: { url: "https://example.com" } },
            messages: [`${K} has unknown keys url`],
        },
    ];
    for (const row of rows) {
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: {
                        ...Object.fromEntries(Object.entries(config).filter(([k]) => !row.drop?.includes(k))),
                        observability: row.observability,
                    },
                    rawConfig: { "aws:region": dev["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });
    }
});
