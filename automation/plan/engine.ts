/**
 * The offline plan engine: runs the real program of each stack under Pulumi's mock runtime with the
 * recording monitor, in dependency order through stack references, and returns what `pulumi preview`
 * would create.
 */
import * as fs from "fs";
import * as path from "path";
import type { RecordingMonitor, StackReferenceResolver } from "./monitor";
import { ProjectFile, SecretsHook, StackConfig, listStacks, readProject, readStackConfig } from "./stackConfig";
import { Plan, ResourceRecord, StackPlan } from "./types";
import { containsSecret, toRecorded } from "./values";

// Internal parts of the SDK's runtime: the same ones the Automation API's inline programs use to run
// one stack after another in one process, each with its own state store. Loaded with the first stack
// run, not with this module: a bad config or an overlap is reported before the SDK (and the
// recording monitor's protos) cost their half second.
/* eslint-disable @typescript-eslint/no-require-imports */
const sdk = () => ({
    state: require("@pulumi/pulumi/runtime/state"),
    settings: require("@pulumi/pulumi/runtime/settings"),
    runtimeConfig: require("@pulumi/pulumi/runtime/config"),
    runtimeStack: require("@pulumi/pulumi/runtime/stack"),
    // `callsites` is private in the typings.
    resource: require("@pulumi/pulumi/resource") as { Resource: { callsites: () => unknown[] } },
    debuggable: require("@pulumi/pulumi/runtime/debuggable") as Debuggable,
    RecordingMonitor: (require("./monitor") as typeof import("./monitor")).RecordingMonitor,
});

/** @pulumi/pulumi runtime/debuggable: internal, untyped. */
interface Debuggable {
    debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
    debugPromiseLeaks: boolean;
}

/** A plan that failed, with the stack it failed in. */
export class PlanError extends Error {
    /** What the stack had registered when it failed (lets tests prove validation ran before any resource). */
    public records: ResourceRecord[] = [];

    constructor(
        public readonly stack: string,
        message: string,
        public readonly detail?: unknown,
    ) {
        super(`stack ${stack}: ${message}`);
    }
}

export interface PlanOptions {
    /** The project directory (Pulumi.yaml and the Pulumi.<stack>.yaml files). */
    dir: string;
    /** Stacks to plan; stacks they reference are planned too. @default every stack file */
    stacks?: string[];
    /** The program to run; @default the project's `main` module's default export */
    program?: () => Promise<Record<string, unknown> | void>;
    /** Called once every requested config was read and checked, before the first program runs. @default nothing */
    onChecked?: () => void;
    /** Told when each stack's program starts and ends (the CLI's progress lines). @default nothing */
    onStack?: (event: StackEvent) => void;
    /** Given each stack's plan as soon as it is complete, before the stacks after it run (the CLI's policy step). @default nothing */
    onPlanned?: (stack: StackPlan) => void;
}

/** A stack's progress through the plan. */
export type StackEvent =
    | { stack: string; phase: "start" }
    | { stack: string; phase: "done"; resources: number; ms: number }
    | { stack: string; phase: "failed"; ms: number };

/** Problems found across the stacks before any program ran (overlapping CIDRs, config files). */
export class PlanCheckError extends Error {
    constructor(public readonly problems: string[]) {
        super(`the plan's stacks don't fit together:\n - ${problems.join("\n - ")}`);
    }
}

/** One stack's config as a plan-level check sees it: namespaced keys → parsed values, secrets "[secret]". */
export interface CheckedStack {
    name: string;
    config: Record<string, unknown>;
}

/** package.json `offlinePlan.checks`: a module exporting `crossStackProblems(stacks) => string[]`. */
export type CrossStackCheck = (stacks: CheckedStack[]) => string[];

