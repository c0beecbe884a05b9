/**
 * NetworkHub: the region's Transit Gateway hub. One hub per region serves every environment; each
 * environment's spoke attaches from its own stack (see NetworkSpoke). Route domains (dev, qa, prod,
 * shared) keep environments apart: dev never reaches prod.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OwnedCidr } from "./cidr";
import { ROUTE_DOMAINS, RouteDomain } from "./domains";
import { BastionArgs, bastionHost } from "./bastion";
import { EgressVpcArgs, egressVpc } from "./egress";
import { endpointServiceProblems } from "./endpointDns";
import { DEFAULT_INTERFACE_ENDPOINTS, InterfaceEndpoints, interfaceEndpoints, onPremS3Endpoint } from "./endpoints";
import { vpcFlowLogs } from "./flowLogs";
import { AcceptedPeeringArgs, TgwPeeringArgs, acceptPeering, requestPeering } from "./interRegion";
import { DirectConnectArgs, VpnArgs, directConnect, siteToSiteVpn } from "./onPrem";
import { DomainRouteTableIds, blackholeOtherEnvironments, wireIntoDomain } from "./tgwRouting";
import { transitAttachment } from "./transitSubnets";
import {
    asnProblems,
    azProblems,
    bastionProblems,
    textProblems,
    cidrProblems,
    domainProblem,
    peeringProblems,
    retentionProblems,
    throwIfProblems,
    vpcLayoutProblems,
    vpnProblems,
} from "./validation";
import { PlatformVpc, platformVpc } from "./vpc";

/** A spoke VPC of the region, as the hub plans for it (the spoke's own stack builds it). */
export interface PlannedSpoke {
    /** Owner name in the CIDR plan, e.g. "dev/workloads". */
    name: string;
    /** Its route domain. */
    domain: RouteDomain;
    cidr: string;
}

export interface NetworkHubArgs {
    /** AZ names for the shared-services (and egress) VPC; the hub serves prod, so at least 2. */
    availabilityZones: string[];
    /** The shared-services VPC's CIDR. */
    sharedServicesCidr: string;
    /** The region's spokes: validated against the plan, admitted by the endpoints, blackholed across domains. @default [] */
    spokes?: PlannedSpoke[];
    /** On-premises ranges (must not overlap any VPC). @default [] */
    onPremCidrs?: OwnedCidr[];
    /** When given, every CIDR of the plan must lie inside it. @default undefined (no containment check) */
    supernet?: string;
    /** Amazon-side BGP ASN of the Transit Gateway (private range). @default 64512 */
    amazonSideAsn?: number;
    /**
     * Interface endpoint services in the shared-services VPC, each with a private hosted zone for its
     * DNS name that the spokes associate (see endpointDns.ts). @default DEFAULT_INTERFACE_ENDPOINTS
     */
    interfaceEndpoints?: string[];
    /** Flow-log retention in days. @default 365 */
    flowLogRetentionDays?: number;
    /** Site-to-Site VPN to on-premises. @default undefined (none) */
    vpn?: VpnArgs;
    /** Direct Connect gateway association. @default undefined (none) */
    directConnect?: DirectConnectArgs;
    /** Peerings this hub requests to other regions' hubs. @default [] */
    peerings?: TgwPeeringArgs[];
    /** Peerings other regions' hubs requested towards this one. @default [] */
    acceptedPeerings?: AcceptedPeeringArgs[];
    /** Centralized egress/inspection VPC. @default undefined (off: each spoke has its own NAT) */
    egress?: EgressVpcArgs;
    /** SSM-only admin host in the shared-services VPC. @default undefined (none) */
    bastion?: BastionArgs;
    /** Tags for every child (Name is added). @default {} */
    tags?: Record<string, string>;
}

