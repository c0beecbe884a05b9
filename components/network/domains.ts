/**
 * Route domains on the Transit Gateway and the connection policy between them (pure, no resources).
 * The seeds set connection policies between Dev, QA and Prod: an environment reaches its own
 * domain and `shared`, never another environment; `shared` (shared services, on-premises links,
 * the egress VPC) reaches everything.
 */

/** Every route domain; each gets one TGW route table. */
export const ROUTE_DOMAINS = ["dev", "qa", "prod", "shared"] as const;
export type RouteDomain = (typeof ROUTE_DOMAINS)[number];

/** Domains that hold workloads (everything but `shared`). */
export const ENVIRONMENT_DOMAINS: readonly RouteDomain[] = ["dev", "qa", "prod"];

/** true for a known route domain name. */
export function isRouteDomain(v: unknown): v is RouteDomain {
    return typeof v === "string" && (ROUTE_DOMAINS as readonly string[]).includes(v);
}

/**
 * The route tables an attachment of `domain` propagates its routes into: its own and `shared`
 * for an environment (so shared services can answer), every table for `shared`.
 */
export function propagationTargets(domain: RouteDomain): RouteDomain[] {
    return domain === "shared" ? [...ROUTE_DOMAINS] : [domain, "shared"];
}

/** Domains whose traffic `domain` must never reach (blackholed when a default route exists). */
export function isolatedFrom(domain: RouteDomain): RouteDomain[] {
    return domain === "shared" ? [] : ENVIRONMENT_DOMAINS.filter((d) => d !== domain);
}
