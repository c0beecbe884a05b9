/**
 * The plan's policy step: runs the project's CrossGuard pack over each stack's recording through the
 * Analyzer protocol (automation/policy) and decides which config file applies to which stack.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyAnalyzer, Violation } from "../policy/analyzer";
import { fallbackPolicyEnvironment } from "../policy/config";
import { StackPlan } from "./types";

/** Where the pack and its per-environment configs are; from package.json's `offlinePlan`. */
export interface PolicySettings {
    /** The pack's directory. */
    packDir: string;
    /** A config file for every stack (the CLI's --policy-pack-config), or undefined. */
    configFile?: string;
    /** Config path with `{<key>}` placeholders filled from each stack's project config, e.g. "policies/config/{environment}.json". */
    configTemplate?: string;
}

/** The policy settings a project declares in package.json (`offlinePlan.policyPack`, `offlinePlan.policyConfig`). */
export function projectPolicySettings(dir: string): PolicySettings | undefined {
    const pkgFile = path.join(dir, "package.json");
    if (!fs.existsSync(pkgFile)) return undefined;
    const o = JSON.parse(fs.readFileSync(pkgFile, "utf8"))?.offlinePlan;
    if (typeof o?.policyPack !== "string") return undefined;
    return {
        packDir: path.resolve(dir, o.policyPack),
        configTemplate: typeof o.policyConfig === "string" ? path.resolve(dir, o.policyConfig) : undefined,
    };
}

/** The policy config chosen for a stack, and why when it is a fallback. */
export interface PolicyConfigChoice {
    file: string | undefined;
    /** Set when the environment had no file of its own and another environment's was used. */
    note?: string;
}

/**
 * The config file for one stack: the explicit one, else the template filled from the stack's config;
 * an environment without a file of its own falls back by `fallbackPolicyEnvironment` (non-prod → dev,
 * prod-like → prod), and the choice says so.
 */
export function policyConfigFor(settings: PolicySettings, stack: StackPlan): PolicyConfigChoice {
    if (settings.configFile) return { file: settings.configFile };
    const template = settings.configTemplate;
    if (!template) return { file: undefined };
    const fill = (override: Record<string, string> = {}) =>
        template.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, key: string) => {
            const v = override[key] ?? stack.config?.[`${stack.project}:${key}`];
            if (v === undefined)
                throw new Error(
                    `stack ${stack.name}: policy config ${template} needs ${stack.project}:${key}, which is unset`,
                );
            return v;
        });
    const rel = (f: string) => path.relative(process.cwd(), f);
    const file = fill();
    if (fs.existsSync(file)) return { file };
    const environment = stack.config?.[`${stack.project}:environment`];
    const fallbackEnv = environment !== undefined ? fallbackPolicyEnvironment(environment) : undefined;
    const fallback = fallbackEnv && template.includes("{environment}") ? fill({ environment: fallbackEnv }) : undefined;
    if (fallback && fs.existsSync(fallback))
        return {
            file: fallback,
            note: `stack ${stack.name}: no ${rel(file)} for environment ${environment}; using ${rel(fallback)} (${fallbackEnv === "prod" ? "prod-like" : "non-prod"} environments fall back to ${fallbackEnv}'s policy config)`,
        };
    throw new Error(
        `stack ${stack.name}: no policy config ${rel(file)} for this stack${fallback ? ` and no fallback ${rel(fallback)}` : ""}; add ${rel(file)}`,
    );
}

/** The config file for one stack (see policyConfigFor). */
export function configFileFor(settings: PolicySettings, stack: StackPlan): string | undefined {
    return policyConfigFor(settings, stack).file;
}

/** The violations of every stack, the pack started once (start it early: it boots in the background). */
export async function analyzePlan(
    analyzer: PolicyAnalyzer,
    settings: PolicySettings,
    stacks: StackPlan[],
    onNote: (note: string) => void = () => undefined,
): Promise<Map<string, Violation[]>> {
    // Every stack's config is chosen first: a missing file is reported before the pack spends time.
    const choices = stacks.map((s) => policyConfigFor(settings, s));
    for (const c of choices) if (c.note) onNote(c.note);
    const out = new Map<string, Violation[]>();
    for (const [i, s] of stacks.entries()) out.set(s.name, await analyzer.analyze(s, choices[i].file));
    return out;
}

/**
 * The policy step run beside the programs: each stack goes to a pack as soon as it is planned, and
 * `results` gives the stacks' violations in the plan's order, with the first failure (a missing
 * policy config) in that order, as `analyzePlan` does.
 *
 * With several packs, each stack goes to the pack with the fewest resources queued (by count, so
 * the split is the same on every run). What bounds the step is the packs' own analysis: under the
 * mocks the programs resolve through promises alone, so the plan's process reaches its I/O phase
 * (the packs' answers) mostly after the last program, and one pack then analysed every stack alone
 * (about 1 ms a resource, 4.4 s for 4,000) while the plan's core idled. Two packs share that tail.
 */
export class PolicyPipeline {
    private readonly pending = new Map<string, Promise<Violation[]>>();
    private readonly analyzers: PolicyAnalyzer[];
    private readonly queued: number[];

    constructor(
        analyzers: PolicyAnalyzer | PolicyAnalyzer[],
        private readonly settings: PolicySettings,
        private readonly onNote: (note: string) => void = () => undefined,
    ) {
        this.analyzers = Array.isArray(analyzers) ? analyzers : [analyzers];
        if (this.analyzers.length === 0) throw new Error("PolicyPipeline needs at least one analyzer");
        this.queued = this.analyzers.map(() => 0);
    }

    /** Queues one planned stack on the least loaded pack (each pack runs one stack at a time: it holds one config). */
    public add(stack: StackPlan): void {
        const i = this.queued.indexOf(Math.min(...this.queued));
        this.queued[i] += stack.resources.length;
        const analyzer = this.analyzers[i];
        const run = (async () => {
            const choice = policyConfigFor(this.settings, stack);
            if (choice.note) this.onNote(choice.note);
            return analyzer.analyze(stack, choice.file);
        })();
        // Reported by results(); a plan that fails first closes the pack and never asks.
        run.catch(() => undefined);
        this.pending.set(stack.name, run);
    }

    /** Every stack's violations, in the order given; stacks never added are analysed now. */
    public async results(stacks: StackPlan[]): Promise<Map<string, Violation[]>> {
        for (const s of stacks) if (!this.pending.has(s.name)) this.add(s);
        const out = new Map<string, Violation[]>();
        for (const s of stacks) out.set(s.name, await this.pending.get(s.name)!);
        return out;
    }
}

/** The JSON shape other tools read: `policy.violations[]` per stack. */
export function policyJson(violations: Violation[] | undefined): Record<string, unknown> {
    if (!violations) return {};
    return {
        policy: {
            violations: violations.map((v) => ({
                policy: v.policy,
                enforcement: v.enforcement,
                urn: v.urn,
                message: v.message,
            })),
        },
    };
}
