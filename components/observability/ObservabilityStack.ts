/**
 * A stack's alerting: the alarm topic to PagerDuty, one CloudWatch alarm per coverage-matrix row and
 * watched resource (each with an alarm and an OK action: PagerDuty resolves the incident on OK), an
 * optional composite "region unhealthy" alarm on a topic of its own, and a dashboard of the same rows.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmOverride, MonitoredResource, alarmSettings, overrideProblems, targetProblems } from "./alarmSpec";
import { DashboardEntry, dashboardBody } from "./dashboard";
import { AlarmRule, rulesFor } from "./matrix";
import { AlarmTopic, alarmTopic } from "./topic";

export interface ObservabilityStackArgs {
    /** The resources to alarm on; each gets every matrix row of its type (and traits). */
    targets: MonitoredResource[];
    /** PagerDuty's CloudWatch integration key: a secret, it is part of the subscription's URL. */
    pagerDutyIntegrationKey: pulumi.Input<string>;
    /** An address that also gets every alarm (it must confirm the subscription). @default none */
    email?: string;
    /** Per-rule changes, by matrix key (checked against the matrix). @default {} */
    overrides?: Record<string, AlarmOverride>;
    /**
     * A composite "region unhealthy" alarm over every alarm of the stack, on its own topic: PagerDuty's
     * CloudWatch integration does not parse composite-alarm payloads, so that topic pages no one and
     * reaches `email` only; the edge's health checks read the alarm's state. @default false
     */
    regionHealth?: boolean;
    /** The region, for the dashboard's graphs. */
    region: string;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
    /** Pulumi `protect` on the topics' keys: true in prod and the shared hub, as every key there. @default false */
    protectKeys?: boolean;
}

export class ObservabilityStack extends pulumi.ComponentResource {
    /** The topic every alarm notifies (alarm and OK). */
    public readonly alarmTopicArn: pulumi.Output<string>;
    /** The composite alarm's topic (not paging), or undefined without `regionHealth`. */
    public readonly compositeTopicArn?: pulumi.Output<string>;
    /** The composite "region unhealthy" alarm's name, or undefined without `regionHealth`. */
    public readonly regionHealthAlarmName?: pulumi.Output<string>;
    /** The dashboard's name. */
    public readonly dashboardName: pulumi.Output<string>;
    /** Every metric alarm, by `<label>-<rule key>`. */
    public readonly alarms: Record<string, aws.cloudwatch.MetricAlarm>;

