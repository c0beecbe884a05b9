/**
 * Config keys of the apps area: one structured key, `payments-platform:apps`, read by workload
 * stacks. Each part of the payments apps (web and API, workers, stateful services, storage) adds its
 * own sub-object here; `images` is shared by all of them.
 */
import { z } from "zod";
import { imageReferenceProblems } from "../../components/apps/images";
import { APP_SERVICES } from "../../components/apps/services";
import { storageProblems } from "../../components/apps/storage/settings";

const days = z.number().int().positive();

/** Shared EFS, AWS Backup, the on-prem SQL Server backup bucket (components/apps/storage/settings.ts). */
const storageSchema = z
    .object({
        /** @default { transitionToIaDays: 30 } */
        efs: z.object({ transitionToIaDays: days.optional() }).strict().optional(),
        /** The daily AWS Backup plan (UTC cron, retention, prod's copy region). @default daily 03:00 UTC, 35 days prod / 7 elsewhere */
        backup: z
            .object({
                schedule: z.string().optional(),
                retentionDays: days.max(36500).optional(),
                copyRegion: z.string().optional(),
                copyRetentionDays: days.max(36500).optional(),
            })
            .strict()
            .optional(),
        /** The SQL Server backup bucket and its writer role (prod only). @default on in prod, off elsewhere */
        onPremBackup: z
            .object({
                enabled: z.boolean().optional(),
                prefix: z.string().optional(),
                coldAfterDays: days.optional(),
                expireAfterDays: days.optional(),
                objectLockMode: z.enum(["GOVERNANCE", "COMPLIANCE"]).optional(),
                objectLockDays: days.max(36500).optional(),
                trustAnchorArn: z.string().optional(),
                certificateCommonName: z.string().min(1).max(64).optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export const appsSchema = z
    .object({
        /**
         * Image of each service: an immutable tag or a digest (`sha256:…`) of the service's repository
         * in the region's registry (the hub stack's `imageRepositoryUrls`). Never `latest`.
         */
        images: z.record(z.string(), z.string()),
        /** Shared EFS, AWS Backup and the on-prem backup bucket. @default {} (every default) */
        storage: storageSchema.optional(),
    })
    .strict();

export type AppsConfig = z.infer<typeof appsSchema>;

/** Keys of this area, merged into the stack schema. */
export const appsKeys = {
    /** The payments apps on the cluster; a workload stack without it runs the platform only. @default none */
    apps: appsSchema.optional(),
};

const KEY = "payments-platform:apps";

/** Every service has one usable image reference, and nothing else is listed. */
export function appsConfigProblems(
    role: string,
    apps: AppsConfig | undefined,
    stack: { environment: string; region?: string } = { environment: "" },
): string[] {
    if (!apps) return [];
    if (role !== "workload") return [`${KEY} is set on a ${role} stack: only workload stacks run the apps`];
    const known: readonly string[] = APP_SERVICES;
    const problems: string[] = [];
    for (const [service, ref] of Object.entries(apps.images)) {
        if (!known.includes(service))
            problems.push(`${KEY}.images.${service} names no service: the services are ${known.join(", ")}`);
        else problems.push(...imageReferenceProblems(`${KEY}.images.${service}`, ref));
    }
    const missing = known.filter((s) => apps.images[s] === undefined);
    if (missing.length > 0) problems.push(`${KEY}.images lacks ${missing.join(", ")}: every service needs an image`);
    problems.push(...storageProblems(`${KEY}.storage`, apps.storage ?? {}, stack.environment, stack.region ?? ""));
    return problems;
}
