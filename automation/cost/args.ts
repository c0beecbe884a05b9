/**
 * The report options of `npm run plan` (`--html FILE`, `--markdown FILE`, `--base BASE.json`),
 * taken out of argv before the plan's own parser sees the rest.
 */
import * as fs from "fs";
import * as path from "path";

export interface ReportArgs {
    /** --html FILE: the self-contained HTML report. @default none */
    html?: string;
    /** --markdown FILE: the pull-request summary. @default none */
    markdown?: string;
    /** --base BASE.json: the target branch's plan JSON the summary compares against. @default none */
    base?: string;
}

export const REPORT_USAGE = `
Reports (automation/cost):
      --html FILE             also write the self-contained HTML report (stacks, resource trees,
                              policy, cost lines, critical path, diagram) to FILE
      --markdown FILE         also write the pull-request summary (markdown, under 65,536 chars)
      --base BASE.json        with --markdown: compare against this plan JSON (the target branch's)`;

const FLAGS = ["--html", "--markdown", "--base"] as const;

/** Splits argv into the plan's own arguments and the report options; every problem is returned. */
export function extractReportArgs(argv: string[]): { rest: string[]; report: ReportArgs; problems: string[] } {
    const rest: string[] = [];
    const report: ReportArgs = {};
    const problems: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].includes("=")
            ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)]
            : [argv[i], undefined];
        const known = FLAGS.find((f) => f === flag);
        if (!known) {
            rest.push(argv[i]);
            continue;
        }
        const value = inline ?? argv[++i];
        if (value === undefined || value === "" || value.startsWith("-")) problems.push(`${known} needs a value`);
        else report[known.slice(2) as keyof ReportArgs] = value;
    }
    if (report.base !== undefined && report.markdown === undefined)
        problems.push("--base only applies with --markdown FILE");
    for (const [flag, file] of [
        ["--html", report.html],
        ["--markdown", report.markdown],
    ] as const) {
        if (file === undefined) continue;
        const dir = path.dirname(path.resolve(file));
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
            problems.push(`${flag} ${file}: directory ${dir} does not exist`);
        else if (fs.existsSync(file) && fs.statSync(file).isDirectory())
            problems.push(`${flag} ${file}: is a directory; give a file path`);
    }
    if (report.base !== undefined) {
        const why = basePlanProblem(report.base);
        if (why) problems.push(`--base ${report.base}: ${why}`);
    }
    return { rest, report, problems };
}

/** Why a --base file is not a plan JSON, or undefined. Checked before any stack runs. */
function basePlanProblem(file: string): string | undefined {
    if (!fs.existsSync(file)) return "no such file";
    try {
        const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { stacks?: unknown } | null;
        return Array.isArray(parsed?.stacks) ? undefined : 'not a plan JSON (no "stacks" array); write one with --json';
    } catch (e) {
        return `not JSON (${(e as Error).message})`;
    }
}
