/**
 * The regional edge's defaults and rules, without resources: the component and the stack config
 * both read them, so they cannot disagree.
 */
import { DrainingArgs, RegionalEdgeArgs } from "./args";

export const REGIONAL_EDGE_DEFAULTS = {
    originHeaderName: "X-Origin-Verify",
    wafRateLimit: 2000,
    accessLogRetentionDays: 90,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    draining: {
        deregistrationDelaySeconds: 60,
        healthCheckIntervalSeconds: 10,
        unhealthyThreshold: 2,
        healthyThreshold: 2,
    } satisfies Required<DrainingArgs>,
};

/** TLS policies of ALB listeners that negotiate TLS 1.3 and never below 1.2. */
export const TLS13_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
];

/** ingress-nginx's health endpoint: the controller's own port, so it answers whatever Ingresses exist. */
export const NGINX_HEALTH = { path: "/healthz", port: 10254 };
/** ingress-nginx's plain HTTP port (the ALBs terminate TLS). */
export const NGINX_HTTP_PORT = 80;

// A DNS label: letters, digits, hyphens, not at either end, at most 63 characters.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Whether `name` is a lower-case DNS host name of at most 253 characters, with two labels at least. */
export function isHostname(name: string): boolean {
    const labels = name.split(".");
    return name.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

/** The args the rules read (the stack config checks the same fields before any resource). */
export type RegionalEdgeRuleArgs = Pick<
    RegionalEdgeArgs,
    "originHostname" | "apiHostname" | "wafRateLimit" | "sslPolicy" | "draining"
>;

/** Every problem of the args, each naming the field, the value and what is allowed. */
export function regionalEdgeProblems(args: RegionalEdgeRuleArgs): string[] {
    const problems: string[] = [];
    for (const field of ["originHostname", "apiHostname"] as const) {
        if (!isHostname(args[field]))
            problems.push(
                `${field} is ${JSON.stringify(args[field])}, must be a lower-case DNS name (labels a-z, 0-9, -)`,
            );
    }
    const rate = args.wafRateLimit ?? REGIONAL_EDGE_DEFAULTS.wafRateLimit;
    if (!Number.isInteger(rate) || rate < 100 || rate > 2_000_000_000)
        problems.push(`wafRateLimit is ${rate}, WAF allows an integer from 100 to 2000000000 (requests per 5 minutes)`);
    const policy = args.sslPolicy ?? REGIONAL_EDGE_DEFAULTS.sslPolicy;
    if (!TLS13_POLICIES.includes(policy))
        problems.push(`sslPolicy is ${JSON.stringify(policy)}, must be a TLS 1.3 policy: ${TLS13_POLICIES.join(", ")}`);
    problems.push(...drainingProblems({ ...REGIONAL_EDGE_DEFAULTS.draining, ...args.draining }));
    return problems;
}

function drainingProblems(d: Required<DrainingArgs>): string[] {
    const out: string[] = [];
    const range = (field: keyof DrainingArgs, min: number, max: number) => {
        const v = d[field];
        if (!Number.isInteger(v) || v < min || v > max)
            out.push(`draining.${field} is ${v}, ALB allows an integer from ${min} to ${max}`);
    };
    range("deregistrationDelaySeconds", 0, 3600);
    range("healthCheckIntervalSeconds", 5, 300);
    range("unhealthyThreshold", 2, 10);
    range("healthyThreshold", 2, 10);
    return out;
}
