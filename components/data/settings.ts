/**
 * The settings of the payments data stores: what callers may pass, the defaults, and the fully
 * resolved form the components build from. Defaults live here (never in args) so the stack config
 * schema and the components share one source of truth.
 */
import { CacheEngine } from "./versions";

/** Aurora PostgreSQL cluster settings. */
export interface AuroraSettings {
    /** Pinned Aurora PostgreSQL version; must be in SUPPORTED_AURORA_POSTGRES_VERSIONS. @default "16.10" */
    engineVersion?: string;
    /** Instance class of the writer and the readers (Graviton: cheaper per vCPU). @default "db.t4g.medium" */
    instanceClass?: string;
    /** Readers besides the writer, spread round-robin over the AZs; prod needs at least 2. @default 1 */
    readers?: number;
    /** Reader auto scaling on average reader CPU (Application Auto Scaling). @default disabled */
    autoscaling?: {
        /** @default false */
        enabled?: boolean;
        /** @default the `readers` count */
        minReaders?: number;
        /** @default 3 */
        maxReaders?: number;
        /** Target average reader CPU, percent. @default 60 */
        targetCpuPercent?: number;
    };
    /** Days of automated backups (1–35); prod needs at least 14. @default 7 */
    backupRetentionDays?: number;
    /** Daily backup window, UTC, "hh:mm-hh:mm". @default "01:00-02:00" */
    backupWindow?: string;
    /** Weekly maintenance window, UTC, "ddd:hh:mm-ddd:hh:mm". @default "sun:03:00-sun:04:00" */
    maintenanceWindow?: string;
    /** Delete without a final snapshot. Never allowed in prod. @default false */
    skipFinalSnapshot?: boolean;
    /** Create the cluster from this snapshot (identifier or ARN) instead of empty: the weekend-teardown restore path. @default none */
    restoreFromSnapshot?: string;
    /** Performance Insights retention in days (7 is the free tier). @default 7 */
    performanceInsightsRetentionDays?: number;
    /** Enhanced monitoring granularity in seconds (1, 5, 10, 15, 30 or 60). @default 60 */
    monitoringIntervalSeconds?: number;
    /** Days the exported postgresql log is kept (a value CloudWatch Logs accepts, e.g. 30, 365). @default 30 */
    logRetentionDays?: number;
    /**
     * Aurora Global Database membership (DR). "primary" creates the global cluster named
     * `globalClusterIdentifier` from this region; "secondary" joins that existing global cluster.
     * @default none (a regional cluster)
     */
    global?: GlobalMembership;
}

/** Membership of an Aurora Global Database. */
export interface GlobalMembership {
    /** "primary" creates the global cluster and writes; "secondary" joins it with readers only. @default none (required) */
    role: "primary" | "secondary";
    /** The global cluster's identifier (account-wide: global clusters have no region). @default none (required) */
    globalClusterIdentifier: string;
    /**
     * Primary only: the managed RPO bound, `rds.global_db_rpo` in the primary's cluster parameter
     * group. With it, commits on the primary wait while no secondary is within this many seconds.
     * @default unset (no bound: replication lag is typically under a second, but unbounded)
     */
    rpoSeconds?: number;
}

/** RDS Proxy settings. */
export interface ProxySettings {
    /** Seconds a client connection may sit idle before the proxy closes it. @default 1800 */
    idleClientTimeoutSeconds?: number;
    /** Share of the cluster's max_connections the proxy may open, percent. @default 90 */
    maxConnectionsPercent?: number;
    /** Share of max_connections the proxy keeps idle in its pool, percent. @default 50 */
    maxIdleConnectionsPercent?: number;
    /** Seconds a client waits for a pooled connection before an error. @default 120 */
    connectionBorrowTimeoutSeconds?: number;
}

/** ElastiCache (cache and Celery broker) settings. */
export interface CacheSettings {
    /** "valkey" or "redis" (Redis OSS). @default "valkey" */
    engine?: CacheEngine;
    /** Pinned engine version; must be in SUPPORTED_CACHE_VERSIONS. @default "8.0" */
    engineVersion?: string;
    /** @default "cache.t4g.small" */
    nodeType?: string;
    /** Replicas of the single shard (1–5); prod needs one per AZ. @default 1 */
    replicas?: number;
    /** Days of daily snapshots kept (0 turns them off). @default 1 */
    snapshotRetentionDays?: number;
}

/** SQS payments queue settings. */
export interface QueueSettings {
    /** Seconds a received message stays invisible; longer than the consumer's slowest payment. @default 60 */
    visibilityTimeoutSeconds?: number;
    /** Seconds a message is kept (60–1209600). @default 345600 (4 days) */
    messageRetentionSeconds?: number;
    /** Seconds the DLQ keeps a message; at least the queue's (SQS keeps the original enqueue time). @default 1209600 (14 days) */
    dlqMessageRetentionSeconds?: number;
    /** Receives before a message moves to the DLQ. @default 5 */
    maxReceiveCount?: number;
    /** Seconds SQS reuses a data key before calling KMS again (60–86400): fewer KMS calls, lower cost. @default 300 */
    kmsDataKeyReusePeriodSeconds?: number;
}

