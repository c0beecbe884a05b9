/**
 * Checks across every stack being planned, before any program runs (package.json's
 * `offlinePlan.checks`): what no single stack can see. Spoke VPCs and hubs' ranges are routed to
 * each other through the Transit Gateways and their peerings, so two blocks that overlap, in one
 * region or in two, make routes ambiguous and one side unreachable; and a spoke VPC's CIDR can't be
 * changed in place (ForceNew), so a clash found after `pulumi up` costs a VPC replacement.
 */
import { findOverlaps, parseCidr } from "../../components/network/cidr";

/** The project's network key, as Pulumi.<stack>.yaml spells it. */
const NETWORK = "payments-platform:network";

/** One stack's config as the plan read it: namespaced keys → parsed values. */
export interface PlannedStackConfig {
    name: string;
    config: Record<string, unknown>;
}

/** A block a stack claims, with the config key (as written) that claims it. */
interface Claim {
    stack: string;
    key: string;
    cidr: string;
    /** Set for on-premises ranges: one data centre reached from two regions' hubs is the same block. */
    onPremOwner?: string;
    kind: "spoke" | "hub" | "hubSpoke";
    /** For a spoke, the hub stack it attaches to (bare name); for a hub's spokes[] entry, the hub. */
    hub?: string;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function hubClaims(stack: string, hub: Record<string, unknown>): Claim[] {
    const out: Claim[] = [];
    const add = (key: string, cidr: unknown, onPremOwner?: string) => {
        if (typeof cidr === "string") out.push({ stack, key: `${NETWORK}.hub.${key}`, cidr, onPremOwner, kind: "hub" });
    };
    add("sharedServicesCidr", hub.sharedServicesCidr);
    add("egressCidr", hub.egressCidr);
    const onPrem = Array.isArray(hub.onPremCidrs) ? hub.onPremCidrs : [];
    onPrem.forEach((o, i) => add(`onPremCidrs[${i}].cidr`, obj(o)?.cidr, text(obj(o)?.owner) ?? `#${i}`));
    // hub.spokes[] plans blocks for spokes (some not deployed yet): each claims its block for the hub,
    // shared only with the spoke stack that attaches to this hub with the same vpcCidr.
    const spokes = Array.isArray(hub.spokes) ? hub.spokes : [];
    spokes.forEach((o, i) => {
        const cidr = obj(o)?.cidr;
        if (typeof cidr === "string")
            out.push({ stack, key: `${NETWORK}.hub.spokes[${i}].cidr`, cidr, kind: "hubSpoke", hub: stack });
    });
    return out;
}

/** Every block a stack claims: its spoke VPC and, for a hub, its shared, egress and on-prem ranges. */
function claimsOf(s: PlannedStackConfig): Claim[] {
    const network = obj(s.config[NETWORK]);
    if (!network) return [];
    const out: Claim[] = [];
    const vpcCidr = obj(network.spoke)?.vpcCidr;
    const hubStack = text(obj(network.spoke)?.hubStack)?.split("/").pop();
    if (typeof vpcCidr === "string")
        out.push({ stack: s.name, key: `${NETWORK}.spoke.vpcCidr`, cidr: vpcCidr, kind: "spoke", hub: hubStack });
    const hub = obj(network.hub);
    if (hub) out.push(...hubClaims(s.name, hub));
    // A malformed CIDR is the stack's own config error, reported by its program with the key.
    return out.filter((c) => {
        try {
            parseCidr(c.cidr);
            return true;
        } catch {
            return false;
        }
    });
}

function sameOnPrem(a: Claim, b: Claim): boolean {
    return a.onPremOwner !== undefined && a.onPremOwner === b.onPremOwner && a.cidr === b.cidr;
}

/** A hub's spokes[] entry and the spoke stack it plans for (attached to that hub, same block). */
function plannedSpoke(a: Claim, b: Claim): boolean {
    const [h, s] = a.kind === "hubSpoke" ? [a, b] : [b, a];
    return h.kind === "hubSpoke" && s.kind === "spoke" && s.hub === h.hub && s.cidr === h.cidr;
}

function describe(a: Claim, b: Claim): string {
    const both = `stack ${a.stack}'s ${a.key} ${a.cidr} and stack ${b.stack}'s ${b.key} ${b.cidr}`;
    if (a.kind === "spoke" && b.kind === "spoke" && a.cidr === b.cidr)
        return `${both} claim the same CIDR: every spoke VPC needs a range of its own`;
    return `${both} overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`;
}

/**
 * One line per pair of blocks, from two different stacks, that share an address (a stack's own
 * overlaps are its program's validation error, with its own keys). Deterministic order.
 */
export function crossStackProblems(stacks: PlannedStackConfig[]): string[] {
    const claims = stacks.flatMap(claimsOf);
    const overlaps = findOverlaps(claims.map((c, i) => ({ owner: String(i), cidr: c.cidr })));
    const problems: string[] = [];
    for (const o of overlaps) {
        const a = claims[Number(o.a.owner)];
        const b = claims[Number(o.b.owner)];
        if (a.stack === b.stack || sameOnPrem(a, b) || plannedSpoke(a, b)) continue;
        problems.push(
            describe(
                ...([a, b].sort((x, y) => (x.stack < y.stack ? -1 : x.stack > y.stack ? 1 : 0)) as [Claim, Claim]),
            ),
        );
    }
    return [...problems, ...linkProblems(stacks)];
}

/** Each stack's `network.hub.links`, as bare peer stack names with the index they were written at. */
function linksOf(s: PlannedStackConfig): { peer: string; i: number }[] {
    const links = obj(obj(s.config[NETWORK])?.hub)?.links;
    if (!Array.isArray(links)) return [];
    return links.flatMap((l, i) => {
        const peer = text(obj(l)?.peerStack)?.split("/").pop();
        return peer ? [{ peer, i }] : [];
    });
}

/**
 * Links point only at other hubs (role network), and only the later-joining hub owns one: a link
 * each way between two hubs would create two peerings of the same pair (and a stack-reference cycle,
 * which no deploy order satisfies). Self and repeated links are the stack's own config errors.
 */
export function linkProblems(stacks: PlannedStackConfig[]): string[] {
    const role = new Map(stacks.map((s) => [s.name, s.config["payments-platform:role"]]));
    const graph = new Map(stacks.map((s) => [s.name, linksOf(s)]));
    const problems: string[] = [];
    for (const [stack, links] of graph) {
        for (const { peer, i } of links) {
            const at = `stack ${stack}'s ${NETWORK}.hub.links[${i}].peerStack "${peer}"`;
            if (peer === stack) continue;
            if (!role.has(peer)) problems.push(`${at} is no stack of this project (no Pulumi.${peer}.yaml)`);
            else if (role.get(peer) !== "network")
                problems.push(
                    `${at} has role ${JSON.stringify(role.get(peer))}, a link joins two hubs (role "network")`,
                );
            else if (stack < peer && (graph.get(peer) ?? []).some((l) => l.peer === stack))
                problems.push(
                    `${at} and stack ${peer}'s ${NETWORK}.hub.links link to each other: only the hub that joins later owns the link, remove it from the earlier one`,
                );
        }
    }
    return [...problems, ...longerCycles(graph)];
}

/** Cycles of three hubs or more (a pair linked both ways is reported on its own), each once. */
function longerCycles(graph: Map<string, { peer: string }[]>): string[] {
    const found = new Set<string>();
    const visit = (path: string[]): void => {
        const at = path[path.length - 1];
        for (const { peer } of graph.get(at) ?? []) {
            if (peer === path[0] && path.length > 2) {
                const start = path.indexOf([...path].sort()[0]);
                found.add([...path.slice(start), ...path.slice(0, start)].join(" → "));
            } else if (!path.includes(peer) && graph.has(peer)) visit([...path, peer]);
        }
    };
    for (const stack of graph.keys()) visit([stack]);
    return [...found].map(
        (c) =>
            `${NETWORK}.hub.links form a cycle ${c} → ${c.split(" → ")[0]}: links point only at hubs that joined earlier`,
    );
}
