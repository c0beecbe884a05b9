/**
 * The storage part's settings as config gives them, their defaults per environment and region, and
 * their cross-field checks (pure: no resources).
 */
import { REGION_PARTITIONS } from "../../regions";

/** Shared EFS, AWS Backup and the on-prem SQL Server backup bucket, as configured (all optional). */
export interface StorageSettings {
    efs?: {
        /** Days without access before a file moves to EFS Infrequent Access. @default 30 */
        transitionToIaDays?: number;
    };
    backup?: {
        /** The daily rule's AWS Backup cron expression, in UTC. @default "cron(0 3 * * ? *)" (03:00 UTC) */
        schedule?: string;
        /** Days recovery points are kept. @default 35 in prod, 7 elsewhere */
        retentionDays?: number;
        /** Prod only: the region recovery points are copied to. @default defaultCopyRegion(region) */
        copyRegion?: string;
        /** Prod only: days the copies are kept. @default retentionDays */
        copyRetentionDays?: number;
    };
    onPremBackup?: {
        /** The bucket and its writer role exist (prod only: dev is destroyed every weekend). @default prod */
        enabled?: boolean;
        /** Key prefix the on-prem job writes under. @default "sqlserver/" */
        prefix?: string;
        /** Days before a backup moves to Glacier Instant Retrieval (restores stay immediate). @default 30 */
        coldAfterDays?: number;
        /** Days before a backup expires. @default 400 */
        expireAfterDays?: number;
        /** Object Lock default retention mode. @default "GOVERNANCE" */
        objectLockMode?: "GOVERNANCE" | "COMPLIANCE";
        /** Object Lock default retention in days. @default 35 */
        objectLockDays?: number;
        /** The IAM Roles Anywhere trust anchor of the on-prem PKI; the role trusts only it when set. @default any of this account's */
        trustAnchorArn?: string;
        /** The CN of the on-prem job's client certificate (x509Subject/CN). @default "sqlserver-backup" */
        certificateCommonName?: string;
    };
}

/**
 * Where each region's prod recovery points are copied: a default-enabled region of the same
 * jurisdiction (EU data stays in the EU), never the region itself. Opt-in regions are never targets:
 * copying into a region the account hasn't enabled fails.
 */
const COPY_PAIRS: Record<string, string> = {
    "eu-central-1": "eu-west-1",
    "eu-west-1": "eu-central-1",
    "eu-west-2": "eu-west-1",
    "eu-west-3": "eu-west-1",
    "eu-north-1": "eu-central-1",
    "us-east-1": "us-west-2",
    "us-east-2": "us-west-2",
    "us-west-1": "us-east-1",
    "us-west-2": "us-east-1",
    "ca-central-1": "us-east-1",
    "sa-east-1": "us-east-1",
    "ap-northeast-1": "ap-northeast-3",
    "ap-northeast-2": "ap-northeast-1",
    "ap-northeast-3": "ap-northeast-1",
    "ap-southeast-1": "ap-southeast-2",
    "ap-southeast-2": "ap-southeast-1",
    "ap-south-1": "ap-southeast-1",
    "cn-north-1": "cn-northwest-1",
    "cn-northwest-1": "cn-north-1",
    "us-gov-east-1": "us-gov-west-1",
    "us-gov-west-1": "us-gov-east-1",
};

/** The default copy region: the pair above, else a default-enabled region of the same geography. */
export function defaultCopyRegion(region: string): string {
    const paired = COPY_PAIRS[region];
    if (paired) return paired;
    const geo = region.split("-")[0];
    const sameGeo = Object.keys(COPY_PAIRS).find((r) => r !== region && r.split("-")[0] === geo);
    if (sameGeo && REGION_PARTITIONS[sameGeo] === REGION_PARTITIONS[region]) return sameGeo;
    return region === "us-east-1" ? "us-west-2" : "us-east-1";
}

/** Settings with every default applied. */
export interface StorageResolved {
    transitionToIaDays: number;
    backup: { schedule: string; retentionDays: number; copy?: { region: string; retentionDays: number } };
    onPremBackup?: {
        prefix: string;
        coldAfterDays: number;
        expireAfterDays: number;
        objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
        trustAnchorArn?: string;
        certificateCommonName: string;
    };
}

export function resolveStorage(s: StorageSettings, prod: boolean, region: string): StorageResolved {
    const retentionDays = s.backup?.retentionDays ?? (prod ? 35 : 7);
    const o = s.onPremBackup ?? {};
    return {
        transitionToIaDays: s.efs?.transitionToIaDays ?? 30,
        backup: {
            schedule: s.backup?.schedule ?? "cron(0 3 * * ? *)",
            retentionDays,
            copy: prod
                ? {
                      region: s.backup?.copyRegion ?? defaultCopyRegion(region),
                      retentionDays: s.backup?.copyRetentionDays ?? retentionDays,
                  }
                : undefined,
        },
        onPremBackup:
            (o.enabled ?? prod)
                ? {
                      prefix: o.prefix ?? "sqlserver/",
                      coldAfterDays: o.coldAfterDays ?? 30,
                      expireAfterDays: o.expireAfterDays ?? 400,
                      // Object Lock is prod's ransomware guard; only prod has the bucket.
                      objectLock: prod
                          ? { mode: o.objectLockMode ?? "GOVERNANCE", days: o.objectLockDays ?? 35 }
                          : undefined,
                      trustAnchorArn: o.trustAnchorArn,
                      certificateCommonName: o.certificateCommonName ?? "sqlserver-backup",
                  }
                : undefined,
    };
}

