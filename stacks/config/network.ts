/**
 * Config keys of the network area (see NetworkHub / NetworkSpoke args for what each controls).
 * One structured key, `payments-platform:network`: the hub stack (role "network") sets the region's
 * plan, a workload stack sets its spoke and the hub stack it attaches to.
 */
import { z } from "zod";
import { ROUTE_DOMAINS } from "../../components/network/domains";

const cidr = () => z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
const owned = z.object({ owner: z.string().min(1), cidr: cidr() }).strict();
/** A block on the far side of a peering and the route domain it belongs to (TGW peerings carry static routes only). */
const peerRoute = z.object({ cidr: cidr(), domain: z.enum(ROUTE_DOMAINS) }).strict();

/**
 * Site-to-Site VPN to on-premises (BGP, two tunnels). There is deliberately no pre-shared key here:
 * AWS generates both and keeps them in Secrets Manager (the component's `presharedKeyStorage`), so
 * no key is ever in config, state or the plan. The format and range checks are the preflight's, so
 * that they read in config words.
 */
const vpnConfig = z
    .object({
        /** The on-premises VPN device's public IPv4 address. @default none (required) */
        customerGatewayIp: z.string(),
        /** The on-premises side's BGP ASN. @default none (required) */
        bgpAsn: z.number().int(),
    })
    .strict();

/** A Direct Connect gateway association on the Transit Gateway. */
const directConnectConfig = z
    .object({
        /** The Direct Connect gateway's id (a UUID). @default none (required) */
        dxGatewayId: z.string().min(1),
        /** Prefixes advertised to on-premises (the region's VPC ranges, summarised); at least one. @default none (required) */
        allowedPrefixes: z.array(cidr()),
    })
    .strict();

/** A peering this hub requests to another region's hub. */
const peeringConfig = z
    .object({
        /** Short name of the peer, e.g. "virginia" (in resource names: unique across peerings and acceptedPeerings). @default none (required) */
        name: z.string(),
        /** The peer hub's Transit Gateway id ("tgw-..."). @default none (required) */
        peerTransitGatewayId: z.string(),
        /** The peer's AWS region. @default none (required) */
        peerRegion: z.string(),
        /** The peer's account id. @default this account */
        peerAccountId: z
            .string()
            .regex(/^\d{12}$/)
            .optional(),
        /** The peer's blocks by route domain. @default [] */
        routes: z.array(peerRoute).default([]),
        /**
         * The peer's stack has accepted the attachment (its `acceptedPeerings`): only then are the
         * association and routes made, since AWS refuses them on a pending attachment. @default false
         */
        accepted: z.boolean().default(false),
        /**
         * Accept in this stack, through a provider for the peer's region (the peer is in this account).
         * @default false (the peer's stack accepts)
         */
        acceptInThisStack: z.boolean().default(false),
    })
    .strict();

/** A peering another region's hub requested towards this one. */
const acceptedPeeringConfig = z
    .object({
        /** Short name of the peer (unique across peerings and acceptedPeerings). @default none (required) */
        name: z.string(),
        /** The peering attachment's id ("tgw-attach-..."), from the requesting hub. @default none (required) */
        attachmentId: z.string(),
        /** The peer's blocks by route domain. @default [] */
        routes: z.array(peerRoute).default([]),
    })
    .strict();

/**
 * A Transit Gateway peering to an earlier hub, owned whole by this (the later-joining) hub's stack:
 * the requester attachment here, and through a provider for the peer's region the accepter, the
 * peer side's association and routes. Both hubs in this account (cross-account is not supported).
 */
