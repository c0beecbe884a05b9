/**
 * The region's network hub stack (role "network"): Transit Gateway, route domains, shared services.
 * Its outputs follow the NetworkStackOutputs contract that the region's spokes read.
 */
import * as pulumi from "@pulumi/pulumi";
import { NetworkHub } from "../components/network/hub";
import { azNames } from "./config/network";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";

export function buildNetworkStack(ctx: StackContext): Record<string, unknown> {
    const { cfg } = ctx;
    const hubCfg = cfg.network?.hub;
    if (!cfg.network || !hubCfg)
        throw new Error(
            `stack ${cfg.stack}: role "network" needs payments-platform:network.hub (the region's CIDR plan)`,
        );
    const hub = new NetworkHub(
        `${cfg.stack}-hub`,
        {
            availabilityZones: azNames(cfg.region, cfg.network.azCount),
            sharedServicesCidr: hubCfg.sharedServicesCidr,
            spokes: hubCfg.spokes,
            onPremCidrs: hubCfg.onPremCidrs,
            supernet: hubCfg.supernet,
            amazonSideAsn: hubCfg.amazonSideAsn,
            interfaceEndpoints: hubCfg.interfaceEndpoints,
            flowLogRetentionDays: cfg.network.flowLogRetentionDays,
            egress: hubCfg.egressCidr ? { cidr: hubCfg.egressCidr } : undefined,
            bastion: hubCfg.bastion ? {} : undefined,
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
    };
    return { ...exports, platformKeyArn: ctx.baseline.keyArn };
}
