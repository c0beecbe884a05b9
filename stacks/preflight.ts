/**
 * Every check that network config can trigger, in config-key words, run before the first resource:
 * from the config alone, then against the hub's plan (read through the stack reference, which creates
 * nothing in AWS), then against the availability zones the region offers. The components keep their
 * own validation (in argument words) for direct use; these say which key of which stack to fix.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OwnedCidr, cidrContains, validateCidrs } from "../components/network/cidr";
import { endpointServiceProblems } from "../components/network/endpointDns";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../components/network/endpoints";
import {
    asnProblems,
    bastionProblems,
    peeringProblems,
    retentionProblems,
    textProblems,
    vpcLayoutProblems,
    vpnProblems,
} from "../components/network/validation";
import { ConfigError, StackSettings } from "./config";
import { HubConfig } from "./config/network";
import { apiAccessCidrProblems, defaultApiAccessCidrs } from "./config/eksChecks";
import { configuredHubPlan, linkConfigProblems } from "./links";

/** What a workload stack read from its hub before any resource exists (plain values). */
export interface HubPlan {
    /** The hub stack as configured. */
    stack: string;
    /** The region's CIDR plan as the hub exported it. */
    cidrPlan: OwnedCidr[];
    /** The hub's AZs, in subnet order. */
    availabilityZones: string[];
}

/** Throws one ConfigError listing every problem (the same shape as loadStackSettings' errors). */
export function throwIfConfigProblems(problems: string[]): void {
    if (problems.length > 0) throw new ConfigError(`Invalid stack config:\n - ${problems.join("\n - ")}`);
}

const key = (path: string) => `${pulumi.getProject()}:network${path}`;

/** Checks that need nothing but the stack's config. */
export function networkConfigProblems(cfg: StackSettings): string[] {
    const net = cfg.network;
    if (cfg.role === "network" && !net?.hub)
        return [`${key(".hub")} is missing, a network stack needs the region's CIDR plan (sharedServicesCidr, spokes)`];
    if (cfg.role === "workload" && !net?.spoke)
        return [`${key(".spoke")} is missing, a workload stack needs its spoke (hubStack, vpcCidr)`];
    if (!net) return [];
    const problems = retentionProblems(key(".flowLogRetentionDays"), net.flowLogRetentionDays);
    const servesProd = cfg.role === "network" || cfg.environment === "prod";
    if (servesProd && net.azCount < 2)
        problems.push(
            `${key(".azCount")} is ${net.azCount}, ${cfg.role === "network" ? "a network hub serves prod and" : "a prod spoke"} needs at least 2`,
        );
    if (net.hub && cfg.role === "network") {
        problems.push(...hubProblems(net.hub));
        problems.push(...linkConfigProblems(cfg.stack, net.hub));
        problems.push(...vpcLayoutProblems(key(".hub.sharedServicesCidr"), net.hub.sharedServicesCidr, net.azCount));
        if (net.hub.egressCidr)
            problems.push(...vpcLayoutProblems(key(".hub.egressCidr"), net.hub.egressCidr, net.azCount));
    }
    if (net.spoke && cfg.role === "workload")
        problems.push(...vpcLayoutProblems(key(".spoke.vpcCidr"), net.spoke.vpcCidr, net.azCount));
    if (net.availabilityZones && cfg.role !== "network")
        problems.push(
            `${key(".availabilityZones")} is set on a ${cfg.role} stack, only a hub pins its AZs (a spoke takes its hub's first network.azCount)`,
        );
    return problems;
}

function hubProblems(hub: HubConfig): string[] {
    const endpoints = hub.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
    const plan = configuredHubPlan(hub);
    return [
        ...validateCidrs(plan, { supernet: hub.supernet }).map((p) => `${key(".hub")}: ${p}`),
        ...hub.spokes.flatMap((s, i) => textProblems(key(`.hub.spokes[${i}].name`), s.name)),
        ...endpointServiceProblems(key(".hub.interfaceEndpoints"), hub.interfaceEndpoints),
        ...asnProblems(key(".hub.amazonSideAsn"), hub.amazonSideAsn),
        ...bastionProblems(hub.bastion ? { ami: hub.bastionAmi } : undefined, endpoints, {
            endpoints: key(".hub.interfaceEndpoints"),
            ami: key(".hub.bastionAmi"),
        }),
        ...hubLinkProblems(hub),
    ];
}

/** The largest ASN a customer gateway's `bgpAsn` takes; above it EC2 needs `bgpAsnExtended`, which the component doesn't set. */
const CGW_MAX_BGP_ASN = 2147483647;

/**
 * Blocks no internet peer has (RFC 1918, shared CGNAT space, loopback, link-local, "this network",
 * multicast and reserved). EC2 accepts such a customer gateway, but the tunnels never come up;
 * private-IP VPN over Direct Connect needs options the component doesn't set.
 */
const NOT_PUBLIC = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "0.0.0.0/8",
    "224.0.0.0/3",
];

