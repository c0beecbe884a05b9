/**
 * The coverage matrix: for each AWS resource type the platform creates, the CloudWatch alarms it
 * must have. It is data, read three ways: the ObservabilityStack builds alarms and the dashboard
 * from it, the coverage test checks every planned resource of a listed type against it, and the
 * README's alarm table is checked against it. A row for a type no stack creates yet (the regional
 * ALB, a global database's secondaries) applies as soon as such a resource appears in a plan.
 */

/** A CloudWatch statistic, or a percentile (extended statistic). */
export type AlarmStatistic = "Average" | "Maximum" | "Minimum" | "Sum" | "SampleCount" | "p99";

export type AlarmComparison =
    "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

export type MissingData = "notBreaching" | "breaching" | "missing" | "ignore";

/**
 * What singles out some resources of a type: a queue that is a dead-letter target, an Aurora
 * cluster that belongs to a global database, a web ACL of CloudFront's scope (not a region's).
 */
export type TargetTrait = "dead-letter" | "global-member" | "cloudfront-scope";

/** One required alarm. */
export interface AlarmRule {
    /** Stable key: the alarm's name suffix and the config override's key (`observability.alarms.<key>`). */
    key: string;
    /** The Pulumi type token of the resources it watches. */
    resourceType: string;
    /** Only on resources with this trait. @default every resource of the type */
    when?: TargetTrait;
    /** Never on resources with this trait. @default none */
    except?: TargetTrait;
    namespace: string;
    metricName: string;
    statistic: AlarmStatistic;
    comparison: AlarmComparison;
    /** The threshold, or "target" where it comes from the resource (an EKS cluster's node floor). */
    threshold: number | "target";
    periodSeconds: number;
    evaluationPeriods: number;
    /** The metric's dimensions, by name, that the watched resource supplies. */
    dimensions: readonly string[];
    /** Fixed dimensions besides the resource's (e.g. an Aurora role). @default {} */
    fixedDimensions?: Readonly<Record<string, string>>;
    /** What an absent metric means for this alarm. */
    missingData: MissingData;
    /** Why the alarm exists, in one line (README, alarm description). */
    reason: string;
}

const NAT = "aws:ec2/natGateway:NatGateway";
const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const AURORA = "aws:rds/cluster:Cluster";
const PROXY = "aws:rds/proxy:Proxy";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const QUEUE = "aws:sqs/queue:Queue";
const EKS = "aws:eks/cluster:Cluster";
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const CANARY = "aws:synthetics/canary:Canary";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

const FIVE_MIN = 300;
const ONE_MIN = 60;