function validate(args: NetworkHubArgs): void {
    const problems = azProblems(args.availabilityZones, true, "the hub (it serves prod)");
    (args.spokes ?? []).forEach((s, i) => {
        problems.push(...domainProblem(`spokes[${i}].domain`, s.domain));
        // The name goes into the bastion's rule descriptions, where EC2 allows only a narrow charset.
        problems.push(...textProblems(`spokes[${i}].name`, s.name));
    });
    problems.push(...bastionProblems(args.bastion, args.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS));
    problems.push(...cidrProblems(hubCidrPlan(args), args.supernet));
    const azCount = args.availabilityZones?.length ?? 0;
    problems.push(...vpcLayoutProblems("sharedServicesCidr", args.sharedServicesCidr, azCount));
    if (args.egress) problems.push(...vpcLayoutProblems("egress.cidr", args.egress.cidr, azCount));
    problems.push(...vpnProblems(args.vpn));
    problems.push(...endpointServiceProblems("interfaceEndpoints", args.interfaceEndpoints));
    problems.push(...retentionProblems("flowLogRetentionDays", args.flowLogRetentionDays));
    problems.push(...peeringProblems("peerings", args.peerings, true));
    problems.push(...peeringProblems("acceptedPeerings", args.acceptedPeerings, false));
    if (args.directConnect && (args.directConnect.allowedPrefixes ?? []).length === 0) {
        problems.push("directConnect.allowedPrefixes is [], must list the prefixes advertised to on-premises");
    }
    problems.push(...asnProblems("amazonSideAsn", args.amazonSideAsn ?? 64512));
    throwIfProblems("NetworkHub", problems);
}

/** Every block of the region's plan as the hub sees it, with its owner. */
export function hubCidrPlan(args: NetworkHubArgs): OwnedCidr[] {
    return [
        { owner: "shared/shared-services", cidr: args.sharedServicesCidr },
        ...(args.egress ? [{ owner: "shared/egress", cidr: args.egress.cidr }] : []),
        ...(args.spokes ?? []).map((s) => ({ owner: s.name, cidr: s.cidr })),
        ...(args.onPremCidrs ?? []),
        ...[...(args.peerings ?? []), ...(args.acceptedPeerings ?? [])].flatMap((p) =>
            (p.routes ?? []).map((r) => ({ owner: `peer/${p.name}`, cidr: r.cidr })),
        ),
    ];
}

export class NetworkHub extends pulumi.ComponentResource {
    /** The Transit Gateway's id. */
    public readonly transitGatewayId: pulumi.Output<string>;
    /** The Transit Gateway's ARN. */
    public readonly transitGatewayArn: pulumi.Output<string>;
    /** The TGW route table of each route domain. */
    public readonly routeTableIds: Record<RouteDomain, pulumi.Output<string>>;
    /** The shared-services VPC. */
    public readonly sharedServicesVpcId: pulumi.Output<string>;
    /** The shared-services VPC's CIDR (plain). */
    public readonly sharedServicesVpcCidr: string;
    /** Shared-services subnet ids per tier. */
    public readonly subnetIds: {
        public: pulumi.Output<string[]>;
        private: pulumi.Output<string[]>;
        isolated: pulumi.Output<string[]>;
    };
    /** The egress VPC, when enabled. */
    public readonly egressVpcId: pulumi.Output<string> | undefined;
    /** The interface endpoints' security group. */
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    /** The private hosted zone id per endpoint service: spokes associate each with their VPC. */
    public readonly endpointZoneIds: Record<string, pulumi.Output<string>>;
    /** Flow-log group name per VPC role ("shared-services", "egress"). */
    public readonly flowLogGroupNames: Record<string, pulumi.Output<string>>;
    /** The region's whole CIDR plan (plain), as validated. */
    public readonly cidrPlan: OwnedCidr[];
    /** The SSM bastion's instance id (the target of `aws ssm start-session`), when enabled. */
    public readonly bastionInstanceId: pulumi.Output<string> | undefined;
    /** The S3 interface endpoint on-premises uses (endpoints.ts) and its DNS name, given on-premises ranges. */
    public readonly s3InterfaceEndpointId: pulumi.Output<string> | undefined;
    public readonly s3InterfaceEndpointDnsName: pulumi.Output<string> | undefined;