/** The non-public block an address lies in, or undefined (also for a malformed one, which vpnProblems reports). */
function notPublicBlock(ip: string): string | undefined {
    try {
        return NOT_PUBLIC.find((block) => cidrContains(block, `${ip}/32`));
    } catch {
        return undefined;
    }
}

const DX_GATEWAY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The VPN, Direct Connect and peering options: the component's checks, then what AWS or Pulumi would refuse later. */
function hubLinkProblems(hub: HubConfig): string[] {
    return [...onPremLinkProblems(hub), ...peeringLinkProblems(hub)];
}

function onPremLinkProblems(hub: HubConfig): string[] {
    // The component's messages start with its field name (vpn.bgpAsn, …), which is the key under network.hub.
    const problems = vpnProblems(hub.vpn).map((p) => `${key(".hub.")}${p}`);
    const notPublic = hub.vpn ? notPublicBlock(hub.vpn.customerGatewayIp) : undefined;
    if (hub.vpn && notPublic)
        problems.push(
            `${key(".hub.vpn.customerGatewayIp")} is "${hub.vpn.customerGatewayIp}", inside ${notPublic}: the tunnels run over the internet and need the device's public IPv4 address`,
        );
    if (hub.vpn && Number.isInteger(hub.vpn.bgpAsn) && hub.vpn.bgpAsn > CGW_MAX_BGP_ASN && hub.vpn.bgpAsn <= 4294967294)
        problems.push(
            `${key(".hub.vpn.bgpAsn")} is ${hub.vpn.bgpAsn}, the customer gateway takes 1 to ${CGW_MAX_BGP_ASN} (a 32-bit ASN above that is not supported yet)`,
        );
    // A DX gateway id is a UUID (the provider's import docs: 345508c3-7215-4aef-9832-07c125d5bd0f); a
    // connection (dxcon-) or virtual interface (dxvif-) id in its place fails only at deploy.
    if (hub.directConnect && !DX_GATEWAY_ID.test(hub.directConnect.dxGatewayId))
        problems.push(
            `${key(".hub.directConnect.dxGatewayId")} is ${JSON.stringify(hub.directConnect.dxGatewayId)}, must be a Direct Connect gateway id (a UUID, not a dxcon- or dxvif- id)`,
        );
    if (hub.directConnect && hub.directConnect.allowedPrefixes.length === 0)
        problems.push(
            `${key(".hub.directConnect.allowedPrefixes")} is [], must list the prefixes advertised to on-premises`,
        );
    return problems;
}

function peeringLinkProblems(hub: HubConfig): string[] {
    const problems = [
        ...peeringProblems(key(".hub.peerings"), hub.peerings, true),
        ...peeringProblems(key(".hub.acceptedPeerings"), hub.acceptedPeerings, false),
    ];
    hub.peerings.forEach((p, i) => {
        if (p.acceptInThisStack && p.peerAccountId !== undefined)
            problems.push(
                `${key(`.hub.peerings[${i}].acceptInThisStack`)} is true with peerAccountId "${p.peerAccountId}", accepting here needs the peer in this account: leave peerAccountId unset or let the peer's stack accept`,
            );
    });
    hub.acceptedPeerings.forEach((p, i) => {
        if (!/^tgw-attach-([0-9a-f]{8}|[0-9a-f]{17})$/.test(p.attachmentId))
            problems.push(
                `${key(`.hub.acceptedPeerings[${i}].attachmentId`)} is ${JSON.stringify(p.attachmentId)}, must be a Transit Gateway attachment id ("tgw-attach-" and 8 or 17 hex digits)`,
            );
    });
    // Both lists name resources `<hub>-peer-<name>`: a repeated name is a duplicate URN, found only mid-deploy.
    const names = [...hub.peerings, ...hub.acceptedPeerings].map((p) => p.name).filter((n) => n !== "");
    for (const dup of [...new Set(names.filter((n, i) => names.indexOf(n) !== i))])
        problems.push(
            `${key(".hub")} names the peer ${JSON.stringify(dup)} more than once across peerings and acceptedPeerings, each needs its own name`,
        );
    return problems;
}

const showPlan = (plan: OwnedCidr[]) => plan.map((c) => `${c.owner} ${c.cidr}`).join(", ");