/** Events of the legacy EC2 payments application that go to the payments queue. */
export interface LegacyEventsSettings {
    /** The `source` the legacy application puts on its events. @default "legacy.payments" */
    source?: string;
    /** The `detail-type`s to route. @default ["PaymentRequested", "PaymentSettled", "PaymentFailed"] */
    detailTypes?: string[];
}

export const AURORA_DEFAULTS = {
    engineVersion: "16.10",
    instanceClass: "db.t4g.medium",
    readers: 1,
    backupRetentionDays: 7,
    backupWindow: "01:00-02:00",
    maintenanceWindow: "sun:03:00-sun:04:00",
    skipFinalSnapshot: false,
    performanceInsightsRetentionDays: 7,
    monitoringIntervalSeconds: 60,
    logRetentionDays: 30,
    autoscaling: { enabled: false, maxReaders: 3, targetCpuPercent: 60 },
} as const;

export const PROXY_DEFAULTS = {
    idleClientTimeoutSeconds: 1800,
    maxConnectionsPercent: 90,
    maxIdleConnectionsPercent: 50,
    connectionBorrowTimeoutSeconds: 120,
} as const;
export const CACHE_DEFAULTS = {
    engine: "valkey" as CacheEngine,
    engineVersion: "8.0",
    nodeType: "cache.t4g.small",
    replicas: 1,
    snapshotRetentionDays: 1,
};
export const QUEUE_DEFAULTS = {
    visibilityTimeoutSeconds: 60,
    messageRetentionSeconds: 345600,
    dlqMessageRetentionSeconds: 1209600,
    maxReceiveCount: 5,
    kmsDataKeyReusePeriodSeconds: 300,
} as const;
export const LEGACY_EVENTS_DEFAULTS = {
    source: "legacy.payments",
    detailTypes: ["PaymentRequested", "PaymentSettled", "PaymentFailed"],
};

export interface ResolvedAurora {
    engineVersion: string;
    instanceClass: string;
    readers: number;
    autoscaling: { enabled: boolean; minReaders: number; maxReaders: number; targetCpuPercent: number };
    backupRetentionDays: number;
    backupWindow: string;
    maintenanceWindow: string;
    skipFinalSnapshot: boolean;
    restoreFromSnapshot?: string;
    performanceInsightsRetentionDays: number;
    monitoringIntervalSeconds: number;
    logRetentionDays: number;
    global?: GlobalMembership;
}

export type ResolvedProxy = Required<ProxySettings>;
export type ResolvedCache = Required<CacheSettings>;
export type ResolvedQueue = Required<QueueSettings>;
export type ResolvedLegacyEvents = Required<LegacyEventsSettings>;

export function resolveAurora(a: AuroraSettings = {}): ResolvedAurora {
    const readers = a.readers ?? AURORA_DEFAULTS.readers;
    return {
        engineVersion: a.engineVersion ?? AURORA_DEFAULTS.engineVersion,
        instanceClass: a.instanceClass ?? AURORA_DEFAULTS.instanceClass,
        readers,
        autoscaling: {
            enabled: a.autoscaling?.enabled ?? AURORA_DEFAULTS.autoscaling.enabled,
            minReaders: a.autoscaling?.minReaders ?? readers,
            maxReaders: a.autoscaling?.maxReaders ?? AURORA_DEFAULTS.autoscaling.maxReaders,
            targetCpuPercent: a.autoscaling?.targetCpuPercent ?? AURORA_DEFAULTS.autoscaling.targetCpuPercent,
        },
        backupRetentionDays: a.backupRetentionDays ?? AURORA_DEFAULTS.backupRetentionDays,
        backupWindow: a.backupWindow ?? AURORA_DEFAULTS.backupWindow,
        maintenanceWindow: a.maintenanceWindow ?? AURORA_DEFAULTS.maintenanceWindow,
        skipFinalSnapshot: a.skipFinalSnapshot ?? AURORA_DEFAULTS.skipFinalSnapshot,
        restoreFromSnapshot: a.restoreFromSnapshot,
        performanceInsightsRetentionDays:
            a.performanceInsightsRetentionDays ?? AURORA_DEFAULTS.performanceInsightsRetentionDays,
        monitoringIntervalSeconds: a.monitoringIntervalSeconds ?? AURORA_DEFAULTS.monitoringIntervalSeconds,
        logRetentionDays: a.logRetentionDays ?? AURORA_DEFAULTS.logRetentionDays,
        global: a.global,
    };
}

export const resolveProxy = (p: ProxySettings = {}): ResolvedProxy => ({ ...PROXY_DEFAULTS, ...defined(p) });
export const resolveCache = (c: CacheSettings = {}): ResolvedCache => ({ ...CACHE_DEFAULTS, ...defined(c) });
export const resolveQueue = (q: QueueSettings = {}): ResolvedQueue => ({ ...QUEUE_DEFAULTS, ...defined(q) });
export const resolveLegacyEvents = (e: LegacyEventsSettings = {}): ResolvedLegacyEvents => ({
    ...LEGACY_EVENTS_DEFAULTS,
    ...defined(e),
});

/** Drops undefined fields so they don't override defaults in a spread. */
function defined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
