/**
 * `npm run plan [-- --stack NAME ...] [--json FILE] [--verbose]`: the offline plan of every stack.
 */
import * as fs from "fs";
import * as path from "path";
import { PlanError, planStacks } from "./engine";
import { planJson, renderStack } from "./report";

export interface CliArgs {
    stacks: string[];
    json?: string;
    verbose: boolean;
    dir: string;
}

export function parseArgs(argv: string[]): CliArgs {
    const out: CliArgs = { stacks: [], verbose: false, dir: process.cwd() };
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
        else throw new Error(`unknown argument ${a} (use --stack NAME, --json FILE, --dir DIR, --verbose)`);
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
    try {
        const plan = await planStacks({ dir: args.dir, stacks: args.stacks });
        process.stdout.write(plan.stacks.map(renderStack).join("\n\n" + "─".repeat(100) + "\n\n") + "\n");
        if (args.json) fs.writeFileSync(args.json, planJson(plan));
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
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
