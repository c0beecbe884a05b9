/**
 * An environment's workloads in one region: its spoke VPC on the region's hub, the EKS platform,
 * and the payments data stores. Each area's wiring lives in stacks/workload/<area>.ts.
 */
import { StackContext } from "./context";
import { SpokeNetwork } from "./contracts";
import { buildDatabase } from "./workload/database";
import { buildEks } from "./workload/eks";
import { HubView, buildSpoke } from "./workload/network";

/** Builds the stack; the entry point has read the hub and run the preflight before any resource. */
export function buildWorkloadStack(
    ctx: StackContext,
    hub: HubView,
    availabilityZones: string[],
): Record<string, unknown> {
    const outputs: Record<string, unknown> = {
        region: ctx.cfg.region,
        environment: ctx.cfg.environment,
        platformKeyArn: ctx.baseline.keyArn,
    };
    const spoke: SpokeNetwork = buildSpoke(ctx, hub, availabilityZones, outputs);
    const cluster = buildEks(ctx, spoke, outputs);
    const db = buildDatabase(ctx, spoke, cluster, outputs);
    // KEDA scales the payments workers on queue depth; the queues exist only after the cluster.
    cluster.cluster.allowQueueScaling("payments-queue", [db.queue.queueArn, db.queue.dlqArn]);
    return outputs;
}
