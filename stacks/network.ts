/**
 * The region's network hub stack (role "network"): Transit Gateway, route domains, shared services.
 * Its outputs follow the NetworkStackOutputs contract that the region's spokes read.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROUTE_DOMAINS, RouteDomain } from "../components/network/domains";
import { NetworkHub, NetworkHubArgs } from "../components/network/hub";
import { TgwLink } from "../components/network/tgwLink";
import { stackProvider } from "./provider";
import { HubConfig } from "./config/network";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";
import { LinkedHub, bareStackName } from "./links";
import { buildHubObservability } from "./observability";
import { ImageRegistry } from "../components/apps/registry";

/** Builds the hub; the entry point's preflight has checked `network.hub` and its links, and chosen the AZs. */
export function buildNetworkStack(
    ctx: StackContext,
    availabilityZones: string[],
    peers: LinkedHub[] = [],
): Record<string, unknown> {
    const { cfg } = ctx;
    const net = cfg.network!;
    const hubCfg = net.hub!;
    const peerProvider = peerProviders(ctx);
    const hub = new NetworkHub(
        `${cfg.stack}-hub`,
        {
            availabilityZones,
            sharedServicesCidr: hubCfg.sharedServicesCidr,
            spokes: hubCfg.spokes,
            onPremCidrs: hubCfg.onPremCidrs,
            supernet: hubCfg.supernet,
            amazonSideAsn: hubCfg.amazonSideAsn,
            interfaceEndpoints: hubCfg.interfaceEndpoints,
            flowLogRetentionDays: net.flowLogRetentionDays,
            egress: hubCfg.egressCidr ? { cidr: hubCfg.egressCidr } : undefined,
            bastion: hubCfg.bastion ? { ami: hubCfg.bastionAmi } : undefined,
            ...hubLinks(hubCfg, peerProvider),
        },
        ctx.opts,
    );
    const domainCidrs = spokeDomainCidrs(hubCfg);
    linkToPeers(ctx, hub, domainCidrs.prod, peers, peerProvider);
    const exports: NetworkStackExports = {
        region: cfg.region,
        transitGatewayId: hub.transitGatewayId,
        transitGatewayArn: hub.transitGatewayArn,
        routeTableIds: pulumi.output(hub.routeTableIds),
        sharedServicesVpcId: hub.sharedServicesVpcId,
        sharedServicesVpcCidr: hub.sharedServicesVpcCidr,
        sharedServicesSubnetIds: pulumi.output(hub.subnetIds),
        egressVpcId: hub.egressVpcId ?? "",
        endpointSecurityGroupId: hub.endpointSecurityGroupId,
        endpointZoneIds: pulumi.output(hub.endpointZoneIds),
        flowLogGroupNames: pulumi.output(hub.flowLogGroupNames),
        cidrPlan: hub.cidrPlan,
        domainCidrs,
        interRegionCidrs: hubCfg.supernet ? [hubCfg.supernet] : [],
        availabilityZones,
        bastionInstanceId: hub.bastionInstanceId ?? "",
        s3InterfaceEndpointId: hub.s3InterfaceEndpointId ?? "",
        s3InterfaceEndpointDnsName: hub.s3InterfaceEndpointDnsName ?? "",
        ...buildHubObservability(ctx, hub),
        imageRepositoryUrls: new ImageRegistry(`${cfg.stack}-images`, { kmsKeyArn: ctx.baseline.keyArn }, ctx.opts)
            .repositoryUrls,
    };
    return { ...exports, platformKeyArn: ctx.baseline.keyArn };
}

/** One provider per peer region, shared by the peerings and the links (a second `<stack>-<region>` would be a duplicate URN). */
function peerProviders(ctx: StackContext): (region: string) => aws.Provider {
    const providers = new Map<string, aws.Provider>();
    return (region: string): aws.Provider => {
        if (region === ctx.cfg.region) return ctx.provider;
        let p = providers.get(region);
        if (!p) {
            // The peer-side halves of the peerings and links this stack owns, tagged like everything else.
            p = stackProvider(ctx.cfg, region);
            providers.set(region, p);
        }
        return p;
    };
}

/** The region's own spoke blocks by route domain (links route and blackhole these, never blocks of a third region). */
function spokeDomainCidrs(hubCfg: HubConfig): Record<RouteDomain, string[]> {
    return Object.fromEntries(
        ROUTE_DOMAINS.map((d) => [d, hubCfg.spokes.filter((s) => s.domain === d).map((s) => s.cidr)]),
    ) as Record<RouteDomain, string[]>;
}

/**
 * One TgwLink per linked peer hub, owned whole by this stack. The peer side's names carry this
 * stack's name (`<stack>-link-<peer>`): every later hub creates an accepter in the same peer region.
 */
function linkToPeers(
    ctx: StackContext,
    hub: NetworkHub,
    prodCidrs: string[],
    peers: LinkedHub[],
    peerProvider: (region: string) => aws.Provider,
): void {
    for (const peer of peers) {
        const name = `${ctx.cfg.stack}-link-${bareStackName(peer.stack)}`;
        const tables = peer.ref.get("routeTableIds");
        const table = (d: RouteDomain) => tables.apply((t) => t[d]);
        new TgwLink(
            name,
            {
                local: { transitGatewayId: hub.transitGatewayId, routeTableIds: hub.routeTableIds, prodCidrs },
                peer: {
                    region: peer.region,
                    transitGatewayId: peer.ref.get("transitGatewayId"),
                    routeTableIds: { dev: table("dev"), qa: table("qa"), prod: table("prod"), shared: table("shared") },
                    prodCidrs: peer.domainCidrs.prod,
                },
                peerProvider: peerProvider(peer.region),
                tagName: name,
            },
            ctx.opts,
        );
    }
}

/** The hub's on-premises links and peerings, from `network.hub` (the preflight has checked them). */
function hubLinks(
    hubCfg: HubConfig,
    peerProvider: (region: string) => aws.Provider,
): Pick<NetworkHubArgs, "vpn" | "directConnect" | "peerings" | "acceptedPeerings"> {
    return {
        // No pre-shared keys: AWS generates them into Secrets Manager, so none is ever in config.
        vpn: hubCfg.vpn && { customerGatewayIp: hubCfg.vpn.customerGatewayIp, bgpAsn: hubCfg.vpn.bgpAsn },
        directConnect: hubCfg.directConnect && { ...hubCfg.directConnect },
        peerings: hubCfg.peerings.map((p) => ({
            name: p.name,
            peerTransitGatewayId: p.peerTransitGatewayId,
            peerRegion: p.peerRegion,
            peerAccountId: p.peerAccountId,
            routes: p.routes,
            accepted: p.accepted,
            accepterProvider: p.acceptInThisStack ? peerProvider(p.peerRegion) : undefined,
        })),
        acceptedPeerings: hubCfg.acceptedPeerings.map((p) => ({ ...p })),
    };
}
