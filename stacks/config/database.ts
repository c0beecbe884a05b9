/**
 * Config keys of the database area (see PaymentsDatabaseArgs for what each controls). One structured
 * key, `payments-platform:database`; defaults come from components/data/settings so config and
 * component can't disagree. Business rules (prod floors, version list, reader limits) are the
 * component's, so they hold for any caller; `databaseConfigProblems` runs the same rules over the
 * stack's config before any resource exists, and says which config key is wrong.
 */
import { z } from "zod";
import {
    AURORA_DEFAULTS,
    CACHE_DEFAULTS,
    LEGACY_EVENTS_DEFAULTS,
    PROXY_DEFAULTS,
    QUEUE_DEFAULTS,
    resolveAurora,
    resolveCache,
    resolveLegacyEvents,
    resolveProxy,
    resolveQueue,
} from "../../components/data/settings";
import { settingsProblems } from "../../components/data/validation";

const int = () => z.number().int();

const aurora = z
    .object({
        /** Pinned Aurora PostgreSQL version. @default "16.10" */
        engineVersion: z.string().default(AURORA_DEFAULTS.engineVersion),
        /** @default "db.t4g.medium" */
        instanceClass: z.string().default(AURORA_DEFAULTS.instanceClass),
        /** Readers besides the writer. @default 1 */
        readers: int().min(0).default(AURORA_DEFAULTS.readers),
        /** Reader auto scaling on CPU. @default disabled */
        autoscaling: z
            .object({
                enabled: z.boolean().default(false),
                minReaders: int().min(0).optional(),
                maxReaders: int().min(0).default(AURORA_DEFAULTS.autoscaling.maxReaders),
                targetCpuPercent: int().default(AURORA_DEFAULTS.autoscaling.targetCpuPercent),
            })
            .strict()
            .optional(),
        /** @default 7 */
        backupRetentionDays: int().default(AURORA_DEFAULTS.backupRetentionDays),
        /** UTC. @default "01:00-02:00" */
        backupWindow: z.string().default(AURORA_DEFAULTS.backupWindow),
        /** UTC. @default "sun:03:00-sun:04:00" */
        maintenanceWindow: z.string().default(AURORA_DEFAULTS.maintenanceWindow),
        /** Never in prod. @default false */
        skipFinalSnapshot: z.boolean().default(AURORA_DEFAULTS.skipFinalSnapshot),
        /** Snapshot to create the cluster from (the stack output `dbFinalSnapshotIdentifier` of the last teardown). @default none */
        restoreFromSnapshot: z.string().min(1).optional(),
        /** @default 7 */
        performanceInsightsRetentionDays: int().default(AURORA_DEFAULTS.performanceInsightsRetentionDays),
        /** @default 60 */
        monitoringIntervalSeconds: int().default(AURORA_DEFAULTS.monitoringIntervalSeconds),
        /** Days the exported postgresql log is kept. @default 30 */
        logRetentionDays: int().default(AURORA_DEFAULTS.logRetentionDays),
        /** Aurora Global Database membership. @default none */
        global: z
            .object({ role: z.enum(["primary", "secondary"]), globalClusterIdentifier: z.string().min(1) })
            .strict()
            .optional(),
    })
    .strict();

const proxy = z
    .object({
        idleClientTimeoutSeconds: int().default(PROXY_DEFAULTS.idleClientTimeoutSeconds),
        maxConnectionsPercent: int().default(PROXY_DEFAULTS.maxConnectionsPercent),
        maxIdleConnectionsPercent: int().default(PROXY_DEFAULTS.maxIdleConnectionsPercent),
        connectionBorrowTimeoutSeconds: int().default(PROXY_DEFAULTS.connectionBorrowTimeoutSeconds),
    })
    .strict();

const cache = z
    .object({
        engine: z.enum(["valkey", "redis"]).default(CACHE_DEFAULTS.engine),
        engineVersion: z.string().default(CACHE_DEFAULTS.engineVersion),
        nodeType: z.string().default(CACHE_DEFAULTS.nodeType),
        replicas: int().default(CACHE_DEFAULTS.replicas),
        snapshotRetentionDays: int().default(CACHE_DEFAULTS.snapshotRetentionDays),
    })
    .strict();

const queue = z
    .object({
        visibilityTimeoutSeconds: int().default(QUEUE_DEFAULTS.visibilityTimeoutSeconds),
        messageRetentionSeconds: int().default(QUEUE_DEFAULTS.messageRetentionSeconds),
        dlqMessageRetentionSeconds: int().default(QUEUE_DEFAULTS.dlqMessageRetentionSeconds),
        maxReceiveCount: int().default(QUEUE_DEFAULTS.maxReceiveCount),
        kmsDataKeyReusePeriodSeconds: int().default(QUEUE_DEFAULTS.kmsDataKeyReusePeriodSeconds),
    })
    .strict();

const legacyEvents = z
    .object({
        source: z.string().min(1).default(LEGACY_EVENTS_DEFAULTS.source),
        detailTypes: z.array(z.string().min(1)).min(1).default(LEGACY_EVENTS_DEFAULTS.detailTypes),
    })
    .strict();

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const databaseKeys = {
    /** The payments data stores: Aurora, RDS Proxy, cache/broker, queue, legacy events. @default every field's default */
    database: z
        .object({
            aurora: aurora.default(aurora.parse({})),
            proxy: proxy.default(proxy.parse({})),
            cache: cache.default(cache.parse({})),
            queue: queue.default(queue.parse({})),
            legacyEvents: legacyEvents.default(legacyEvents.parse({})),
        })
        .strict()
        .default({
            aurora: aurora.parse({}),
            proxy: proxy.parse({}),
            cache: cache.parse({}),
            queue: queue.parse({}),
            legacyEvents: legacyEvents.parse({}),
        }),
} satisfies z.ZodRawShape;

export type DatabaseConfig = z.infer<typeof databaseKeys.database>;

/** What the database rules need from a stack's parsed config. */
export interface DatabaseConfigInput {
    role: string;
    environment: string;
    region: string;
    database: DatabaseConfig;
    /** The network section: its azCount decides over how many AZs readers and replicas spread. */
    network?: { azCount: number };
}

/**
 * Every problem PaymentsDatabase would raise for this stack's database config, named by config key
 * (`payments-platform:database.aurora.readers is 0, prod needs at least 2 …`); empty when it is
 * valid or the stack builds no database. Pure: the plan and `pulumi preview` stop on it before any
 * resource is registered.
 */
export function databaseConfigProblems(settings: DatabaseConfigInput, ns = "payments-platform"): string[] {
    if (settings.role !== "workload") return [];
    const d = settings.database;
    return settingsProblems({
        environment: settings.environment,
        // Only the count matters to these rules; the names come from AWS at deploy time
        // (aws.getAvailabilityZones), after config is checked.
        availabilityZones: Array.from({ length: settings.network?.azCount ?? 3 }, (_, i) => `az-${i + 1}`),
        // The wiring always admits the EKS nodes (stacks/workload/database.ts).
        clientSecurityGroupCount: 1,
        aurora: resolveAurora(d.aurora),
        proxy: resolveProxy(d.proxy),
        cache: resolveCache(d.cache),
        queue: resolveQueue(d.queue),
        legacyEvents: resolveLegacyEvents(d.legacyEvents),
        fieldName: (field) => `${ns}:database.${field}`,
    });
}
