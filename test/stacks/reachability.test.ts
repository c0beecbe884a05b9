/**
 * Reachability over the whole recorded plan (every planned stack at once, discovered from the stack
 * files): dev never reaches prod in any region, nothing but prod crosses a region, each prod region
 * reaches each region its hub is linked to (both ways), and never a region it isn't linked to (no
 * transit through a third hub). The links expected are read from the hubs' config, not from what the
 * program built, so a link the program drops or mis-wires fails here.
 */
import { expect } from "chai";
import { DiscoveredStack, PROJECT, Recorded, discoverStacks, plannedStacks, stackFileConfig } from "../harness";
import { PlannedVpc, PlatformGraph, deliverFrom, platformGraph, reachesAll, reachesAny } from "./platformWalk";

/** Region pairs whose hubs are linked, from each hub's `network.hub.links` (by the peers' regions). */
function linkedRegionPairs(stacks: DiscoveredStack[]): Set<string> {
    const regionOf = new Map(stacks.map((s) => [s.name, s.region]));
    const pairs = new Set<string>();
    for (const hub of stacks.filter((s) => s.role === "network")) {
        const net = stackFileConfig(hub.name)[`${PROJECT}:network`] as { hub?: { links?: { peerStack: string }[] } };
        for (const l of net?.hub?.links ?? []) {
            const peer = regionOf.get(l.peerStack.split("/").pop()!);
            if (peer) pairs.add([hub.region, peer].sort().join(" "));
        }
    }
    return pairs;
}

const linked = (pairs: Set<string>, a: string, b: string) => pairs.has([a, b].sort().join(" "));
/** An address inside the VPC (its tenth host). */
const probe = (v: PlannedVpc) => `${v.cidr.split("/")[0].replace(/\.0$/, ".10")}/32`;
const show = (v: PlannedVpc) => `${v.stack} ${v.domain} ${v.cidr}`;

/** Every (from, to) pair of VPCs in different stacks for which `bad` holds. */
function pairsWhere(g: PlatformGraph, bad: (from: PlannedVpc, to: PlannedVpc) => boolean): string[] {
    const out: string[] = [];
    for (const from of g.vpcs)
        for (const to of g.vpcs) if (from.id !== to.id && bad(from, to)) out.push(`${show(from)} → ${show(to)}`);
    return out;
}

/** What may reach what: within a region the domain policy; across regions prod to prod of linked regions only. */
function violations(g: PlatformGraph, pairs: Set<string>): { leaks: string[]; missing: string[] } {
    const leaks = pairsWhere(g, (from, to) => {
        if (!reachesAny(g, from, to)) return false;
        if (from.region === to.region)
            return from.domain !== to.domain && from.domain !== "shared" && to.domain !== "shared";
        return !(from.domain === "prod" && to.domain === "prod" && linked(pairs, from.region, to.region));
    });
    const missing = pairsWhere(
        g,
        (from, to) =>
            from.region !== to.region &&
            from.domain === "prod" &&
            to.domain === "prod" &&
            linked(pairs, from.region, to.region) &&
            !reachesAll(g, from, to),
    );
    return { leaks, missing };
}

/** Every TGW entry point of a link (a peering attachment on one of its two TGWs). */
function linkEntries(g: PlatformGraph): { tgw: string; attachment: string }[] {
    return [...g.peering].flatMap(([attachment, tgws]) => tgws.map((tgw) => ({ tgw, attachment })));
}