export const COVERAGE_MATRIX: readonly AlarmRule[] = [
    {
        key: "nat-port-allocation-errors",
        resourceType: NAT,
        namespace: "AWS/NATGateway",
        metricName: "ErrorPortAllocation",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["NatGatewayId"],
        missingData: "notBreaching",
        reason: "the NAT ran out of source ports for one destination: new outbound connections fail",
    },
    {
        key: "nat-packets-dropped",
        resourceType: NAT,
        namespace: "AWS/NATGateway",
        metricName: "PacketsDropCount",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 100,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 2,
        dimensions: ["NatGatewayId"],
        missingData: "notBreaching",
        reason: "the NAT is dropping packets: egress to payment providers degrades",
    },
    {
        key: "tgw-blackhole-drops",
        resourceType: TGW,
        namespace: "AWS/TransitGateway",
        metricName: "PacketDropCountBlackhole",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["TransitGateway"],
        missingData: "notBreaching",
        reason: "traffic hits a blackhole route: an attachment or peering behind a route is gone",
    },
    {
        key: "tgw-no-route-drops",
        resourceType: TGW,
        namespace: "AWS/TransitGateway",
        metricName: "PacketDropCountNoRoute",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 100,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 2,
        dimensions: ["TransitGateway"],
        missingData: "notBreaching",
        reason: "traffic matches no route in a domain's table: a spoke or on-premises range is unreachable",
    },
    {
        key: "aurora-writer-cpu",
        resourceType: AURORA,
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 80,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["DBClusterIdentifier"],
        fixedDimensions: { Role: "WRITER" },
        missingData: "missing",
        reason: "the writer is saturated: payment writes queue up behind it",
    },
    {
        key: "aurora-writer-freeable-memory",
        resourceType: AURORA,
        namespace: "AWS/RDS",
        metricName: "FreeableMemory",
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        // 512 MiB: below it PostgreSQL starts evicting its cache and swapping.
        threshold: 536870912,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["DBClusterIdentifier"],
        fixedDimensions: { Role: "WRITER" },
        missingData: "missing",
        reason: "the writer is short of memory: cache hit rate falls and queries slow down",
    },
    {
        key: "aurora-replica-lag",
        resourceType: AURORA,
        namespace: "AWS/RDS",
        metricName: "AuroraReplicaLagMaximum",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // Milliseconds: readers a second behind serve stale balances.
        threshold: 1000,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 5,
        dimensions: ["DBClusterIdentifier"],
        missingData: "notBreaching",
        reason: "a reader lags the writer: reads through the read-only endpoint are stale",
    },
    {
        key: "aurora-deadlocks",
        resourceType: AURORA,
        namespace: "AWS/RDS",
        metricName: "Deadlocks",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 5,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["DBClusterIdentifier"],
        missingData: "notBreaching",
        reason: "transactions deadlock: payments are rolled back and retried",
    },
    {
        key: "aurora-global-replication-lag",
        resourceType: AURORA,
        when: "global-member",
        namespace: "AWS/RDS",
        metricName: "AuroraGlobalDBReplicationLag",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // Milliseconds. Every member is alarmed, not only today's secondaries: a switchover swaps roles,
        // and the primary publishes no lag (missing data is not breaching).
        threshold: 5000,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 5,
        dimensions: ["DBClusterIdentifier"],
        missingData: "notBreaching",
        reason: "the secondary region lags the primary: the DR recovery point grows",
    },
    {
        key: "proxy-client-connections",
        resourceType: PROXY,
        namespace: "AWS/RDS",
        metricName: "ClientConnections",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // Config sets the real ceiling (observability.alarms); the default is 80% of the proxy's
        // connection budget for the default instance class.
        threshold: 800,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 2,
        dimensions: ["ProxyName"],
        missingData: "notBreaching",
        reason: "client connections near the proxy's budget: new connections will wait or fail",
    },
    {
        key: "cache-cpu",
        resourceType: CACHE,
        namespace: "AWS/ElastiCache",
        metricName: "CPUUtilization",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 80,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["CacheClusterId"],
        missingData: "missing",
        reason: "the node's host CPU is saturated (snapshots, TLS, the OS)",
    },
    {
        key: "cache-engine-cpu",
        resourceType: CACHE,
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // The engine is single-threaded: this is the one core it runs on.
        threshold: 75,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["CacheClusterId"],
        missingData: "missing",
        reason: "the engine thread is saturated: every cache and Celery broker call slows down",
    },
    {
        key: "cache-evictions",
        resourceType: CACHE,
        namespace: "AWS/ElastiCache",
        metricName: "Evictions",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        // The broker's queued tasks live here too: an eviction may drop a task.
        threshold: 0,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["CacheClusterId"],
        missingData: "notBreaching",
        reason: "keys are evicted for memory: Celery tasks may be lost",
    },
    {
        key: "cache-replication-lag",
        resourceType: CACHE,
        namespace: "AWS/ElastiCache",
        metricName: "ReplicationLag",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // Seconds; the primary publishes none.
        threshold: 5,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 5,
        dimensions: ["CacheClusterId"],
        missingData: "notBreaching",
        reason: "a replica lags: a failover would lose recent writes",
    },
    {
        key: "cache-memory",
        resourceType: CACHE,
        namespace: "AWS/ElastiCache",
        metricName: "DatabaseMemoryUsagePercentage",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 85,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["CacheClusterId"],
        missingData: "missing",
        reason: "memory nearly full: evictions (and lost tasks) follow",
    },
    {
        key: "queue-oldest-message-age",
        resourceType: QUEUE,
        // A dead-letter queue keeps what it holds on purpose; its own row pages on the first message.
        except: "dead-letter",
        namespace: "AWS/SQS",
        metricName: "ApproximateAgeOfOldestMessage",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        // Seconds: a payment waiting ten minutes for a worker is an incident.
        threshold: 600,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["QueueName"],
        missingData: "notBreaching",
        reason: "messages wait: the consumers are down or far behind",
    },
    {
        key: "dlq-visible-messages",
        resourceType: QUEUE,
        when: "dead-letter",
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 1,
        dimensions: ["QueueName"],
        missingData: "notBreaching",
        reason: "a message was dead-lettered: a payment or event was not processed",
    },
    {
        key: "eks-node-count",
        resourceType: EKS,
        namespace: "ContainerInsights",
        metricName: "cluster_node_count",
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        // The sum of the node groups' minimum sizes: fewer nodes than that means nodes failed to join.
        threshold: "target",
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 2,
        dimensions: ["ClusterName"],
        // No Container Insights data is shown as INSUFFICIENT_DATA, never as a page.
        missingData: "missing",
        reason: "fewer nodes than the node groups' minimum: capacity is lost",
    },
    {
        key: "eks-pod-restarts",
        resourceType: EKS,
        namespace: "ContainerInsights",
        metricName: "pod_number_of_container_restarts",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 10,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 1,
        dimensions: ["ClusterName"],
        missingData: "notBreaching",
        reason: "containers crash-loop: a workload or add-on is failing",
    },
    {
        key: "alb-target-5xx",
        resourceType: ALB,
        namespace: "AWS/ApplicationELB",
        metricName: "HTTPCode_Target_5XX_Count",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 25,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 3,
        dimensions: ["LoadBalancer"],
        missingData: "notBreaching",
        reason: "the API answers 5xx: payments fail for customers",
    },
    {
        key: "alb-target-response-p99",
        resourceType: ALB,
        namespace: "AWS/ApplicationELB",
        metricName: "TargetResponseTime",
        statistic: "p99",
        comparison: "GreaterThanThreshold",
        // Seconds.
        threshold: 1,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 5,
        dimensions: ["LoadBalancer"],
        missingData: "notBreaching",
        reason: "the slowest 1% of API calls exceed a second: checkout times out",
    },
    {
        key: "alb-unhealthy-hosts",
        resourceType: TARGET_GROUP,
        namespace: "AWS/ApplicationELB",
        metricName: "UnHealthyHostCount",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 3,
        dimensions: ["TargetGroup", "LoadBalancer"],
        missingData: "notBreaching",
        reason: "targets fail health checks: capacity behind the ALB is reduced",
    },
    {
        key: "canary-success",
        resourceType: CANARY,
        namespace: "CloudWatchSynthetics",
        metricName: "SuccessPercent",
        statistic: "Average",
        comparison: "LessThanThreshold",
        threshold: 90,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 2,
        dimensions: ["CanaryName"],
        // A canary that stopped running is as bad as one that fails.
        missingData: "breaching",
        reason: "the end-to-end check through the edge fails: customers can't reach the API",
    },
    // CloudFront publishes to us-east-1 only, with Region=Global: edge-global (us-east-1) alarms on it.
    {
        key: "cloudfront-5xx-rate",
        resourceType: DISTRIBUTION,
        namespace: "AWS/CloudFront",
        metricName: "5xxErrorRate",
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        // Percent of all viewer requests: origin failures, timeouts, or every region's ALB out of DNS.
        threshold: 5,
        periodSeconds: ONE_MIN,
        evaluationPeriods: 5,
        dimensions: ["DistributionId"],
        fixedDimensions: { Region: "Global" },
        missingData: "notBreaching",
        reason: "viewers get 5xx from CloudFront: the origins fail or no region is reachable",
    },
    {
        key: "cloudfront-4xx-rate",
        resourceType: DISTRIBUTION,
        namespace: "AWS/CloudFront",
        metricName: "4xxErrorRate",
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        // High and slow on purpose: WAF blocks and 429s are 4xx too. A rotated origin secret that
        // CloudFront and the ALBs disagree on turns every API call into the ALBs' 403: this catches it.
        threshold: 25,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["DistributionId"],
        fixedDimensions: { Region: "Global" },
        missingData: "notBreaching",
        reason: "a quarter of viewer requests get 4xx: an origin-secret mismatch, a broken route or a WAF false positive",
    },
    {
        key: "waf-blocked-requests",
        resourceType: WEB_ACL,
        when: "cloudfront-scope",
        namespace: "AWS/WAFV2",
        metricName: "BlockedRequests",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        // Pages, at a threshold over the internet's background scanning: 5000 blocked requests in
        // each of three 5-minute periods is a sustained attack or a rule blocking customers (after a
        // managed-rule update). CloudFront-scope metrics carry no Region dimension.
        threshold: 5000,
        periodSeconds: FIVE_MIN,
        evaluationPeriods: 3,
        dimensions: ["WebACL"],
        fixedDimensions: { Rule: "ALL" },
        missingData: "notBreaching",
        reason: "the CloudFront WAF blocks far more than background noise: an attack, or a rule blocking customers",
    },
];

/** The rules for one resource type (and the target's traits). */
export function rulesFor(resourceType: string, traits: readonly TargetTrait[] = []): AlarmRule[] {
    return COVERAGE_MATRIX.filter(
        (r) =>
            r.resourceType === resourceType &&
            (!r.when || traits.includes(r.when)) &&
            (!r.except || !traits.includes(r.except)),
    );
}

/** Every resource type the matrix covers. */
export const COVERED_TYPES: readonly string[] = [...new Set(COVERAGE_MATRIX.map((r) => r.resourceType))];
