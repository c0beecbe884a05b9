/**
 * ingress-nginx behind the edge's ALBs, and its platform-wide per-client rate limit.
 *
 * ingress-nginx's own limit annotations (`limit-rps`, `limit-burst-multiplier`) apply only to the
 * Ingresses that carry them, so a forgotten annotation would mean no limit. The platform default is
 * therefore set in the controller's ConfigMap, which applies to every location nginx serves:
 * `http-snippet` declares a shared zone keyed by client address, `location-snippet` enforces it, and
 * `limit-req-status-code` makes nginx answer 429 instead of its default 503. Ingresses that need a
 * tighter limit add `rateLimitAnnotations(...)`: nginx applies every matching `limit_req`, so the
 * stricter one wins. ConfigMap snippets are admin-owned and unaffected by `allow-snippet-annotations`
 * (which stays off, so tenants cannot inject nginx config).
 *
 * TLS ends at the ALBs (components/edge); they forward to nginx's plain HTTP port and append the
 * client's address to X-Forwarded-For, which nginx trusts from known hops only (realIpConfig), so the
 * limit is truly per client.
 */
import * as pulumi from "@pulumi/pulumi";
import { RateLimitArgs } from "./args";

/** The zone of the platform-wide limit, as named in nginx.conf. */
export const RATE_LIMIT_ZONE = "platform_per_client";

/** ConfigMap keys (controller.config) that enforce the platform-wide per-client limit with 429. */
export function rateLimitConfig(limit: RateLimitArgs): Record<string, string> {
    return {
        "limit-req-status-code": "429",
        "limit-conn-status-code": "429",
        // 10 MB holds about 160k client addresses (64 bytes per $binary_remote_addr state).
        "http-snippet": `limit_req_zone $binary_remote_addr zone=${RATE_LIMIT_ZONE}:10m rate=${limit.requestsPerSecond}r/s;`,
        "location-snippet": `limit_req zone=${RATE_LIMIT_ZONE} burst=${limit.burst} nodelay;`,
    };
}

/** Annotations an Ingress adds for its own (stricter) limit; ingress-nginx derives burst = rps × multiplier. */
export function rateLimitAnnotations(limit: RateLimitArgs): Record<string, string> {
    return {
        "nginx.ingress.kubernetes.io/limit-rps": String(limit.requestsPerSecond),
        "nginx.ingress.kubernetes.io/limit-burst-multiplier": String(
            Math.max(1, Math.ceil(limit.burst / limit.requestsPerSecond)),
        ),
    };
}

/** Where the chart puts the controller's Service (release "ingress-nginx": the chart names it `<release>-controller`). */
export const INGRESS_SERVICE = { namespace: "ingress-nginx", name: "ingress-nginx-controller" };

/**
 * ConfigMap keys that make nginx take the client's address from X-Forwarded-For, walking it from
 * the right past trusted hops only: the ALBs (VPC addresses) and CloudFront's edge servers. A hop
 * outside those is the client, so a client cannot spoof its address by sending the header itself
 * (the ALB appends, it never trusts what came before). Global Accelerator preserves client IPs, so
 * on that path the last hop is the client already.
 */
export function realIpConfig(vpcCidr: string, trusted: pulumi.Input<string[]>): Record<string, pulumi.Input<string>> {
    return {
        "use-forwarded-headers": "true",
        "compute-full-forwarded-for": "true",
        "proxy-real-ip-cidr": pulumi.output(trusted).apply((cidrs) => [vpcCidr, ...cidrs].join(",")),
    };
}