/** A module named by package.json's `offlinePlan.<key>`, or undefined when the project names none. */
function projectHook(dir: string, key: string): Record<string, unknown> | undefined {
    const pkgFile = path.join(dir, "package.json");
    if (!fs.existsSync(pkgFile)) return undefined;
    const hook = JSON.parse(fs.readFileSync(pkgFile, "utf8"))?.offlinePlan?.[key];
    if (typeof hook !== "string") return undefined;

    return require(path.resolve(dir, hook)) as Record<string, unknown>;
}

function projectChecks(dir: string): CrossStackCheck | undefined {
    const mod = projectHook(dir, "checks");
    if (!mod) return undefined;
    if (typeof mod.crossStackProblems !== "function")
        throw new Error(`package.json offlinePlan.checks: the module must export crossStackProblems(stacks)`);
    return mod.crossStackProblems as CrossStackCheck;
}

/**
 * Secrets a project declares in code rather than in Pulumi.yaml: package.json's
 * `offlinePlan.secrets` names a module exporting `requiredSecrets(project, values) => string[]`.
 */
function projectSecrets(dir: string): SecretsHook | undefined {
    return projectHook(dir, "secrets")?.requiredSecrets as SecretsHook | undefined;
}

export type Program = () => Promise<Record<string, unknown> | void>;

function loadProgram(dir: string, project: ProjectFile): Program {
    const main = path.resolve(dir, project.main ?? "index.ts");

    const mod = require(main);
    const fn = mod?.default ?? mod;
    if (typeof fn !== "function") throw new Error(`${main} must export the program as a default function`);
    return fn as Program;
}

/** The runs in progress that collect the process's stray errors (a referenced stack's run nests in its consumer's). */
const errorSinks = new Set<(e: unknown) => void>();
const toSinks = (e: unknown) => errorSinks.forEach((sink) => sink(e));

/**
 * Hands the process's unhandled rejections and uncaught exceptions to `sink` until the returned
 * function is called. One pair of process listeners serves every nested run: a listener per run
 * tripped Node's limit of 10 once a hub's links nested that many references. The listeners go when
 * the last run ends, so a crash outside a plan still crashes.
 */
function collectProcessErrors(sink: (e: unknown) => void): () => void {
    if (errorSinks.size === 0) {
        process.on("unhandledRejection", toSinks);
        process.on("uncaughtException", toSinks);
    }
    errorSinks.add(sink);
    return () => {
        errorSinks.delete(sink);
        if (errorSinks.size > 0) return;
        process.off("unhandledRejection", toSinks);
        process.off("uncaughtException", toSinks);
    };
}

/** Runs one stack's program under the recording monitor, in a state store of its own. */
export async function runStack(
    project: string,
    cfg: StackConfig,
    program: Program,
    resolveReference: StackReferenceResolver,
): Promise<{ monitor: RecordingMonitor; rootUrn: string }> {
    const { state, settings, runtimeConfig, runtimeStack, resource, debuggable, RecordingMonitor } = sdk();
    const monitor = new RecordingMonitor(cfg.stack, project, cfg.region, resolveReference);
    const errors: unknown[] = [];
    const stopCollecting = collectProcessErrors((e) => errors.push(e));
    // Every resource's constructor formats the whole call stack (stackTraceLimit = Infinity) for the
    // source position it sends the engine (@pulumi/pulumi resource.js, Resource.callsites). The
    // recording has no field for it, and it was a fifth of the programs' CPU. Restored after the run
    // (a nested run, a referenced stack, restores the empty one), so code outside a plan is untouched.
    const callsites = resource.Resource.callsites;
    resource.Resource.callsites = () => [];
    const restorePromises = lighterPromises(debuggable, state.getStore);
    try {
        await state.withLocalStorage(async () => {
            settings.setMockOptions(monitor, project, cfg.stack, true, "organization");
            const store = state.getStore();
            Object.assign(store, {
                supportsSecrets: true,
                supportsResourceReferences: true,
                supportsOutputValues: false,
                supportsDeletedWith: true,
                supportsAliasSpecs: true,
                supportsTransforms: true,
                supportsInvokeTransforms: true,
                supportsParameterization: true,
                supportsInvokeDependsOn: false,
            });
            runtimeConfig.setAllConfig(cfg.values, cfg.secretKeys);
            await runtimeStack.runInPulumiStack(program);
            await settings.waitForRPCs();
        });
    } catch (e) {
        errors.unshift(e);
    } finally {
        resource.Resource.callsites = callsites;
        restorePromises();
        stopCollecting();
    }
    if (errors.length > 0) {
        const first = errors[0];
        const err = new PlanError(cfg.stack, first instanceof Error ? first.message : String(first), first);
        err.records = monitor.records;
        throw err;
    }
    return { monitor, rootUrn: `urn:pulumi:${cfg.stack}::${project}::pulumi:pulumi:Stack::${project}-${cfg.stack}` };
}

