/**
 * The region's network hub stack (role "network"): Transit Gateway, route domains, shared services.
 */
import { StackContext } from "./context";

export function buildNetworkStack(ctx: StackContext): Record<string, unknown> {
    return {
        region: ctx.cfg.region,
        platformKeyArn: ctx.baseline.keyArn,
    };
}
