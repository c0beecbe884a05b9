/**
 * The deploy-time model: per stack, the critical path of `pulumi up` (the longest chain of creation
 * times through the recorded parents and dependencies), its lower bound over only the dependencies
 * AWS needs, and the `dependsOn`s that lengthen the path without being needed.
 */
import { REQUIRED_ORDER, creationTime } from "./creationTimes";
import { Edges, criticalChain, schedule } from "./schedule";
import type { ResourceRecord, StackPlan } from "../../plan/types";

export interface PathStep {
    urn: string;
    type: string;
    seconds: number;
    startsAt: number;
}

export interface RemovableDependsOn {
    urn: string;
    dependsOn: string;
    /** How much later the resource starts because of it. */
    lengthensBySeconds: number;
}

export interface StackTime {
    criticalPathSeconds: number;
    path: PathStep[];
    lowerBoundSeconds: number;
    removableDependsOn: RemovableDependsOn[];
    /** Types timed with the default (no row in the table). */
    untimedTypes: string[];
}

const REQUIRED = new Set(REQUIRED_ORDER.map(([a, b]) => `${a}\0${b}`));

function inputDeps(r: ResourceRecord): Set<string> {
    return new Set(Object.values(r.propertyDependencies ?? {}).flat());
}

export function stackTime(s: StackPlan): StackTime {
    const byUrn = new Map(s.resources.map((r) => [r.urn, r]));
    const seconds = (r: ResourceRecord) => creationTime(r.type, r.custom).seconds;
    const required: Edges = (r) => {
        const inputs = inputDeps(r);
        return r.dependencies.filter((d) => inputs.has(d) || REQUIRED.has(`${r.type}\0${byUrn.get(d)?.type}`));
    };
    const all = schedule(s.resources, (r) => r.dependencies, seconds);
    const bound = schedule(s.resources, required, seconds);
    const chain = criticalChain(s.resources, all);
    const path = chain.map((r) => ({ urn: r.urn, type: r.type, seconds: seconds(r), startsAt: all.start.get(r.urn)! }));
    const end = (sch: typeof all) => Math.max(0, ...[...sch.done.values()]);
    const removable: RemovableDependsOn[] = [];
    for (const r of chain) {
        const by = all.startBy.get(r.urn);
        if (!by || by.at !== "done" || required(r).includes(by.urn)) continue;
        const without = schedule(
            s.resources,
            (x) => (x.urn === r.urn ? x.dependencies.filter((d) => d !== by.urn) : x.dependencies),
            seconds,
        );
        const gain = all.start.get(r.urn)! - without.start.get(r.urn)!;
        if (gain > 0) removable.push({ urn: r.urn, dependsOn: by.urn, lengthensBySeconds: gain });
    }
    const untimed = [...new Set(s.resources.filter((r) => !creationTime(r.type, r.custom).known).map((r) => r.type))];
    return {
        criticalPathSeconds: end(all),
        path,
        lowerBoundSeconds: end(bound),
        removableDependsOn: removable,
        untimedTypes: untimed.sort(),
    };
}

/** The seeds: "We spin up entirely new set of infrastructure in 10 minutes." */
export const TARGET_SECONDS = 600;

export interface RegionTime {
    region: string;
    /** The stacks in the order `pulumi up` must run them (each reads the previous one's outputs). */
    chain: string[];
    seconds: number;
    lowerBoundSeconds: number;
    meetsTarget: boolean;
    /** The slowest steps that bound it. */
    boundedBy: string[];
}

/** A region's full platform: its stacks in reference order, each waiting for the ones it references. */
export function regionTimes(stacks: StackPlan[], times: Map<string, StackTime>): RegionTime[] {
    const regions = [...new Set(stacks.map((s) => s.region))].sort();
    return regions.map((region) => {
        const mine = new Map(stacks.filter((s) => s.region === region).map((s) => [s.name, s]));
        const memo = new Map<string, { chain: string[]; t: number; lb: number }>();
        const longest = (name: string): { chain: string[]; t: number; lb: number } => {
            if (memo.has(name)) return memo.get(name)!;
            const refs = mine
                .get(name)!
                .references.filter((r) => mine.has(r) && r !== name)
                .map(longest);
            const before = refs.sort((a, b) => b.t - a.t)[0] ?? { chain: [], t: 0, lb: 0 };
            const lbBefore = Math.max(0, ...refs.map((x) => x.lb));
            const own = times.get(name)!;
            const out = {
                chain: [...before.chain, name],
                t: before.t + own.criticalPathSeconds,
                lb: lbBefore + own.lowerBoundSeconds,
            };
            memo.set(name, out);
            return out;
        };
        const best = [...mine.keys()].map(longest).sort((a, b) => b.t - a.t)[0];
        const steps = best.chain.flatMap((n) => times.get(n)!.path.map((p) => ({ ...p, stack: n })));
        const boundedBy = steps
            .sort((a, b) => b.seconds - a.seconds)
            .slice(0, 3)
            .map((p) => `${p.stack}: ${p.urn.split("::").pop()} (${p.type.split(":").pop()}, ${p.seconds} s)`);
        return {
            region,
            chain: best.chain,
            seconds: best.t,
            lowerBoundSeconds: best.lb,
            meetsTarget: best.t <= TARGET_SECONDS,
            boundedBy,
        };
    });
}
