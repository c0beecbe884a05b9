/**
 * `npm run plan [-- options]`: the offline plan of every stack (see USAGE in ./args). Every way out,
 * a failed stack, a bad config, a pack that won't start, SIGINT/SIGTERM, ends the policy pack's
 * process and prints one message; stack traces only with --verbose.
 */
import * as fs from "fs";
import { CliArgs, EXIT, USAGE, UsageError, invocationProblems, parseArgs } from "./args";
import { cleanMessage } from "./errors";
import { Progress, policyVerdict } from "./progress";
import { listStacks, readProject, readYaml } from "./stackConfig";
import * as os from "os";
import type { PolicyAnalyzer, Violation } from "../policy/analyzer";
import type { PolicyPipeline, PolicySettings } from "./policy";
import type { Plan, StackPlan } from "./types";
import type { Analysis } from "../cost/analysis";
import { REPORT_USAGE, ReportArgs, extractReportArgs } from "../cost/args";

export type { CliArgs } from "./args";
export { parseArgs } from "./args";

interface Io {
    stdout: { write(s: string): unknown; isTTY?: boolean };
    stderr: { write(s: string): unknown; isTTY?: boolean };
}

/**
 * The SDK captures a stack trace for every promise it makes (leak diagnostics) and every resource.
 * With source maps on, each capture is resolved through the maps: that was two thirds of the plan's
 * time. Traces only matter with --verbose, so otherwise they are empty and unmapped: even three
 * frames, formatted eagerly for each of the SDK's promises, were about 0.5 s of 13 stacks' programs.
 */
export function fastStacks(): void {
    process.setSourceMapsEnabled(false);
    Error.stackTraceLimit = 0;
}

/*
 * The engine and the pack client load @pulumi/pulumi (about a second): --help, --list and usage
 * errors answer without them. Plain require, since the CLI also runs under `node -r tsx/cjs`, where
 * a dynamic import() of an extensionless path fails.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
    engine: () => require("./engine") as typeof import("./engine"),
    policy: () => require("./policy") as typeof import("./policy"),
    report: () => require("./report") as typeof import("./report"),
    analyzer: () => require("../policy/analyzer") as typeof import("../policy/analyzer"),
    packProcess: () => require("../policy/pack-process") as typeof import("../policy/pack-process"),
    cost: () => require("../cost/analysis") as typeof import("../cost/analysis"), // cost and deploy time (automation/cost)
    costReport: () => require("../cost/report/write") as typeof import("../cost/report/write"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export async function main(argv: string[], io: Io = process): Promise<number> {
    let args: CliArgs;
    const reports = extractReportArgs(argv); // --html, --markdown, --base (automation/cost)
    try {
        args = parseArgs(reports.rest);
        if (args.help) {
            io.stdout.write(`${USAGE}\n${REPORT_USAGE}\n`);
            return EXIT.ok;
        }
        const problems = [...invocationProblems(args), ...reports.problems];
        if (problems.length > 0) throw new UsageError(problems.join("\n"));
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        const lines = e.message.split("\n").map((l) => `plan: ${l}`);
        io.stderr.write(`${lines.join("\n")}\nRun \`npm run plan -- --help\` for the options.\n`);
        return EXIT.usage;
    }
    if (args.list) return list(args, io);
    if (!args.verbose) fastStacks();
    return run(args, io, reports.report);
}

/** `--list`: the stacks found, with the role and region their config gives them. */
function list(args: CliArgs, io: Io): number {
    try {
        const project = readProject(args.dir);
        const rows = listStacks(args.dir).map((name) => {
            const doc = (readYaml(`${args.dir}/Pulumi.${name}.yaml`) ?? {}) as { config?: Record<string, unknown> };
            const c = doc.config ?? {};
            const text = (k: string) => (typeof c[k] === "string" ? (c[k] as string) : "-");
            return [name, text(`${project.name}:role`), text("aws:region")];
        });
        const w = rows.reduce((m, r) => [0, 1].map((i) => Math.max(m[i], r[i].length)), ["STACK".length, 4]);
        for (const r of [["STACK", "ROLE", "REGION"], ...rows])
            io.stdout.write(`${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}\n`);
        return EXIT.ok;
    } catch (e) {
        io.stderr.write(`error: ${cleanMessage((e as Error).message)}\n`);
        return EXIT.failed;
    }
}

