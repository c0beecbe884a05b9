/**
 * The earliest-start schedule of one stack's resources, as Pulumi runs them: a resource starts when
 * every dependency is done and its parent has been registered; a component is done when its
 * children are. Pure: takes the recorded resources and which dependencies count.
 */
import type { ResourceRecord } from "../../plan/types";

/** What fixed a time: another resource's end, or a component's start. */
type Binding = { urn: string; at: "done" | "start" } | undefined;

export interface Schedule {
    start: Map<string, number>;
    done: Map<string, number>;
    /** What a resource's start waited for last. */
    startBy: Map<string, Binding>;
    /** What a component's end waited for last (a custom resource's end is its start plus its time). */
    doneBy: Map<string, Binding>;
}

export type Edges = (r: ResourceRecord) => string[];

export function schedule(resources: ResourceRecord[], edges: Edges, seconds: (r: ResourceRecord) => number): Schedule {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const kids = new Map<string, ResourceRecord[]>();
    for (const r of resources) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
    const s: Schedule = { start: new Map(), done: new Map(), startBy: new Map(), doneBy: new Map() };
    const ancestors = (r: ResourceRecord): Set<string> => {
        const out = new Set<string>();
        for (let p = byUrn.get(r.parent); p; p = byUrn.get(p.parent)) out.add(p.urn);
        return out;
    };
    const startOf = (r: ResourceRecord): number => {
        if (s.start.has(r.urn)) return s.start.get(r.urn)!;
        s.start.set(r.urn, 0); // a cycle (not expected) reads 0 instead of recursing forever
        let best = 0;
        let by: Binding;
        const parent = byUrn.get(r.parent);
        if (parent) [best, by] = [startOf(parent), { urn: parent.urn, at: "start" }];
        // A dependency on an ancestor component would wait for this very resource: skip it.
        const skip = ancestors(r);
        for (const d of edges(r)) {
            const dep = byUrn.get(d);
            if (!dep || skip.has(d)) continue;
            const t = doneOf(dep);
            if (t > best) [best, by] = [t, { urn: d, at: "done" }];
        }
        s.start.set(r.urn, best);
        s.startBy.set(r.urn, by);
        return best;
    };
    const doneOf = (r: ResourceRecord): number => {
        if (s.done.has(r.urn)) return s.done.get(r.urn)!;
        const start = startOf(r);
        let best = start + (r.custom ? seconds(r) : 0);
        let by: Binding = { urn: r.urn, at: "start" };
        s.done.set(r.urn, best);
        if (!r.custom)
            for (const c of kids.get(r.urn) ?? []) {
                const t = doneOf(c);
                if (t > best) [best, by] = [t, { urn: c.urn, at: "done" }];
            }
        s.done.set(r.urn, best);
        s.doneBy.set(r.urn, by);
        return best;
    };
    for (const r of resources) doneOf(r);
    return s;
}

/** The chain of custom resources that ends last, first to last. */
export function criticalChain(resources: ResourceRecord[], s: Schedule): ResourceRecord[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const last = resources.filter((r) => r.custom).sort((a, b) => s.done.get(b.urn)! - s.done.get(a.urn)!)[0];
    const chain: ResourceRecord[] = [];
    let cur: Binding = last ? { urn: last.urn, at: "done" } : undefined;
    const seen = new Set<string>();
    while (cur && !seen.has(`${cur.at}${cur.urn}`)) {
        seen.add(`${cur.at}${cur.urn}`);
        const r = byUrn.get(cur.urn)!;
        if (cur.at === "done" && r.custom) {
            chain.push(r);
            cur = s.startBy.get(r.urn);
        } else if (cur.at === "done") cur = s.doneBy.get(r.urn);
        else cur = s.startBy.get(r.urn);
    }
    return chain.reverse();
}
