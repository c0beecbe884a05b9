/**
 * Config of the edge area, one structured key `payments-platform:edge`. Workload stacks read the
 * regional part (their ALBs' names, zone, WAF limit, draining); edge-global adds the global part.
 * Defaults come from components/edge so config and component cannot disagree, and the component's
 * own rules run over the config before any resource exists, reported with the config key.
 */
import { z } from "zod";
import {
    REGIONAL_EDGE_DEFAULTS,
    RegionalEdgeArgs,
    RegionalEdgeRuleArgs,
    isHostname,
    regionalEdgeProblems,
} from "../../components/edge";

const PROJECT = "payments-platform";
const int = () => z.number().int();

/** A public hosted zone id as Route 53 prints it (no "/hostedzone/" prefix). */
export const HOSTED_ZONE_ID = /^Z[0-9A-Z]{1,31}$/;

export const edgeSchema = z
    .object({
        /** The platform's domain: the public hosted zone's name, e.g. "payments.example.com". */
        domain: z.string().min(1),
        /** The zone's id (it exists before any stack: see components/edge/certificate.ts). */
        hostedZoneId: z.string().regex(HOSTED_ZONE_ID),
        /** Label the stack's names sit under (dev: "dev" gives origin.dev.<domain>). @default none */
        prefix: z.string().min(1).optional(),
        /** Requests per client IP per 5 minutes before the regional WAF answers 429. @default 2000 */
        wafRateLimit: int().default(REGIONAL_EDGE_DEFAULTS.wafRateLimit),
        /** Days the ALB access logs are kept. @default 90 */
        accessLogRetentionDays: int().min(1).default(REGIONAL_EDGE_DEFAULTS.accessLogRetentionDays),
        /** ALB listener TLS policy. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
        sslPolicy: z.string().default(REGIONAL_EDGE_DEFAULTS.sslPolicy),
        /** Target group draining and health checks. @default 60 s delay, 10 s checks, 2 to fail, 2 to pass */
        draining: z
            .object({
                deregistrationDelaySeconds: int().optional(),
                healthCheckIntervalSeconds: int().optional(),
                unhealthyThreshold: int().optional(),
                healthyThreshold: int().optional(),
            })
            .strict()
            .default({}),
    })
    .strict();

export type EdgeConfig = z.infer<typeof edgeSchema>;

export const edgeKeys = {
    /** The edge: required on workload and edge stacks. @default unset */
    edge: edgeSchema.optional(),
} satisfies z.ZodRawShape;

/** The host names a stack's ALBs answer for: the origin record CloudFront reaches, and `api`. */
export function edgeHostnames(e: Pick<EdgeConfig, "domain" | "prefix">): { origin: string; api: string } {
    const base = e.prefix ? `${e.prefix}.${e.domain}` : e.domain;
    return { origin: `origin.${base}`, api: `api.${base}` };
}

/** The regional part's problems, as config keys; nothing is created before these are fixed. */
export function edgeConfigProblems(s: { role: string; edge?: EdgeConfig }): string[] {
    if (s.role === "network") return s.edge ? [`${PROJECT}:edge is set, a network stack has no edge part`] : [];
    // A workload stack may go without an edge part (the DESIGN's "a new region is two files" still
    // holds: it is reached once its file names edge and edge-global lists it).
    if (!s.edge) return s.role === "edge" ? [`${PROJECT}:edge is missing, an edge stack needs it`] : [];
    const e = s.edge;
    const problems: string[] = [];
    if (!isHostname(e.domain))
        problems.push(`${PROJECT}:edge.domain is ${JSON.stringify(e.domain)}, must be a lower-case DNS name`);
    if (e.prefix !== undefined && !/^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(e.prefix))
        problems.push(`${PROJECT}:edge.prefix is ${JSON.stringify(e.prefix)}, must be one DNS label (a-z, 0-9, -)`);
    if (s.role !== "workload" || problems.length > 0) return problems;
    const names = edgeHostnames(e);
    const args: RegionalEdgeRuleArgs = { ...regionalSettings(e), originHostname: names.origin, apiHostname: names.api };
    // Host names are derived from edge.domain and edge.prefix, checked above.
    return regionalEdgeProblems(args)
        .filter((p) => !/^(originHostname|apiHostname)\b/.test(p))
        .map((p) => `${PROJECT}:edge.${p}`);
}

/** The config's regional settings as RegionalEdgeArgs fields. */
export function regionalSettings(
    e: EdgeConfig,
): Pick<RegionalEdgeArgs, "wafRateLimit" | "accessLogRetentionDays" | "sslPolicy" | "draining"> {
    return {
        wafRateLimit: e.wafRateLimit,
        accessLogRetentionDays: e.accessLogRetentionDays,
        sslPolicy: e.sslPolicy,
        draining: e.draining,
    };
}
