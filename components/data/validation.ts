/**
 * Business rules of the payments data stores, checked before any resource exists. Every problem is
 * collected and reported at once, naming the field, the value and what is allowed.
 */
import { serviceUserProblems } from "./serviceUsers";
import { maxReaders } from "./placement";
import { ResolvedAurora, ResolvedCache, ResolvedLegacyEvents, ResolvedProxy, ResolvedQueue } from "./settings";
import {
    AURORA_GLOBAL_INSTANCE_CLASS,
    AURORA_GLOBAL_INSTANCE_CLASS_ALLOWED,
    AURORA_INSTANCE_CLASS,
    AURORA_INSTANCE_CLASS_ALLOWED,
    SUPPORTED_AURORA_POSTGRES_VERSIONS,
    SUPPORTED_CACHE_VERSIONS,
    isSupportedAuroraVersion,
    isSupportedCacheVersion,
} from "./versions";

/** What the rules look at: plain values only. */
export interface DataValidationInput {
    environment: string;
    /** The SSM path secrets are published under. @default not checked */
    parameterPath?: string;
    availabilityZones: readonly string[];
    clientSecurityGroupCount: number;
    aurora: ResolvedAurora;
    proxy: ResolvedProxy;
    cache: ResolvedCache;
    queue: ResolvedQueue;
    legacyEvents: ResolvedLegacyEvents;
    /** Services with their own database user. @default [] */
    serviceUsers?: readonly string[];
    /** On a global secondary, the services the primary has users for. @default not checked */
    primaryServiceUsers?: readonly string[];
    /**
     * How a field of aurora/proxy/cache/queue/legacyEvents is named in messages: the component's
     * arg path by default; the stack config's key when config is checked before any resource.
     */
    fieldName?: FieldName;
}

/** Names a field ("aurora.readers") the way the reader of the message wrote it. */
export type FieldName = (field: string) => string;

/** Prod's floor for backup retention (days): two weeks of point-in-time recovery for payments. */
export const PROD_MIN_BACKUP_RETENTION_DAYS = 14;
/** Prod's floor for Aurora readers: a failover target that isn't the only read path. */
export const PROD_MIN_READERS = 2;

