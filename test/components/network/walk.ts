/**
 * Reachability across Transit Gateway route tables, computed from recorded plans: associations,
 * propagations and static routes, with longest-prefix match and hops through appliance-mode (egress)
 * VPCs, which forward traffic back into the TGW. On-premises links (VPN, Direct Connect) propagate
 * the prefixes on-premises advertises over BGP (`onPremAdvertises`, e.g. a 10.0.0.0/8 summary), and
 * on-premises forwards traffic for an address it doesn't own back into the TGW (its router learned
 * every VPC from the TGW): that is how a summary route can carry dev traffic into prod.
 */
import { cidrContains, cidrRange, parseCidr } from "../../../components/network/cidr";
import { Recorded } from "../../harness";

interface StaticRoute {
    cidr: string;
    attachment?: string;
    blackhole: boolean;
}

export interface TgwGraph {
    association: Map<string, string>;
    propagations: Map<string, string[]>;
    routes: Map<string, StaticRoute[]>;
    /** VPC attachment id → the VPC's CIDR. */
    vpcCidr: Map<string, string>;
    /** Attachments that forward traffic back into the TGW (appliance-mode VPCs, on-premises links). */
    transit: Set<string>;
    /** VPN / Direct Connect attachment id → the prefixes on-premises advertises through it. */
    onPrem: Map<string, string[]>;
    /** Attachment id of the VPC with this CIDR. */
    attachmentOfCidr(cidr: string): string;
}

const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);

export interface TgwGraphOptions {
    /** Prefixes on-premises advertises over BGP on every VPN / Direct Connect attachment. @default [] */
    onPremAdvertises?: string[];
}

const ON_PREM_TYPES = [
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:directconnect/gatewayAssociation:GatewayAssociation",
];

export function tgwGraph(stacks: Recorded[], options: TgwGraphOptions = {}): TgwGraph {
    const all = stacks.flatMap((s) => s.resources);
    const onPremUrns = new Set(all.filter((r) => ON_PREM_TYPES.includes(r.type)).map((r) => r.urn));
    const vpcs = new Map(
        all.filter((r) => r.type === "aws:ec2/vpc:Vpc").map((r) => [r.id, String(r.inputs.cidrBlock)]),
    );
    const g: TgwGraph = {
        association: new Map(),
        propagations: new Map(),
        routes: new Map(),
        vpcCidr: new Map(),
        transit: new Set(),
        onPrem: new Map(),
        attachmentOfCidr(cidr) {
            const found = [...g.vpcCidr].find(([, c]) => c === cidr);
            if (!found) throw new Error(`no VPC attachment for ${cidr}`);
            return found[0];
        },
    };
    for (const r of all) {
        const i = r.inputs as Record<string, any>;
        switch (r.type) {
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
                g.vpcCidr.set(r.id, vpcs.get(i.vpcId)!);
                if (i.applianceModeSupport === "enable") g.transit.add(r.id);
                break;
            case "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation":
                if (g.association.has(i.transitGatewayAttachmentId))
                    throw new Error(`attachment ${i.transitGatewayAttachmentId} associated twice`);
                g.association.set(i.transitGatewayAttachmentId, i.transitGatewayRouteTableId);
                break;
            case "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation":
                push(g.propagations, i.transitGatewayRouteTableId, i.transitGatewayAttachmentId);
                // The attachment id is the VPN's / DX association's output: known through the dependency.
                if ((r.propertyDependencies.transitGatewayAttachmentId ?? []).some((u) => onPremUrns.has(u))) {
                    g.onPrem.set(i.transitGatewayAttachmentId, options.onPremAdvertises ?? []);
                    g.transit.add(i.transitGatewayAttachmentId);
                }
                break;
            case "aws:ec2transitgateway/route:Route":
                push(g.routes, i.transitGatewayRouteTableId, {
                    cidr: i.destinationCidrBlock,
                    attachment: i.transitGatewayAttachmentId,
                    blackhole: i.blackhole === true,
                });
                break;
        }
    }
    return g;
}

/** Where the table sends `address` (a /32): the attachment, or undefined (blackhole / no route). */
function lookup(g: TgwGraph, table: string, address: string): string | undefined {
    const candidates: { len: number; attachment?: string; static?: boolean }[] = [];
    for (const a of g.propagations.get(table) ?? []) {
        for (const c of [g.vpcCidr.get(a), ...(g.onPrem.get(a) ?? [])])
            if (c && cidrContains(c, address)) candidates.push({ len: parseCidr(c).prefixLength, attachment: a });
    }
    for (const r of g.routes.get(table) ?? []) {
        if (cidrContains(r.cidr, address))
            candidates.push({
                len: parseCidr(r.cidr).prefixLength,
                attachment: r.blackhole ? undefined : r.attachment,
                static: true,
            });
    }
    // Longest prefix wins; at equal length a static route beats a propagated one (as on the TGW).
    candidates.sort((x, y) => y.len - x.len || Number(y.static ?? false) - Number(x.static ?? false));
    return candidates[0]?.attachment;
}

function probes(g: TgwGraph, dest: string): string[] {
    const out = new Set([dest.split("/")[0]]);
    for (const routes of g.routes.values()) {
        for (const r of routes) if (cidrContains(dest, r.cidr)) out.add(r.cidr.split("/")[0]);
    }
    return [...out].map((ip) => `${ip}/32`);
}

/** true when traffic from the VPC attachment `from` can reach any address of `destCidr` at attachment `to`. */
export function reachable(g: TgwGraph, from: string, to: string, destCidr: string): boolean {
    for (const address of probes(g, destCidr)) {
        let at = from;
        for (let hop = 0; hop < 8; hop++) {
            const table = g.association.get(at);
            if (!table) break;
            const next = lookup(g, table, address);
            if (next === to) return true;
            if (!next || !g.transit.has(next) || next === at) break;
            at = next;
        }
    }
    return false;
}

export { cidrRange };
