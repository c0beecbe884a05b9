/**
 * The keys every stack has: what it is (role, environment), who pays for it, and which region.
 */
import { z } from "zod";
import { KNOWN_REGIONS, isKnownRegion } from "../../components/regions";
import { str } from "./load";

/** Route domains on the Transit Gateway; an environment's spoke lives in the domain of the same name. */
export const ENVIRONMENTS = ["dev", "qa", "prod", "shared"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * What a stack builds: the region's network hub, an environment's workloads, the global edge, or the
 * account's CI access (GitHub OIDC provider and deploy roles; stacks/bootstrap.ts).
 */
export const ROLES = ["network", "workload", "edge", "bootstrap"] as const;
export type Role = (typeof ROLES)[number];

export const baseSchema = z.object({
    /** What this stack builds. */
    role: z.enum(ROLES),
    /** The environment (and route domain) of this stack. */
    environment: z.enum(ENVIRONMENTS),
    /** Owning team, carried as the `owner` tag. */
    owner: str(),
    /** Cost centre, carried as the `cost-center` tag. */
    costCenter: str(),
    /** Extra tags on every resource (merged under the required ones). @default {} */
    tags: z.record(z.string(), z.string()).default({}),
    /** Scheduled weekend teardown of this stack (dev only). @default false */
    weekendTeardown: z.boolean().default(false),
    /**
     * IANA zone of the team whose weekend the teardown follows (Friday 20:00 to Monday 06:00 local;
     * automation/teardown/schedule.ts). @default "Europe/Berlin"
     */
    teardownTimeZone: z
        .string()
        .refine(isTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" })
        .default("Europe/Berlin"),
    /** The bootstrap stack's CI access (role bootstrap only). @default none */
    bootstrap: z
        .object({
            /** `owner/name` of the GitHub repository whose workflows deploy. */
            githubRepository: z.string(),
            /** Environments that get a preview and a deploy role. @default ["dev", "prod", "shared"] */
            environments: z.array(z.enum(ENVIRONMENTS)).default(["dev", "prod", "shared"]),
            /** The account's GitHub OIDC provider, when another stack or tool made it. @default none (created) */
            existingOidcProviderArn: z.string().optional(),
            /** Longest deploy session, seconds. @default 10800 */
            deploySessionSeconds: z.number().int().optional(),
        })
        .strict()
        .optional(),
});

/** Whether Node's tz database knows the zone (a typo would otherwise fail at 20:00 on a Friday). */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return zone.length > 0;
    } catch {
        return false;
    }
}

export type BaseConfig = z.infer<typeof baseSchema>;

/** `aws:region` must name a real region (a typo like "eu-centrall-1" would fail only at deploy). */
export function regionProblems(region: string | undefined): string[] {
    if (region !== undefined && isKnownRegion(region)) return [];
    const value = region === undefined ? "missing" : JSON.stringify(region);
    return [`aws:region is ${value}, must be an AWS region (known: ${KNOWN_REGIONS.join(", ")})`];
}
