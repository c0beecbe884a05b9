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
        // ---- edge-global only
        /** The workload stacks behind the edge, each with its accelerator traffic dial. @default none */
        regions: z
            .array(z.object({ stack: z.string().min(1), trafficDial: int().min(0).max(100).default(100) }).strict())
            .optional(),
        /** Countries (ISO 3166 alpha-2) whose viewers go to a pinned region's stack. @default none */
        geolocation: z.array(z.object({ country: z.string(), stack: z.string().min(1) }).strict()).optional(),
        /** Global Accelerator's endpoint-group health check. @default { intervalSeconds: 10, threshold: 3 } */
        acceleratorHealth: z
            .object({ intervalSeconds: z.literal([10, 30]), threshold: int().min(1).max(10) })
            .strict()
            .optional(),
        /** Recovery time objective: every entry path must fail over within it, seconds. @default 180 */
        rtoSeconds: int().min(1).optional(),
        /** Shield Advanced protections (the account must subscribe: $3,000/month per organization). @default false */
        shieldAdvanced: z.boolean().optional(),
        /** CloudFront price class. @default "PriceClass_All" */
        priceClass: z.enum(["PriceClass_All", "PriceClass_200", "PriceClass_100"]).optional(),
    })
    .strict();

/** Keys only edge-global reads. */
const GLOBAL_ONLY = [
    "regions",
    "geolocation",
    "acceleratorHealth",
    "rtoSeconds",
    "shieldAdvanced",
    "priceClass",
] as const;
/** Keys only the regional part reads. */
const REGIONAL_ONLY = ["prefix", "draining"] as const;
/** The default RTO, seconds. */
export const DEFAULT_RTO_SECONDS = 180;

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
export function edgeConfigProblems(s: { role: string; edge?: EdgeConfig; region?: string }): string[] {
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
    const raw: Record<string, unknown> = e;
    const misplaced = (s.role === "edge" ? REGIONAL_ONLY : GLOBAL_ONLY).filter((k) =>
        k === "draining" ? Object.keys(e.draining).length > 0 : raw[k] !== undefined,
    );
    for (const k of misplaced)
        problems.push(
            `${PROJECT}:edge.${k} is set, ${s.role === "edge" ? "an edge" : "a workload"} stack does not read it`,
        );
    if (s.role === "edge") {
        // CloudFront takes its certificate and its web ACL from us-east-1 only.
        if (s.region !== undefined && s.region !== "us-east-1")
            problems.push(
                `aws:region is ${JSON.stringify(s.region)}, an edge stack must be in us-east-1 (CloudFront's certificates and WAF)`,
            );
        return [...problems, ...globalProblems(e)];
    }
    if (problems.length > 0) return problems;
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

function globalProblems(e: EdgeConfig): string[] {
    const problems: string[] = [];
    const stacks = (e.regions ?? []).map((r) => r.stack);
    if (stacks.length === 0)
        problems.push(`${PROJECT}:edge.regions is missing, edge-global needs at least one workload stack`);
    for (const [i, g] of (e.geolocation ?? []).entries()) {
        if (!/^[A-Z]{2}$/.test(g.country))
            problems.push(
                `${PROJECT}:edge.geolocation[${i}].country is ${JSON.stringify(g.country)}, must be an ISO 3166 alpha-2 code (e.g. DE)`,
            );
        if (!stacks.includes(g.stack))
            problems.push(
                `${PROJECT}:edge.geolocation[${i}].stack is ${JSON.stringify(g.stack)}, must be one of edge.regions (${stacks.join(", ")})`,
            );
    }
    return problems;
}
