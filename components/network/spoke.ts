/**
 * NetworkSpoke: an environment's workloads VPC, attached to the region's hub from the spoke's own
 * stack (attachment, association and propagations live here, so tearing down dev touches nothing of
 * the hub or of prod), or, in the cheaper "peering" mode, joined to other VPCs by VPC peering.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OwnedCidr, SubnetTier } from "./cidr";
import { RouteDomain } from "./domains";
import { associateEndpointZones, endpointServiceProblems } from "./endpointDns";
import { gatewayEndpoints } from "./endpoints";
import { vpcFlowLogs } from "./flowLogs";
import { DomainRouteTableIds, wireIntoDomain } from "./tgwRouting";
import { transitAttachment } from "./transitSubnets";
import {
    azProblems,
    cidrProblems,
    domainProblem,
    retentionProblems,
    throwIfProblems,
    vpcLayoutProblems,
} from "./validation";
import { NatStrategy, PlatformVpc, platformVpc } from "./vpc";

/** The hub a spoke attaches to (ids from the hub stack's outputs). */
export interface HubAttachmentArgs {
    transitGatewayId: pulumi.Input<string>;
    /** The hub's route table per domain. */
    routeTableIds: DomainRouteTableIds;
    /**
     * The hub's endpoint private hosted zone id per service: each is associated with this VPC, so the
     * services' DNS names resolve to the hub's interface endpoints instead of leaving through NAT.
     * @default {} (no association: AWS APIs go through NAT)
     */
    endpointZoneIds?: Record<string, pulumi.Input<string>>;
}

/** A VPC to peer with in "peering" mode. */
export interface VpcPeerArgs {
    /** Short name, e.g. "shared-services". */
    name: string;
    peerVpcId: pulumi.Input<string>;
    /** The peer's CIDR (part of the CIDR plan; routed through the peering). */
    peerCidr: string;
    /** The peer's region. @default this region */
    peerRegion?: string;
    /** The peer's account. @default this account */
    peerOwnerId?: string;
}

export interface NetworkSpokeArgs {
    /** The route domain of this spoke (its environment). */
    domain: RouteDomain;
    /** The VPC's CIDR. */
    cidr: string;
    /** AZ names, in subnet order; prod needs at least 2. */
    availabilityZones: string[];
    /** NAT gateways: "OnePerAz" (prod: an AZ outage keeps egress), "Single" (dev: one NAT's cost). @default "OnePerAz" */
    natStrategy?: NatStrategy;
    /** The rest of the region's CIDR plan (other spokes, shared services, on-premises, peers): validated disjoint, routed to the hub. @default [] */
    regionCidrs?: OwnedCidr[];
    /** When given, every CIDR must lie inside it. @default undefined */
    supernet?: string;
    /**
     * Other regions' blocks (the platform's supernet, from the hub) routed to the hub from a prod spoke
     * only: the hub's prod table decides which regions that reaches (its inter-region links), and dev
     * and qa never cross a region, so their VPCs get no such route at all. More specific routes (the
     * VPC itself, regionCidrs) still win. @default []
     */
    interRegionCidrs?: string[];
    /**
     * "transitGateway" attaches to the hub. "peering" is the cheaper mode for a setup without a hub:
     * no TGW hourly and per-GB charges, but peering is not transitive (each pair of VPCs needs its
     * own peering and routes, and on-premises can't be reached through another VPC), and a VPC
     * takes at most 125 active peerings. @default "transitGateway"
     */
    connectivity?: "transitGateway" | "peering";
    /** The hub (required with "transitGateway"). @default undefined */
    hub?: HubAttachmentArgs;
    /** Peers (with "peering"). @default [] */
    peers?: VpcPeerArgs[];
    /** Flow-log retention in days. @default 365 */
    flowLogRetentionDays?: number;
    /** @default {} */
    tags?: Record<string, string>;
}

function validate(args: NetworkSpokeArgs): void {
    const problems = domainProblem("domain", args.domain);
    problems.push(...azProblems(args.availabilityZones, args.domain === "prod", "a prod spoke"));
    problems.push(...retentionProblems("flowLogRetentionDays", args.flowLogRetentionDays));
    const mode = args.connectivity ?? "transitGateway";
    problems.push(
        ...vpcLayoutProblems("cidr", args.cidr, args.availabilityZones?.length ?? 0, mode === "transitGateway"),
    );
    if (mode !== "transitGateway" && mode !== "peering")
        problems.push(`connectivity is ${JSON.stringify(mode)}, allowed: "transitGateway", "peering"`);
    if (mode === "transitGateway" && !args.hub)
        problems.push(`hub is missing, connectivity "transitGateway" needs the hub's TGW and route table ids`);
    if (args.hub?.endpointZoneIds !== undefined)
        problems.push(...endpointServiceProblems("hub.endpointZoneIds", Object.keys(args.hub.endpointZoneIds)));
    if (mode === "peering" && (args.peers ?? []).length > 125)
        problems.push(`peers has ${args.peers!.length} entries, a VPC allows at most 125 peerings`);
    const peers =
        mode === "peering" ? (args.peers ?? []).map((p) => ({ owner: `peer/${p.name}`, cidr: p.peerCidr })) : [];
    problems.push(
        ...cidrProblems(
            [{ owner: `${args.domain}/spoke`, cidr: args.cidr }, ...(args.regionCidrs ?? []), ...peers],
            args.supernet,
        ),
    );
    // Each alone: the supernet contains the VPC and the region's blocks by design (more specific routes win).
    (args.interRegionCidrs ?? []).forEach((cidr, i) =>
        problems.push(...cidrProblems([{ owner: `interRegionCidrs[${i}]`, cidr }], undefined)),
    );
    throwIfProblems("NetworkSpoke", problems);
}

