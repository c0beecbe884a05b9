/**
 * Wiring of the observability area into a workload stack: every resource of a coverage-matrix type
 * that the other areas built, read from what their builders return, becomes a watched target.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolveCache } from "../../components/data/settings";
import { PaymentsDatabase } from "../../components/data";
import { RegionalEdge } from "../../components/edge/regionalEdge";
import { EksCluster } from "../../components/eks";
import { EdgeCanary, MonitoredResource, ObservabilityStack, canaryName } from "../../components/observability";
import { secretConfig } from "../config";
import { edgeHostnames } from "../config/edge";
import { canaryEnabled } from "../config/observability";
import { StackContext } from "../context";
import { SpokeNetwork, WorkloadExportsPart } from "../contracts";
import { stackObservabilityArgs } from "../observability";

export interface WorkloadHandles {
    spoke: SpokeNetwork;
    cluster: EksCluster;
    db: PaymentsDatabase;
    /** The regional edge's ALBs, where the stack has an edge. @default none */
    edge?: RegionalEdge;
}

export function buildWorkloadObservability(
    ctx: StackContext,
    h: WorkloadHandles,
    outputs: WorkloadExportsPart,
): ObservabilityStack {
    const { cfg } = ctx;
    const obs = new ObservabilityStack(
        `${cfg.stack}-obs`,
        {
            targets: [
                ...natTargets(ctx, h.spoke),
                ...dataTargets(ctx, h.db),
                eksTarget(ctx, h),
                ...(h.edge ? albTargets(h.edge) : []),
                ...canaryTargets(ctx),
            ],
            ...stackObservabilityArgs(ctx),
            // Every workload stack, so the output contract holds everywhere; only prod's is read by the edge.
            regionHealth: true,
        },
        ctx.opts,
    );
    const inCluster = cfg.observability.cluster;
    h.cluster.addObservability({
        settings: { ...inCluster, logRetentionDays: inCluster.logRetentionDays ?? cfg.observability.logRetentionDays },
        // Events API v2 (Alertmanager), not the CloudWatch integration's key the topic uses.
        pagerDutyIntegrationKey: secretConfig("pagerDutyRoutingKey")!,
        logKmsKeyArn: ctx.baseline.keyArn,
    });
    const part: WorkloadExportsPart = {
        alarmTopicArn: obs.alarmTopicArn,
        regionHealthAlarmName: obs.regionHealthAlarmName!,
        dashboardName: obs.dashboardName,
    };
    Object.assign(outputs, part);
    return obs;
}

/**
 * The edge canary, where the stack runs one: it GETs the health path on the public names only
 * (CloudFront's apex, Global Accelerator's api name), never the ALB's, so a broken distribution,
 * WAF rule, DNS record or accelerator fails it as it would fail customers. Each name routes to the
 * nearest healthy region, which for a canary running in this region is normally this region.
 */
function canaryTargets(ctx: StackContext): MonitoredResource[] {
    const { cfg } = ctx;
    if (!cfg.edge || !canaryEnabled(cfg.observability, cfg)) return [];
    const c = cfg.observability.canary;
    const names = edgeHostnames(cfg.edge);
    const canary = new EdgeCanary(
        `${cfg.stack}-synthetics`,
        {
            canaryName: canaryName(`${cfg.stack}-edge`),
            urls: [`https://${cfg.edge.domain}${c.path}`, `https://${names.api}${c.path}`],
            kmsKeyArn: ctx.baseline.keyArn,
            schedule: c.schedule,
            runtimeVersion: c.runtime,
        },
        ctx.opts,
    );
    return [
        {
            label: "canary",
            resourceType: "aws:synthetics/canary:Canary",
            dimensions: { CanaryName: canary.canaryName },
        },
    ];
}

/**
 * The spoke's NAT gateways. awsx exposes them only as Output<NatGateway[]> (alarms inside an apply
 * would be invisible in preview), so each is looked up by its public subnet, as the spoke's routes
 * are. How many there are follows the spoke's strategy, defaulted as stacks/workload/network.ts does;
 * the coverage test fails if the two ever disagree.
 */
function natTargets(ctx: StackContext, spoke: SpokeNetwork): MonitoredResource[] {
    const strategy = ctx.cfg.network?.spoke?.natStrategy ?? (ctx.cfg.environment === "prod" ? "OnePerAz" : "Single");
    const count = strategy === "OnePerAz" ? spoke.availabilityZones.length : strategy === "Single" ? 1 : 0;
    return Array.from({ length: count }, (_, i) => {
        const subnetId = spoke.publicSubnetIds.apply((ids) => ids[i]);
        const nat = aws.ec2.getNatGatewayOutput({ subnetId, state: "available" }, { provider: ctx.provider });
        return {
            label: `nat-${i + 1}`,
            resourceType: "aws:ec2/natGateway:NatGateway",
            dimensions: { NatGatewayId: nat.id },
        };
    });
}