    constructor(name: string, args: ObservabilityStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:observability:ObservabilityStack", name, {}, opts);
        validate(args);
        const tags = args.tags ?? {};
        const topic = alarmTopic(
            `${name}-alarms`,
            {
                pagerDutyIntegrationKey: args.pagerDutyIntegrationKey,
                email: args.email,
                tags,
                protectKey: args.protectKeys,
            },
            this,
        );
        this.alarmTopicArn = topic.topic.arn;
        const entries = this.metricAlarms(name, args, topic, tags);
        this.alarms = Object.fromEntries(entries.map((e) => [e.id, e.alarm]));
        if (args.regionHealth) {
            const composite = this.regionHealth(name, args, entries, tags);
            this.compositeTopicArn = composite.topic.arn;
            this.regionHealthAlarmName = composite.alarm.alarmName;
        }
        const dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            { dashboardName: `${name}-alarms`, dashboardBody: this.dashboard(args.region, entries) },
            { parent: this },
        );
        this.dashboardName = dashboard.dashboardName;
        this.registerOutputs({
            alarmTopicArn: this.alarmTopicArn,
            compositeTopicArn: this.compositeTopicArn,
            dashboardName: this.dashboardName,
        });
    }

    private metricAlarms(name: string, args: ObservabilityStackArgs, topic: AlarmTopic, tags: Record<string, string>) {
        return args.targets.flatMap((t) =>
            rulesFor(t.resourceType, t.traits).map((rule) => {
                const s = alarmSettings(rule, t, args.overrides?.[rule.key]);
                const id = `${t.label}-${rule.key}`;
                const dimensions = { ...rule.fixedDimensions, ...pick(t.dimensions, rule.dimensions) };
                const percentile = rule.statistic.startsWith("p");
                const alarm = new aws.cloudwatch.MetricAlarm(
                    `${name}-${id}`,
                    {
                        // A fixed name: PagerDuty shows it, the composite rule names it, and it
                        // changes (and replaces the alarm) only when the label or the row does.
                        name: `${name}-${id}`,
                        alarmDescription: `${rule.reason} (${t.label}; coverage matrix ${rule.key})`,
                        namespace: rule.namespace,
                        metricName: rule.metricName,
                        dimensions,
                        statistic: percentile ? undefined : rule.statistic,
                        extendedStatistic: percentile ? rule.statistic : undefined,
                        comparisonOperator: rule.comparison,
                        threshold: s.threshold!,
                        period: s.periodSeconds,
                        evaluationPeriods: s.evaluationPeriods,
                        treatMissingData: rule.missingData,
                        alarmActions: [topic.topic.arn],
                        okActions: [topic.topic.arn],
                        tags: { ...tags, Name: `${name}-${id}` },
                    },
                    // The topic policy must exist first, or the first state change can't publish.
                    { parent: this, dependsOn: [topic.policy] },
                );
                return { id, rule, target: t, settings: s, dimensions, alarm };
            }),
        );
    }

    private regionHealth(
        name: string,
        args: ObservabilityStackArgs,
        entries: { alarm: aws.cloudwatch.MetricAlarm }[],
        tags: Record<string, string>,
    ) {
        const topic = alarmTopic(`${name}-composite`, { email: args.email, tags, protectKey: args.protectKeys }, this);
        const rule = pulumi
            .all(entries.map((e) => e.alarm.name))
            .apply((names) => names.map((n) => `ALARM("${n}")`).join(" OR "));
        const alarm = new aws.cloudwatch.CompositeAlarm(
            `${name}-region-unhealthy`,
            {
                alarmName: `${name}-region-unhealthy`,
                alarmDescription:
                    "Any alarm of the region's stack is in ALARM (not paging: PagerDuty gets each alarm itself)",
                alarmRule: rule,
                actionsEnabled: true,
                alarmActions: [topic.topic.arn],
                okActions: [topic.topic.arn],
                tags: { ...tags, Name: `${name}-region-unhealthy` },
            },
            { parent: this, dependsOn: [topic.policy] },
        );
        return { topic: topic.topic, alarm };
    }

    private dashboard(
        region: string,
        entries: {
            rule: AlarmRule;
            target: MonitoredResource;
            settings: { threshold?: number; periodSeconds: number };
            dimensions: Record<string, pulumi.Input<string>>;
        }[],
    ): pulumi.Output<string> {
        const resolved = entries.map((e) =>
            pulumi.all(e.dimensions).apply((dimensions): DashboardEntry => ({
                rule: e.rule,
                label: e.target.label,
                dimensions,
                threshold: e.settings.threshold!,
                periodSeconds: e.settings.periodSeconds,
            })),
        );
        return pulumi.all(resolved).apply((es) => dashboardBody(region, es));
    }
}

function pick(dims: Record<string, pulumi.Input<string>>, names: readonly string[]) {
    return Object.fromEntries(names.map((n) => [n, dims[n]]));
}

function validate(args: ObservabilityStackArgs): void {
    const problems = [
        ...overrideProblems("overrides", args.overrides ?? {}),
        ...targetProblems("targets", args.targets, (t) => rulesFor(t.resourceType, t.traits)),
        ...(args.regionHealth && args.targets.length === 0
            ? ["regionHealth is true, but there is no target to alarm on"]
            : []),
    ];
    if (problems.length > 0) throw new Error(`Invalid ObservabilityStack args:\n - ${problems.join("\n - ")}`);
}
