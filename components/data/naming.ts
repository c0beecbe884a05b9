/**
 * Physical names with AWS limits tighter than Pulumi's autonaming can meet. Pure, tested from tables.
 */
import { createHash } from "crypto";

/** ElastiCache's limit on a replication group id (CreateReplicationGroup API reference). */
export const REPLICATION_GROUP_ID_MAX = 40;

/**
 * A replication group id for `name`: lowercase, 1–40 characters, starting with a letter, no
 * consecutive hyphens and no trailing hyphen. pulumi-aws autonames `<name>-<7 random>` and refuses
 * anything over 40 ("plus 7 random chars is longer than maximum length 40"), which the prod stacks'
 * names exceed (`prod-frankfurt-payments-cache-group-…` is 43). A name that doesn't fit is cut and
 * given a hash of the whole, so two long names that share a prefix still get distinct ids.
 */
export function replicationGroupId(name: string): string {
    const clean = (s: string) =>
        s
            .toLowerCase()
            .replace(/[^a-z0-9-]/g, "-")
            .replace(/-{2,}/g, "-")
            .replace(/^-+|-+$/g, "");
    let id = clean(name);
    if (!/^[a-z]/.test(id)) id = `c-${id}`.replace(/-+$/, "");
    if (id.length <= REPLICATION_GROUP_ID_MAX) return id;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${id.slice(0, REPLICATION_GROUP_ID_MAX - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