/** The first label of an RDS or ElastiCache endpoint's host name (`<proxy-name>.proxy-…`). */
const hostLabel = (endpoint: pulumi.Input<string>, n: number) => pulumi.output(endpoint).apply((e) => e.split(".")[n]);

function dataTargets(ctx: StackContext, db: PaymentsDatabase): MonitoredResource[] {
    const dbCfg = ctx.cfg.database;
    const targets: MonitoredResource[] = [
        {
            label: "aurora",
            resourceType: "aws:rds/cluster:Cluster",
            dimensions: { DBClusterIdentifier: db.clusterIdentifier },
            traits: dbCfg.global ? ["global-member"] : [],
        },
    ];
    // A global secondary has no proxy until it is promoted. The proxy's name is its endpoint's first
    // label (`<name>.proxy-<hash>.<region>.rds.amazonaws.com`): the component exposes no name.
    if (db.proxyEndpoint)
        targets.push({
            label: "proxy",
            resourceType: "aws:rds/proxy:Proxy",
            dimensions: { ProxyName: hostLabel(db.proxyEndpoint, 0) },
        });
    // ElastiCache publishes per node (CacheClusterId `<group>-001`…); the group id is the primary
    // endpoint's second label (`master.<group>.<hash>.<region>.cache.amazonaws.com`).
    const groupId = hostLabel(db.cache.primaryEndpoint, 1);
    const nodes = resolveCache(dbCfg.cache).replicas + 1;
    for (let n = 1; n <= nodes; n++) {
        const node = String(n).padStart(3, "0");
        targets.push({
            label: `cache-${node}`,
            resourceType: "aws:elasticache/replicationGroup:ReplicationGroup",
            dimensions: { CacheClusterId: groupId.apply((g) => `${g}-${node}`) },
        });
    }
    const queue = "aws:sqs/queue:Queue";
    targets.push(
        {
            label: "payments-queue",
            resourceType: queue,
            dimensions: { QueueName: db.queue.queueUrl.apply((u) => u.split("/").pop()!) },
        },
        {
            label: "payments-dlq",
            resourceType: queue,
            dimensions: { QueueName: db.queue.dlqName },
            traits: ["dead-letter"],
        },
        {
            label: "events-dlq",
            resourceType: queue,
            dimensions: { QueueName: db.queue.eventsDlqName },
            traits: ["dead-letter"],
        },
    );
    return targets;
}

/**
 * CloudWatch names an ALB by its ARN's suffix after `loadbalancer/` (`app/<name>/<id>`) and a target
 * group by the part after the account (`targetgroup/<name>/<id>`): what the provider's `arnSuffix`
 * computes, derived here from the ARN so the dimension follows the resource it watches.
 */
const lbSuffix = (arn: pulumi.Output<string>) => arn.apply((a) => a.split(":loadbalancer/")[1] ?? a);
const tgSuffix = (arn: pulumi.Output<string>) => arn.apply((a) => a.split(":").slice(5).join(":"));

/** Each of the edge's ALBs and its target group. */
function albTargets(edge: RegionalEdge): MonitoredResource[] {
    return edge.paths.flatMap(({ path, loadBalancer, targetGroup }): MonitoredResource[] => [
        {
            label: `alb-${path}`,
            resourceType: "aws:lb/loadBalancer:LoadBalancer",
            dimensions: { LoadBalancer: lbSuffix(loadBalancer.arn) },
        },
        {
            label: `alb-${path}-targets`,
            resourceType: "aws:lb/targetGroup:TargetGroup",
            dimensions: { TargetGroup: tgSuffix(targetGroup.arn), LoadBalancer: lbSuffix(loadBalancer.arn) },
        },
    ]);
}

/** The cluster, with its node floor: every pool's per-AZ minimum in every AZ. */
function eksTarget(ctx: StackContext, h: WorkloadHandles): MonitoredResource {
    const pools = ctx.cfg.eks?.nodeGroups;
    const perAz = pools ? pools.system.minSize + pools.apps.minSize : 0;
    return {
        label: "eks",
        resourceType: "aws:eks/cluster:Cluster",
        dimensions: { ClusterName: h.cluster.clusterName },
        threshold: perAz * h.spoke.availabilityZones.length,
    };
}