    constructor(name: string, args: NetworkHubArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:network:NetworkHub", name, {}, opts);
        validate(args);
        const tags = args.tags ?? {};
        this.cidrPlan = hubCidrPlan(args);
        const tgw = this.transitGateway(name, args, tags);
        this.transitGatewayId = tgw.id;
        this.transitGatewayArn = tgw.arn;
        const tables = this.domainTables(name, tgw.id, tags);
        this.routeTableIds = tables;
        const shared = this.sharedServices(name, args, tables, tags);
        this.sharedServicesVpcId = shared.vpc.vpcId;
        this.sharedServicesVpcCidr = args.sharedServicesCidr;
        this.subnetIds = {
            public: shared.subnetIds("public"),
            private: shared.subnetIds("private"),
            isolated: shared.subnetIds("isolated"),
        };
        const endpoints = this.endpoints(name, args, shared, tags);
        this.endpointSecurityGroupId = endpoints.securityGroup.id;
        this.endpointZoneIds = Object.fromEntries(
            Object.entries(endpoints.zones).map(([service, zone]) => [service, zone.zoneId]),
        );
        const onPrem = (args.onPremCidrs ?? []).map((c) => c.cidr);
        const { vpcId, privateSubnetIds } = shared.vpc;
        const s3 = onPremS3Endpoint(name, { vpcId, privateSubnetIds, onPremCidrs: onPrem, tags }, this);
        this.s3InterfaceEndpointId = s3?.id;
        this.s3InterfaceEndpointDnsName = s3?.dnsEntries.apply((e) => e[0]?.dnsName ?? "");
        const egress = args.egress
            ? egressVpc(
                  name,
                  args.egress,
                  {
                      tgwId: tgw.id,
                      tables,
                      availabilityZones: args.availabilityZones,
                      tags,
                      privateCidrs: this.cidrPlan.filter((c) => c.owner !== "shared/egress").map((c) => c.cidr),
                  },
                  this,
              )
            : undefined;
        this.egressVpcId = egress?.vpc.vpc.vpcId;
        const logs = vpcFlowLogs(
            name,
            {
                vpcs: [
                    { role: "shared-services", vpcId: shared.vpc.vpcId },
                    ...(egress ? [{ role: "egress", vpcId: egress.vpc.vpc.vpcId }] : []),
                ],
                retentionDays: args.flowLogRetentionDays ?? 365,
                tags,
                // The hub carries prod's traffic: its flow logs (and the bastion's volume) keep their key.
                protect: true,
            },
            this,
        );
        this.flowLogGroupNames = logs.logGroupNames;
        blackholeOtherEnvironments(name, tables, domainCidrs(args), this);
        this.links(name, args, tgw.id, tables, tags);
        this.bastionInstanceId = args.bastion
            ? this.bastion(name, args, args.bastion, shared, logs.keyArn, tags).id
            : undefined;
        this.registerOutputs({
            transitGatewayId: this.transitGatewayId,
            transitGatewayArn: this.transitGatewayArn,
            routeTableIds: this.routeTableIds,
            sharedServicesVpcId: this.sharedServicesVpcId,
            subnetIds: this.subnetIds,
            egressVpcId: this.egressVpcId,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            endpointZoneIds: this.endpointZoneIds,
            flowLogGroupNames: this.flowLogGroupNames,
            bastionInstanceId: this.bastionInstanceId,
            s3InterfaceEndpointId: this.s3InterfaceEndpointId,
        });
    }

    private endpoints(
        name: string,
        args: NetworkHubArgs,
        shared: PlatformVpc,
        tags: Record<string, string>,
    ): InterfaceEndpoints {
        // Every VPC of the region may use them; on-premises and peers reach AWS their own way.
        const vpcCidrs = this.cidrPlan
            .filter((c) => !c.owner.startsWith("peer/") && !(args.onPremCidrs ?? []).includes(c))
            .map((c) => c.cidr);
        return interfaceEndpoints(
            name,
            {
                vpcId: shared.vpc.vpcId,
                subnetIds: shared.vpc.privateSubnetIds,
                services: args.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS,
                allowedCidrs: vpcCidrs,
                tags,
            },
            this,
        );
    }

    private bastion(
        name: string,
        args: NetworkHubArgs,
        bastion: BastionArgs,
        shared: PlatformVpc,
        kmsKeyArn: pulumi.Input<string>,
        tags: Record<string, string>,
    ): aws.ec2.Instance {
        return bastionHost(
            name,
            bastion,
            {
                vpcId: shared.vpc.vpcId,
                subnetId: shared.vpc.privateSubnetIds.apply((ids) => ids[0]),
                egress: bastionEgress(args),
                kmsKeyArn,
                tags,
            },
            this,
        );
    }

    private transitGateway(
        name: string,
        args: NetworkHubArgs,
        tags: Record<string, string>,
    ): aws.ec2transitgateway.TransitGateway {
        return new aws.ec2transitgateway.TransitGateway(
            `${name}-tgw`,
            {
                description: `${name} hub: route domains ${ROUTE_DOMAINS.join(", ")}`,
                amazonSideAsn: args.amazonSideAsn ?? 64512,
                // The default table would put every attachment in one domain: dev could reach prod.
                defaultRouteTableAssociation: "disable",
                defaultRouteTablePropagation: "disable",
                dnsSupport: "enable",
                vpnEcmpSupport: "enable",
                // Attachments from other accounts need an explicit accept: nobody joins a domain by accident.
                autoAcceptSharedAttachments: "disable",
                tags: { ...tags, Name: `${name}-tgw` },
            },
            { parent: this },
        );
    }

