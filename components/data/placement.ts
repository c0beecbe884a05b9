/**
 * Where the nodes of the payments stores go. Pure functions, tested from tables: the writer and the
 * readers (and the cache's primary and replicas) are spread round-robin over the spoke's AZs.
 */

/**
 * The most Aurora readers per AZ we allow. Two per AZ (6 over 3 AZs) covers the read load the seeds
 * describe with a failover target to spare; more than that is a sizing question (a bigger instance
 * class), not a count question. Aurora's own hard limit is 15 replicas per cluster.
 */
export const MAX_READERS_PER_AZ = 2;

/** Aurora's limit on replicas in one cluster. */
export const AURORA_MAX_REPLICAS = 15;

/** The reader limit for a number of AZs. */
export function maxReaders(azCount: number): number {
    return Math.min(azCount * MAX_READERS_PER_AZ, AURORA_MAX_REPLICAS);
}

/** AZ of the writer and of each reader: the writer in the first AZ, readers from the next one on. */
export function auroraPlacement(azs: readonly string[], readers: number): { writer: string; readers: string[] } {
    if (azs.length === 0) throw new Error("auroraPlacement needs at least one AZ");
    return { writer: azs[0], readers: Array.from({ length: readers }, (_v, i) => azs[(i + 1) % azs.length]) };
}

/**
 * AZs of the cache's replicas, with the primary in the first AZ. Replicas start in the next AZ, so
 * the first failover target is always in another AZ than the primary.
 */
export function cachePlacement(azs: readonly string[], replicas: number): { primary: string; replicas: string[] } {
    if (azs.length === 0) throw new Error("cachePlacement needs at least one AZ");
    return { primary: azs[0], replicas: Array.from({ length: replicas }, (_v, i) => azs[(i + 1) % azs.length]) };
}