/**
 * The SDK wraps each of its promises (about 40 per resource) in `debuggablePromise`, which defines
 * three properties on it, one a captured stack, for the leak report that only
 * PULUMI_DEBUG_PROMISE_LEAKS prints: about 0.4 s of the plan's CPU. During a run it keeps the
 * same leak bookkeeping, in the same promise chain (so everything settles in the same order),
 * without those properties. The first call still goes to the SDK's, which arms its exit-time leak
 * check. With PULUMI_DEBUG_PROMISE_LEAKS set nothing changes. Returns the function that restores it.
 */
function lighterPromises(
    debuggable: Debuggable,
    getStore: () => { leakCandidates: Set<Promise<unknown>> },
): () => void {
    const original = debuggable.debuggablePromise;
    if (debuggable.debugPromiseLeaks) return () => undefined;
    let armed = false;
    debuggable.debuggablePromise = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
        if (!armed) {
            armed = true;
            return original(p, ctx);
        }
        // The store, not its set: the SDK may replace the set before the promise settles.
        const store = getStore();
        store.leakCandidates.add(p);
        return p
            .then((val) => {
                store.leakCandidates.delete(p);
                return val;
            })
            .catch((err: unknown) => {
                store.leakCandidates.delete(p);
                (err as { promise?: unknown }).promise = p;
                throw err;
            });
    };
    return () => {
        debuggable.debuggablePromise = original;
    };
}

interface Planned {
    plan: StackPlan;
    /** Root outputs in wire format, for stacks that reference this one. */
    wireOutputs: Record<string, unknown>;
}

/** Plans the requested stacks and every stack they reference; returns them in dependency order. */
export async function planStacks(opts: PlanOptions): Promise<Plan> {
    const project = readProject(opts.dir);
    const available = listStacks(opts.dir);
    const requested = opts.stacks && opts.stacks.length > 0 ? opts.stacks : available;
    for (const s of requested) {
        if (!available.includes(s))
            throw new PlanError(s, `no Pulumi.${s}.yaml in ${opts.dir} (stacks: ${available.join(", ")})`);
    }
    const configs = readRequestedConfigs(opts.dir, project, requested);
    opts.onChecked?.();
    const program = opts.program ?? loadProgram(opts.dir, project);
    const memo = new Map<string, Promise<Planned>>();

    const planOne = (name: string, chain: string[]): Promise<Planned> => {
        if (chain.includes(name))
            throw new PlanError(chain[0], `stack reference cycle: ${[...chain, name].join(" → ")}`);
        let p = memo.get(name);
        if (!p) {
            p = (async () => {
                const cfg = configs.get(name) ?? readStackConfigOrFail(opts.dir, project, name);
                const references = new Set<string>();
                let waited = 0;
                const referenceFailures: PlanError[] = [];
                const resolve = async (target: string) => {
                    try {
                        return await resolveOne(target);
                    } catch (e) {
                        if (e instanceof PlanError) referenceFailures.push(e);
                        throw e;
                    }
                };
                const resolveOne = async (target: string) => {
                    const targetName = target.split("/").pop() ?? target;
                    if (!available.includes(targetName)) {
                        throw new PlanError(
                            name,
                            `references stack ${target}, which is not planned (stacks: ${available.join(", ")})`,
                        );
                    }
                    references.add(targetName);
                    const w0 = Date.now();
                    const upstream = await planOne(targetName, [...chain, name]);
                    // A referenced stack is planned inside this one's run; its time is its own.
                    waited += Date.now() - w0;
                    const secretOutputNames = Object.entries(upstream.wireOutputs)
                        .filter(([, v]) => containsSecret(v))
                        .map(([k]) => k);
                    return { outputs: upstream.wireOutputs, secretOutputNames };
                };
                let ran: Awaited<ReturnType<typeof runStack>>;
                opts.onStack?.({ stack: name, phase: "start" });
                const t0 = Date.now();
                try {
                    ran = await runStack(project.name, cfg, program, resolve);
                } catch (e) {
                    opts.onStack?.({ stack: name, phase: "failed", ms: Date.now() - t0 - waited });
                    // The SDK wraps a failed stack reference in layers of serialisation errors; the
                    // reference's own error (a missing stack, a cycle) is the one worth reading.
                    throw referenceFailures[0] ?? e;
                }
                opts.onStack?.({
                    stack: name,
                    phase: "done",
                    resources: ran.monitor.records.length,
                    ms: Date.now() - t0 - waited,
                });
                const planned = plannedOf(project.name, cfg, ran, [...references].sort());
                opts.onPlanned?.(planned.plan);
                return planned;
            })();
            memo.set(name, p);
        }
        return p;
    };

    for (const s of [...requested].sort()) await planOne(s, []);
    const planned = new Map<string, StackPlan>();
    for (const [name, p] of memo) planned.set(name, (await p).plan);
    return { stacks: dependencyOrder(planned) };
}

