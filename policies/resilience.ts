/**
 * Database resilience. Advisory by default; prod's policy config makes it mandatory. Dev disables
 * deletion protection on purpose: the weekend teardown destroys the dev database.
 */
import { get, isOffOrMissing, isSet, isUnknown, PlatformPolicy, resourcePolicy } from "./helpers";

const DB_TYPES = ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"];

function kindOf(type: string): string {
    return type === "aws:rds/cluster:Cluster" ? "RDS cluster" : "RDS instance";
}

export const rdsDeletionProtection = resourcePolicy({
    name: "rds-deletion-protection",
    description: "RDS clusters and instances have deletion protection on.",
    enforcementLevel: "advisory",
    types: DB_TYPES,
    config: {},
    check(r, _cfg, report) {
        const v = get(r.props, "deletionProtection");
        if (isOffOrMissing(v)) {
            report(`${kindOf(r.type)} must have deletion protection enabled`);
        }
    },
});

interface RetentionConfig {
    minimumRetentionDays: number;
}

export const rdsBackupRetention = resourcePolicy<RetentionConfig>({
    name: "rds-backup-retention",
    description: "RDS clusters and instances keep automated backups long enough to restore from.",
    enforcementLevel: "advisory",
    types: DB_TYPES,
    config: {
        minimumRetentionDays: {
            type: "integer",
            minimum: 1,
            maximum: 35,
            description: "Minimum backupRetentionPeriod in days.",
            default: 7,
        },
    },
    check(r, cfg, report) {
        // Read replicas keep no automated backups of their own; the source does.
        if (isSet(get(r.props, "replicateSourceDb"))) {
            return;
        }
        const v = get(r.props, "backupRetentionPeriod");
        if (isUnknown(v)) {
            return;
        }
        const days = typeof v === "number" ? v : 1; // AWS's default when unset
        if (days < cfg.minimumRetentionDays) {
            report(
                `${kindOf(r.type)} must retain automated backups for at least ${cfg.minimumRetentionDays} days (got ${days})`,
            );
        }
    },
});

export const resiliencePolicies: PlatformPolicy[] = [rdsDeletionProtection, rdsBackupRetention];