/** EFS accepts only these IA transition ages (TransitionToIARules). */
export const EFS_IA_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365];
/** AWS Backup's cron: six fields (minutes hours day-of-month month day-of-week year). */
const BACKUP_CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;
const TRUST_ANCHOR = /^arn:aws(-cn|-us-gov)?:rolesanywhere:[a-z0-9-]+:\d{12}:trust-anchor\/[0-9a-f-]{36}$/;
/** Glacier Instant Retrieval bills every object for at least 90 days. */
const GLACIER_IR_MIN_DAYS = 90;

/** Cross-field problems, each naming the key as written under `key` (e.g. payments-platform:apps.storage). */
export function storageProblems(key: string, s: StorageSettings, environment: string, region: string): string[] {
    const prod = environment === "prod";
    const problems: string[] = [];
    const ia = s.efs?.transitionToIaDays;
    if (ia !== undefined && !EFS_IA_DAYS.includes(ia))
        problems.push(`${key}.efs.transitionToIaDays is ${ia}, must be one of ${EFS_IA_DAYS.join(", ")}`);
    const b = s.backup ?? {};
    if (b.schedule !== undefined && !BACKUP_CRON.test(b.schedule))
        problems.push(
            `${key}.backup.schedule is ${JSON.stringify(b.schedule)}, must be an AWS Backup cron in UTC such as "cron(0 3 * * ? *)"`,
        );
    for (const f of ["copyRegion", "copyRetentionDays"] as const)
        if (!prod && b[f] !== undefined)
            problems.push(
                `${key}.backup.${f} is set on a ${environment} stack: only prod copies backups to a second region`,
            );
    if (prod && b.copyRegion !== undefined) {
        if (b.copyRegion === region)
            problems.push(
                `${key}.backup.copyRegion is ${b.copyRegion}, the stack's own region: a copy must survive its loss`,
            );
        else if (REGION_PARTITIONS[b.copyRegion] === undefined)
            problems.push(`${key}.backup.copyRegion is ${JSON.stringify(b.copyRegion)}, not a known AWS region`);
        else if (REGION_PARTITIONS[b.copyRegion] !== REGION_PARTITIONS[region])
            problems.push(`${key}.backup.copyRegion is ${b.copyRegion}, outside ${region}'s partition`);
    }
    problems.push(...onPremProblems(`${key}.onPremBackup`, s.onPremBackup ?? {}, environment, region));
    return problems;
}

function onPremProblems(
    key: string,
    o: NonNullable<StorageSettings["onPremBackup"]>,
    environment: string,
    region: string,
): string[] {
    const prod = environment === "prod";
    const problems: string[] = [];
    if (o.enabled === true && !prod)
        problems.push(
            `${key}.enabled is true on a ${environment} stack: the SQL Server backups go to prod only (dev is destroyed every weekend)`,
        );
    if (!prod)
        for (const f of ["objectLockMode", "objectLockDays"] as const)
            if (o[f] !== undefined)
                problems.push(`${key}.${f} is set on a ${environment} stack: only prod has the bucket`);
    const cold = o.coldAfterDays ?? 30;
    const expire = o.expireAfterDays ?? 400;
    if (expire - cold < GLACIER_IR_MIN_DAYS)
        problems.push(
            `${key}.expireAfterDays is ${expire}, must be at least coldAfterDays (${cold}) + ${GLACIER_IR_MIN_DAYS}: Glacier Instant Retrieval bills ${GLACIER_IR_MIN_DAYS} days per object`,
        );
    const lock = o.objectLockDays ?? 35;
    if (prod && lock > expire)
        problems.push(
            `${key}.objectLockDays is ${lock}, must not exceed expireAfterDays (${expire}): locked versions would outlive their expiry`,
        );
    if (o.prefix !== undefined && !/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/.test(o.prefix))
        problems.push(
            `${key}.prefix is ${JSON.stringify(o.prefix)}, must be a key prefix ending in "/", e.g. "sqlserver/"`,
        );
    if (o.trustAnchorArn !== undefined && !TRUST_ANCHOR.test(o.trustAnchorArn))
        problems.push(
            `${key}.trustAnchorArn is ${JSON.stringify(o.trustAnchorArn)}, must be an IAM Roles Anywhere trust anchor ARN (arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>)`,
        );
    // The profile is made in the stack's region, and CreateSession takes an anchor and a profile of one region.
    else if (o.trustAnchorArn !== undefined && o.trustAnchorArn.split(":")[3] !== region)
        problems.push(
            `${key}.trustAnchorArn is in ${o.trustAnchorArn.split(":")[3]}, must be in the stack's region ${region}`,
        );
    return problems;
}
