/**
 * The coverage check, read off a recorded plan: for every resource of a type the matrix covers,
 * what it must be watched with (derived from the resource's own record: its id, its inputs, or the
 * dependency an alarm's dimensions take on it), and which alarms of the stack do so.
 */
import { ResourceRecord } from "../../../automation/plan/types";
import {
    AlarmOverride,
    AlarmRule,
    COVERED_TYPES,
    TargetTrait,
    alarmSettings,
    rulesFor,
} from "../../../components/observability";
import { Recorded } from "../../harness";

/** How an alarm's dimension must point at the resource: its value, or a dependency on the resource. */
type DimensionMatch = { value: string } | { dependsOn: string } | { present: true };

export interface ExpectedTarget {
    resource: ResourceRecord;
    /** A node of a replication group, or the resource itself. */
    what: string;
    dimensions: Record<string, DimensionMatch>;
    traits: TargetTrait[];
    threshold?: number;
}

const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const depsOf = (r: ResourceRecord, input: string): string[] =>
    ((r as unknown as { propertyDependencies?: Record<string, string[]> }).propertyDependencies ?? {})[input] ?? [];
const str = (v: unknown, fallback: string) => (typeof v === "string" && v !== "" ? v : fallback);

/** Queues that something dead-letters into: a queue's redrive policy or an EventBridge target's DLQ. */
function isDeadLetter(stack: Recorded, queue: ResourceRecord): boolean {
    const redrives = stack.all("aws:sqs/queue:Queue").flatMap((q) => depsOf(q, "redrivePolicy"));
    const targets = stack.all("aws:cloudwatch/eventTarget:EventTarget").flatMap((t) => depsOf(t, "deadLetterConfig"));
    return [...redrives, ...targets].includes(queue.urn);
}

function cacheNodes(r: ResourceRecord): ExpectedTarget[] {
    const i = r.inputs;
    if (i.clusterMode === "enabled") throw new Error(`${r.name}: cluster-mode node ids are not modelled by this check`);
    const count = typeof i.numCacheClusters === "number" ? i.numCacheClusters : Number(i.replicasPerNodeGroup ?? 0) + 1;
    const group = str(i.replicationGroupId, r.id);
    return Array.from({ length: count }, (_, n) => {
        const id = `${group}-${String(n + 1).padStart(3, "0")}`;
        return { resource: r, what: id, dimensions: { CacheClusterId: { value: id } }, traits: [] };
    });
}

/** What every covered resource of the stack must be watched with. */
export function expectedTargets(stack: Recorded): ExpectedTarget[] {
    const one = (r: ResourceRecord, dimensions: Record<string, DimensionMatch>, rest: Partial<ExpectedTarget> = {}) => [
        { resource: r, what: r.name, dimensions, traits: [], ...rest },
    ];
    return stack.resources
        .filter((r) => COVERED_TYPES.includes(r.type))
        .flatMap((r): ExpectedTarget[] => {
            switch (r.type) {
                case "aws:ec2/natGateway:NatGateway":
                    return one(r, { NatGatewayId: { value: r.id } });
                case "aws:ec2transitgateway/transitGateway:TransitGateway":
                    return one(r, { TransitGateway: { value: r.id } });
                case "aws:rds/cluster:Cluster":
                    return one(
                        r,
                        { DBClusterIdentifier: { value: str(r.inputs.clusterIdentifier, r.id) } },
                        { traits: r.inputs.globalClusterIdentifier ? ["global-member"] : [] },
                    );
                case "aws:rds/proxy:Proxy":
                    return one(r, { ProxyName: { value: str(r.inputs.name, r.id) } });
                case "aws:elasticache/replicationGroup:ReplicationGroup":
                    return cacheNodes(r);
                case "aws:sqs/queue:Queue":
                    return one(
                        r,
                        { QueueName: { dependsOn: r.urn } },
                        { traits: isDeadLetter(stack, r) ? ["dead-letter"] : [] },
                    );
                case "aws:eks/cluster:Cluster": {
                    const name = str(r.inputs.name, r.id);
                    const floor = stack
                        .all("aws:eks/nodeGroup:NodeGroup")
                        .filter((g) => g.inputs.clusterName === name)
                        .reduce((sum, g) => sum + Number((g.inputs.scalingConfig as { minSize: number }).minSize), 0);
                    return one(r, { ClusterName: { value: name } }, { threshold: floor });
                }
                case "aws:lb/loadBalancer:LoadBalancer":
                    // Network load balancers have no target 5xx or response time.
                    return str(r.inputs.loadBalancerType, "application") === "application"
                        ? one(r, { LoadBalancer: { dependsOn: r.urn } })
                        : [];
                case "aws:lb/targetGroup:TargetGroup":
                    return one(r, { TargetGroup: { dependsOn: r.urn }, LoadBalancer: { present: true } });
                case "aws:synthetics/canary:Canary":
                    return one(r, { CanaryName: { value: str(r.inputs.name, r.id) } });
                case "aws:cloudfront/distribution:Distribution":
                    return one(r, { DistributionId: { value: r.id } });
                case "aws:wafv2/webAcl:WebAcl":
                    // The name is part of the ARN the alarm's dimension is read from.
                    return one(
                        r,
                        { WebACL: { dependsOn: r.urn } },
                        { traits: r.inputs.scope === "CLOUDFRONT" ? ["cloudfront-scope"] : [] },
                    );
                default:
                    throw new Error(`the coverage check has no rule for covered type ${r.type}`);
            }
        });
}

