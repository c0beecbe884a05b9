/**
 * Inter-region Transit Gateway peering. Peering attachments carry static routes only (no
 * propagation), so each peer lists its CIDRs with the route domain they belong to, and each CIDR is
 * routed in that domain's table and in `shared` (so shared services answer). A peer's prod CIDRs
 * never appear in the dev table, which keeps the dev/prod isolation across regions.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RouteDomain } from "./domains";
import { DomainRouteTableIds, wireIntoDomain } from "./tgwRouting";

/** A CIDR on the far side of a peering, and the domain it belongs to. */
export interface PeerRoute {
    cidr: string;
    domain: RouteDomain;
}

export interface TgwPeeringArgs {
    /** Short name of the peer, e.g. "ireland". */
    name: string;
    /** The peer region's Transit Gateway id. */
    peerTransitGatewayId: string;
    /** The peer's region. */
    peerRegion: string;
    /** The peer's account. @default this account */
    peerAccountId?: string;
    /** The peer's CIDRs by domain. @default [] */
    routes?: PeerRoute[];
    /**
     * A provider for the peer's region: when given, the accepter is created here too (both sides in one
     * program). @default undefined (the peer's own stack accepts, through `acceptedPeerings`)
     */
    accepterProvider?: aws.Provider;
    /**
     * The peer's stack has accepted the attachment (listed it in its `acceptedPeerings`). AWS
     * associates and routes a peering attachment only once accepted, so without an accepterProvider
     * the first `pulumi up` creates the attachment alone; set this after the peer's stack accepted it.
     * @default true with accepterProvider (accepted in this program), else false
     */
    accepted?: boolean;
}

export interface AcceptedPeeringArgs {
    /** Short name of the peer. */
    name: string;
    /** The peering attachment id the peer's hub requested towards this one. */
    attachmentId: string;
    /** The peer's CIDRs by domain. @default [] */
    routes?: PeerRoute[];
}

function peerRoutes(
    name: string,
    attachmentId: pulumi.Input<string>,
    routes: PeerRoute[],
    tables: DomainRouteTableIds,
    deps: pulumi.Resource[],
    parent: pulumi.Resource,
): void {
    for (const [i, r] of routes.entries()) {
        for (const domain of [...new Set<RouteDomain>([r.domain, "shared"])]) {
            new aws.ec2transitgateway.Route(
                `${name}-route-${i}-${domain}`,
                {
                    destinationCidrBlock: r.cidr,
                    transitGatewayAttachmentId: attachmentId,
                    transitGatewayRouteTableId: tables[domain],
                },
                { parent, dependsOn: deps },
            );
        }
    }
}

/** Requests a peering to another region's hub (and accepts it there when given its provider). */
export function requestPeering(
    name: string,
    args: TgwPeeringArgs,
    tgwId: pulumi.Input<string>,
    tables: DomainRouteTableIds,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2transitgateway.PeeringAttachment {
    const n = `${name}-peer-${args.name}`;
    const attachment = new aws.ec2transitgateway.PeeringAttachment(
        n,
        {
            transitGatewayId: tgwId,
            peerTransitGatewayId: args.peerTransitGatewayId,
            peerRegion: args.peerRegion,
            peerAccountId: args.peerAccountId,
            tags: { ...tags, Name: n },
        },
        { parent },
    );
    const deps: pulumi.Resource[] = [];
    if (args.accepterProvider) {
        deps.push(
            new aws.ec2transitgateway.PeeringAttachmentAccepter(
                `${n}-accepter`,
                {
                    transitGatewayAttachmentId: attachment.id,
                    tags: { ...tags, Name: `${n}-accepter` },
                },
                { parent, provider: args.accepterProvider },
            ),
        );
    }
    // Still pendingAcceptance: an association or a static route would fail with IncorrectState.
    if (!args.accepterProvider && args.accepted !== true) return attachment;
    // An attachment can only be associated once accepted; associating with `shared` lets replies
    // from any domain return while each domain table decides what may be sent.
    wireIntoDomain(
        n,
        { attachmentId: attachment.id, domain: "shared", routeTableIds: tables, propagate: false, dependsOn: deps },
        parent,
    );
    peerRoutes(n, attachment.id, args.routes ?? [], tables, deps, parent);
    return attachment;
}

/** Accepts a peering another region's hub requested (the reverse direction). */
export function acceptPeering(
    name: string,
    args: AcceptedPeeringArgs,
    tables: DomainRouteTableIds,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2transitgateway.PeeringAttachmentAccepter {
    const n = `${name}-peer-${args.name}`;
    const accepter = new aws.ec2transitgateway.PeeringAttachmentAccepter(
        `${n}-accepter`,
        {
            transitGatewayAttachmentId: args.attachmentId,
            tags: { ...tags, Name: `${n}-accepter` },
        },
        { parent },
    );
    wireIntoDomain(
        n,
        {
            attachmentId: accepter.transitGatewayAttachmentId,
            domain: "shared",
            routeTableIds: tables,
            propagate: false,
        },
        parent,
    );
    peerRoutes(n, accepter.transitGatewayAttachmentId, args.routes ?? [], tables, [], parent);
    return accepter;
}
