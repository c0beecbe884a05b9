/**
 * Config keys of the apps area: one structured key, `payments-platform:apps`, read by workload
 * stacks. Each part of the payments apps (web and API, workers, stateful services, storage) adds its
 * own sub-object here; `images` is shared by all of them.
 */
import { z } from "zod";
import { cacheWarmerProblems } from "../../components/apps/dataAccess/settings";
import { imageReferenceProblems } from "../../components/apps/images";
import { THROWAWAY_TAGS } from "../../components/apps/registry";
import { APP_SERVICES } from "../../components/apps/services";
import { storageProblems } from "../../components/apps/storage/settings";
import { DEFAULTS } from "../../components/apps/workers/args";
import { celeryProblems, ledgerProblems, tcpGatewayProblems } from "../../components/apps/workers/checks";

const d = DEFAULTS;

/** Requests and limits of one container (components/apps/workers/args.ts ContainerSize). */
const size = (def: { cpu: string; cpuLimit: string; memory: string }) =>
    z
        .object({
            /** CPU request. @default per container */
            cpu: z.string().default(def.cpu),
            /** CPU limit. @default per container */
            cpuLimit: z.string().default(def.cpuLimit),
            /** Memory request and limit. @default per container */
            memory: z.string().default(def.memory),
        })
        .strict()
        .prefault({});

/** One Celery queue (QueueArgs). */
const queueSchema = z
    .object({
        /** Fewest workers; 0 only in dev. @default 1 */
        minReplicas: z.number().default(d.queue.minReplicas),
        /** Most workers. @default 10 */
        maxReplicas: z.number().default(d.queue.maxReplicas),
        /** Waiting tasks per worker KEDA aims at. @default 20 */
        listLength: z.number().default(d.queue.listLength),
        /** Waiting tasks that wake the queue from zero. @default 0 */
        activationListLength: z.number().default(d.queue.activationListLength),
        /** Longest task, in seconds. @default 300 */
        maxTaskSeconds: z.number().default(d.queue.maxTaskSeconds),
        /** Grace of a stopping worker; above maxTaskSeconds. @default 360 */
        terminationGracePeriodSeconds: z.number().default(d.queue.terminationGracePeriodSeconds),
        /** Worker processes per pod. @default 4 */
        concurrency: z.number().default(d.queue.concurrency),
        /** @default { cpu: "250m", cpuLimit: "1", memory: "512Mi" } */
        resources: size(d.queue.resources),
    })
    .strict();

/** Celery on KEDA (CeleryArgs). */
const workersSchema = z
    .object({
        /** Queues by name, each a worker Deployment and a ScaledObject. @default { payments: {}, notifications: {} } */
        queues: z
            .record(z.string(), queueSchema)
            .prefault(Object.fromEntries(d.queues.map((q) => [q, {}])) as Record<string, object>),
        /** Must be true. @default true */
        acksLate: z.boolean().default(d.celery.acksLate),
        /** Must be 1. @default 1 */
        prefetchMultiplier: z.number().default(d.celery.prefetchMultiplier),
        /** Redis visibility timeout; above every maxTaskSeconds. @default 3600 */
        visibilityTimeoutSeconds: z.number().default(d.celery.visibilityTimeoutSeconds),
        /** KEDA polling interval. @default 15 */
        pollingIntervalSeconds: z.number().default(d.celery.pollingIntervalSeconds),
        /** KEDA cooldown before scaling to zero. @default 300 */
        cooldownPeriodSeconds: z.number().default(d.celery.cooldownPeriodSeconds),
        /** The broker's Redis database. @default 0 */
        databaseIndex: z.number().default(d.celery.databaseIndex),
        /** RedBeat lock timeout. @default 60 */
        beatLockTimeoutSeconds: z.number().default(d.celery.beatLockTimeoutSeconds),
        /** @default { cpu: "100m", cpuLimit: "500m", memory: "256Mi" } */
        beatResources: size(d.celery.beatResources),
    })
    .strict();

/** The stateful services (StatefulArgs): the ledger and the tcp-gateway. */
const statefulSchema = z
    .object({
        /** @default LedgerArgs' defaults */
        ledger: z
            .object({
                /** @default 8080 */
                port: z.number().default(d.ledger.port),
                /** GiB of each pod's MySQL claim. @default 20 */
                storageGiB: z.number().default(d.ledger.storageGiB),
                /** Lease duration before the standby takes over. @default 15 */
                leaseDurationSeconds: z.number().default(d.ledger.leaseDurationSeconds),
                /** @default { cpu: "250m", cpuLimit: "1", memory: "512Mi" } */
                resources: size(d.ledger.resources),
                /** @default { cpu: "500m", cpuLimit: "1", memory: "1Gi" } */
                mysqlResources: size(d.ledger.mysqlResources),
            })
            .strict()
            .prefault({}),
        /** @default TcpGatewayArgs' defaults */
        tcpGateway: z
            .object({
                /** @default 9000 */
                port: z.number().default(d.tcpGateway.port),
                /** @default 2 */
                replicas: z.number().default(d.tcpGateway.replicas),
                /** @default 60 */
                drainSeconds: z.number().default(d.tcpGateway.drainSeconds),
                /** At least drainSeconds + 10. @default 90 */
                terminationGracePeriodSeconds: z.number().default(d.tcpGateway.terminationGracePeriodSeconds),
                /** @default { cpu: "250m", cpuLimit: "1", memory: "512Mi" } */
                resources: size(d.tcpGateway.resources),
            })
            .strict()
            .prefault({}),
    })
    .strict();

