/**
 * Optional egress/inspection VPC: centralized NAT for every spoke instead of NAT gateways per spoke
 * (cheaper past a few spokes, and one place to put an inspection appliance). Each environment's
 * domain table sends 0.0.0.0/0 to it. The NAT gateways would hair-pin dev traffic for a prod address
 * back through the TGW (the egress attachment sits in `shared`, which routes to every spoke): the
 * hub's blackholes of the other environments (tgwRouting.ts) stop that, as they stop on-premises.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENT_DOMAINS } from "./domains";
import { DomainRouteTableIds, wireIntoDomain } from "./tgwRouting";
import { transitAttachment } from "./transitSubnets";
import { NatStrategy, PlatformVpc, platformVpc } from "./vpc";

export interface EgressVpcArgs {
    /** The egress VPC's CIDR (part of the region's CIDR plan). */
    cidr: string;
    /** NAT gateways in the egress VPC. @default "OnePerAz" */
    natStrategy?: NatStrategy;
}

export interface EgressContext {
    tgwId: pulumi.Input<string>;
    tables: DomainRouteTableIds;
    availabilityZones: string[];
    /** Every private destination (the region's VPCs, on-premises): routed back to the TGW from the public subnets. */
    privateCidrs: string[];
    tags: Record<string, string>;
}

export function egressVpc(
    name: string,
    args: EgressVpcArgs,
    ctx: EgressContext,
    parent: pulumi.Resource,
): { vpc: PlatformVpc; attachment: aws.ec2transitgateway.VpcAttachment } {
    const nat = args.natStrategy ?? "OnePerAz";
    const vpc = platformVpc(
        `${name}-egress`,
        {
            cidr: args.cidr,
            availabilityZones: ctx.availabilityZones,
            tiers: ["public", "private"],
            natStrategy: nat,
            tags: ctx.tags,
        },
        parent,
    );
    const attachment = transitAttachment(
        `${name}-egress`,
        vpc,
        {
            cidr: args.cidr,
            availabilityZones: ctx.availabilityZones,
            natPerAz: nat === "None" ? undefined : { strategy: nat },
            tags: ctx.tags,
            transitGatewayId: ctx.tgwId,
            attachmentName: `${name}-egress-attachment`,
            // Appliance mode pins both directions of a flow to one AZ, so stateful NAT/inspection sees both.
            applianceMode: true,
        },
        parent,
    );
    wireIntoDomain(
        `${name}-egress`,
        { attachmentId: attachment.id, domain: "shared", routeTableIds: ctx.tables, propagate: false },
        parent,
    );
    for (const domain of ENVIRONMENT_DOMAINS) {
        new aws.ec2transitgateway.Route(
            `${name}-egress-default-${domain}`,
            {
                destinationCidrBlock: "0.0.0.0/0",
                transitGatewayAttachmentId: attachment.id,
                transitGatewayRouteTableId: ctx.tables[domain],
            },
            { parent },
        );
    }
    vpc.routeTableIds("public").forEach((rtb, az) =>
        ctx.privateCidrs.forEach(
            (cidr, i) =>
                new aws.ec2.Route(
                    `${name}-egress-return-${az + 1}-${i}`,
                    {
                        routeTableId: rtb,
                        destinationCidrBlock: cidr,
                        transitGatewayId: ctx.tgwId,
                    },
                    { parent, dependsOn: [attachment] },
                ),
        ),
    );
    return { vpc, attachment };
}
