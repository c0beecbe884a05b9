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
    kind: "spoke" | "hub";
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
    // hub.spokes[] repeats the spokes' own vpcCidr (checked from the spokes' stacks); not claims of the hub.
    return out;
}

/** Every block a stack claims: its spoke VPC and, for a hub, its shared, egress and on-prem ranges. */
function claimsOf(s: PlannedStackConfig): Claim[] {
    const network = obj(s.config[NETWORK]);
    if (!network) return [];
    const out: Claim[] = [];
    const vpcCidr = obj(network.spoke)?.vpcCidr;
    if (typeof vpcCidr === "string")
        out.push({ stack: s.name, key: `${NETWORK}.spoke.vpcCidr`, cidr: vpcCidr, kind: "spoke" });
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
        if (a.stack === b.stack || sameOnPrem(a, b)) continue;
        problems.push(
            describe(
                ...([a, b].sort((x, y) => (x.stack < y.stack ? -1 : x.stack > y.stack ? 1 : 0)) as [Claim, Claim]),
            ),
        );
    }
    return problems;
}