async function run(args: CliArgs, io: Io, reports: ReportArgs): Promise<number> {
    const t0 = Date.now();
    const progress = new Progress(io.stderr, { quiet: args.quiet });
    // A failed program can leave rejections that settle after its stack was reported; without a
    // handler Node would print its crash dump over the clear message.
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on("unhandledRejection", onStray);
    process.on("uncaughtException", onStray);
    let analyzers: PolicyAnalyzer[] = [];
    try {
        const { planStacks } = lazy.engine();
        const settings = policySettings(args);
        let pipeline: PolicyPipeline | undefined;
        const analyse = lazy.cost().analyser(args.dir); // cost assumptions are checked before any stack runs
        // The pack boots (about a second) while the programs run; not at all when a config is bad.
        const onChecked = () => {
            analyzers = settings ? startPacks(settings, args, io) : [];
            if (settings && analyzers.length > 0)
                pipeline = new (lazy.policy().PolicyPipeline)(analyzers, settings, (n) => progress.note(n));
        };
        const onPlanned = (s: StackPlan) => pipeline?.add(s);
        const plan = await planStacks({
            dir: args.dir,
            stacks: args.stacks,
            onChecked,
            onPlanned,
            onStack: progress.onStack,
        });
        progress.step("policy pack…");
        const violations = await pipeline?.results(plan.stacks);
        const analysis = analyse(plan);
        writeOutputs(args, io, plan, violations, analysis);
        await lazy.costReport().writeReports(reports, plan, analysis, violations);
        const rows = plan.stacks.map((s) => ({
            stack: s.name,
            resources: s.resources.length,
            policy: policyVerdict(violations?.get(s.name)),
        }));
        progress.summary(rows, Date.now() - t0);
        if (stray.length > 0) throw stray[0];
        return mandatoryFailure(violations, io);
    } catch (e) {
        progress.clear();
        report(e, args, io, stray);
        return EXIT.failed;
    } finally {
        await Promise.all(analyzers.map((a) => a.close()));
        process.off("unhandledRejection", onStray);
        process.off("uncaughtException", onStray);
    }
}

function policySettings(args: CliArgs): PolicySettings | undefined {
    if (!args.policy) return undefined;
    const { projectPolicySettings } = lazy.policy();
    const project = projectPolicySettings(args.dir);
    const packDir = args.policyPack ?? project?.packDir;
    if (!packDir) return undefined;
    return {
        packDir,
        configFile: args.policyConfig,
        configTemplate: args.policyPack ? undefined : project?.configTemplate,
    };
}

/**
 * The policy packs: two where there are two cores (PolicyPipeline says why), else one. A pack boots in about 0.3 s and holds about 110 MiB.
 */
function startPacks(settings: PolicySettings, args: CliArgs, io: Io): PolicyAnalyzer[] {
    const { PolicyAnalyzer } = lazy.analyzer();
    const { onPackSpawn } = lazy.packProcess();
    // The pids let a person (and the CLI's tests) check that no pack outlives the plan.
    if (args.verbose || process.env.OFFLINE_PLAN_DEBUG === "1")
        onPackSpawn((pid) => io.stderr.write(`plan: policy pack pid ${pid}\n`));
    const count = os.availableParallelism() < 2 ? 1 : 2;
    return Array.from({ length: count }, () => PolicyAnalyzer.start(settings.packDir));
}

