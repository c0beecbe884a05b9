/**
 * What an inter-region Transit Gateway link routes, on each side (pure, no resources). Links are
 * prod to prod: each side's prod table sends the other region's prod blocks into the peering
 * attachment, and every environment table that must never reach prod blackholes them.
 */
import { ENVIRONMENT_DOMAINS, RouteDomain, isolatedFrom } from "./domains";

/** The domain a link carries, and the table its attachment is associated with on each side. */
export const LINK_DOMAIN: RouteDomain = "prod";

/** One static route a link adds to one side's Transit Gateway. */
export interface LinkRoute {
    /** "local": the requesting hub's TGW; "peer": the linked hub's TGW. */
    side: "local" | "peer";
    /** The route table (by domain) the route goes into. */
    domain: RouteDomain;
    cidr: string;
    /** true: dropped (a blackhole); false: into the peering attachment. */
    blackhole: boolean;
}

/**
 * The static routes of a link between two hubs, from each side's prod blocks. The blackholes matter
 * when on-premises advertises a summary (10.0.0.0/8) into every table over VPN / Direct Connect: dev
 * traffic for the other region's prod would follow it to on-premises, which reaches that region's hub
 * over its own VPN and enters through its `shared` table. The more specific blackhole drops it first.
 */
export function linkRoutes(localProd: string[], peerProd: string[]): LinkRoute[] {
    const denied = ENVIRONMENT_DOMAINS.filter((d) => isolatedFrom(d).includes(LINK_DOMAIN));
    const side = (at: LinkRoute["side"], remote: string[]): LinkRoute[] => [
        ...remote.map((cidr) => ({ side: at, domain: LINK_DOMAIN, cidr, blackhole: false })),
        ...denied.flatMap((domain) => remote.map((cidr) => ({ side: at, domain, cidr, blackhole: true }))),
    ];
    return [...side("local", peerProd), ...side("peer", localProd)];
}
