/**
 * Wiring of the apps area into a workload stack: the payments apps on the stack's cluster, their
 * images from the region's registry (the hub stack's `imageRepositoryUrls`).
 */
import { PaymentsApp } from "../../components/apps";
import { backupCopyRegion } from "../../components/apps/storage";
import { PaymentsDatabase } from "../../components/data";
import { EksCluster } from "../../components/eks";
import { WebArgs } from "../../components/apps/web";
import { StackContext } from "../context";
import { edgeHostnames } from "../config/edge";
import { SpokeNetwork, WorkloadExportsPart } from "../contracts";
import { stackProvider } from "../provider";
import { HubView } from "./network";

export function buildApps(
    ctx: StackContext,
    hub: HubView,
    cluster: EksCluster,
    data: PaymentsDatabase,
    spoke: SpokeNetwork,
    outputs: WorkloadExportsPart,
): PaymentsApp | undefined {
    const cfg = ctx.cfg.apps;
    if (!cfg) return undefined;
    const app = new PaymentsApp(
        `${ctx.cfg.stack}-apps`,
        {
            environment: ctx.cfg.environment,
            cluster,
            data,
            network: spoke,
            repositoryUrls: hub.ref.get("imageRepositoryUrls"),
            images: cfg.images,
            workers: {
                celery: cfg.workers,
                stateful: cfg.stateful,
                parameterPath: ctx.cfg.eks?.parameterPath ?? `/payments/${ctx.cfg.environment}/`,
            },
            web: webArgs(ctx),
            dataAccess: {
                parameterPath: ctx.cfg.eks?.parameterPath ?? `/payments/${ctx.cfg.environment}/`,
                cacheWarmer: cfg.cacheWarmer,
            },
            storage: {
                settings: cfg.storage,
                region: ctx.cfg.region,
                platformKeyArn: ctx.baseline.keyArn,
                s3InterfaceEndpointId: hub.ref.get("s3InterfaceEndpointId"),
                copyProvider: copyProvider(ctx),
            },
        },
        ctx.opts,
    );
    Object.assign(outputs, { appNamespace: app.namespace, appImages: app.images } satisfies WorkloadExportsPart);
    const onPrem = app.storage?.onPremBucket;
    Object.assign(outputs, {
        onPremBackupBucket: onPrem?.bucket.bucket ?? "",
        onPremBackupRoleArn: onPrem?.writerRole.arn ?? "",
        onPremBackupProfileArn: onPrem?.profile.arn ?? "",
    } satisfies WorkloadExportsPart);
    return app;
}

/** The web part on the edge's host names, draining past the edge's deregistration delay. */
function webArgs(ctx: StackContext): WebArgs | undefined {
    const edge = ctx.cfg.edge;
    // The config check requires the edge wherever the apps run.
    if (!edge) return undefined;
    const names = edgeHostnames(edge);
    return {
        hosts: { web: names.origin, api: names.api },
        deregistrationDelaySeconds: edge.draining.deregistrationDelaySeconds,
        settings: ctx.cfg.apps?.web,
    };
}

/** Prod's backup copy region gets its own provider (same default tags): never the stack's own region (validated). */
function copyProvider(ctx: StackContext) {
    const region = backupCopyRegion(ctx.cfg.apps?.storage, ctx.cfg.environment === "prod", ctx.cfg.region);
    return region ? stackProvider(ctx.cfg, region) : undefined;
}