function writeOutputs(
    args: CliArgs,
    io: Io,
    plan: Plan,
    violations: Map<string, Violation[]> | undefined,
    analysis: Analysis,
): void {
    const { planJson, planOrderLine, renderStack } = lazy.report();
    const { policyJson } = lazy.policy();
    const { formatViolations } = lazy.analyzer();
    const { stackJson, summaryText } = lazy.cost();
    const extra = (s: StackPlan) => ({ ...policyJson(violations?.get(s.name)), ...stackJson(analysis, s) });
    const json = args.json ? planJson(plan, extra) : undefined;
    if (args.json === "-") io.stdout.write(json!);
    else if (args.json) fs.writeFileSync(args.json, json!);
    if (args.quiet || args.json === "-") return;
    const text = plan.stacks.map(
        (s) => renderStack(s) + (violations ? `\n\n${formatViolations(s.name, violations.get(s.name) ?? [])}` : ""),
    );
    io.stdout.write(`${planOrderLine(plan)}\n\n${text.join("\n\n" + "─".repeat(100) + "\n\n")}\n`);
    io.stdout.write(`\n${summaryText(plan, analysis)}\n`);
}

function mandatoryFailure(violations: Map<string, Violation[]> | undefined, io: Io): number {
    const mandatory = [...(violations?.values() ?? [])].flat().filter((v) => v.enforcement === "mandatory");
    if (mandatory.length === 0) return EXIT.ok;
    const policies = [...new Set(mandatory.map((v) => v.policy))].join(", ");
    io.stderr.write(
        `error: ${mandatory.length} mandatory policy violation${mandatory.length > 1 ? "s" : ""}: ${policies}\n`,
    );
    return EXIT.failed;
}

function report(e: unknown, args: CliArgs, io: Io, stray: unknown[]): void {
    const { PlanCheckError, PlanError } = lazy.engine();
    const err = e instanceof Error ? e : new Error(String(e));
    const where = e instanceof PlanError || e instanceof PlanCheckError ? "" : "plan failed: ";
    if (!args.verbose) {
        io.stderr.write(`error: ${where}${cleanMessage(err.message)}\n`);
        return;
    }
    const detail = e instanceof PlanError && e.detail instanceof Error ? e.detail : err;
    io.stderr.write(`error: ${where}${err.message}\n${detail.stack ?? ""}\n`);
    for (const s of stray) io.stderr.write(`(also, after the failure) ${s instanceof Error ? s.stack : String(s)}\n`);
}

/**
 * Ctrl-C or a CI cancel: say so and exit by the shell's convention (128 + signal). The 'exit' event
 * that process.exit raises kills the pack (see pack-process), so nothing is left running.
 */
function onSignals(io: Io): void {
    for (const [signal, code] of [
        ["SIGINT", EXIT.sigint],
        ["SIGTERM", EXIT.sigterm],
    ] as const) {
        process.on(signal, () => {
            io.stderr.write(`\nplan: interrupted (${signal}); stopped\n`);
            // Waits (briefly) for the pack to be reaped, so not even a zombie is left.
            void lazy
                .packProcess()
                .killAllPacks(1_000)
                .finally(() => process.exit(code));
        });
    }
}

/**
 * Exits once stdout and stderr have handed everything to the OS. To a pipe, Node writes
 * asynchronously, and process.exit drops what is still queued: `--json -` of the whole plan (several
 * MB) reached the reader cut off. A write's callback runs after every write queued before it.
 */
function exitFlushed(code: number): void {
    let pending = 2;
    const done = () => {
        if (--pending === 0) process.exit(code);
    };
    process.stdout.write("", done);
    process.stderr.write("", done);
}

if (require.main === module) {
    onSignals(process);
    void main(process.argv.slice(2)).then(exitFlushed, (e: unknown) => {
        process.stderr.write(`error: ${cleanMessage(e instanceof Error ? e.message : String(e))}\n`);
        exitFlushed(EXIT.failed);
    });
}