describe("reachability across every planned stack and region", function () {
    this.timeout(180_000);
    let stacks: Recorded[];
    let g: PlatformGraph;
    let pairs: Set<string>;

    before(async () => {
        stacks = await plannedStacks();
        pairs = linkedRegionPairs(discoverStacks());
        g = platformGraph(stacks);
    });

    it("covers every stack's VPCs: each is attached and associated with its environment's domain", () => {
        const byStack = new Map(discoverStacks().map((s) => [s.name, s]));
        expect(new Set(g.vpcs.map((v) => v.stack))).to.have.keys(
            discoverStacks()
                .filter((s) => s.role === "network" || s.role === "workload")
                .map((s) => s.name),
        );
        for (const v of g.vpcs) expect(v.domain, show(v)).to.equal(byStack.get(v.stack)!.environment);
        expect(pairs.size, "the hubs' config links some regions").to.be.greaterThan(0);
    });

    it("dev never reaches prod (same region or another), non-prod never crosses a region, prod reaches every linked region's prod both ways", () => {
        const { leaks, missing } = violations(g, pairs);
        expect(leaks, "paths the domain policy forbids").to.deep.equal([]);
        expect(missing, "linked prod regions that can't reach each other").to.deep.equal([]);
        // The walk is live: some prod VPC does reach another region's prod.
        const prod = g.vpcs.filter((v) => v.domain === "prod");
        expect(prod.some((a) => prod.some((b) => a.region !== b.region && reachesAll(g, a, b)))).to.equal(true);
    });

    it("traffic arriving over a link reaches only the region's prod and shared VPCs, never dev or qa", () => {
        const wrong: string[] = [];
        for (const entry of linkEntries(g))
            for (const v of g.vpcs.filter((x) => x.domain === "dev" || x.domain === "qa")) {
                if (deliverFrom(g, entry.tgw, entry.attachment, probe(v)) === v.id)
                    wrong.push(`${entry.attachment} on ${entry.tgw} → ${show(v)}`);
            }
        expect(wrong).to.deep.equal([]);
        expect(linkEntries(g).length).to.equal(2 * pairs.size);
    });

    /** The graph with one change, for the walk to prove it would see a mis-wired link. */
    const mutated = (change: (m: PlatformGraph) => void): PlatformGraph => {
        const m = platformGraph(stacks);
        change(m);
        return m;
    };
    const tgwOf = (v: PlannedVpc) => [...g.vpcAttachment.values()].find((a) => a.vpc === v.id)?.tgw;
    /** A link with a dev VPC on one side (`peer`): where associating with `shared` would expose dev. */
    const aLink = () => {
        const devTgws = new Set(g.vpcs.filter((v) => v.domain === "dev").map(tgwOf));
        const [attachment, tgws] = [...g.peering].find(([, t]) => t.some((x) => devTgws.has(x)))!;
        const peer = tgws.find((x) => devTgws.has(x))!;
        return { attachment, peer };
    };

    it("the walk fails when a link's peer-side route is removed", () => {
        const { attachment, peer } = aLink();
        const m = mutated((x) => {
            for (const [t, routes] of x.routes)
                if (x.tableTgw.get(t) === peer)
                    x.routes.set(
                        t,
                        routes.filter((r) => r.attachment !== attachment),
                    );
        });
        expect(violations(m, pairs).missing).to.not.deep.equal([]);
    });

    it("the walk fails when a link's attachment is associated with the shared table", () => {
        const { attachment, peer } = aLink();
        const shared = [...g.tableDomain].find(([t, d]) => d === "shared" && g.tableTgw.get(t) === peer)![0];
        const m = mutated((x) => x.association.set(`${peer}|${attachment}`, shared));
        const dev = g.vpcs.filter((v) => v.domain === "dev" && tgwOf(v) === peer);
        expect(dev.filter((v) => deliverFrom(m, peer, attachment, probe(v)) === v.id).map(show)).to.deep.equal(
            dev.map(show),
        );
        expect(dev).to.not.deep.equal([]);
    });

    it("no transit through a third hub: without one link, its two regions' prod can't reach each other via the others", () => {
        const { attachment } = aLink();
        const [a, b] = g.peering.get(attachment)!;
        const regionOfTgw = (tgw: string) => g.vpcs.find((v) => tgwOf(v) === tgw)!.region;
        const cut = new Set([...pairs].filter((p) => p !== [regionOfTgw(a), regionOfTgw(b)].sort().join(" ")));
        const m = mutated((x) => {
            for (const [t, routes] of x.routes)
                x.routes.set(
                    t,
                    routes.filter((r) => r.attachment !== attachment),
                );
        });
        expect(cut.size).to.equal(pairs.size - 1);
        expect(violations(m, cut)).to.deep.equal({ leaks: [], missing: [] });
    });
});
