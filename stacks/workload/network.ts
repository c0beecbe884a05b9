/**
 * The environment's spoke VPC on the region's hub. The attachment, its association and its
 * propagations are created here, in the environment's stack, with the hub's route table ids read
 * through the NetworkStackOutputs contract: destroying this stack leaves the hub and the other
 * environments untouched. The region's CIDR plan is the hub's (its `cidrPlan` output); the spoke's
 * config adds only blocks the hub doesn't own.
 */
import { Output } from "@pulumi/pulumi";
import { NetworkSpoke } from "../../components/network/spoke";
import { StackSettings } from "../config";
import { StackContext } from "../context";
import { NetworkHubReference, SpokeNetwork, readNetworkHub, WorkloadExportsPart } from "../contracts";
import { HubPlan, spokeCidrPlan } from "../preflight";

/** The hub as a workload stack sees it before creating anything: the reference and its plain values. */
export interface HubView extends HubPlan {
    ref: NetworkHubReference;
    /** The endpoint services whose zones the spoke associates (plain: one association each). */
    endpointServices: string[];
    /** Other regions' blocks a prod spoke routes to the hub (plain: one route each). */
    interRegionCidrs: string[];
}

/**
 * Reads the hub stack's outputs that must be plain before any resource is declared. A
 * StackReference creates nothing in AWS, so this runs before the provider and the first resource.
 */
export async function readHub(cfg: StackSettings): Promise<HubView> {
    const stack = cfg.network!.spoke!.hubStack;
    const ref = readNetworkHub(stack);
    const [cidrPlan, availabilityZones, zones, interRegionCidrs] = await Promise.all([
        ref.value("cidrPlan"),
        ref.value("availabilityZones"),
        ref.value("endpointZoneIds"),
        ref.value("interRegionCidrs"),
    ]);
    const stale = (output: string, value: unknown, shape: string) =>
        new Error(
            `stack ${stack}: output ${output} is ${JSON.stringify(value)}, must be ${shape} (update the hub stack first)`,
        );
    if (!Array.isArray(cidrPlan) || cidrPlan.some((c) => typeof c?.owner !== "string" || typeof c?.cidr !== "string"))
        throw stale("cidrPlan", cidrPlan, "the region's CIDR plan as [{ owner, cidr }]");
    if (!Array.isArray(availabilityZones) || availabilityZones.some((z) => typeof z !== "string"))
        throw stale("availabilityZones", availabilityZones, "the hub's AZ names");
    if (
        typeof zones !== "object" ||
        zones === null ||
        Array.isArray(zones) ||
        Object.values(zones).some((z) => typeof z !== "string")
    )
        throw stale("endpointZoneIds", zones, "a map of each endpoint service to its private hosted zone id");
    if (!Array.isArray(interRegionCidrs) || interRegionCidrs.some((c) => typeof c !== "string"))
        throw stale("interRegionCidrs", interRegionCidrs, "the blocks of other regions as CIDR strings");
    return { stack, ref, cidrPlan, availabilityZones, endpointServices: Object.keys(zones), interRegionCidrs };
}

export function buildSpoke(
    ctx: StackContext,
    hub: HubView,
    availabilityZones: string[],
    outputs: WorkloadExportsPart,
): SpokeNetwork {
    const { cfg } = ctx;
    const net = cfg.network!;
    const spokeCfg = net.spoke!;
    const tables = hub.ref.get("routeTableIds");
    const cidrPlan = spokeCidrPlan(cfg, hub);
    const spoke = new NetworkSpoke(
        `${cfg.stack}-spoke`,
        {
            domain: cfg.environment,
            cidr: spokeCfg.vpcCidr,
            availabilityZones,
            natStrategy: spokeCfg.natStrategy ?? (cfg.environment === "prod" ? "OnePerAz" : "Single"),
            regionCidrs: cidrPlan.filter((c) => c.cidr !== spokeCfg.vpcCidr),
            interRegionCidrs: hub.interRegionCidrs,
            flowLogRetentionDays: net.flowLogRetentionDays,
            hub: {
                transitGatewayId: hub.ref.get("transitGatewayId"),
                routeTableIds: { dev: tables.dev, qa: tables.qa, prod: tables.prod, shared: tables.shared },
                endpointZoneIds: endpointZones(hub),
            },
        },
        ctx.opts,
    );
    // A typed literal: a key outside the WorkloadStackOutputs contract fails to compile.
    const part: WorkloadExportsPart = {
        vpcId: spoke.vpcId,
        vpcCidr: spoke.vpcCidr,
        publicSubnetIds: spoke.publicSubnetIds,
        privateSubnetIds: spoke.privateSubnetIds,
        isolatedSubnetIds: spoke.isolatedSubnetIds,
        transitGatewayAttachmentId: spoke.attachmentId,
        flowLogGroupName: spoke.flowLogGroupName,
    };
    Object.assign(outputs, part);
    return {
        vpcId: spoke.vpcId,
        vpcCidr: spoke.vpcCidr,
        availabilityZones: spoke.availabilityZones,
        publicSubnetIds: spoke.publicSubnetIds,
        privateSubnetIds: spoke.privateSubnetIds,
        isolatedSubnetIds: spoke.isolatedSubnetIds,
        cidrPlan,
    };
}

/** The hub's endpoint zone id per service: the service names are plain, the ids Outputs of the reference. */
function endpointZones(hub: HubView): Record<string, Output<string>> {
    const ids = hub.ref.get("endpointZoneIds");
    return Object.fromEntries(hub.endpointServices.map((service) => [service, ids.apply((z) => z[service])]));
}