const BACKUP_WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const MAINTENANCE_WINDOW =
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;
const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
/** The retentions CloudWatch Logs accepts (PutRetentionPolicy API reference). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const isInt = (n: number) => Number.isInteger(n);

function range(problems: string[], field: string, value: number, min: number, max: number, unit = ""): void {
    if (!isInt(value) || value < min || value > max)
        problems.push(`${field} is ${value}, must be an integer from ${min} to ${max}${unit}`);
}

function auroraProblems(v: DataValidationInput, k: FieldName): string[] {
    const a = v.aurora;
    const cap = maxReaders(v.availabilityZones.length);
    return [
        ...auroraSizingProblems(v, cap, k),
        ...auroraBackupProblems(v, k),
        ...auroraMonitoringProblems(a, k),
        ...autoscalingProblems(a, cap, k),
        ...globalProblems(a, k),
    ];
}

function auroraSizingProblems(v: DataValidationInput, cap: number, k: FieldName): string[] {
    const p: string[] = [];
    const a = v.aurora;
    if (!isSupportedAuroraVersion(a.engineVersion))
        p.push(
            `${k("aurora.engineVersion")} is "${a.engineVersion}", allowed: ${SUPPORTED_AURORA_POSTGRES_VERSIONS.join(", ")}`,
        );
    if (!AURORA_INSTANCE_CLASS.test(a.instanceClass))
        p.push(`${k("aurora.instanceClass")} is "${a.instanceClass}", allowed: ${AURORA_INSTANCE_CLASS_ALLOWED}`);
    if (!isInt(a.readers) || a.readers < 0)
        p.push(`${k("aurora.readers")} is ${a.readers}, must be a whole number >= 0`);
    else if (a.readers > cap)
        p.push(
            `${k("aurora.readers")} is ${a.readers}, at most ${cap} for ${v.availabilityZones.length} AZs (2 per AZ, 15 per cluster)`,
        );
    if (v.environment === "prod" && a.readers < PROD_MIN_READERS)
        p.push(`${k("aurora.readers")} is ${a.readers}, prod needs at least ${PROD_MIN_READERS} (in distinct AZs)`);
    return p;
}

function auroraBackupProblems(v: DataValidationInput, k: FieldName): string[] {
    const p: string[] = [];
    const a = v.aurora;
    const prod = v.environment === "prod";
    range(p, k("aurora.backupRetentionDays"), a.backupRetentionDays, 1, 35, " days");
    if (prod && a.backupRetentionDays < PROD_MIN_BACKUP_RETENTION_DAYS)
        p.push(
            `${k("aurora.backupRetentionDays")} is ${a.backupRetentionDays}, prod needs at least ${PROD_MIN_BACKUP_RETENTION_DAYS}`,
        );
    if (prod && a.skipFinalSnapshot)
        p.push(`${k("aurora.skipFinalSnapshot")} is true, prod must always take a final snapshot`);
    if (!BACKUP_WINDOW.test(a.backupWindow))
        p.push(`${k("aurora.backupWindow")} is "${a.backupWindow}", must look like "01:00-02:00" (UTC)`);
    if (!MAINTENANCE_WINDOW.test(a.maintenanceWindow))
        p.push(
            `${k("aurora.maintenanceWindow")} is "${a.maintenanceWindow}", must look like "sun:03:00-sun:04:00" (UTC)`,
        );
    return p;
}

function auroraMonitoringProblems(a: ResolvedAurora, k: FieldName): string[] {
    const p: string[] = [];
    if (!MONITORING_INTERVALS.includes(a.monitoringIntervalSeconds))
        p.push(
            `${k("aurora.monitoringIntervalSeconds")} is ${a.monitoringIntervalSeconds}, allowed: ${MONITORING_INTERVALS.join(", ")}`,
        );
    if (!LOG_RETENTION_DAYS.includes(a.logRetentionDays))
        p.push(`${k("aurora.logRetentionDays")} is ${a.logRetentionDays}, allowed: ${LOG_RETENTION_DAYS.join(", ")}`);
    const pi = a.performanceInsightsRetentionDays;
    if (pi !== 7 && !(pi % 31 === 0 && pi <= 731))
        p.push(`${k("aurora.performanceInsightsRetentionDays")} is ${pi}, allowed: 7, or a multiple of 31 up to 731`);
    return p;
}

function autoscalingProblems(a: ResolvedAurora, cap: number, k: FieldName): string[] {
    const p: string[] = [];
    const s = a.autoscaling;
    if (!s.enabled) return p;
    if (a.readers < 1)
        p.push(
            `${k("aurora.autoscaling.enabled")} is true, but ${k("aurora.readers")} is 0: Aurora Auto Scaling needs at least one reader`,
        );
    if (s.minReaders > s.maxReaders)
        p.push(`${k("aurora.autoscaling.minReaders")} is ${s.minReaders}, must be <= maxReaders (${s.maxReaders})`);
    if (s.maxReaders > cap)
        p.push(`${k("aurora.autoscaling.maxReaders")} is ${s.maxReaders}, at most ${cap} for the AZs of this cluster`);
    if (s.maxReaders < a.readers)
        p.push(
            `${k("aurora.autoscaling.maxReaders")} is ${s.maxReaders}, must be >= ${k("aurora.readers")} (${a.readers})`,
        );
    range(p, k("aurora.autoscaling.targetCpuPercent"), s.targetCpuPercent, 10, 90, " percent");
    return p;
}

/**
 * The managed RPO bound Aurora PostgreSQL accepts in `rds.global_db_rpo`, seconds (Aurora User
 * Guide, "Managing RPOs for Aurora PostgreSQL–based global databases": 20 to 2,147,483,647; the
 * search tool reached the switchover/failover page, which links it, so the range is as that page
 * documents it).
 */
