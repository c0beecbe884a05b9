/**
 * The region's network hub stack (role "network"): Transit Gateway, route domains, shared services.
 * Its outputs follow the NetworkStackOutputs contract that the region's spokes read.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkHub, NetworkHubArgs } from "../components/network/hub";
import { stackProvider } from "./provider";
import { HubConfig } from "./config/network";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";
import { buildHubObservability } from "./observability";

/** Builds the hub; the entry point's preflight has checked `network.hub` and chosen the AZs. */
export function buildNetworkStack(ctx: StackContext, availabilityZones: string[]): Record<string, unknown> {
    const { cfg } = ctx;
    const net = cfg.network!;
    const hubCfg = net.hub!;
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
            ...hubLinks(ctx, hubCfg),
        },
        ctx.opts,
    );
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
        availabilityZones,
        bastionInstanceId: hub.bastionInstanceId ?? "",
        ...buildHubObservability(ctx, hub),
    };
    return { ...exports, platformKeyArn: ctx.baseline.keyArn };
}

/** The hub's on-premises links and peerings, from `network.hub` (the preflight has checked them). */
function hubLinks(
    ctx: StackContext,
    hubCfg: HubConfig,
): Pick<NetworkHubArgs, "vpn" | "directConnect" | "peerings" | "acceptedPeerings"> {
    const providers = new Map<string, aws.Provider>();
    const peerProvider = (region: string): aws.Provider => {
        if (region === ctx.cfg.region) return ctx.provider;
        let p = providers.get(region);
        if (!p) {
            // The accepter half of a peering this stack owns, tagged like everything else.
            p = stackProvider(ctx.cfg, region);
            providers.set(region, p);
        }
        return p;
    };
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