const linkConfig = z
    .object({
        /**
         * The peer hub's stack: bare ("network-frankfurt", of this organization and project) or fully
         * qualified ("<org>/<project>/<stack>"), like spoke.hubStack. @default none (required)
         */
        peerStack: z.string().superRefine((v, ctx) => {
            const problem = stackNameProblem(v);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
    })
    .strict();

/** The hub's part: the region's CIDR plan and the hub's options. */
export const hubConfig = z
    .object({
        /** The shared-services VPC's CIDR. */
        sharedServicesCidr: cidr(),
        /** The region's spokes (built by their own stacks), for the CIDR plan, endpoint rules and blackholes. @default [] */
        spokes: z
            .array(z.object({ name: z.string().min(1), domain: z.enum(ROUTE_DOMAINS), cidr: cidr() }).strict())
            .default([]),
        /** On-premises ranges. @default [] */
        onPremCidrs: z.array(owned).default([]),
        /** Every CIDR must lie inside it. @default none */
        supernet: cidr().optional(),
        /** TGW Amazon-side ASN. @default 64512 */
        amazonSideAsn: z.number().int().default(64512),
        /** Interface endpoint services. @default the component's list */
        interfaceEndpoints: z.array(z.string().min(1)).optional(),
        /** Centralized egress VPC CIDR. @default none (off) */
        egressCidr: cidr().optional(),
        /** SSM-only bastion in the shared-services VPC. @default false */
        bastion: z.boolean().default(false),
        /** The bastion's pinned AMI id: set or change it to roll the bastion. @default the latest AL2023 at creation, kept after */
        bastionAmi: z.string().optional(),
        /** Site-to-Site VPN to on-premises. @default none */
        vpn: vpnConfig.optional(),
        /** Direct Connect gateway association. @default none */
        directConnect: directConnectConfig.optional(),
        /** Peerings this hub requests to other regions' hubs. @default [] */
        peerings: z.array(peeringConfig).default([]),
        /** Peerings other regions' hubs requested towards this one. @default [] */
        acceptedPeerings: z.array(acceptedPeeringConfig).default([]),
        /**
         * Prod-to-prod peerings to earlier hubs, each owned whole by this stack (peer hub's ids and plan
         * read through its stack reference). Routes go only between directly linked hubs. @default []
         */
        links: z.array(linkConfig).default([]),
    })
    .strict();

/** The spoke's part. */
export const spokeConfig = z
    .object({
        /**
         * The hub stack to attach to: a stack of this project ("network-frankfurt", prefixed with this
         * organization and project) or fully qualified ("<org>/<project>/<stack>", used as given).
         */
        hubStack: z.string().superRefine((v, ctx) => {
            const problem = stackNameProblem(v);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
        /** The spoke VPC's CIDR. */
        vpcCidr: cidr(),
        /** NAT strategy. @default "OnePerAz" in prod, "Single" elsewhere */
        natStrategy: z.enum(["OnePerAz", "Single", "None"]).optional(),
        /**
         * Blocks the hub's plan doesn't hold that this spoke must route to the TGW (owner → CIDR), checked
         * disjoint from the hub's plan. The hub's plan itself (its `cidrPlan` output) is read through the
         * stack reference: it is never repeated here. @default {}
         */
        regionCidrs: z.record(z.string(), cidr()).default({}),
    })
    .strict();

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const networkKeys = {
    /** The network area's settings. @default undefined (a stack without network settings builds no network) */
    network: z
        .object({
            /** AZs per VPC (the first N the region offers, unless pinned). @default 3 */
            azCount: z.number().int().min(1).max(6).default(3),
            /**
             * The hub's AZs, pinned by name (azCount of them, each offered to this account). Pin them
             * once the hub is deployed: an AZ that later turns unavailable would otherwise shift the
             * first-N choice and plan to replace the hub's subnets. Spokes always take their hub's.
             * @default the first azCount the region offers
             */
            availabilityZones: z.array(z.string().min(1)).min(1).optional(),
            /**
             * AZ ids (account-independent, unlike the letters) never chosen: EKS refuses cluster subnets in
             * use1-az3, usw1-az2 and cac1-az3 (UnsupportedAvailabilityZoneException; listed in the EKS
             * user guide's VPC and subnet requirements), and use1-az3 lacks current instance families.
             * @default ["use1-az3", "usw1-az2", "cac1-az3"]
             */
            excludeZoneIds: z.array(z.string().min(1)).default(["use1-az3", "usw1-az2", "cac1-az3"]),
            /** Flow-log retention in days. @default 365 */
            flowLogRetentionDays: z.number().int().positive().default(365),
            /** Hub settings (role "network"). @default undefined */
            hub: hubConfig.optional(),
            /** Spoke settings (role "workload"). @default undefined */
            spoke: spokeConfig.optional(),
        })
        .strict()
        .optional(),
} satisfies z.ZodRawShape;

export type NetworkConfig = z.infer<typeof networkKeys.network>;
/** The hub's part, as parsed. */
export type HubConfig = z.infer<typeof hubConfig>;

/** Pulumi's charset for organization, project and stack names. */
const NAME_PART = /^[A-Za-z0-9_.-]+$/;
const STACK_NAME_ALLOWED =
    'must be a stack of this project ("network-frankfurt") or fully qualified ("<org>/<project>/<stack>")';

/** Why `value` can't name a stack to reference, or undefined when it can (pure). */
export function stackNameProblem(value: string): string | undefined {
    const parts = value.split("/");
    if (parts.length !== 1 && parts.length !== 3) return `it has ${parts.length} parts, ${STACK_NAME_ALLOWED}`;
    const bad = parts.findIndex((p) => !NAME_PART.test(p));
    if (bad === -1) return undefined;
    const which = parts.length === 1 ? "the name" : ["the organization", "the project", "the stack"][bad];
    return `${which} ${parts[bad] === "" ? "is empty" : `${JSON.stringify(parts[bad])} has characters outside A-Z a-z 0-9 _ . -`}, ${STACK_NAME_ALLOWED}`;
}

/**
 * The fully qualified name of a stack reference: a bare stack name gets this organization and
 * project (with a self-managed backend, the organization is "organization"); "<org>/<project>/<stack>"
 * is kept as given, so a Pulumi Cloud user may spell it out without it being prefixed twice.
 */
export function qualifyStackName(value: string, organization: string, project: string): string {
    const problem = stackNameProblem(value);
    if (problem) throw new Error(`stack name ${JSON.stringify(value)}: ${problem}`);
    return value.includes("/") ? value : `${organization}/${project}/${value}`;
}
