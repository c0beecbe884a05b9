/**
 * The payments application on an EKS cluster (the seeds' application layer): Django web and API,
 * Celery workers, stateful services, shared storage. Each part is built by its own helper into the
 * one namespace made here, which denies all traffic until a part allows what it needs.
 */
import * as pulumi from "@pulumi/pulumi";
import { PaymentsDatabase } from "../data";
import { EksCluster } from "../eks";
import { AppContext, AppNetwork } from "./context";
import { DataAccessArgs, buildDataAccess } from "./dataAccess";
import { imageUri } from "./images";
import { appNamespace } from "./namespace";
import { AppService } from "./services";
import { WebArgs, buildWeb } from "./web";
import { WorkersPartArgs, buildWorkers } from "./workers";
import { Storage, StorageArgs, buildStorage } from "./storage";

export interface PaymentsAppArgs {
    /** Environment (`dev`, `prod`…): prod forbids scale-to-zero and single replicas. */
    environment: string;
    /** The cluster the apps run on. */
    cluster: EksCluster;
    /** The payments data stores the apps use. */
    data: PaymentsDatabase;
    /** The spoke the cluster runs in. */
    network: AppNetwork;
    /** Repository URL per service, from the region's registry (the hub's `imageRepositoryUrls`). */
    repositoryUrls: pulumi.Input<Record<string, string>>;
    /** Image reference (immutable tag or digest) per service, validated by the stack config. */
    images: Record<string, string>;
    /** Celery on KEDA, the ledger and the tcp-gateway (components/apps/workers). @default not built */
    workers?: WorkersPartArgs;
    /** The Django web frontend and API (components/apps/web). @default none (not deployed) */
    web?: WebArgs;
    /** Database users, the pods' Secrets and the cache warmer (components/apps/dataAccess). @default { parameterPath: "/payments/<environment>/" } */
    dataAccess?: DataAccessArgs;
    /** The apps' namespace. @default "payments" */
    namespace?: string;
    /** Tags for the apps' AWS resources. @default {} */
    tags?: Record<string, string>;
    /** Shared EFS, AWS Backup, the on-prem backup bucket (components/apps/storage). @default none (not built) */
    storage?: StorageArgs;
}

export class PaymentsApp extends pulumi.ComponentResource {
    /** The apps' namespace. */
    public readonly namespace: pulumi.Output<string>;
    /** The image each service runs, as pulled. */
    public readonly images: pulumi.Output<Record<string, string>>;
    /** The storage part (EFS, backups, the on-prem backup bucket), when built. */
    public readonly storage: Storage | undefined;

    constructor(name: string, args: PaymentsAppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:apps:PaymentsApp", name, {}, opts);
        const namespaceName = args.namespace ?? "payments";
        const dataAccess = args.dataAccess ?? { parameterPath: `/payments/${args.environment}/` };
        const k8sCtx = { name, provider: args.cluster.provider, parent: this };
        const namespace = appNamespace(k8sCtx, namespaceName);
        const urls = pulumi.output(args.repositoryUrls);
        const image = (service: AppService): pulumi.Output<string> =>
            urls.apply((u) => {
                const url = u[service];
                if (url === undefined) throw new Error(`the region's registry has no repository for ${service}`);
                return imageUri(url, args.images[service]);
            });
        const base: AppContext = {
            ...k8sCtx,
            cluster: args.cluster,
            data: args.data,
            network: args.network,
            namespace,
            namespaceName,
            prod: args.environment === "prod",
            image,
            tags: args.tags ?? {},
        };
        // Credentials first: every other part's pods wait for their Secrets (ctx.dbReady).
        const ctx: AppContext = { ...base, dbReady: buildDataAccess(base, dataAccess).dbReady };
        if (args.web) buildWeb(ctx, args.web);
        if (args.workers) buildWorkers(ctx, args.workers);
        this.storage = args.storage ? buildStorage(ctx, args.storage) : undefined;
        this.namespace = namespace.metadata.name;
        this.images = urls.apply((u) =>
            Object.fromEntries(Object.entries(args.images).map(([s, ref]) => [s, imageUri(u[s] ?? s, ref)])),
        );
        this.registerOutputs({ namespace: this.namespace, images: this.images });
    }
}
