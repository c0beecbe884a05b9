/**
 * Wiring an attachment into the route domains: one association (the table its traffic is looked
 * up in) and propagations per the domain policy. Used by the hub for its own attachments and by a
 * spoke for its attachment, in the spoke's own stack, so destroying a spoke removes only its wiring.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENT_DOMAINS, RouteDomain, isolatedFrom, propagationTargets } from "./domains";

/** The TGW route table id of every domain. */
export type DomainRouteTableIds = Record<RouteDomain, pulumi.Input<string>>;

export interface DomainWiringArgs {
    attachmentId: pulumi.Input<string>;
    domain: RouteDomain;
    routeTableIds: DomainRouteTableIds;
    /** Propagate the attachment's routes (VPC, VPN and DX attachments; peering supports static routes only). @default true */
    propagate?: boolean;
    /** Resources the wiring must wait for (e.g. a peering accepter). @default [] */
    dependsOn?: pulumi.Resource[];
}

export function wireIntoDomain(name: string, args: DomainWiringArgs, parent: pulumi.Resource): void {
    const opts = { parent, dependsOn: args.dependsOn ?? [] };
    new aws.ec2transitgateway.RouteTableAssociation(
        `${name}-assoc-${args.domain}`,
        {
            transitGatewayAttachmentId: args.attachmentId,
            transitGatewayRouteTableId: args.routeTableIds[args.domain],
        },
        opts,
    );
    if (args.propagate === false) return;
    for (const target of propagationTargets(args.domain)) {
        new aws.ec2transitgateway.RouteTablePropagation(
            `${name}-prop-${target}`,
            {
                transitGatewayAttachmentId: args.attachmentId,
                transitGatewayRouteTableId: args.routeTableIds[target],
            },
            opts,
        );
    }
}

/**
 * Blackholes every other environment's CIDRs in each environment's table, always. The `shared`
 * attachments (VPN, Direct Connect, the egress VPC) propagate into every table, and on-premises
 * commonly advertises a summary (10.0.0.0/8, or 0.0.0.0/0) over BGP: without these more specific
 * blackholes, dev traffic for a prod address would follow the summary to on-premises, whose router
 * knows prod (learned from the TGW) and sends it straight back in through the shared table.
 */
export function blackholeOtherEnvironments(
    name: string,
    tables: DomainRouteTableIds,
    domainCidrs: Record<RouteDomain, string[]>,
    parent: pulumi.Resource,
): aws.ec2transitgateway.Route[] {
    return ENVIRONMENT_DOMAINS.flatMap((domain) =>
        isolatedFrom(domain).flatMap((other) =>
            domainCidrs[other].map(
                (cidr, i) =>
                    new aws.ec2transitgateway.Route(
                        `${name}-blackhole-${domain}-${other}-${i}`,
                        { destinationCidrBlock: cidr, blackhole: true, transitGatewayRouteTableId: tables[domain] },
                        { parent },
                    ),
            ),
        ),
    );
}
