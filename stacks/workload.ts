/**
 * An environment's workloads in one region: its spoke VPC on the region's hub, the EKS platform,
 * and the payments data stores. Each area's wiring lives in stacks/workload/<area>.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { GlobalPrimary } from "./config/database";
import { StackContext } from "./context";
import { SpokeNetwork, WorkloadExportsPart } from "./contracts";
import { buildApps } from "./workload/apps";
import { buildDatabase } from "./workload/database";
import { buildRegionalEdge, cloudFrontOriginFacing } from "./workload/edge";
import { autoscalingRoleToCreate, buildEks } from "./workload/eks";
import { HubView, buildSpoke } from "./workload/network";
import { buildWorkloadObservability } from "./workload/observability";

/** Builds the stack; the entry point has read the hub and run the preflight before any resource. */
export async function buildWorkloadStack(
    ctx: StackContext,
    hub: HubView,
    availabilityZones: string[],
    primary?: GlobalPrimary,
): Promise<WorkloadExportsPart> {
    const outputs: WorkloadExportsPart = {
        region: ctx.cfg.region,
        environment: ctx.cfg.environment,
        platformKeyArn: ctx.baseline.keyArn,
    };
    const spoke: SpokeNetwork = buildSpoke(ctx, hub, availabilityZones, outputs);
    // external-secrets reads the cache's AUTH token parameter, encrypted with the data key; that key
    // is made after the cluster (the stores admit the cluster's security group), hence deferred.
    const [dataKeyArn, resolveDataKeyArn] = pulumi.deferredOutput<string>();
    const createRole = await autoscalingRoleToCreate(
        ctx.cfg.eks?.createAutoscalingServiceLinkedRole ?? "auto",
        ctx.provider,
    );
    // The ALBs admit CloudFront's origin-facing ranges, and nginx trusts them as proxies.
    const cloudFront = ctx.cfg.edge ? cloudFrontOriginFacing(ctx) : undefined;
    const trusted = cloudFront?.entries.apply((es) => es.map((e) => e.cidr)) ?? [];
    const cluster = buildEks(ctx, spoke, outputs, [dataKeyArn], createRole, trusted);
    const db = buildDatabase(ctx, spoke, cluster, outputs, primary);
    resolveDataKeyArn(db.kmsKeyArn);
    // KEDA scales the payments workers on queue depth; the queues exist only after the cluster.
    cluster.cluster.allowQueueScaling("payments-queue", [db.queue.queueArn, db.queue.dlqArn]);
    const edge = cloudFront ? buildRegionalEdge(ctx, spoke, cluster.cluster, cloudFront, outputs) : undefined;
    buildWorkloadObservability(ctx, { spoke, cluster: cluster.cluster, db, edge }, outputs);
    buildApps(ctx, hub, cluster.cluster, db, spoke, outputs);
    return outputs;
}