export const GLOBAL_RPO_SECONDS = { min: 20, max: 2147483647 } as const;

/** An RDS identifier: a letter first, letters, digits and single hyphens, no trailing hyphen, at most 63. */
const RDS_IDENTIFIER = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*$/;

function globalProblems(a: ResolvedAurora, k: FieldName): string[] {
    const p: string[] = [];
    const g = a.global;
    if (!g) return p;
    const id = g.globalClusterIdentifier;
    if (!RDS_IDENTIFIER.test(id) || id.endsWith("-") || id.length > 63) {
        p.push(
            `${k("aurora.global.globalClusterIdentifier")} is "${id}", must start with a letter and hold only letters, digits and single hyphens, not end in a hyphen (max 63)`,
        );
    }
    if (a.restoreFromSnapshot !== undefined) {
        p.push(
            `${k("aurora.restoreFromSnapshot")} is "${a.restoreFromSnapshot}", it can't be combined with ${k("aurora.global")} (${g.role}): restore a regional cluster, then add it to a global database`,
        );
    }
    // Aurora Global Database needs memory-optimised classes on every member ("Configuration
    // requirements of an Amazon Aurora global database": db.r5 or higher); burstable ones fail the create.
    if (AURORA_INSTANCE_CLASS.test(a.instanceClass) && !AURORA_GLOBAL_INSTANCE_CLASS.test(a.instanceClass))
        p.push(
            `${k("aurora.instanceClass")} is "${a.instanceClass}", a global database member (${g.role}) needs a memory-optimised class: ${AURORA_GLOBAL_INSTANCE_CLASS_ALLOWED}`,
        );
    if (g.rpoSeconds !== undefined) {
        if (g.role !== "primary")
            p.push(
                `${k("aurora.global.rpoSeconds")} is ${g.rpoSeconds}, only the primary sets the RPO bound (rds.global_db_rpo applies on the writing cluster)`,
            );
        else
            range(
                p,
                k("aurora.global.rpoSeconds"),
                g.rpoSeconds,
                GLOBAL_RPO_SECONDS.min,
                GLOBAL_RPO_SECONDS.max,
                " seconds",
            );
    }
    return p;
}

function proxyProblems(x: ResolvedProxy, k: FieldName): string[] {
    const p: string[] = [];
    range(p, k("proxy.idleClientTimeoutSeconds"), x.idleClientTimeoutSeconds, 1, 28800, " seconds");
    range(p, k("proxy.maxConnectionsPercent"), x.maxConnectionsPercent, 1, 100, " percent");
    range(p, k("proxy.maxIdleConnectionsPercent"), x.maxIdleConnectionsPercent, 0, 100, " percent");
    if (x.maxIdleConnectionsPercent > x.maxConnectionsPercent)
        p.push(
            `${k("proxy.maxIdleConnectionsPercent")} is ${x.maxIdleConnectionsPercent}, must be <= maxConnectionsPercent (${x.maxConnectionsPercent})`,
        );
    range(p, k("proxy.connectionBorrowTimeoutSeconds"), x.connectionBorrowTimeoutSeconds, 0, 3600, " seconds");
    return p;
}

function cacheProblems(v: DataValidationInput, k: FieldName): string[] {
    const p: string[] = [];
    const c = v.cache;
    if (!isSupportedCacheVersion(c.engine, c.engineVersion)) {
        const allowed = Object.entries(SUPPORTED_CACHE_VERSIONS)
            .map(([e, vs]) => `${e} ${vs.join("/")}`)
            .join(", ");
        p.push(`${k("cache.engine/engineVersion")} is ${c.engine} "${c.engineVersion}", allowed: ${allowed}`);
    }
    // Multi-AZ with automatic failover needs at least one replica; ElastiCache allows 5 per shard.
    range(p, k("cache.replicas"), c.replicas, 1, 5);
    if (v.environment === "prod" && c.replicas < v.availabilityZones.length) {
        p.push(
            `${k("cache.replicas")} is ${c.replicas}, prod needs a replica in each of the ${v.availabilityZones.length} AZs`,
        );
    }
    range(p, k("cache.snapshotRetentionDays"), c.snapshotRetentionDays, 0, 35, " days");
    return p;
}

