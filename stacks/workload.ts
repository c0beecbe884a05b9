/**
 * An environment's workloads in one region: its spoke VPC on the region's hub, the EKS platform,
 * and the payments data stores. Each area's wiring lives in stacks/workload/<area>.ts.
 */
import { StackContext } from "./context";

export function buildWorkloadStack(ctx: StackContext): Record<string, unknown> {
    return {
        region: ctx.cfg.region,
        environment: ctx.cfg.environment,
        platformKeyArn: ctx.baseline.keyArn,
    };
}