import { resolveWebSettings } from "../../components/apps/web/settings";
import { REGIONAL_EDGE_DEFAULTS } from "../../components/edge/settings";

const int = () => z.number().int();

/** One Django Deployment's overrides (components/apps/web/settings.ts has the defaults and rules). */
const webServiceSchema = z
    .object({
        /** HPA minimum. @default 3 in prod, 1 elsewhere */
        minReplicas: int().optional(),
        /** HPA maximum. @default 12 in prod, 3 elsewhere */
        maxReplicas: int().optional(),
        /** PDB minAvailable, below minReplicas. @default minReplicas - 1 */
        pdbMinAvailable: int().optional(),
        /** CPU request. @default "250m" */
        cpuRequest: z.string().optional(),
        /** CPU limit. @default "1" */
        cpuLimit: z.string().optional(),
        /** Memory request. @default "512Mi" */
        memoryRequest: z.string().optional(),
        /** Memory limit. @default "1Gi" */
        memoryLimit: z.string().optional(),
        /** HPA CPU target, % of the request. @default 70 */
        targetCpuPercent: int().optional(),
        /** HPA memory target, % of the request. @default 80 */
        targetMemoryPercent: int().optional(),
        /** HPA scale-up stabilisation window, seconds. @default 30 */
        scaleUpStabilizationSeconds: int().optional(),
        /** HPA scale-down stabilisation window, seconds. @default 300 */
        scaleDownStabilizationSeconds: int().optional(),
        /** The longest request, seconds (at most the ALB's 60 s idle timeout). @default 30 */
        maxRequestSeconds: int().optional(),
        /** preStop sleep, seconds. @default edge.draining.deregistrationDelaySeconds + propagationMarginSeconds */
        preStopSeconds: int().optional(),
        /** Termination grace period, seconds. @default preStopSeconds + maxRequestSeconds + 5 */
        terminationGracePeriodSeconds: int().optional(),
        /** gunicorn workers per pod. @default 2 */
        workers: int().optional(),
        /** Threads per gunicorn worker. @default 4 */
        threads: int().optional(),
        /** Readiness probe path. @default "/healthz/ready" */
        readinessPath: z.string().optional(),
        /** Liveness and startup probe path. @default "/healthz/live" */
        livenessPath: z.string().optional(),
        /** Path prefixes routed to the service on its host. @default ["/"] */
        paths: z.array(z.string()).optional(),
    })
    .strict();

/** The Django web frontend and API. */
const webSchema = z
    .object({
        /** Seconds for an endpoint removal to reach every ingress-nginx pod. @default 10 */
        propagationMarginSeconds: int().optional(),
        /** The web frontend (host: the edge's origin name). @default see webServiceSchema */
        web: webServiceSchema.optional(),
        /** The API (host: the edge's api name). @default see webServiceSchema */
        api: webServiceSchema.optional(),
    })
    .strict();

const days = z.number().int().positive();

