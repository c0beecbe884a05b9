/**
 * Reachability across the whole recorded platform (every planned stack at once): from a VPC's route
 * tables into its Transit Gateway attachment, the attachment's association table, longest-prefix
 * match over propagations and static routes, and across a peering attachment into the other
 * hub's TGW, where the same attachment's association there decides the next lookup. Appliance-mode
 * VPCs (egress) forward back into their TGW. Ids are the plan's: a stack reference hands the
 * producer's recorded ids to the consumer, so one id names one thing across stacks.
 */
import { cidrContains, parseCidr } from "../../components/network/cidr";
import { ResourceRecord } from "../../automation/plan/types";
import { Recorded } from "../harness";

const T = "aws:ec2transitgateway/";

interface TgwRoute {
    cidr: string;
    attachment?: string;
    blackhole: boolean;
}

/** One VPC of the plan, with what its stack says it is. */
export interface PlannedVpc {
    id: string;
    cidr: string;
    stack: string;
    region: string;
    /** The route domain its attachment is associated with (dev, qa, prod, shared), or "" when unattached. */
    domain: string;
}

export interface PlatformGraph {
    vpcs: PlannedVpc[];
    /** TGW route table id → its TGW id. */
    tableTgw: Map<string, string>;
    /** TGW route table id → its route-domain tag. */
    tableDomain: Map<string, string>;
    /** `${tgw}|${attachment}` → the table its arriving traffic is looked up in. */
    association: Map<string, string>;
    propagations: Map<string, string[]>;
    routes: Map<string, TgwRoute[]>;
    /** VPC attachment id → { tgw, vpc }. */
    vpcAttachment: Map<string, { tgw: string; vpc: string }>;
    /** Peering attachment id → the two TGWs it joins. */
    peering: Map<string, [string, string]>;
    /** Appliance-mode VPC attachments (they send traffic back into the TGW). */
    transit: Set<string>;
    /** VPC id → its workload route tables (those routing anything into a TGW): each routes to TGW id or elsewhere. */
    vpcTables: Map<string, { cidr: string; tgw?: string }[][]>;
}

const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);

function vpcTablesOf(all: ResourceRecord[], vpcIds: Set<string>): Map<string, { cidr: string; tgw?: string }[][]> {
    const tableVpc = new Map(
        all.filter((r) => r.type === "aws:ec2/routeTable:RouteTable").map((r) => [r.id, String(r.inputs.vpcId)]),
    );
    const byTable = new Map<string, { cidr: string; tgw?: string }[]>();
    for (const r of all.filter((x) => x.type === "aws:ec2/route:Route"))
        push(byTable, String(r.inputs.routeTableId), {
            cidr: String(r.inputs.destinationCidrBlock),
            tgw: r.inputs.transitGatewayId as string | undefined,
        });
    const out = new Map<string, { cidr: string; tgw?: string }[][]>();
    for (const [table, routes] of byTable) {
        const vpc = tableVpc.get(table);
        if (vpc && vpcIds.has(vpc) && routes.some((r) => r.tgw)) push(out, vpc, routes);
    }
    return out;
}

export function platformGraph(stacks: Recorded[]): PlatformGraph {
    const all = stacks.flatMap((s) => s.resources);
    const g: PlatformGraph = {
        vpcs: [],
        tableTgw: new Map(),
        tableDomain: new Map(),
        association: new Map(),
        propagations: new Map(),
        routes: new Map(),
        vpcAttachment: new Map(),
        peering: new Map(),
        transit: new Set(),
        vpcTables: new Map(),
    };
    for (const r of all.filter((x) => x.type === `${T}routeTable:RouteTable`)) {
        g.tableTgw.set(r.id, String(r.inputs.transitGatewayId));
        g.tableDomain.set(r.id, String((r.inputs.tags as Record<string, string>)?.["route-domain"] ?? ""));
    }
    for (const r of all) {
        const i = r.inputs as Record<string, unknown>;
        const att = String(i.transitGatewayAttachmentId);
        const table = String(i.transitGatewayRouteTableId);
        if (r.type === `${T}vpcAttachment:VpcAttachment`) {
            g.vpcAttachment.set(r.id, { tgw: String(i.transitGatewayId), vpc: String(i.vpcId) });
            if (i.applianceModeSupport === "enable") g.transit.add(r.id);
        } else if (r.type === `${T}peeringAttachment:PeeringAttachment`) {
            g.peering.set(r.id, [String(i.transitGatewayId), String(i.peerTransitGatewayId)]);
        } else if (r.type === `${T}routeTableAssociation:RouteTableAssociation`) {
            const key = `${g.tableTgw.get(table)}|${att}`;
            if (g.association.has(key)) throw new Error(`attachment ${att} associated twice on ${key}`);
            g.association.set(key, table);
        } else if (r.type === `${T}routeTablePropagation:RouteTablePropagation`) push(g.propagations, table, att);
        else if (r.type === `${T}route:Route`)
            push(g.routes, table, {
                cidr: String(i.destinationCidrBlock),
                attachment: i.blackhole === true ? undefined : att,
                blackhole: i.blackhole === true,
            });
    }
    g.vpcs = stacks.flatMap((s) =>
        s.all("aws:ec2/vpc:Vpc").map((v) => {
            const att = [...g.vpcAttachment].find(([, a]) => a.vpc === v.id)?.[0];
            const table = att ? [...g.association].find(([k]) => k.endsWith(`|${att}`))?.[1] : undefined;
            return {
                id: v.id,
                cidr: String(v.inputs.cidrBlock),
                stack: s.plan.name,
                region: s.plan.region,
                domain: table ? (g.tableDomain.get(table) ?? "") : "",
            };
        }),
    );
    g.vpcTables = vpcTablesOf(all, new Set(g.vpcs.map((v) => v.id)));
    return g;
}

