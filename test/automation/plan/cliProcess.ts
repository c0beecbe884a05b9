/**
 * Runs the real offline-plan CLI as `npm run plan` does (package.json's `plan` script's node
 * arguments and automation/plan/cli.ts, a child process) and
 * reports what it printed, its exit code and the policy packs it started, so that tests can check
 * that none of them outlives it.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../harness";
import { mapPool } from "../../../automation/policy/analyzer";

export const CLI = path.join(PROJECT_DIR, "automation/plan/cli.ts");
export const REFS = path.join(PROJECT_DIR, "test/fixtures/refs");
/** Programs that load nothing but @pulumi/pulumi: a spawned CLI on them costs a second less. */
export const LIGHT = path.join(PROJECT_DIR, "test/fixtures/light");
export const PACK = path.join(PROJECT_DIR, "policies");
/** Node's arguments before the script, read from package.json's `plan` script, so they are what `npm run plan` passes. */
export const NODE_ARGS = planNodeArgs();

function planNodeArgs(): string[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
    };
    const words = pkg.scripts.plan.split(/\s+/);
    const cli = words.indexOf("automation/plan/cli.ts");
    if (words[0] !== "node" || cli < 0)
        throw new Error(`package.json's plan script is not \`node … automation/plan/cli.ts\``);
    return words.slice(1, cli).map((w) => (w.startsWith("./") ? path.join(PROJECT_DIR, w) : w));
}

export interface CliRun {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    /** Pids of the policy packs the CLI started (its OFFLINE_PLAN_DEBUG line). */
    packPids: number[];
}

export interface CliOptions {
    /** Send this signal once the CLI has started its policy pack and stderr matches `when`. */
    signal?: { name: NodeJS.Signals; when: RegExp };
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
    const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...args], {
        cwd: PROJECT_DIR,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, OFFLINE_PLAN_DEBUG: "1" },
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (opts.signal && !sent && opts.signal.when.test(stderr)) {
            sent = true;
            // A moment later, so the program is mid-run rather than just started.
            setTimeout(() => child.kill(opts.signal!.name), 300);
        }
    });
    return finished(child).then(({ code, signal }) => ({
        code,
        signal,
        stdout,
        stderr,
        packPids: [...stderr.matchAll(/^plan: policy pack pid (\d+)$/gm)].map((m) => Number(m[1])),
    }));
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
}

/** Whether a process is still there (a zombie counts: it is not gone until it is reaped). */
export function alive(pid: number): boolean {
    return fs.existsSync(`/proc/${pid}`);
}

/** Pids of live processes whose command line mentions `needle` (a fixture's pack directory). */
export function processesMentioning(needle: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
        .filter((d) => {
            try {
                return fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes(needle);
            } catch {
                return false;
            }
        })
        .map(Number);
}

/** Runs `fn` over the items, at most `limit` at once (the CLI runs are mostly waiting on each other). */
export const pool = mapPool;
