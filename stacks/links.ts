/**
 * A hub's inter-region links (`network.hub.links`), before any resource: the config's own checks,
 * then each linked peer hub read through its stack reference (which creates nothing in AWS) and
 * checked against this hub's plan. Under the real CLI each stack runs alone, so this is where a plan
 * that overlaps a peer region's is caught; the offline plan also compares every stack file.
 */
import * as pulumi from "@pulumi/pulumi";
import { OwnedCidr, cidrContains, findOverlaps } from "../components/network/cidr";
import { RouteDomain } from "../components/network/domains";
import { hubCidrPlan } from "../components/network/hub";
import { StackSettings } from "./config";
import { HubConfig } from "./config/network";
import { NetworkHubReference, NetworkStackOutputs, readNetworkHub } from "./contracts";

/**
 * The hub's region plan from its config: what its cidrPlan output will be. The peers' blocks are
 * routed from this hub's tables, so they join the overlap and supernet checks.
 */
export function configuredHubPlan(hub: HubConfig): OwnedCidr[] {
    return hubCidrPlan({
        availabilityZones: [],
        sharedServicesCidr: hub.sharedServicesCidr,
        spokes: hub.spokes,
        onPremCidrs: hub.onPremCidrs,
        egress: hub.egressCidr ? { cidr: hub.egressCidr } : undefined,
        peerings: hub.peerings,
        acceptedPeerings: hub.acceptedPeerings,
    });
}

/** A linked peer hub as this hub sees it before creating anything: the reference and its plain values. */
export interface LinkedHub {
    /** `peerStack` as configured. */
    stack: string;
    ref: NetworkHubReference;
    region: string;
    cidrPlan: OwnedCidr[];
    domainCidrs: Record<RouteDomain, string[]>;
    interRegionCidrs: string[];
}

const key = (path: string) => `${pulumi.getProject()}:network${path}`;

/** The bare stack name of a (maybe fully qualified) stack reference. */
export const bareStackName = (stack: string): string => stack.split("/").pop() ?? stack;

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

async function readLinkedHub(stack: string): Promise<LinkedHub> {
    const ref = readNetworkHub(stack);
    const [region, cidrPlan, domainCidrs, interRegionCidrs] = await Promise.all([
        ref.value("region"),
        ref.value("cidrPlan"),
        ref.value("domainCidrs"),
        ref.value("interRegionCidrs"),
    ]);
    const stale = (output: keyof NetworkStackOutputs, value: unknown, shape: string) =>
        new Error(
            `stack ${stack}: output ${output} is ${JSON.stringify(value)}, must be ${shape} (update that hub stack first)`,
        );
    if (typeof region !== "string") throw stale("region", region, "the hub's AWS region");
    if (!Array.isArray(cidrPlan) || cidrPlan.some((c) => typeof c?.owner !== "string" || typeof c?.cidr !== "string"))
        throw stale("cidrPlan", cidrPlan, "the region's CIDR plan as [{ owner, cidr }]");
    if (typeof domainCidrs !== "object" || domainCidrs === null || !isStrings(domainCidrs.prod))
        throw stale("domainCidrs", domainCidrs, "the region's spoke blocks by route domain");
    if (!isStrings(interRegionCidrs)) throw stale("interRegionCidrs", interRegionCidrs, "a list of CIDRs");
    return { stack, ref, region, cidrPlan, domainCidrs, interRegionCidrs };
}

/** Every linked peer hub of a network stack (none for other roles), read before any resource. */
export function readLinkedHubs(cfg: StackSettings): Promise<LinkedHub[]> {
    const links = cfg.role === "network" ? (cfg.network?.hub?.links ?? []) : [];
    return Promise.all(links.map((l) => readLinkedHub(l.peerStack)));
}

/** Checks of `network.hub.links` that need nothing but this stack's config. */
export function linkConfigProblems(stack: string, hub: HubConfig): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    hub.links.forEach((l, i) => {
        const peer = bareStackName(l.peerStack);
        const at = key(`.hub.links[${i}].peerStack`);
        if (peer === stack)
            problems.push(`${at} is "${l.peerStack}", this stack itself: a link joins two regions' hubs`);
        else if (seen.has(peer))
            problems.push(`${at} is "${l.peerStack}", linked more than once: each pair of hubs needs one link`);
        seen.add(peer);
    });
    if (hub.links.length === 0) return problems;
    if (!hub.supernet)
        problems.push(
            `${key(".hub.supernet")} is unset, a hub with links needs it: its prod spokes route the supernet to the Transit Gateway to reach the linked regions`,
        );
    if (!hub.spokes.some((s) => s.domain === "prod"))
        problems.push(
            `${key(".hub.links")} lists ${hub.links.length} link(s), but ${key(".hub.spokes")} has no prod spoke: links carry prod traffic only`,
        );
    return problems;
}

/** One line per block of this hub's plan that shares an address with a block of the peer's (same owner and range allowed: one data centre). */
function overlapProblems(cfg: StackSettings, mine: OwnedCidr[], peer: LinkedHub): string[] {
    const tagged = [
        ...mine.map((c) => ({ owner: `0 ${c.owner}`, cidr: c.cidr })),
        ...peer.cidrPlan.map((c) => ({ owner: `1 ${c.owner}`, cidr: c.cidr })),
    ];
    const problems: string[] = [];
    for (const o of findOverlaps(tagged)) {
        const [x, y] = [o.a, o.b].sort((p, q) => (p.owner < q.owner ? -1 : 1));
        if (x.owner[0] === y.owner[0]) continue;
        const [ours, theirs] = [x.owner.slice(2), y.owner.slice(2)];
        if (ours === theirs && x.cidr === y.cidr) continue;
        problems.push(
            `${key(".hub")}: stack ${cfg.stack}'s ${ours} ${x.cidr} overlaps stack ${peer.stack}'s ${theirs} ${y.cidr} (its cidrPlan output): the platform's blocks must be disjoint across linked regions`,
        );
    }
    return problems;
}

/** Each linked peer against this hub: another region, disjoint plans, prod blocks both sides route. */
export function linkPeerProblems(cfg: StackSettings, peers: LinkedHub[]): string[] {
    const hub = cfg.network?.hub;
    if (!hub || cfg.role !== "network") return [];
    const mine = configuredHubPlan(hub);
    const myProd = hub.spokes.filter((s) => s.domain === "prod").map((s) => s.cidr);
    return peers.flatMap((peer, i) => {
        const at = key(`.hub.links[${i}].peerStack`);
        if (peer.region === cfg.region)
            return [`${at} is "${peer.stack}", a hub in ${cfg.region} like this one: a link joins two regions`];
        const problems = overlapProblems(cfg, mine, peer);
        if (peer.domainCidrs.prod.length === 0)
            problems.push(
                `${at} is "${peer.stack}", whose output domainCidrs has no prod block: add its prod spoke to its network.hub.spokes first`,
            );
        for (const cidr of myProd.filter((c) => !peer.interRegionCidrs.some((s) => cidrContains(s, c))))
            problems.push(
                `${at} is "${peer.stack}", whose prod spokes route only [${peer.interRegionCidrs.join(", ")}] to their hub (output interRegionCidrs), not this region's prod block ${cidr}: cover it with that hub's network.hub.supernet`,
            );
        for (const cidr of peer.domainCidrs.prod.filter((c) => hub.supernet && !cidrContains(hub.supernet, c)))
            problems.push(
                `${at} is "${peer.stack}", whose prod block ${cidr} lies outside ${key(".hub.supernet")} ${hub.supernet}, the block this region's prod spokes route to the hub`,
            );
        return problems;
    });
}