function matches(alarm: ResourceRecord, rule: AlarmRule, t: ExpectedTarget): boolean {
    const i = alarm.inputs;
    if (i.namespace !== rule.namespace || i.metricName !== rule.metricName) return false;
    const dims = (i.dimensions ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(rule.fixedDimensions ?? {})) if (dims[k] !== v) return false;
    return Object.entries(t.dimensions).every(([k, m]) =>
        "value" in m
            ? dims[k] === m.value
            : "dependsOn" in m
              ? dims[k] !== undefined && depsOf(alarm, "dimensions").includes(m.dependsOn)
              : dims[k] !== undefined,
    );
}

/** Topics that page: an HTTPS subscription to PagerDuty's CloudWatch integration. */
function pagingTopics(stack: Recorded): Set<string> {
    const topics = stack.all("aws:sns/topic:Topic");
    const subs = stack.all("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.protocol === "https");
    return new Set(topics.filter((t) => subs.some((s) => depsOf(s, "topic").includes(t.urn))).map((t) => t.urn));
}

/** Everything wrong with the stack's alarm coverage, one line per missing or wrong alarm. */
export function coverageProblems(stack: Recorded, overrides: Record<string, AlarmOverride> = {}): string[] {
    const alarms = stack.all(METRIC_ALARM);
    const paging = pagingTopics(stack);
    const problems: string[] = [];
    for (const t of expectedTargets(stack)) {
        for (const rule of rulesFor(t.resource.type, t.traits)) {
            const where = `${stack.plan.name}: ${t.what} (${t.resource.type}) ${rule.key}`;
            const found = alarms.filter((a) => matches(a, rule, t));
            if (found.length !== 1) {
                problems.push(
                    `${where}: ${found.length} alarms on ${rule.namespace}/${rule.metricName} point at it, expected 1`,
                );
                continue;
            }
            const i = found[0].inputs;
            const want = alarmSettings(rule, t, overrides[rule.key]);
            const stat = rule.statistic.startsWith("p") ? i.extendedStatistic : i.statistic;
            if (stat !== rule.statistic || i.comparisonOperator !== rule.comparison || i.threshold !== want.threshold)
                problems.push(
                    `${where}: ${String(stat)} ${String(i.comparisonOperator)} ${String(i.threshold)}, expected ${rule.statistic} ${rule.comparison} ${want.threshold}`,
                );
            if (i.period !== want.periodSeconds || i.evaluationPeriods !== want.evaluationPeriods)
                problems.push(
                    `${where}: period ${String(i.period)} x ${String(i.evaluationPeriods)}, expected ${want.periodSeconds} x ${want.evaluationPeriods}`,
                );
            for (const action of ["alarmActions", "okActions"]) {
                const arns = (i[action] ?? []) as unknown[];
                // Each ARN comes from a topic's output: the input's dependencies name the topics.
                const topics = depsOf(found[0], action);
                if (arns.length === 0 || topics.length !== arns.length || !topics.every((u) => paging.has(u)))
                    problems.push(`${where}: ${action} ${JSON.stringify(arns)} must all be paging topics of the stack`);
            }
        }
    }
    return problems;
}
