/**
 * `npm run plan [-- --stack NAME ...] [--json FILE] [--verbose]`: the offline plan of every stack.
 */
import * as fs from "fs";
import * as path from "path";
import { PlanError, planStacks } from "./engine";
import { PolicyAnalyzer, formatViolations } from "../policy/analyzer";
import { PolicySettings, analyzePlan, policyJson, projectPolicySettings } from "./policy";
import { planJson, renderStack } from "./report";

export interface CliArgs {
    stacks: string[];
    json?: string;
    verbose: boolean;
    dir: string;
    /** --policy-pack DIR; @default package.json's offlinePlan.policyPack */
    policyPack?: string;
    /** --policy-pack-config FILE for every stack; @default per environment from offlinePlan.policyConfig */
    policyConfig?: string;
    /** --no-policy skips the policy step. */
    policy: boolean;
}

export function parseArgs(argv: string[]): CliArgs {
    const out: CliArgs = { stacks: [], verbose: false, dir: process.cwd(), policy: true };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            const v = argv[++i];
            if (v === undefined) throw new Error(`${a} needs a value`);
            return v;
        };
        if (a === "--stack" || a === "-s") out.stacks.push(...next().split(","));
        else if (a === "--json") out.json = next();
        else if (a === "--dir") out.dir = path.resolve(next());
        else if (a === "--verbose" || a === "-v") out.verbose = true;
        else if (a === "--policy-pack") out.policyPack = path.resolve(next());
        else if (a === "--policy-pack-config") out.policyConfig = path.resolve(next());
        else if (a === "--no-policy") out.policy = false;
        else
            throw new Error(
                `unknown argument ${a} (use --stack NAME, --json FILE, --dir DIR, --policy-pack DIR, --policy-pack-config FILE, --no-policy, --verbose)`,
            );
    }
    return out;
}

/**
 * The SDK captures a stack trace for every promise it makes (leak diagnostics) and every resource.
 * With source maps on, each capture is resolved through the maps: that was two thirds of the plan's
 * time. Traces only matter with --verbose, so otherwise they stay short and unmapped.
 */
export function fastStacks(): void {
    process.setSourceMapsEnabled(false);
    Error.stackTraceLimit = 3;
}

export async function main(argv: string[]): Promise<number> {
    let args: CliArgs;
    try {
        args = parseArgs(argv);
    } catch (e) {
        process.stderr.write(`plan: ${(e as Error).message}\n`);
        return 2;
    }
    if (!args.verbose) fastStacks();
    const settings = policySettings(args);
    // The pack boots (about a second) while the stacks' programs run.
    const analyzer = settings ? PolicyAnalyzer.start(settings.packDir) : undefined;
    try {
        const plan = await planStacks({ dir: args.dir, stacks: args.stacks });
        const violations = analyzer && settings ? await analyzePlan(analyzer, settings, plan.stacks) : undefined;
        const text = plan.stacks.map(
            (s) => renderStack(s) + (violations ? `\n\n${formatViolations(s.name, violations.get(s.name) ?? [])}` : ""),
        );
        process.stdout.write(text.join("\n\n" + "─".repeat(100) + "\n\n") + "\n");
        if (args.json)
            fs.writeFileSync(
                args.json,
                planJson(plan, (s) => policyJson(violations?.get(s.name))),
            );
        const mandatory = [...(violations?.values() ?? [])].flat().filter((v) => v.enforcement === "mandatory");
        if (mandatory.length > 0) {
            process.stderr.write(
                `error: ${mandatory.length} mandatory policy violation${mandatory.length > 1 ? "s" : ""}: ${[...new Set(mandatory.map((v) => v.policy))].join(", ")}\n`,
            );
            return 1;
        }
        return 0;
    } catch (e) {
        const err = e as Error;
        const where = e instanceof PlanError ? "" : "plan failed: ";
        process.stderr.write(`error: ${where}${err.message}\n`);
        if (args.verbose) {
            const detail = e instanceof PlanError && e.detail instanceof Error ? e.detail : err;
            process.stderr.write(`${detail.stack ?? ""}\n`);
        }
        return 1;
    } finally {
        await analyzer?.close();
    }
}

function policySettings(args: CliArgs): PolicySettings | undefined {
    if (!args.policy) return undefined;
    const project = projectPolicySettings(args.dir);
    const packDir = args.policyPack ?? project?.packDir;
    if (!packDir) return undefined;
    return {
        packDir,
        configFile: args.policyConfig,
        configTemplate: args.policyPack ? undefined : project?.configTemplate,
    };
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