/** Shared EFS, AWS Backup, the on-prem SQL Server backup bucket (components/apps/storage/settings.ts). */
const storageSchema = z
    .object({
        /** @default { transitionToIaDays: 30 } */
        efs: z.object({ transitionToIaDays: days.optional() }).strict().optional(),
        /** The daily AWS Backup plan (UTC cron, retention, prod's copy region). @default daily 03:00 UTC, 35 days prod / 7 elsewhere */
        backup: z
            .object({
                schedule: z.string().optional(),
                retentionDays: days.max(36500).optional(),
                copyRegion: z.string().optional(),
                copyRetentionDays: days.max(36500).optional(),
            })
            .strict()
            .optional(),
        /** The SQL Server backup bucket and its writer role (prod only). @default on in prod, off elsewhere */
        onPremBackup: z
            .object({
                enabled: z.boolean().optional(),
                prefix: z.string().optional(),
                coldAfterDays: days.optional(),
                expireAfterDays: days.optional(),
                objectLockMode: z.enum(["GOVERNANCE", "COMPLIANCE"]).optional(),
                objectLockDays: days.max(36500).optional(),
                trustAnchorArn: z.string().optional(),
                certificateCommonName: z.string().min(1).max(64).optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export const appsSchema = z
    .object({
        /**
         * Image of each service: an immutable tag or a digest (`sha256:…`) of the service's repository
         * in the region's registry (the hub stack's `imageRepositoryUrls`). Never `latest`.
         */
        images: z.record(z.string(), z.string()),
        /** Shared EFS, AWS Backup and the on-prem backup bucket. @default {} (every default) */
        storage: storageSchema.optional(),
        /** Celery workers per queue on KEDA, and beat. @default two queues, payments and notifications */
        workers: workersSchema.prefault({}),
        /** The ledger (active/standby StatefulSet) and the tcp-gateway. @default see components/apps/workers/args.ts */
        stateful: statefulSchema.prefault({}),
        /** The Django web frontend and API (components/apps/web). @default every default of webSchema */
        web: webSchema.optional(),
        /**
         * The CronJob that warms the cache from the on-premises SQL Server (over Direct Connect/VPN).
         * Its password is the operator-created SSM SecureString `<eks.parameterPath>cache-warmer/sqlserver-password`.
         * @default none (no CronJob)
         */
        cacheWarmer: z
            .object({
                /** Cron schedule (five fields or a macro such as `@hourly`), in UTC. @default "*\/15 * * * *" */
                schedule: z.string().optional(),
                /** The SQL Server's host name (resolved to an address in an `on-prem/...` range). @default none (required) */
                host: z.string(),
                /** Its port. @default 1433 */
                port: z.number().optional(),
                /** The database the warm-up queries read. @default none (required) */
                database: z.string(),
                /** The SQL Server login (a read-only one). @default "cache_warmer" */
                username: z.string().optional(),
                /** A run is killed after this long (so a hung query never blocks the next: concurrencyPolicy Forbid). @default 600 */
                activeDeadlineSeconds: z.number().optional(),
                /** A run missed by more than this (controller down, cluster upgrade) is skipped, not started late. @default 300 */
                startingDeadlineSeconds: z.number().optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export type AppsConfig = z.infer<typeof appsSchema>;

/** Keys of this area, merged into the stack schema. */
export const appsKeys = {
    /** The payments apps on the cluster; a workload stack without it runs the platform only. @default none */
    apps: appsSchema.optional(),
};

const KEY = "payments-platform:apps";

/** What the apps' checks read from the rest of the stack's config. */
export interface AppsStackContext {
    environment: string;
    /** The regional edge: the web part's host names and the ALBs' deregistration delay. */
    edge?: { draining: { deregistrationDelaySeconds?: number } };
    /** The stack's region (the backup copy region must be another). */
    region?: string;
}

/**
 * Every service has one usable image reference, and nothing else is listed; the web part's sizes
 * and draining hold, the workers' (scale to zero only in dev) and storage's (copy region, prod-only bucket) (checked when `stack` is given).
 */
export function appsConfigProblems(role: string, apps: AppsConfig | undefined, stack?: AppsStackContext): string[] {
    if (!apps) return [];
    if (role !== "workload") return [`${KEY} is set on a ${role} stack: only workload stacks run the apps`];
    const known: readonly string[] = APP_SERVICES;
    const problems: string[] = [];
    for (const [service, ref] of Object.entries(apps.images)) {
        if (!known.includes(service))
            problems.push(`${KEY}.images.${service} names no service: the services are ${known.join(", ")}`);
        else problems.push(...imageReferenceProblems(`${KEY}.images.${service}`, ref));
        if (stack?.environment === "prod" && THROWAWAY_TAGS.some((t) => ref.startsWith(t.slice(0, -1))))
            problems.push(
                `${KEY}.images.${service} is "${ref}", a throwaway build the registry expires (${THROWAWAY_TAGS.join(", ")}): prod runs release tags or digests`,
            );
    }
    const missing = known.filter((s) => apps.images[s] === undefined);
    if (missing.length > 0) problems.push(`${KEY}.images lacks ${missing.join(", ")}: every service needs an image`);
    problems.push(
        ...celeryProblems(`${KEY}.workers`, apps.workers, stack?.environment ?? ""),
        ...ledgerProblems(`${KEY}.stateful.ledger`, apps.stateful.ledger),
        ...tcpGatewayProblems(`${KEY}.stateful.tcpGateway`, apps.stateful.tcpGateway, stack?.environment ?? ""),
    );
    if (stack) problems.push(...webConfigProblems(apps, stack));
    problems.push(
        ...storageProblems(`${KEY}.storage`, apps.storage ?? {}, stack?.environment ?? "", stack?.region ?? ""),
    );
    if (apps.cacheWarmer) problems.push(...cacheWarmerProblems(`${KEY}.cacheWarmer`, apps.cacheWarmer));
    return problems;
}

/** The web part's rules over the config, in config words (the edge's delay feeds the draining rule). */
export function webConfigProblems(apps: AppsConfig, stack: AppsStackContext): string[] {
    if (!stack.edge)
        return [
            `${KEY} needs payments-platform:edge: the web and API Ingresses answer on the edge's host names (edge.domain, edge.prefix)`,
        ];
    const configured = stack.edge.draining.deregistrationDelaySeconds;
    return resolveWebSettings(apps.web ?? {}, {
        prod: stack.environment === "prod",
        deregistrationDelaySeconds: configured ?? REGIONAL_EDGE_DEFAULTS.draining.deregistrationDelaySeconds,
        deregistrationDelayKey: "payments-platform:edge.draining.deregistrationDelaySeconds",
        key: `${KEY}.web`,
    }).problems;
}
