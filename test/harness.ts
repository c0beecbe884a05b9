/**
 * Test harness: runs a component or a whole stack under the same recording monitor as the offline
 * plan, and lets a test find resources by type and name and read their inputs as plain values.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PlanError, planStacks, runStack } from "../automation/plan/engine";
import { listStacks, placeholderFor } from "../automation/plan/stackConfig";
import { Plan, ResourceRecord, StackPlan } from "../automation/plan/types";
import { toRecorded } from "../automation/plan/values";

export const PROJECT_DIR = path.resolve(__dirname, "..");
export const PROJECT = "payments-platform";

/** A recorded stack with look-ups. */
export class Recorded {
    constructor(public readonly plan: StackPlan) {}

    get resources(): ResourceRecord[] {
        return this.plan.resources;
    }

    get outputs(): Record<string, unknown> {
        return this.plan.outputs;
    }

    /** Every resource of a type (and optionally whose name matches). */
    all(type: string, name?: string | RegExp): ResourceRecord[] {
        return this.resources.filter(
            (r) =>
                r.type === type &&
                (name === undefined || (typeof name === "string" ? r.name === name : name.test(r.name))),
        );
    }

    /** Exactly one resource of the type (and name); throws listing what exists otherwise. */
    one(type: string, name?: string | RegExp): ResourceRecord {
        const found = this.all(type, name);
        if (found.length !== 1) {
            const have = this.all(type).map((r) => r.name);
            throw new Error(
                `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length} (have: ${have.join(", ") || "none"})`,
            );
        }
        return found[0];
    }

    /** The resource with this URN. */
    byUrn(urn: string): ResourceRecord {
        const r = this.resources.find((x) => x.urn === urn);
        if (!r) throw new Error(`no resource ${urn}`);
        return r;
    }

    /** Direct children of a resource. */
    childrenOf(r: ResourceRecord): ResourceRecord[] {
        return this.resources.filter((x) => x.parent === r.urn);
    }

    /** Every descendant of a resource. */
    descendantsOf(r: ResourceRecord): ResourceRecord[] {
        const out: ResourceRecord[] = [];
        const walk = (u: string) => {
            for (const c of this.resources.filter((x) => x.parent === u)) {
                out.push(c);
                walk(c.urn);
            }
        };
        walk(r.urn);
        return out;
    }

    /** The mock ARN or id a resource resolves to, as other resources' inputs see it. */
    idOf(r: ResourceRecord): string {
        return r.id;
    }
}

export interface RunOptions {
    stack?: string;
    region?: string;
    /** Project-namespaced config values by bare key (objects are JSON-encoded as the CLI does). */
    config?: Record<string, unknown>;
    /** Other namespaces' config, by full key ("aws:region"). */
    rawConfig?: Record<string, unknown>;
    /** Secret keys to set (they get the offline placeholder, as in the plan). */
    secrets?: string[];
    /** Outputs of stacks this program references, by stack name. Secret outputs as names in `secretOutputs`. */
    references?: Record<string, Record<string, unknown>>;
    secretOutputs?: Record<string, string[]>;
}

const enc = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Runs an arbitrary program (a component, a stack builder) under the recording monitor. */
export async function record(
    program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void,
    opts: RunOptions = {},
): Promise<Recorded> {
    const stack = opts.stack ?? "test";
    const region = opts.region ?? "eu-central-1";
    const values: Record<string, string> = { "aws:region": region };
    for (const [k, v] of Object.entries(opts.rawConfig ?? {})) values[k] = enc(v);
    for (const [k, v] of Object.entries(opts.config ?? {})) values[`${PROJECT}:${k}`] = enc(v);
    const secretKeys = (opts.secrets ?? []).map((k) => `${PROJECT}:${k}`);
    for (const k of secretKeys) values[k] = placeholderFor(k);
    const resolve = async (target: string) => {
        const name = target.split("/").pop()!;
        const outputs = opts.references?.[name];
        if (!outputs) throw new PlanError(stack, `references stack ${target}, which the test did not provide`);
        return { outputs, secretOutputNames: opts.secretOutputs?.[name] ?? [] };
    };
    const { monitor, rootUrn } = await runStack(
        PROJECT,
        { stack, values, secretKeys, placeholders: [], region },
        async () => (await program()) ?? {},
        resolve,
    );
    return new Recorded({
        name: stack,
        project: PROJECT,
        region,
        resources: monitor.records,
        outputs: toRecorded(monitor.registeredOutputs.get(rootUrn) ?? {}) as Record<string, unknown>,
        references: [],
        secretPlaceholders: [],
    });
}

let projectPlan: Promise<Plan> | undefined;

/** The offline plan of every real stack, computed once per test run. */
export function planProject(): Promise<Plan> {
    projectPlan ??= planStacks({ dir: PROJECT_DIR });
    return projectPlan;
}

/** One real stack's recording (from the shared project plan). */
export async function planned(stack: string): Promise<Recorded> {
    const plan = await planProject();
    const s = plan.stacks.find((x) => x.name === stack);
    if (!s) throw new Error(`stack ${stack} is not in the plan (have: ${plan.stacks.map((x) => x.name).join(", ")})`);
    return new Recorded(s);
}

/** Awaits a promise that must reject; returns its error. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (e) {
        return e as Error;
    }
    throw new Error("expected a rejection, but it resolved");
}

/** Parses a JSON-string input (policies, container definitions) recorded as text. */
export function json<T = any>(v: unknown): T {
    if (typeof v !== "string") throw new Error(`expected a JSON string, got ${JSON.stringify(v)}`);
    return JSON.parse(v) as T;
}

/** A stack of the real project, found from its `Pulumi.<stack>.yaml`, with what its config says it is. */
export interface DiscoveredStack {
    name: string;
    /** `payments-platform:role` (network, workload, edge). */
    role: string;
    /** `payments-platform:environment` (dev, qa, prod, shared). */
    environment: string;
    /** `aws:region`. */
    region: string;
}

/**
 * Every stack of the real project, discovered from the `Pulumi.*.yaml` files (never a hand-written
 * list), so a stack file added later is covered by every rule that iterates over these.
 */
export function discoverStacks(dir: string = PROJECT_DIR): DiscoveredStack[] {
    return listStacks(dir).map((name) => {
        const c = stackFileConfig(name, dir);
        const s = (k: string) => (typeof c[k] === "string" ? (c[k] as string) : "");
        return {
            name,
            role: s(`${PROJECT}:role`),
            environment: s(`${PROJECT}:environment`),
            region: s("aws:region"),
        };
    });
}

/**
 * A stack file's `config:` as written ("ns:key" → value), a fresh copy each call so a test may
 * change it.
 */
export function stackFileConfig(stack: string, dir: string = PROJECT_DIR): Record<string, unknown> {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    const doc = (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return doc.config ?? {};
}

/** A stack file's project-namespaced keys, bare (`eks`, `database`, ...), as written. */
export function projectConfigOf(stack: string): Record<string, any> {
    return Object.fromEntries(
        Object.entries(stackFileConfig(stack))
            .filter(([k]) => k.startsWith(`${PROJECT}:`))
            .map(([k, v]) => [k.slice(PROJECT.length + 1), v]),
    );
}

/** The recordings of every discovered stack (optionally only those matching `where`), from the shared plan. */
export async function plannedStacks(where: (s: DiscoveredStack) => boolean = () => true): Promise<Recorded[]> {
    const wanted = discoverStacks().filter(where);
    return Promise.all(wanted.map((s) => planned(s.name)));
}
