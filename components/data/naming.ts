/**
 * Physical names with AWS limits tighter than Pulumi's autonaming can meet, or that something else
 * must know before the resource exists. Pure, tested from tables.
 */
import { createHash } from "crypto";

/** ElastiCache's limit on a replication group id (CreateReplicationGroup API reference). */
export const REPLICATION_GROUP_ID_MAX = 40;
/** RDS's limit on a DB cluster identifier (CreateDBCluster API reference). */
export const DB_CLUSTER_IDENTIFIER_MAX = 63;

/**
 * `name` as an identifier of at most `max` characters under the rules ElastiCache and RDS share:
 * lowercase letters, digits and hyphens, a letter first, no consecutive hyphens and no trailing
 * hyphen. A name that doesn't fit is cut and given a hash of the whole, so two long names that
 * share a prefix still get distinct identifiers.
 */
function boundedIdentifier(name: string, max: number): string {
    const clean = (s: string) =>
        s
            .toLowerCase()
            .replace(/[^a-z0-9-]/g, "-")
            .replace(/-{2,}/g, "-")
            .replace(/^-+|-+$/g, "");
    let id = clean(name);
    if (!/^[a-z]/.test(id)) id = `c-${id}`.replace(/-+$/, "");
    if (id.length <= max) return id;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${id.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/**
 * A replication group id for `name` (1–40 characters). pulumi-aws autonames `<name>-<7 random>` and
 * refuses anything over 40 ("plus 7 random chars is longer than maximum length 40"), which the prod
 * stacks' names exceed (`prod-frankfurt-payments-cache-group-…` is 43).
 */
export function replicationGroupId(name: string): string {
    return boundedIdentifier(name, REPLICATION_GROUP_ID_MAX);
}

/**
 * A DB cluster identifier for `name` (1–63 characters). Explicit rather than autonamed: the
 * cluster's exported log group, `/aws/rds/cluster/<identifier>/postgresql`, is created (encrypted,
 * with a retention) before the cluster, so the identifier must be known before the cluster exists.
 */
export function dbClusterIdentifier(name: string): string {
    return boundedIdentifier(name, DB_CLUSTER_IDENTIFIER_MAX);
}

/** The log group RDS exports a cluster's PostgreSQL log to (fixed by RDS; it creates it if absent). */
export function postgresqlLogGroupName(clusterIdentifier: string): string {
    return `/aws/rds/cluster/${clusterIdentifier}/postgresql`;
}
