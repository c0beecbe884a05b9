/**
 * Wiring of the apps area into a workload stack: the payments apps on the stack's cluster, their
 * images from the region's registry (the hub stack's `imageRepositoryUrls`).
 */
import { PaymentsApp } from "../../components/apps";
import { PaymentsDatabase } from "../../components/data";
import { EksCluster } from "../../components/eks";
import { StackContext } from "../context";
import { SpokeNetwork, WorkloadExportsPart } from "../contracts";
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
            dataAccess: {
                parameterPath: ctx.cfg.eks?.parameterPath ?? `/payments/${ctx.cfg.environment}/`,
                cacheWarmer: cfg.cacheWarmer,
            },
        },
        ctx.opts,
    );
    Object.assign(outputs, { appNamespace: app.namespace, appImages: app.images } satisfies WorkloadExportsPart);
    return app;
}
