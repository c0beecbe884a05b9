/**
 * The environment's spoke VPC on the region's hub. The attachment, its association and its
 * propagations are created here, in the environment's stack, with the hub's route table ids read
 * through the NetworkStackOutputs contract: destroying this stack leaves the hub and the other
 * environments untouched.
 */
import { NetworkSpoke } from "../../components/network/spoke";
import { azNames } from "../config/network";
import { StackContext } from "../context";
import { Output } from "@pulumi/pulumi";
import { NetworkHubReference, SpokeNetwork, readNetworkHub } from "../contracts";

export async function buildSpoke(ctx: StackContext, outputs: Record<string, unknown>): Promise<SpokeNetwork> {
    const { cfg } = ctx;
    const spokeCfg = cfg.network?.spoke;
    if (!cfg.network || !spokeCfg)
        throw new Error(
            `stack ${cfg.stack}: role "workload" needs payments-platform:network.spoke (hubStack, vpcCidr)`,
        );
    const hub = readNetworkHub(spokeCfg.hubStack);
    const tables = hub.get("routeTableIds");
    const endpointZoneIds = await hubEndpointZones(spokeCfg.hubStack, hub);
    const spoke = new NetworkSpoke(
        `${cfg.stack}-spoke`,
        {
            domain: cfg.environment,
            cidr: spokeCfg.vpcCidr,
            availabilityZones: azNames(cfg.region, cfg.network.azCount),
            natStrategy: spokeCfg.natStrategy ?? (cfg.environment === "prod" ? "OnePerAz" : "Single"),
            regionCidrs: Object.entries(spokeCfg.regionCidrs).map(([owner, cidr]) => ({ owner, cidr })),
            flowLogRetentionDays: cfg.network.flowLogRetentionDays,
            hub: {
                transitGatewayId: hub.get("transitGatewayId"),
                routeTableIds: { dev: tables.dev, qa: tables.qa, prod: tables.prod, shared: tables.shared },
                endpointZoneIds,
            },
        },
        ctx.opts,
    );
    Object.assign(outputs, {
        vpcId: spoke.vpcId,
        vpcCidr: spoke.vpcCidr,
        publicSubnetIds: spoke.publicSubnetIds,
        privateSubnetIds: spoke.privateSubnetIds,
        isolatedSubnetIds: spoke.isolatedSubnetIds,
        transitGatewayAttachmentId: spoke.attachmentId,
        flowLogGroupName: spoke.flowLogGroupName,
    });
    // Provisional: the plan as this spoke's config repeats it, until the hub's own plan is read.
    const cidrPlan = [...Object.entries(spokeCfg.regionCidrs).map(([owner, cidr]) => ({ owner, cidr }))];
    return Object.assign(spoke, {
        cidrPlan: [...cidrPlan, { owner: `${cfg.environment}/workloads`, cidr: spoke.vpcCidr }],
    });
}

/**
 * The hub's endpoint zone per service. Which zones exist (one association each) must be known before
 * the spoke's resources are declared, so the service names are read as a plain value; the ids stay
 * Outputs of the reference.
 */
async function hubEndpointZones(hubStack: string, hub: NetworkHubReference): Promise<Record<string, Output<string>>> {
    const zones: unknown = await hub.value("endpointZoneIds");
    if (
        typeof zones !== "object" ||
        zones === null ||
        Array.isArray(zones) ||
        Object.values(zones).some((z) => typeof z !== "string")
    ) {
        throw new Error(
            `stack ${hubStack}: output endpointZoneIds is ${JSON.stringify(zones)}, must map each endpoint service to its private hosted zone id (update the hub stack first)`,
        );
    }
    const ids = hub.get("endpointZoneIds");
    return Object.fromEntries(Object.keys(zones).map((service) => [service, ids.apply((z) => z[service])]));
}
