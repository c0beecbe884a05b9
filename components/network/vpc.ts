/**
 * The VPC every network component builds on: an awsx.ec2.Vpc with explicit, pre-planned subnet
 * CIDRs (from layoutSubnets), plus a per-AZ lookup of each tier's route table so callers can add
 * routes (Transit Gateway, peering, gateway endpoints) beside the ones awsx creates.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { SubnetLayout, SubnetLayoutOptions, SubnetTier, layoutSubnets } from "./cidr";
import { remoteProviders } from "../provider";

/** How awsx creates NAT gateways: one per AZ (HA, prod), one for the VPC (cheap, dev), or none. */
export type NatStrategy = "OnePerAz" | "Single" | "None";

export interface PlatformVpcArgs {
    /** The VPC's block (validated by the caller against the region's CIDR plan). */
    cidr: string;
    /** AZ names, in subnet order. */
    availabilityZones: string[];
    /** Subnet tiers to create. @default ["public", "private", "isolated"] */
    tiers?: SubnetTier[];
    /** NAT gateway strategy. @default "OnePerAz" */
    natStrategy?: NatStrategy;
    /** Tier prefix lengths for layoutSubnets. @default layoutSubnets' defaults */
    tierPrefixes?: SubnetLayoutOptions["tiers"];
    /** Tags for the VPC and its children (awsx adds Name). @default {} */
    tags?: Record<string, string>;
    /**
     * Tag the subnets for the AWS Load Balancer Controller's discovery: public `kubernetes.io/role/elb`,
     * private `kubernetes.io/role/internal-elb`, isolated neither (so no NLB ever lands beside the
     * databases: untagged, the controller may pick any subnet of the VPC). @default false
     */
    loadBalancerSubnetTags?: boolean;
}

/** The subnet tags the AWS Load Balancer Controller discovers subnets by, per tier. */
export const LOAD_BALANCER_SUBNET_TAGS: Record<SubnetTier, Record<string, string>> = {
    public: { "kubernetes.io/role/elb": "1" },
    private: { "kubernetes.io/role/internal-elb": "1" },
    isolated: {},
};

export interface PlatformVpc {
    vpc: awsx.ec2.Vpc;
    /** The planned subnet CIDRs per tier, indexed by AZ (plain, known before deploy). */
    layout: SubnetLayout;
    /** Route table ids of a tier, one per AZ (empty for a tier that isn't created). */
    routeTableIds(tier: SubnetTier): pulumi.Output<string>[];
    subnetIds(tier: SubnetTier): pulumi.Output<string[]>;
}

const AWSX_TYPE: Record<SubnetTier, "Public" | "Private" | "Isolated"> = {
    public: "Public",
    private: "Private",
    isolated: "Isolated",
};

export function platformVpc(name: string, args: PlatformVpcArgs, parent: pulumi.Resource): PlatformVpc {
    const tiers = args.tiers ?? ["public", "private", "isolated"];
    const azs = args.availabilityZones;
    const layout = layoutSubnets(args.cidr, { azCount: azs.length, tiers: args.tierPrefixes });
    // Explicit cidrBlocks (rather than awsx's own allocator) keep the subnet CIDRs known before
    // deploy, so routes, endpoint rules and the CIDR validation can use them as plain values.
    const vpc = new awsx.ec2.Vpc(
        name,
        {
            cidrBlock: args.cidr,
            availabilityZoneNames: azs,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            subnetStrategy: "Auto",
            subnetSpecs: tiers.map((t) => ({
                type: AWSX_TYPE[t],
                name: t,
                cidrBlocks: layout[t],
                ...(args.loadBalancerSubnetTags && t !== "isolated" ? { tags: LOAD_BALANCER_SUBNET_TAGS[t] } : {}),
            })),
            natGateways: { strategy: args.natStrategy ?? "OnePerAz" },
            tags: { ...args.tags, Name: name },
        },
        { parent, providers: remoteProviders(parent) },
    );
    const subnetIds = (tier: SubnetTier) =>
        tier === "public" ? vpc.publicSubnetIds : tier === "private" ? vpc.privateSubnetIds : vpc.isolatedSubnetIds;
    // awsx exposes its route tables only as Output<RouteTable[]>: iterating that would create routes
    // inside an apply (invisible in preview while unknown). The number of tables is known here (one
    // per tier per AZ), so each is looked up by its subnet: the subnet ids resolve only once awsx has
    // created the subnets and their route-table associations, which is what the lookup needs.
    const routeTableIds = (tier: SubnetTier) =>
        !tiers.includes(tier)
            ? []
            : azs.map(
                  (_az, i) =>
                      aws.ec2.getRouteTableOutput({ subnetId: subnetIds(tier).apply((ids) => ids[i]) }, { parent })
                          .routeTableId,
              );
    return { vpc, layout, routeTableIds, subnetIds };
}