/** What one stack's run recorded, as the plan reports it and as referencing stacks read it. */
function plannedOf(
    project: string,
    cfg: StackConfig,
    ran: { monitor: RecordingMonitor; rootUrn: string },
    references: string[],
): Planned {
    const wireOutputs = ran.monitor.registeredOutputs.get(ran.rootUrn) ?? {};
    return {
        wireOutputs,
        plan: {
            name: cfg.stack,
            project,
            region: cfg.region,
            resources: ran.monitor.records,
            outputs: toRecorded(wireOutputs) as Record<string, unknown>,
            references,
            secretPlaceholders: cfg.placeholders,
            config: Object.fromEntries(Object.entries(cfg.values).filter(([k]) => !cfg.secretKeys.includes(k))),
        },
    };
}

/**
 * Reads every requested stack's config up front, so that every bad file is reported at once and the
 * project's cross-stack checks see them all, before any program runs.
 */
function readRequestedConfigs(dir: string, project: ProjectFile, stacks: string[]): Map<string, StackConfig> {
    const configs = new Map<string, StackConfig>();
    const failures: PlanError[] = [];
    for (const name of [...stacks].sort()) {
        try {
            configs.set(name, readStackConfigOrFail(dir, project, name));
        } catch (e) {
            failures.push(e as PlanError);
        }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new PlanCheckError(failures.map((f) => f.message));
    const problems =
        projectChecks(dir)?.([...configs.values()].map((c) => ({ name: c.stack, config: c.parsed ?? {} }))) ?? [];
    if (problems.length > 0) throw new PlanCheckError(problems);
    return configs;
}

function readStackConfigOrFail(dir: string, project: ProjectFile, stack: string): StackConfig {
    try {
        return readStackConfig(dir, project, stack, projectSecrets(dir));
    } catch (e) {
        throw new PlanError(stack, (e as Error).message, e);
    }
}

/** Referenced stacks before the stacks that read them; ties by name, so the order is stable. */
export function dependencyOrder(stacks: Map<string, StackPlan>): StackPlan[] {
    const out: StackPlan[] = [];
    const seen = new Set<string>();
    const visit = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        const s = stacks.get(name);
        if (!s) return;
        for (const r of s.references) visit(r);
        out.push(s);
    };
    for (const name of [...stacks.keys()].sort()) visit(name);
    return out;
}
