/**
 * The stacks as delivery sees them, from the offline plan: what each reads through stack references
 * (the order `pulumi up` must follow), its environment, and which stacks a change can affect. Pure.
 */
import * as path from "path";
import { policyConfigFor, projectPolicySettings } from "../plan/policy";
import { Plan, StackPlan } from "../plan/types";

export interface DeliveryStack {
    name: string;
    /** `payments-platform:role`. */
    role: string;
    /** `aws:region`. */
    region: string;
    /** `payments-platform:environment`: the GitHub environment its deploy job runs in. */
    environment: string;
    /** Stacks it reads through stack references (from the plan's recording). */
    references: string[];
    /** The policy config file its preview uses, relative to the project. */
    policyConfig: string;
    /** `payments-platform:weekendTeardown`. */
    weekendTeardown: boolean;
    /** `payments-platform:teardownTimeZone`, or the default. */
    timeZone: string;
}

const key = (s: StackPlan, k: string) => s.config?.[`${s.project}:${k}`];

/** The plan's stacks, in its dependency order (referenced stacks first). */
export function deliveryStacks(plan: Plan, dir: string): DeliveryStack[] {
    const settings = projectPolicySettings(dir);
    return plan.stacks.map((s) => {
        const file = settings ? policyConfigFor(settings, s).file : undefined;
        return {
            name: s.name,
            role: key(s, "role") ?? "",
            region: s.region,
            environment: key(s, "environment") ?? "",
            references: [...s.references].sort(),
            policyConfig: file ? path.relative(dir, file).split(path.sep).join("/") : "",
            weekendTeardown: key(s, "weekendTeardown") === "true",
            timeZone: key(s, "teardownTimeZone") ?? "Europe/Berlin",
        };
    });
}

/** Every stack that reads `name`, directly or through others. */
export function dependentsOf(name: string, graph: Record<string, string[]>): string[] {
    const out = new Set<string>();
    const visit = (n: string) => {
        for (const [s, refs] of Object.entries(graph))
            if (refs.includes(n) && !out.has(s)) {
                out.add(s);
                visit(s);
            }
    };
    visit(name);
    return [...out].sort();
}

/** Every stack that `name` reads, directly or through others. */
export function ancestorsOf(name: string, graph: Record<string, string[]>): string[] {
    const out = new Set<string>();
    const visit = (n: string) => {
        for (const r of graph[n] ?? [])
            if (!out.has(r)) {
                out.add(r);
                visit(r);
            }
    };
    visit(name);
    return [...out].sort();
}

/**
 * What each deploy job waits for: the stacks it references, and, for every stack outside dev's own
 * chain, the dev stacks (dev goes first: a change reaches prod only after it deployed to dev).
 */
export function deployNeeds(stacks: DeliveryStack[]): Record<string, string[]> {
    const graph = Object.fromEntries(stacks.map((s) => [s.name, s.references]));
    const dev = stacks.filter((s) => s.environment === "dev").map((s) => s.name);
    const devChain = new Set([...dev, ...dev.flatMap((d) => ancestorsOf(d, graph))]);
    return Object.fromEntries(
        stacks.map((s) => [s.name, [...new Set([...s.references, ...(devChain.has(s.name) ? [] : dev)])].sort()]),
    );
}

/** Files whose change can alter what every stack deploys (the program, its dependencies, the pack). */
const EVERY_STACK = [
    /^components\//,
    /^stacks\//,
    /^policies\//,
    /^Pulumi\.yaml$/,
    /^package(-lock)?\.json$/,
    /^tsconfig\.json$/,
];

/**
 * The stacks a change can affect, given the changed paths: a stack file affects its stack and every
 * stack that reads it; the program affects every stack; docs, tests and tooling affect none. `*`
 * stands for "unknown": every stack.
 */
export function affectedStacks(changed: string[], graph: Record<string, string[]>): string[] {
    const all = Object.keys(graph);
    if (changed.some((f) => f === "*" || EVERY_STACK.some((re) => re.test(f)))) return [...all].sort();
    const out = new Set<string>();
    for (const f of changed) {
        const m = /^Pulumi\.(.+)\.yaml$/.exec(f);
        if (m && all.includes(m[1])) for (const s of [m[1], ...dependentsOf(m[1], graph)]) out.add(s);
    }
    return [...out].sort();
}
