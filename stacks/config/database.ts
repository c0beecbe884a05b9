/**
 * Config keys of the database area (see PaymentsDatabaseArgs for what each controls). One structured
 * key, `payments-platform:database`; defaults come from components/data/settings so config and
 * component can't disagree. Business rules (prod floors, version list, reader limits) are the
 * component's, so they hold for any caller; `databaseConfigProblems` runs the same rules over the
 * stack's config before any resource exists, and says which config key is wrong.
 */
import { z } from "zod";
import { dbClusterIdentifier } from "../../components/data/naming";
import {
    AURORA_DEFAULTS,
    AuroraSettings,
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
import { stackNameProblem } from "./network";

const int = () => z.number().int();

const aurora = z
    .object({
        /**
         * Pinned Aurora PostgreSQL version. A global secondary takes its primary's (the one place
         * it is pinned); set here, it must equal the primary's.
         * @default "16.10", or on a global secondary its primary's `dbEngineVersion`
         */
        engineVersion: z.string().optional(),
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
    })
    .strict();

/**
 * Aurora Global Database membership of the stack's payments cluster. The primary creates the global
 * cluster; a secondary names the primary's stack and reads the global cluster's id and engine
 * version from its outputs through a stack reference, so nothing is copied between stack files.
 */
const global = z
    .object({
        /** @default "secondary" when primaryStack is set, else "primary" */
        role: z.enum(["primary", "secondary"]).optional(),
        /** Primary only: the global cluster's identifier (account-wide). @default "<stack>-payments-global" */
        globalClusterIdentifier: z.string().min(1).optional(),
        /** Primary only: the managed RPO bound (`rds.global_db_rpo`), seconds, 20 or more. @default unset (no bound) */
        rpoSeconds: int().optional(),
        /** Secondary only: the primary's stack, bare ("prod-frankfurt") or "<org>/<project>/<stack>". @default none */
        primaryStack: z
            .string()
            .superRefine((v, ctx) => {
                const problem = stackNameProblem(v);
                if (problem) ctx.addIssue({ code: "custom", message: problem });
            })
            .optional(),
    })
    .strict();

export type GlobalConfig = z.infer<typeof global>;

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
            /** Aurora Global Database membership. @default none (a regional cluster, for region-local data) */
            global: global.optional(),
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

/** The role `database.global` gives the stack's cluster, or undefined when it is regional. */
export function globalRoleOf(g: GlobalConfig | undefined): "primary" | "secondary" | undefined {
    if (!g) return undefined;
    return g.role ?? (g.primaryStack !== undefined ? "secondary" : "primary");
}

/**
 * The primary's global cluster identifier when config names none: from the stack, in RDS's charset
 * (a stack name may hold "_" or ".", an identifier may not). Global cluster identifiers are unique
 * per account across every region, and the stack name is too.
 */
export function defaultGlobalClusterIdentifier(stack: string): string {
    return dbClusterIdentifier(`${stack}-payments-global`);
}

/** What a secondary read from its primary's stack (WorkloadStackOutputs) before any resource. */
export interface GlobalPrimary {
    /** The primary's stack, as `database.global.primaryStack` names it. */
    stack: string;
    globalClusterIdentifier: string;
    engineVersion: string;
    /** The primary's RPO bound, or undefined when it sets none. */
    rpoSeconds?: number;
    /** The primary's service user secrets, which the secondary's apps read across regions. @default none */
    serviceUsers?: { region: string; kmsKeyArn: string; secretArns: Record<string, string> };
}

/**
 * The component's Aurora settings from the stack's config: a primary gets its global cluster's
 * identifier (configured or derived) and RPO bound; a secondary the global cluster id and, unless
 * pinned, the engine version its primary exported.
 */
export function auroraSettingsOf(stack: string, d: DatabaseConfig, primary?: GlobalPrimary): AuroraSettings {
    const role = globalRoleOf(d.global);
    if (role === "primary")
        return {
            ...d.aurora,
            global: {
                role,
                globalClusterIdentifier: d.global?.globalClusterIdentifier ?? defaultGlobalClusterIdentifier(stack),
                rpoSeconds: d.global?.rpoSeconds,
            },
        };
    if (role === "secondary") {
        if (!primary) throw new Error(`stack ${stack}: a global secondary needs its primary's outputs`);
        return {
            ...d.aurora,
            engineVersion: d.aurora.engineVersion ?? primary.engineVersion,
            // rpoSeconds is passed on only for the rules to refuse it: a secondary sets no bound.
            global: {
                role,
                globalClusterIdentifier: primary.globalClusterIdentifier,
                rpoSeconds: d.global?.rpoSeconds,
            },
        };
    }
    return d.aurora;
}

/** What the database rules need from a stack's parsed config. */
export interface DatabaseConfigInput {
    role: string;
    environment: string;
    region: string;
    database: DatabaseConfig;
    /** The network section: its azCount decides over how many AZs readers and replicas spread. */
    network?: { azCount: number };
}

/** `database.global`'s own shape: which keys go with which role. */
function globalConfigProblems(g: GlobalConfig | undefined, key: (k: string) => string): string[] {
    const role = globalRoleOf(g);
    if (!g || !role) return [];
    const p: string[] = [];
    if (role === "primary" && g.primaryStack !== undefined)
        p.push(
            `${key("global.primaryStack")} is "${g.primaryStack}", a primary reads no other stack: leave it out, or set ${key("global.role")} to secondary`,
        );
    if (role === "secondary" && g.primaryStack === undefined)
        p.push(`${key("global.primaryStack")} is missing, a secondary names its primary's stack (e.g. prod-frankfurt)`);
    if (role === "secondary" && g.globalClusterIdentifier !== undefined)
        p.push(
            `${key("global.globalClusterIdentifier")} is "${g.globalClusterIdentifier}", a secondary reads it from its primary's stack (output dbGlobalClusterIdentifier): leave it out`,
        );
    return p;
}

/**
 * Every problem PaymentsDatabase would raise for this stack's database config, named by config key
 * (`payments-platform:database.aurora.readers is 0, prod needs at least 2 …`); empty when it is
 * valid or the stack builds no database. Pure: the plan and `pulumi preview` stop on it before any
 * resource is registered. A secondary's reference-dependent checks (its primary's outputs, engine
 * version) run once the reference is read, still before any resource (globalPrimaryProblems).
 */
export function databaseConfigProblems(settings: DatabaseConfigInput, ns = "payments-platform"): string[] {
    if (settings.role !== "workload") return [];
    const d = settings.database;
    const key = (field: string) => `${ns}:database.${field}`;
    const role = globalRoleOf(d.global);
    // The identifier is checked where it is written; a derived or referenced one is valid by construction.
    const placeholder = role === "secondary" ? "from-the-primary" : "derived-from-the-stack";
    const aurora = auroraSettingsOf(placeholder, d, {
        stack: d.global?.primaryStack ?? "",
        globalClusterIdentifier: placeholder,
        engineVersion: d.aurora.engineVersion ?? AURORA_DEFAULTS.engineVersion,
    });
    return [
        ...globalConfigProblems(d.global, key),
        ...settingsProblems({
            environment: settings.environment,
            // Only the count matters to these rules; the names come from AWS at deploy time
            // (aws.getAvailabilityZones), after config is checked.
            availabilityZones: Array.from({ length: settings.network?.azCount ?? 3 }, (_, i) => `az-${i + 1}`),
            // The wiring always admits the EKS nodes (stacks/workload/database.ts).
            clientSecurityGroupCount: 1,
            aurora: resolveAurora(aurora),
            proxy: resolveProxy(d.proxy),
            cache: resolveCache(d.cache),
            queue: resolveQueue(d.queue),
            legacyEvents: resolveLegacyEvents(d.legacyEvents),
            // The component's `aurora.global.*` is the stack's `database.global.*`.
            fieldName: (field) => key(field.startsWith("aurora.global") ? field.slice("aurora.".length) : field),
        }),
    ];
}