/** Longest prefix first; at equal length a static route beats a propagated one (as on the TGW). */
function tgwLookup(g: PlatformGraph, table: string, address: string): string | undefined {
    const candidates: { len: number; attachment?: string; static: boolean }[] = [];
    for (const a of g.propagations.get(table) ?? []) {
        const vpc = g.vpcAttachment.get(a)?.vpc;
        const cidr = g.vpcs.find((v) => v.id === vpc)?.cidr;
        if (cidr && cidrContains(cidr, address))
            candidates.push({ len: parseCidr(cidr).prefixLength, attachment: a, static: false });
    }
    for (const r of g.routes.get(table) ?? [])
        if (cidrContains(r.cidr, address))
            candidates.push({ len: parseCidr(r.cidr).prefixLength, attachment: r.attachment, static: true });
    candidates.sort((x, y) => y.len - x.len || Number(y.static) - Number(x.static));
    return candidates[0]?.attachment;
}

/** The VPC a packet entering `tgw` over `attachment` for `address` ends in, or undefined (dropped). */
export function deliverFrom(g: PlatformGraph, tgw: string, attachment: string, address: string): string | undefined {
    let at = { tgw, attachment };
    for (let hop = 0; hop < 12; hop++) {
        const table = g.association.get(`${at.tgw}|${at.attachment}`);
        if (!table) return undefined;
        const next = tgwLookup(g, table, address);
        if (!next) return undefined;
        const peer = g.peering.get(next);
        if (peer) at = { tgw: peer[0] === at.tgw ? peer[1] : peer[0], attachment: next };
        else if (g.transit.has(next) && next !== at.attachment) at = { tgw: at.tgw, attachment: next };
        else return g.vpcAttachment.get(next)?.vpc;
    }
    return undefined;
}

/** Where one VPC route table sends `address`: the TGW id, or undefined (local, internet, none). */
function vpcNextHop(routes: { cidr: string; tgw?: string }[], ownCidr: string, address: string): string | undefined {
    if (cidrContains(ownCidr, address)) return undefined;
    const best = routes
        .filter((r) => cidrContains(r.cidr, address))
        .sort((x, y) => parseCidr(y.cidr).prefixLength - parseCidr(x.cidr).prefixLength)[0];
    return best?.tgw;
}

/**
 * For each workload route table of `from`, whether a packet to `to`'s first host arrives in `to`
 * (an empty list: the VPC routes nothing into a TGW).
 */
export function reaches(g: PlatformGraph, from: PlannedVpc, to: PlannedVpc): boolean[] {
    // Its tenth host: inside the block whatever more specific route exists for its first address.
    const address = `${to.cidr.split("/")[0].replace(/\.0$/, ".10")}/32`;
    const attachment = [...g.vpcAttachment].find(([, a]) => a.vpc === from.id);
    return (g.vpcTables.get(from.id) ?? []).map((routes) => {
        const tgw = vpcNextHop(routes, from.cidr, address);
        if (!tgw || !attachment || attachment[1].tgw !== tgw) return false;
        return deliverFrom(g, tgw, attachment[0], address) === to.id;
    });
}

/** true when every workload route table of `from` delivers to `to` (and there is at least one). */
export const reachesAll = (g: PlatformGraph, from: PlannedVpc, to: PlannedVpc): boolean => {
    const r = reaches(g, from, to);
    return r.length > 0 && r.every(Boolean);
};

/** true when any workload route table of `from` delivers to `to`. */
export const reachesAny = (g: PlatformGraph, from: PlannedVpc, to: PlannedVpc): boolean =>
    reaches(g, from, to).some(Boolean);
