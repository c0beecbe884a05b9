/**
 * The Transit Gateway attachment's own subnets: a /28 per AZ (transitCidrs.ts) beside the awsx
 * tiers, with their own route table. A spoke's or the shared-services VPC's table holds only the
 * local route (traffic from the TGW is for the VPC itself); the egress VPC gets one table per AZ,
 * each sending 0.0.0.0/0 to that AZ's NAT gateway (the AWS design for a middle-box VPC).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { transitSubnetCidrs } from "./transitCidrs";
import { PlatformVpc } from "./vpc";

export interface TransitSubnetsArgs {
    /** The VPC's CIDR (the layout's free space holds the /28s). */
    cidr: string;
    availabilityZones: string[];
    /** One route table per AZ, each with a default route to that AZ's NAT gateway. @default undefined (one shared table, local route only) */
    natPerAz?: { strategy: "OnePerAz" | "Single" };
    tags: Record<string, string>;
}

export interface TransitSubnets {
    /** The attachment subnets, one per AZ, in AZ order (plain CIDRs known before deploy). */
    cidrs: string[];
    subnetIds: pulumi.Output<string>[];
}

export function transitSubnets(
    name: string,
    vpc: PlatformVpc,
    args: TransitSubnetsArgs,
    parent: pulumi.Resource,
): TransitSubnets {
    const cidrs = transitSubnetCidrs(args.cidr, vpc.layout);
    const vpcId = vpc.vpc.vpcId;
    const table = (suffix: string) =>
        new aws.ec2.RouteTable(
            `${name}-tgw${suffix}`,
            { vpcId, tags: { ...args.tags, Name: `${name}-tgw${suffix}`, SubnetType: "TransitGateway" } },
            { parent },
        );
    const shared = args.natPerAz ? undefined : table("");
    const subnetIds = cidrs.map((cidrBlock, i) => {
        const n = `${name}-tgw-${i + 1}`;
        const subnet = new aws.ec2.Subnet(
            n,
            {
                vpcId,
                cidrBlock,
                availabilityZone: args.availabilityZones[i],
                // No load balancer tags: the controller must never place an NLB here.
                tags: { ...args.tags, Name: n, SubnetType: "TransitGateway" },
            },
            { parent },
        );
        const rtb = shared ?? natTable(n, vpc, i, args.natPerAz!.strategy, table(`-${i + 1}`), parent);
        new aws.ec2.RouteTableAssociation(n, { subnetId: subnet.id, routeTableId: rtb.id }, { parent });
        return subnet.id;
    });
    return { cidrs, subnetIds };
}

/** The egress VPC's per-AZ table: spokes' internet traffic arriving from the TGW goes to this AZ's NAT. */
function natTable(
    name: string,
    vpc: PlatformVpc,
    az: number,
    strategy: "OnePerAz" | "Single",
    rtb: aws.ec2.RouteTable,
    parent: pulumi.Resource,
): aws.ec2.RouteTable {
    const publicSubnet = vpc.vpc.publicSubnetIds.apply((ids) => ids[strategy === "Single" ? 0 : az]);
    // awsx exposes its NAT gateways only as Output<NatGateway[]>; the one in a public subnet is looked
    // up by that subnet (resolved once awsx has created it), as the route tables are in vpc.ts.
    const nat = aws.ec2.getNatGatewayOutput({ subnetId: publicSubnet, state: "available" }, { parent });
    new aws.ec2.Route(
        `${name}-default`,
        { routeTableId: rtb.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
        { parent },
    );
    return rtb;
}

export interface TransitAttachmentArgs extends TransitSubnetsArgs {
    transitGatewayId: pulumi.Input<string>;
    /** The attachment resource's name (the subnets take the helper's `name`). */
    attachmentName: string;
    /** Appliance mode: both directions of a flow through one AZ (stateful NAT/inspection VPCs). @default false */
    applianceMode?: boolean;
}

/**
 * A VPC's Transit Gateway attachment in its own /28 subnets, one ENI per AZ, so traffic from an
 * AZ stays on that AZ's TGW ENI. Domain tables are wired by the caller (no default association or
 * propagation: route domains decide who reaches whom).
 */
export function transitAttachment(
    name: string,
    vpc: PlatformVpc,
    args: TransitAttachmentArgs,
    parent: pulumi.Resource,
): aws.ec2transitgateway.VpcAttachment {
    const transit = transitSubnets(name, vpc, args, parent);
    return new aws.ec2transitgateway.VpcAttachment(
        args.attachmentName,
        {
            transitGatewayId: args.transitGatewayId,
            vpcId: vpc.vpc.vpcId,
            subnetIds: pulumi.all(transit.subnetIds),
            applianceModeSupport: args.applianceMode ? "enable" : undefined,
            dnsSupport: "enable",
            transitGatewayDefaultRouteTableAssociation: false,
            transitGatewayDefaultRouteTablePropagation: false,
            tags: { ...args.tags, Name: args.attachmentName },
        },
        { parent },
    );
}
