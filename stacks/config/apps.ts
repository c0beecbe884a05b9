/**
 * Config keys of the apps area: one structured key, `payments-platform:apps`, read by workload
 * stacks. Each part of the payments apps (web and API, workers, stateful services, storage) adds its
 * own sub-object here; `images` is shared by all of them.
 */
import { z } from "zod";
import { cacheWarmerProblems } from "../../components/apps/dataAccess/settings";
import { imageReferenceProblems } from "../../components/apps/images";
import { APP_SERVICES } from "../../components/apps/services";

export const appsSchema = z
    .object({
        /**
         * Image of each service: an immutable tag or a digest (`sha256:…`) of the service's repository
         * in the region's registry (the hub stack's `imageRepositoryUrls`). Never `latest`.
         */
        images: z.record(z.string(), z.string()),
        /**
         * The CronJob that warms the cache from the on-premises SQL Server (over Direct Connect/VPN).
         * Its password is the operator-created SSM SecureString `<eks.parameterPath>cache-warmer/sqlserver-password`.
         * @default none (no CronJob)
         */
        cacheWarmer: z
            .object({
                /** Cron schedule (five fields or a macro such as `@hourly`), in UTC. @default "*\/15 * * * *" */
                schedule: z.string().optional(),
                /** The SQL Server's host name (resolved to an address in an `on-prem/...` range). @default none (required) */
                host: z.string(),
                /** Its port. @default 1433 */
                port: z.number().optional(),
                /** The database the warm-up queries read. @default none (required) */
                database: z.string(),
                /** The SQL Server login (a read-only one). @default "cache_warmer" */
                username: z.string().optional(),
                /** A run is killed after this long (so a hung query never blocks the next: concurrencyPolicy Forbid). @default 600 */
                activeDeadlineSeconds: z.number().optional(),
                /** A run missed by more than this (controller down, cluster upgrade) is skipped, not started late. @default 300 */
                startingDeadlineSeconds: z.number().optional(),
            })
            .strict()
            .optional(),
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
export function appsConfigProblems(role: string, apps: AppsConfig | undefined): string[] {
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
    if (apps.cacheWarmer) problems.push(...cacheWarmerProblems(`${KEY}.cacheWarmer`, apps.cacheWarmer));
    return problems;
}
