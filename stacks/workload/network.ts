/**
 * The environment's spoke VPC on the region's hub. The attachment, its association and its
 * propagations are created here, in the environment's stack, with the hub's route table ids read
 * through the NetworkStackOutputs contract: destroying this stack leaves the hub and the other
 * environments untouched.
 */
import { NetworkSpoke } from "../../components/network/spoke";
import { azNames } from "../config/network";
import { StackContext } from "../context";
import { SpokeNetwork, readNetworkHub } from "../contracts";

export function buildSpoke(ctx: StackContext, outputs: Record<string, unknown>): SpokeNetwork {
    const { cfg } = ctx;
    const spokeCfg = cfg.network?.spoke;
    if (!cfg.network || !spokeCfg) throw new Error(`stack ${cfg.stack}: role "workload" needs payments-platform:network.spoke (hubStack, vpcCidr)`);
    const hub = readNetworkHub(spokeCfg.hubStack);
    const tables = hub.get("routeTableIds");
    const spoke = new NetworkSpoke(`${cfg.stack}-spoke`, {
        domain: cfg.environment,
        cidr: spokeCfg.vpcCidr,
        availabilityZones: azNames(cfg.region, cfg.network.azCount),
        natStrategy: spokeCfg.natStrategy ?? (cfg.environment === "prod" ? "OnePerAz" : "Single"),
        regionCidrs: Object.entries(spokeCfg.regionCidrs).map(([owner, cidr]) => ({ owner, cidr })),
        flowLogRetentionDays: cfg.network.flowLogRetentionDays,
        hub: {
            transitGatewayId: hub.get("transitGatewayId"),
            routeTableIds: { dev: tables.dev, qa: tables.qa, prod: tables.prod, shared: tables.shared },
        },
    }, ctx.opts);
    Object.assign(outputs, {
        vpcId: spoke.vpcId,
        vpcCidr: spoke.vpcCidr,
        publicSubnetIds: spoke.publicSubnetIds,
        privateSubnetIds: spoke.privateSubnetIds,
        isolatedSubnetIds: spoke.isolatedSubnetIds,
        transitGatewayAttachmentId: spoke.attachmentId,
        flowLogGroupName: spoke.flowLogGroupName,
    });
    return spoke;
}