/** A workload stack's spoke against the hub's plan: its block must be the hub's, its additions new. */
export function hubPlanProblems(cfg: StackSettings, hub: HubPlan): string[] {
    const spoke = cfg.network?.spoke;
    if (!spoke) return [];
    const problems: string[] = [];
    const mine = hub.cidrPlan.find((c) => c.cidr === spoke.vpcCidr);
    if (!mine) {
        problems.push(
            `${key(".spoke.vpcCidr")} is "${spoke.vpcCidr}", the hub ${hub.stack}'s plan has no such block (plan: ${showPlan(hub.cidrPlan)}); add the spoke to the hub's network.hub.spokes first`,
        );
    } else if (!mine.owner.startsWith(`${cfg.environment}/`)) {
        problems.push(
            `${key(".spoke.vpcCidr")} is "${spoke.vpcCidr}", the hub ${hub.stack}'s plan gives it to ${mine.owner}, not to a ${cfg.environment} spoke`,
        );
    }
    const additions = Object.entries(spoke.regionCidrs).map(([owner, cidr]) => ({ owner, cidr }));
    for (const a of additions) {
        const held = hub.cidrPlan.find((c) => c.owner === a.owner);
        if (held)
            problems.push(
                `${key(`.spoke.regionCidrs.${a.owner}`)} is "${a.cidr}", the hub ${hub.stack}'s plan already holds ${a.owner} (${held.cidr}); list only blocks the hub doesn't own`,
            );
    }
    const fresh = additions.filter((a) => !hub.cidrPlan.some((c) => c.owner === a.owner));
    problems.push(
        ...validateCidrs([...hub.cidrPlan, ...fresh]).map(
            (p) => `${key(".spoke.regionCidrs")}: ${p} (the hub ${hub.stack}'s plan: ${showPlan(hub.cidrPlan)})`,
        ),
    );
    return problems;
}

/** The region's plan as this spoke routes it: the hub's, plus the spoke's own additions. */
export function spokeCidrPlan(cfg: StackSettings, hub: HubPlan): OwnedCidr[] {
    const additions = Object.entries(cfg.network?.spoke?.regionCidrs ?? {}).map(([owner, cidr]) => ({ owner, cidr }));
    return [...hub.cidrPlan, ...additions];
}

/**
 * Every check of a workload stack that needs the hub's plan: the spoke's block and additions, and the
 * ranges the private EKS API admits (which must lie inside the region's plan, the spoke's additions
 * included). Runs before the provider and every resource.
 */
export function workloadPlanProblems(cfg: StackSettings, hub: HubPlan): string[] {
    const problems = hubPlanProblems(cfg, hub);
    if (!cfg.network?.spoke || !cfg.eks) return problems;
    const plan = spokeCidrPlan(cfg, hub);
    const given = cfg.eks.apiAccessCidrs;
    problems.push(
        ...apiAccessCidrProblems(given ?? defaultApiAccessCidrs(plan), plan, {
            given: given !== undefined,
            publicEndpoint: cfg.eks.endpointPublicAccess,
        }),
    );
    return problems;
}

/** A pinned AZ list: azCount names, distinct, each offered to this account (and not excluded). */
export function pinnedZoneProblems(pinned: string[], offered: string[], count: number, region: string): string[] {
    const problems: string[] = [];
    if (pinned.length !== count)
        problems.push(`${key(".availabilityZones")} has ${pinned.length} zones, network.azCount is ${count}`);
    if (new Set(pinned).size !== pinned.length)
        problems.push(`${key(".availabilityZones")} is ${JSON.stringify(pinned)}, a zone is listed twice`);
    for (const az of pinned.filter((z) => !offered.includes(z)))
        problems.push(
            `${key(".availabilityZones")} lists "${az}", which ${region} does not offer this account (offered, excluded ids left out: ${offered.join(", ")})`,
        );
    return problems;
}

/**
 * The region's availability zones as this account sees them, through the stack's provider: state
 * `available` and `opt-in-not-required` (Local and Wavelength Zones are opt-in and lack most
 * services). Letters differ per region and account (ap-northeast-1 offers most accounts a, c, d;
 * us-west-1 has two), so they are read, never made up. A spoke takes the same AZs as its hub.
 */
export async function availabilityZonesFor(
    cfg: StackSettings,
    provider: aws.Provider,
    hub: HubPlan | undefined,
): Promise<string[]> {
    const count = cfg.network?.azCount ?? 3;
    const excluded = cfg.network?.excludeZoneIds ?? [];
    // excludeZoneIds filters by zone id, which names the same physical zone in every account.
    const found = await aws.getAvailabilityZones(
        {
            state: "available",
            filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
            excludeZoneIds: excluded.length > 0 ? excluded : undefined,
        },
        { provider },
    );
    const offered = [...found.names].sort();
    const pinned = hub ? undefined : cfg.network?.availabilityZones;
    const chosen = pinned ?? offered.slice(0, count);
    const problems: string[] = [];
    if (pinned) problems.push(...pinnedZoneProblems(pinned, offered, count, cfg.region));
    else if (count > offered.length)
        problems.push(
            `${key(".azCount")} is ${count}, ${cfg.region} offers this account only ${offered.length} availability zones (${offered.join(", ")})`,
        );
    else if (hub && chosen.some((az, i) => hub.availabilityZones[i] !== az))
        problems.push(
            `${key(".azCount")} is ${count}, the spoke's AZs (${chosen.join(", ")}) must be the first ${count} of the hub ${hub.stack}'s (${hub.availabilityZones.join(", ")})`,
        );
    throwIfConfigProblems(problems);
    return chosen;
}