    private domainTables(
        name: string,
        tgwId: pulumi.Output<string>,
        tags: Record<string, string>,
    ): Record<RouteDomain, pulumi.Output<string>> {
        const ids = {} as Record<RouteDomain, pulumi.Output<string>>;
        for (const domain of ROUTE_DOMAINS) {
            ids[domain] = new aws.ec2transitgateway.RouteTable(
                `${name}-rt-${domain}`,
                {
                    transitGatewayId: tgwId,
                    tags: { ...tags, Name: `${name}-rt-${domain}`, "route-domain": domain },
                },
                { parent: this },
            ).id;
        }
        return ids;
    }

    private sharedServices(
        name: string,
        args: NetworkHubArgs,
        tables: DomainRouteTableIds,
        tags: Record<string, string>,
    ): PlatformVpc {
        // No NAT: shared services reach AWS APIs through the endpoints; isolated tier for directory/DNS.
        const vpc = platformVpc(
            `${name}-shared`,
            {
                cidr: args.sharedServicesCidr,
                availabilityZones: args.availabilityZones,
                tiers: ["private", "isolated"],
                natStrategy: "None",
                tags,
            },
            this,
        );
        const attachment = transitAttachment(
            `${name}-shared`,
            vpc,
            {
                cidr: args.sharedServicesCidr,
                availabilityZones: args.availabilityZones,
                tags,
                transitGatewayId: this.transitGatewayId,
                attachmentName: `${name}-shared-attachment`,
            },
            this,
        );
        wireIntoDomain(
            `${name}-shared`,
            { attachmentId: attachment.id, domain: "shared", routeTableIds: tables },
            this,
        );
        const destinations = this.cidrPlan
            .filter((c) => c.cidr !== args.sharedServicesCidr && c.owner !== "shared/egress")
            .map((c) => c.cidr);
        for (const tier of ["private", "isolated"] as const) {
            vpc.routeTableIds(tier).forEach((rtb, az) =>
                destinations.forEach(
                    (cidr, i) =>
                        new aws.ec2.Route(
                            `${name}-shared-${tier}-${az + 1}-tgw-${i}`,
                            {
                                routeTableId: rtb,
                                destinationCidrBlock: cidr,
                                transitGatewayId: attachment.transitGatewayId,
                            },
                            { parent: this, dependsOn: [attachment] },
                        ),
                ),
            );
        }
        return vpc;
    }

    private links(
        name: string,
        args: NetworkHubArgs,
        tgwId: pulumi.Output<string>,
        tables: DomainRouteTableIds,
        tags: Record<string, string>,
    ): void {
        if (args.vpn) siteToSiteVpn(name, args.vpn, tgwId, tables, tags, this);
        if (args.directConnect) directConnect(name, args.directConnect, tgwId, tables, this);
        for (const p of args.peerings ?? []) requestPeering(name, p, tgwId, tables, tags, this);
        for (const p of args.acceptedPeerings ?? []) acceptPeering(name, p, tables, tags, this);
    }
}

/** HTTPS destinations of the bastion: the SSM endpoints, then each spoke's private EKS API (SSM port forwarding). */
function bastionEgress(args: NetworkHubArgs): { cidr: string; description: string }[] {
    return [
        { cidr: args.sharedServicesCidr, description: `SSM endpoints in ${args.sharedServicesCidr}` },
        ...(args.spokes ?? []).map((s) => ({ cidr: s.cidr, description: `EKS API of ${s.name} in ${s.cidr}` })),
    ];
}

function domainCidrs(args: NetworkHubArgs): Record<RouteDomain, string[]> {
    const out = Object.fromEntries(ROUTE_DOMAINS.map((d) => [d, [] as string[]])) as Record<RouteDomain, string[]>;
    for (const s of args.spokes ?? []) out[s.domain].push(s.cidr);
    for (const p of [...(args.peerings ?? []), ...(args.acceptedPeerings ?? [])])
        for (const r of p.routes ?? []) out[r.domain].push(r.cidr);
    return out;
}
