/**
 * ingress-nginx behind an NLB, and its platform-wide per-client rate limit.
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
 * TLS ends at the NLB (ACM certificate); the NLB forwards to nginx's plain HTTP port with proxy
 * protocol v2, so nginx still sees each client's address and the limit is truly per client.
 */
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

export interface NlbServiceArgs {
    certificateArn: string;
    scheme: "internal" | "internet-facing";
    sslPolicy: string;
}

/** Service annotations read by the AWS Load Balancer Controller: NLB, IP targets, TLS with ACM, proxy protocol v2. */
export function nlbServiceAnnotations(args: NlbServiceArgs): Record<string, string> {
    const p = "service.beta.kubernetes.io/aws-load-balancer";
    return {
        [`${p}-type`]: "external",
        [`${p}-nlb-target-type`]: "ip",
        [`${p}-scheme`]: args.scheme,
        [`${p}-ssl-cert`]: args.certificateArn,
        [`${p}-ssl-ports`]: "https",
        [`${p}-ssl-negotiation-policy`]: args.sslPolicy,
        [`${p}-backend-protocol`]: "tcp",
        [`${p}-proxy-protocol`]: "*",
        [`${p}-attributes`]: "load_balancing.cross_zone.enabled=true",
    };
}
