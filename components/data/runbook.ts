/**
 * The operator's runbook of an Aurora Global Database member, as a stack output: how to switch
 * over, how to fail over, what RPO to expect and in which order to delete. Pure, tested from tables.
 */

export interface GlobalRunbookInput {
    role: "primary" | "secondary";
    globalClusterIdentifier: string;
    /** This member's cluster ARN. */
    clusterArn: string;
    /** This member's region. */
    region: string;
    /** This member's stack. */
    stack: string;
    /** The primary's stack (a secondary's `database.global.primaryStack`; the stack itself on the primary). */
    primaryStack: string;
    /** The managed RPO bound set on the primary (`rds.global_db_rpo`), or undefined. */
    rpoSeconds?: number;
}

/** The RPO line: what a failover may lose. */
export function rpoLine(rpoSeconds: number | undefined): string {
    const lag =
        "RPO: replication lag is typically under a second (CloudWatch AuroraGlobalDBReplicationLag, AuroraGlobalDBRPOLag)";
    return rpoSeconds === undefined
        ? `${lag}; there is no managed bound (database.global.rpoSeconds is unset on the primary), so an unplanned failover loses whatever had not replicated at that moment.`
        : `${lag}; the primary bounds it with rds.global_db_rpo = ${rpoSeconds} s: commits wait while no secondary is within ${rpoSeconds} s, so an unplanned failover loses at most about ${rpoSeconds} s of commits.`;
}

/** The runbook, one step per line. */
export function globalRunbook(i: GlobalRunbookInput): string {
    const g = `--global-cluster-identifier ${i.globalClusterIdentifier}`;
    const target =
        i.role === "secondary"
            ? { region: i.region, arn: i.clusterArn }
            : { region: "<the secondary's region>", arn: "<the secondary stack's dbClusterArn>" };
    const who =
        i.role === "primary"
            ? `this cluster (${i.region}, stack ${i.stack}) is the writing primary`
            : `this cluster (${i.region}, stack ${i.stack}) is a read-only secondary of stack ${i.primaryStack}'s primary; it has readers only and no RDS Proxy until promoted`;
    return [
        `Aurora Global Database ${i.globalClusterIdentifier}: ${who}.`,
        `Planned switchover (no data loss; waits for the target to catch up): aws rds switchover-global-cluster --region ${target.region} ${g} --target-db-cluster-identifier ${target.arn}`,
        `Unplanned failover (the primary's region is down; run it in the target's region): aws rds failover-global-cluster --region ${target.region} ${g} --target-db-cluster-identifier ${target.arn} --allow-data-loss`,
        rpoLine(i.rpoSeconds),
        "After either, `pulumi up` leaves membership as RDS has it (the clusters ignore globalClusterIdentifier and replicationSourceIdentifier); the stack files keep their roles until you re-plan them.",
        `Deletion order: a secondary must leave the global cluster before it can be deleted. Destroy the secondaries' stacks first, then ${i.primaryStack}; or detach one with aws rds remove-from-global-cluster --region <its region> ${g} --db-cluster-identifier <its dbClusterArn> (it becomes a standalone writable cluster). The primary's destroy fails while a secondary is still a member (the global cluster never force-destroys), and prod's clusters are protected: \`pulumi state unprotect\` them first.`,
    ].join("\n");
}
