/**
 * TgwLink: a Transit Gateway peering between this region's hub and an earlier hub, owned whole by
 * this (the later-joining) hub's stack. Here: the requester attachment. Through a provider for the
 * peer's region: the accepter, the peer side's association and static routes. So joining a region
 * changes no existing stack, and destroying the later hub removes its links whole (both sides).
 * Same account only: the accepter runs with this stack's credentials.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LINK_DOMAIN, linkRoutes } from "./linkPlan";
import { DomainRouteTableIds } from "./tgwRouting";
import { cidrProblems, throwIfProblems } from "./validation";

/** One hub's end of a link. */
export interface TgwLinkEnd {
    /** The hub's Transit Gateway id. */
    transitGatewayId: pulumi.Input<string>;
    /** The hub's TGW route table id per route domain. */
    routeTableIds: DomainRouteTableIds;
    /** The hub region's own prod blocks (its prod spokes; not what it reaches through other links). */
    prodCidrs: string[];
}

export interface TgwLinkArgs {
    /** This hub (the requester, on the component's provider). */
    local: TgwLinkEnd;
    /** The linked hub, as read through its stack reference. */
    peer: TgwLinkEnd & {
        /** The peer hub's region. */
        region: string;
    };
    /** An AWS provider for the peer's region: the accepter and the peer side's wiring are created through it. */
    peerProvider: aws.Provider;
    /**
     * Name tag of the attachment and accepter. Every stack that links to the same peer creates an
     * accepter in the peer's region, so it must name this stack: `<stack>-link-<peer stack>`.
     * @default the component's name
     */
    tagName?: string;
    /** Tags for the attachment and the accepter (Name is added). @default {} */
    tags?: Record<string, string>;
}

function validate(name: string, args: TgwLinkArgs): void {
    const problems: string[] = [];
    if (args.local.prodCidrs.length === 0) problems.push("local.prodCidrs is [], a link carries prod traffic");
    if (args.peer.prodCidrs.length === 0) problems.push("peer.prodCidrs is [], a link carries prod traffic");
    const plan = [
        ...args.local.prodCidrs.map((cidr) => ({ owner: "local.prodCidrs", cidr })),
        ...args.peer.prodCidrs.map((cidr) => ({ owner: "peer.prodCidrs", cidr })),
    ];
    problems.push(...cidrProblems(plan, undefined));
    throwIfProblems(`TgwLink ${name}`, problems);
}

export class TgwLink extends pulumi.ComponentResource {
    /** The peering attachment's id (the same id on both sides). */
    public readonly attachmentId: pulumi.Output<string>;

    constructor(name: string, args: TgwLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:network:TgwLink", name, {}, opts);
        validate(name, args);
        const tags = args.tags ?? {};
        const tagName = args.tagName ?? name;
        // Static routes only: dynamic routing on peerings is opt-in (options.dynamicRouting), left off.
        const attachment = new aws.ec2transitgateway.PeeringAttachment(
            `${name}-attachment`,
            {
                transitGatewayId: args.local.transitGatewayId,
                peerTransitGatewayId: args.peer.transitGatewayId,
                peerRegion: args.peer.region,
                tags: { ...tags, Name: tagName },
            },
            { parent: this },
        );
        const peerSide = { parent: this, provider: args.peerProvider };
        const accepter = new aws.ec2transitgateway.PeeringAttachmentAccepter(
            `${name}-accepter`,
            { transitGatewayAttachmentId: attachment.id, tags: { ...tags, Name: `${tagName}-accepter` } },
            peerSide,
        );
        this.attachmentId = attachment.id;
        // AWS refuses associations and routes on a pendingAcceptance attachment: all wait for the accepter.
        this.wire(name, "local", attachment.id, args.local, { parent: this, dependsOn: [accepter] });
        this.wire(name, "peer", accepter.transitGatewayAttachmentId, args.peer, { ...peerSide, dependsOn: [accepter] });
        this.routes(name, args, attachment.id, accepter);
        this.registerOutputs({ attachmentId: this.attachmentId });
    }

    /**
     * The attachment's association on one side: the prod table, never `shared`. `shared` routes to
     * every domain (dev included), so a peer's traffic looked up there would reach this region's dev.
     */
    private wire(
        name: string,
        side: "local" | "peer",
        attachmentId: pulumi.Input<string>,
        end: TgwLinkEnd,
        opts: pulumi.CustomResourceOptions,
    ): void {
        new aws.ec2transitgateway.RouteTableAssociation(
            `${name}-${side}-assoc-${LINK_DOMAIN}`,
            { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: end.routeTableIds[LINK_DOMAIN] },
            opts,
        );
    }

    private routes(
        name: string,
        args: TgwLinkArgs,
        attachmentId: pulumi.Output<string>,
        accepter: aws.ec2transitgateway.PeeringAttachmentAccepter,
    ): void {
        const counts = new Map<string, number>();
        for (const r of linkRoutes(args.local.prodCidrs, args.peer.prodCidrs)) {
            const key = `${r.side}-${r.blackhole ? "blackhole" : "route"}-${r.domain}`;
            const i = counts.get(key) ?? 0;
            counts.set(key, i + 1);
            const end = r.side === "local" ? args.local : args.peer;
            new aws.ec2transitgateway.Route(
                `${name}-${key}-${i}`,
                {
                    destinationCidrBlock: r.cidr,
                    transitGatewayRouteTableId: end.routeTableIds[r.domain],
                    ...(r.blackhole
                        ? { blackhole: true }
                        : {
                              transitGatewayAttachmentId:
                                  r.side === "local" ? attachmentId : accepter.transitGatewayAttachmentId,
                          }),
                },
                {
                    parent: this,
                    provider: r.side === "peer" ? args.peerProvider : undefined,
                    dependsOn: r.blackhole ? [] : [accepter],
                },
            );
        }
    }
}
