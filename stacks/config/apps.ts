/**
 * Config keys of the apps area: one structured key, `payments-platform:apps`, read by workload
 * stacks. Each part of the payments apps (web and API, workers, stateful services, storage) adds its
 * own sub-object here; `images` is shared by all of them.
 */
import { z } from "zod";
import { imageReferenceProblems } from "../../components/apps/images";
import { APP_SERVICES } from "../../components/apps/services";

export const appsSchema = z
    .object({
        /**
         * Image of each service: an immutable tag or a digest (`sha256:…`) of the service's repository
         * in the region's registry (the hub stack's `imageRepositoryUrls`). Never `latest`.
         */
        images: z.record(z.string(), z.string()),
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
    return problems;
}
