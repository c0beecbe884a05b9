/**
 * The region's network hub stack (role "network"): Transit Gateway, route domains, shared services.
 * Its outputs follow the NetworkStackOutputs contract that the region's spokes read.
 */
import * as pulumi from "@pulumi/pulumi";
import { NetworkHub } from "../components/network/hub";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";

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
    };
    return { ...exports, platformKeyArn: ctx.baseline.keyArn };
}
