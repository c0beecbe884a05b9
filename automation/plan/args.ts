/**
 * The offline plan's command line: options, usage text and the checks that make a bad invocation a
 * usage error (exit 2) before any stack is planned. Pure apart from the file-system checks.
 */
import * as fs from "fs";
import * as path from "path";
import { listStacks } from "./stackConfig";

export interface CliArgs {
    /** --stack NAME (repeatable, or comma-separated). @default every Pulumi.<stack>.yaml in --dir */
    stacks: string[];
    /** --json FILE, or "-" for stdout. @default no JSON */
    json?: string;
    /** --verbose: stack traces and the policy pack's full stderr. @default false */
    verbose: boolean;
    /** --quiet: only the closing summary. @default false */
    quiet: boolean;
    /** --list: list the stacks and exit. @default false */
    list: boolean;
    /** --help: print usage and exit. @default false */
    help: boolean;
    /** --dir DIR, the project directory. @default the current directory */
    dir: string;
    /** --policy-pack DIR; @default package.json's offlinePlan.policyPack */
    policyPack?: string;
    /** --policy-pack-config FILE for every stack; @default per environment from offlinePlan.policyConfig */
    policyConfig?: string;
    /** --no-policy skips the policy step. @default the policy step runs */
    policy: boolean;
}

/** A bad invocation: the CLI prints it with the usage hint and exits 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2, sigint: 130, sigterm: 143 } as const;

export const USAGE = `Usage: npm run plan -- [options]

The offline plan: every stack's real program under Pulumi's mock runtime, what \`pulumi preview\`
would create, checked by the project's policy pack.

Options:
  -s, --stack NAME            plan this stack (repeat or comma-separate; referenced stacks come too)
                              default: every Pulumi.<stack>.yaml in --dir
      --dir DIR               the project directory (Pulumi.yaml)         default: the current one
      --json FILE             also write the plan as JSON to FILE; "-" writes it to stdout and
                              nothing else goes to stdout
      --policy-pack DIR       the CrossGuard pack          default: package.json offlinePlan.policyPack
      --policy-pack-config F  one policy config for every stack
                              default: offlinePlan.policyConfig per environment (see README)
      --no-policy             skip the policy step
      --list                  list the stacks found, with role and region, and exit
  -q, --quiet                 print only the closing summary
  -v, --verbose               stack traces and the policy pack's full output on failure
  -h, --help                  print this help and exit

Exit codes: 0 plan ok; 1 a stack failed or a mandatory policy violation; 2 usage error;
130/143 interrupted by SIGINT/SIGTERM.`;

const VALUED = new Set(["--stack", "-s", "--json", "--dir", "--policy-pack", "--policy-pack-config"]);

function apply(out: CliArgs, flag: string, value: string | undefined): void {
    const v = value ?? "";
    if (flag === "--stack" || flag === "-s") out.stacks.push(...v.split(",").filter(Boolean));
    else if (flag === "--json") out.json = v;
    else if (flag === "--dir") out.dir = path.resolve(v);
    else if (flag === "--policy-pack") out.policyPack = path.resolve(v);
    else if (flag === "--policy-pack-config") out.policyConfig = path.resolve(v);
    else if (flag === "--verbose" || flag === "-v") out.verbose = true;
    else if (flag === "--quiet" || flag === "-q") out.quiet = true;
    else if (flag === "--list") out.list = true;
    else if (flag === "--help" || flag === "-h") out.help = true;
    else if (flag === "--no-policy") out.policy = false;
}

export const FLAGS = new Set([...VALUED, "--verbose", "-v", "--quiet", "-q", "--list", "--help", "-h", "--no-policy"]);

/** Parses argv; collects every problem and throws one UsageError. Accepts `--opt VALUE` and `--opt=VALUE`. */
export function parseArgs(argv: string[], cwd: string = process.cwd()): CliArgs {
    const out: CliArgs = {
        stacks: [],
        verbose: false,
        quiet: false,
        list: false,
        help: false,
        dir: cwd,
        policy: true,
    };
    const problems: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? splitOnce(argv[i]) : [argv[i]];
        if (!FLAGS.has(flag)) {
            problems.push(
                flag.startsWith("-")
                    ? `unknown option ${flag}`
                    : `unexpected argument ${flag} (a stack is given as --stack ${flag})`,
            );
            continue;
        }
        if (!VALUED.has(flag)) {
            if (inline !== undefined) problems.push(`${flag} takes no value (got ${flag}=${inline})`);
            else apply(out, flag, undefined);
            continue;
        }
        const value = inline ?? argv[++i];
        if (value === undefined || value === "" || (inline === undefined && FLAGS.has(value)))
            problems.push(`${flag} needs a value`);
        else apply(out, flag, value);
    }
    if (out.quiet && out.verbose) problems.push("--quiet and --verbose contradict each other; pick one");
    if (problems.length > 0) throw new UsageError(problems.join("\n"));
    return out;
}

function splitOnce(a: string): [string, string] {
    const i = a.indexOf("=");
    return [a.slice(0, i), a.slice(i + 1)];
}

/**
 * What can be known wrong before planning: a --json target that is a directory or can't be
 * written, a project or pack directory that isn't one. Returns every problem.
 */
export function invocationProblems(args: CliArgs): string[] {
    const problems: string[] = [];
    if (!fs.existsSync(path.join(args.dir, "Pulumi.yaml")))
        problems.push(`--dir ${args.dir}: no Pulumi.yaml there (is it a Pulumi project?)`);
    else {
        const available = listStacks(args.dir);
        for (const s of args.stacks.filter((x) => !available.includes(x)))
            problems.push(`--stack ${s}: no Pulumi.${s}.yaml in ${args.dir} (stacks: ${available.join(", ")})`);
    }
    if (args.json !== undefined && args.json !== "-") {
        const target = path.resolve(args.json);
        const parent = path.dirname(target);
        if (fs.existsSync(target) && fs.statSync(target).isDirectory())
            problems.push(`--json ${args.json}: is a directory; give a file path, or - for stdout`);
        else if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory())
            problems.push(`--json ${args.json}: directory ${parent} does not exist`);
        else {
            const why = unwritable(target);
            if (why) problems.push(`--json ${args.json}: can't be written (${why})`);
        }
    }
    if (args.policy && args.policyPack !== undefined && !fs.existsSync(path.join(args.policyPack, "package.json")))
        problems.push(`--policy-pack ${args.policyPack}: no package.json there (is it a policy pack directory?)`);
    if (args.policy && args.policyConfig !== undefined && !fs.existsSync(args.policyConfig))
        problems.push(`--policy-pack-config ${args.policyConfig}: no such file`);
    return problems;
}

/** Opens the target for writing (access() says yes to root even where a write fails, e.g. /proc). */
function unwritable(target: string): string | undefined {
    const existed = fs.existsSync(target);
    try {
        fs.closeSync(fs.openSync(target, existed ? "r+" : "wx"));
        if (!existed) fs.unlinkSync(target);
        return undefined;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    }
}