function queueProblems(v: DataValidationInput, k: FieldName): string[] {
    const p: string[] = [];
    const q = v.queue;
    range(p, k("queue.visibilityTimeoutSeconds"), q.visibilityTimeoutSeconds, 0, 43200, " seconds");
    range(p, k("queue.messageRetentionSeconds"), q.messageRetentionSeconds, 60, 1209600, " seconds");
    range(p, k("queue.dlqMessageRetentionSeconds"), q.dlqMessageRetentionSeconds, 60, 1209600, " seconds");
    // A standard DLQ keeps the message's original enqueue time: a shorter retention drops messages early.
    if (q.dlqMessageRetentionSeconds < q.messageRetentionSeconds)
        p.push(
            `${k("queue.dlqMessageRetentionSeconds")} is ${q.dlqMessageRetentionSeconds}, must be >= messageRetentionSeconds (${q.messageRetentionSeconds})`,
        );
    range(p, k("queue.maxReceiveCount"), q.maxReceiveCount, 1, 1000);
    range(p, k("queue.kmsDataKeyReusePeriodSeconds"), q.kmsDataKeyReusePeriodSeconds, 60, 86400, " seconds");
    if (v.legacyEvents.source.trim() === "")
        p.push(`${k("legacyEvents.source")} is "", must name the legacy application's event source`);
    if (v.legacyEvents.detailTypes.length === 0)
        p.push(`${k("legacyEvents.detailTypes")} is [], must list at least one detail-type`);
    return p;
}

/** Every problem with the inputs; empty when they are valid. */
export function dataProblems(v: DataValidationInput): string[] {
    const p: string[] = [];
    if (v.availabilityZones.length === 0) p.push("availabilityZones is [], the spoke must span at least one AZ");
    else if (v.environment === "prod" && v.availabilityZones.length < 2)
        p.push(`availabilityZones has ${v.availabilityZones.length}, prod needs at least 2`);
    if (v.parameterPath !== undefined && !/^\/([A-Za-z0-9_.-]+\/)+$/.test(v.parameterPath))
        p.push(
            `parameterPath is "${v.parameterPath}", must be an SSM path such as "/payments/dev/" (leading and trailing "/")`,
        );
    if (v.clientSecurityGroupCount === 0)
        p.push("clientSecurityGroups is {}, name at least one client security group (the EKS nodes)");
    p.push(...serviceUserProblems(v.serviceUsers ?? []));
    const missing = (v.serviceUsers ?? []).filter((u) => v.primaryServiceUsers && !v.primaryServiceUsers.includes(u));
    if (missing.length > 0)
        p.push(
            `serviceUsers has ${missing.join(", ")}, but the primary has no such user (primaryServiceUsers has ${v.primaryServiceUsers!.join(", ") || "none"}): add them to the primary first`,
        );
    return [...p, ...settingsProblems(v)];
}

/** The problems of the settings alone (aurora, proxy, cache, queue, legacyEvents), as config can trigger them. */
export function settingsProblems(v: DataValidationInput): string[] {
    const k = v.fieldName ?? ((field: string) => field);
    if (v.availabilityZones.length === 0) return proxyProblems(v.proxy, k);
    return [...auroraProblems(v, k), ...proxyProblems(v.proxy, k), ...cacheProblems(v, k), ...queueProblems(v, k)];
}

/** Throws one error listing every problem, or returns. */
export function assertValid(component: string, v: DataValidationInput): void {
    const problems = dataProblems(v);
    if (problems.length > 0) throw new Error(`Invalid ${component} args:\n - ${problems.join("\n - ")}`);
}
