/**
 * An environment's workloads in one region: its spoke VPC on the region's hub, the EKS platform,
 * and the payments data stores. Each area's wiring lives in stacks/workload/<area>.ts.
 */
import { StackContext } from "./context";

export function buildWorkloadStack(ctx: StackContext): Record<string, unknown> {
    const outputs: Record<string, unknown> = {
        region: ctx.cfg.region,
        environment: ctx.cfg.environment,
        platformKeyArn: ctx.baseline.keyArn,
    };
    // [network] const spoke: SpokeNetwork = buildSpoke(ctx, outputs);  (stacks/workload/network.ts)
    // [eks] const cluster = buildEks(ctx, spoke, outputs);  → ClusterAccess  (stacks/workload/eks.ts)
    // [database] buildDatabase(ctx, spoke, cluster, outputs);  (stacks/workload/database.ts)
    return outputs;
}
