/**
 * `npm run bench [-- --runs N]`: times the offline plan of every stack as a user runs it (a fresh
 * process, `npm run plan`'s command) and prints the median wall time, the peak memory of the plan's
 * processes (the CLI and the policy pack, summed, sampled from /proc), resources per second and each
 * stack's own cost (from the CLI's progress lines). Exits 1 over the bars (10 s, 3 s per stack).
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-")), "plan.json");

/** Node's arguments before the CLI, from package.json's `plan` script: the bench runs what a user runs. */
const PLAN_NODE_ARGS = (() => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
    };
    const words = pkg.scripts.plan.split(/\s+/);
    return words.slice(1, words.indexOf("automation/plan/cli.ts"));
})();

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

const read = (p: string) => {
    try {
        return fs.readFileSync(p, "utf8");
    } catch {
        return "";
    }
};

/** The process and its descendants. */
function treePids(pid: number): number[] {
    const tasks = fs.existsSync(`/proc/${pid}/task`) ? fs.readdirSync(`/proc/${pid}/task`) : [];
    const kids = tasks.flatMap((t) => read(`/proc/${pid}/task/${t}/children`).split(/\s+/).filter(Boolean));
    return [pid, ...kids.flatMap((k) => treePids(Number(k)))];
}

const rssKib = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0);

/** User + system CPU of one process so far, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(pid: number): number {
    const fields = read(`/proc/${pid}/stat`).split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

interface Run {
    seconds: number;
    peakMib: number;
    /** CPU of the CLI and the pack, from the last sample of each (the machine is shared: wall alone misleads). */
    cpuSeconds: number;
    stderr: string;
}

function once(args: string[]): Promise<Run> {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...PLAN_NODE_ARGS, "automation/plan/cli.ts", "--json", out, ...args], {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let peak = 0;
    const ticks = new Map<number, number>();
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const sample = () => {
        const pids = treePids(child.pid!);
        peak = Math.max(
            peak,
            pids.reduce((n, p) => n + rssKib(p), 0),
        );
        for (const p of pids) ticks.set(p, Math.max(ticks.get(p) ?? 0, cpuTicks(p)));
    };
    const sampler = setInterval(sample, 25);
    return new Promise((resolve, reject) =>
        child.once("close", (code) => {
            clearInterval(sampler);
            const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
            const cpuSeconds = [...ticks.values()].reduce((n, t) => n + t, 0) / CLK_TCK;
            if (code !== 0 && !/mandatory policy violation/.test(stderr)) reject(new Error(`plan failed:\n${stderr}`));
            else resolve({ seconds, peakMib: peak / 1024, cpuSeconds, stderr });
        }),
    );
}

async function time(args: string[]): Promise<Run[]> {
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) all.push(await once(args));
    return all;
}

/** Each stack's own program time, per run, from the progress lines (`plan: NAME  N resources  T s`). */
function perStack(all: Run[]): Map<string, { resources: number; ms: number[] }> {
    const byStack = new Map<string, { resources: number; ms: number[] }>();
    for (const r of all) {
        for (const m of r.stderr.matchAll(/^plan: (\S+) +(\d+) resources +([\d.]+) s$/gm)) {
            const e = byStack.get(m[1]) ?? { resources: Number(m[2]), ms: [] };
            e.ms.push(Number(m[3]) * 1000);
            byStack.set(m[1], e);
        }
    }
    return byStack;
}

async function main(): Promise<void> {
    // Without the policy step first, then the full plan: the difference is what the pack adds.
    const bare = median((await time(["--no-policy"])).map((r) => r.seconds));
    const full = await time([]);
    const plan = JSON.parse(fs.readFileSync(out, "utf8")) as { stacks: { name: string; resources: unknown[] }[] };
    const resources = plan.stacks.reduce((n, s) => n + s.resources.length, 0);
    const m = median(full.map((r) => r.seconds));
    const peak = Math.max(...full.map((r) => r.peakMib));
    console.log(`offline plan: ${plan.stacks.length} stacks, ${resources} resources`);
    console.log(`runs: ${full.map((r) => r.seconds.toFixed(2)).join(" ")} s`);
    console.log(
        `median wall: ${m.toFixed(2)} s (bar: 10 s) — ${(resources / m).toFixed(0)} resources/s on ${os.cpus().length} cores`,
    );
    const cpu = median(full.map((r) => r.cpuSeconds));
    console.log(
        `cpu: ${cpu.toFixed(2)} s median (CLI + policy pack, user + system; the machine is shared, so compare this too)`,
    );
    console.log(`peak memory: ${peak.toFixed(0)} MiB (CLI + policy pack, max RSS summed over the process tree)`);
    const perPack = (m - bare) / plan.stacks.length;
    console.log(
        `policy step: +${(m - bare).toFixed(2)} s over ${bare.toFixed(2)} s without it, ${perPack.toFixed(2)} s per stack (bar: 3 s per stack)`,
    );
    console.log("per stack (its own program, median):");
    for (const [name, e] of perStack(full)) {
        const ms = median(e.ms);
        console.log(`    ${name.padEnd(24)} ${String(e.resources).padStart(5)} resources  ${(ms / 1000).toFixed(2)} s`);
    }
    process.exitCode = m < 10 && perPack < 3 ? 0 : 1;
}

void main();