export class NetworkSpoke extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    /** The VPC's CIDR (plain). */
    public readonly vpcCidr: string;
    /** The AZs, in subnet order (plain). */
    public readonly availabilityZones: string[];
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Isolated (database) subnets: no route to the internet. */
    public readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** The TGW attachment ("transitGateway" mode). */
    public readonly attachmentId: pulumi.Output<string> | undefined;
    /** Flow-log group name. */
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: NetworkSpokeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:network:NetworkSpoke", name, {}, opts);
        validate(args);
        const tags = args.tags ?? {};
        const vpc = platformVpc(
            `${name}-vpc`,
            {
                cidr: args.cidr,
                availabilityZones: args.availabilityZones,
                natStrategy: args.natStrategy ?? "OnePerAz",
                tags,
                // The EKS platform's load balancers live in the spoke.
                loadBalancerSubnetTags: true,
            },
            this,
        );
        this.vpcId = vpc.vpc.vpcId;
        this.vpcCidr = args.cidr;
        this.availabilityZones = [...args.availabilityZones];
        this.publicSubnetIds = vpc.vpc.publicSubnetIds;
        this.privateSubnetIds = vpc.vpc.privateSubnetIds;
        this.isolatedSubnetIds = vpc.vpc.isolatedSubnetIds;
        const inner: SubnetTier[] = ["private", "isolated"];
        const innerTables = inner.flatMap((t) => vpc.routeTableIds(t).map((id, az) => ({ id, key: `${t}-${az + 1}` })));
        if ((args.connectivity ?? "transitGateway") === "transitGateway") {
            this.attachmentId = this.attach(name, args, vpc, innerTables, tags);
        } else {
            this.peer(name, args, vpc, innerTables, tags);
        }
        gatewayEndpoints(
            name,
            vpc.vpc.vpcId,
            innerTables.map((t) => t.id),
            tags,
            this,
        );
        const logs = vpcFlowLogs(
            name,
            {
                vpcs: [{ role: "workloads", vpcId: vpc.vpc.vpcId }],
                retentionDays: args.flowLogRetentionDays ?? 365,
                tags,
                protect: args.domain === "prod",
            },
            this,
        );
        this.flowLogGroupName = logs.logGroupNames.workloads;
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            attachmentId: this.attachmentId,
            flowLogGroupName: this.flowLogGroupName,
        });
    }

    private attach(
        name: string,
        args: NetworkSpokeArgs,
        vpc: PlatformVpc,
        tables: { id: pulumi.Output<string>; key: string }[],
        tags: Record<string, string>,
    ): pulumi.Output<string> {
        const hub = args.hub!;
        const attachment = transitAttachment(
            `${name}-vpc`,
            vpc,
            {
                cidr: args.cidr,
                availabilityZones: args.availabilityZones,
                tags,
                transitGatewayId: hub.transitGatewayId,
                attachmentName: `${name}-attachment`,
            },
            this,
        );
        wireIntoDomain(
            name,
            { attachmentId: attachment.id, domain: args.domain, routeTableIds: hub.routeTableIds },
            this,
        );
        // The endpoints are reached over the TGW; their names resolve through the hub's zones.
        associateEndpointZones(name, vpc.vpc.vpcId, hub.endpointZoneIds ?? {}, this);
        (args.regionCidrs ?? []).forEach((dest, i) =>
            tables.forEach(
                (t) =>
                    new aws.ec2.Route(
                        `${name}-${t.key}-tgw-${i}`,
                        {
                            routeTableId: t.id,
                            destinationCidrBlock: dest.cidr,
                            transitGatewayId: hub.transitGatewayId,
                        },
                        { parent: this, dependsOn: [attachment] },
                    ),
            ),
        );
        const interRegion = args.domain === "prod" ? (args.interRegionCidrs ?? []) : [];
        interRegion.forEach((cidr, i) =>
            tables.forEach(
                (t) =>
                    new aws.ec2.Route(
                        `${name}-${t.key}-interregion-${i}`,
                        { routeTableId: t.id, destinationCidrBlock: cidr, transitGatewayId: hub.transitGatewayId },
                        { parent: this, dependsOn: [attachment] },
                    ),
            ),
        );
        return attachment.id;
    }

    private peer(
        name: string,
        args: NetworkSpokeArgs,
        vpc: PlatformVpc,
        tables: { id: pulumi.Output<string>; key: string }[],
        tags: Record<string, string>,
    ): void {
        for (const p of args.peers ?? []) {
            const sameAccountAndRegion = p.peerRegion === undefined && p.peerOwnerId === undefined;
            const pcx = new aws.ec2.VpcPeeringConnection(
                `${name}-peer-${p.name}`,
                {
                    vpcId: vpc.vpc.vpcId,
                    peerVpcId: p.peerVpcId,
                    peerRegion: p.peerRegion,
                    peerOwnerId: p.peerOwnerId,
                    // Only a same-account, same-region peering can be accepted by the requester.
                    autoAccept: sameAccountAndRegion ? true : undefined,
                    tags: { ...tags, Name: `${name}-peer-${p.name}` },
                },
                { parent: this },
            );
            tables.forEach(
                (t) =>
                    new aws.ec2.Route(
                        `${name}-${t.key}-peer-${p.name}`,
                        {
                            routeTableId: t.id,
                            destinationCidrBlock: p.peerCidr,
                            vpcPeeringConnectionId: pcx.id,
                        },
                        { parent: this },
                    ),
            );
        }
    }
}
