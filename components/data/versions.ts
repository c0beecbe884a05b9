/**
 * Engine versions this platform has tested and allows. Versions are pinned (never "latest"): an
 * unplanned minor upgrade of the payments store is a change like any other and goes through review.
 */

/**
 * Aurora PostgreSQL versions we allow (AWS "What's New" announcements and the Aurora PostgreSQL
 * release notes list them). Add a version here after it has run in dev for a full week.
 */
export const SUPPORTED_AURORA_POSTGRES_VERSIONS = ["16.6", "16.8", "16.10", "17.4", "17.6"] as const;

/**
 * Instance classes we allow for the Aurora PostgreSQL writer and readers: the Graviton/Intel
 * memory-optimised families, and burstable medium/large for dev. Aurora has no db.t*.small or
 * micro, and "db.serverless" would need a Serverless v2 scaling configuration this component
 * doesn't set, so neither passes.
 */
export const AURORA_INSTANCE_CLASS =
    /^db\.(?:(?:t3|t4g)\.(?:medium|large)|(?:r6g|r6i|r7g|r7i|r8g)\.(?:large|\d*xlarge))$/;
export const AURORA_INSTANCE_CLASS_ALLOWED =
    "db.t3/db.t4g .medium/.large, or db.r6g/r6i/r7g/r7i/r8g .large/.xlarge/.<n>xlarge";

/**
 * The classes a member of an Aurora global database may use: the memory-optimised families only
 * (Aurora User Guide, "Configuration requirements of an Amazon Aurora global database": memory-
 * optimised classes, db.r5 or higher); db.t3/db.t4g are refused for global members.
 */
export const AURORA_GLOBAL_INSTANCE_CLASS = /^db\.(?:r6g|r6i|r7g|r7i|r8g)\.(?:large|\d*xlarge)$/;
export const AURORA_GLOBAL_INSTANCE_CLASS_ALLOWED = "db.r6g/r6i/r7g/r7i/r8g .large/.xlarge/.<n>xlarge";

/** ElastiCache engines and the versions we allow for each (Valkey is the default: cheaper, same protocol). */
export const SUPPORTED_CACHE_VERSIONS = {
    valkey: ["7.2", "8.0", "8.1"],
    redis: ["7.1"],
} as const;

export type CacheEngine = keyof typeof SUPPORTED_CACHE_VERSIONS;

/** The major version of a dotted version string ("16.10" → 16). */
export function majorOf(version: string): number {
    return Number(version.split(".")[0]);
}

/** The DB cluster parameter group family of an Aurora PostgreSQL version ("16.10" → "aurora-postgresql16"). */
export function auroraParameterFamily(version: string): string {
    return `aurora-postgresql${majorOf(version)}`;
}

/** The ElastiCache parameter group family ("valkey", "8.0" → "valkey8"; "redis", "7.1" → "redis7"). */
export function cacheParameterFamily(engine: CacheEngine, version: string): string {
    return `${engine}${majorOf(version)}`;
}

export function isSupportedAuroraVersion(version: string): boolean {
    return (SUPPORTED_AURORA_POSTGRES_VERSIONS as readonly string[]).includes(version);
}

export function isSupportedCacheVersion(engine: string, version: string): boolean {
    const versions = (SUPPORTED_CACHE_VERSIONS as Record<string, readonly string[]>)[engine];
    return versions !== undefined && versions.includes(version);
}
