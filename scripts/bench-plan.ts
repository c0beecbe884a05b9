/**
 * `npm run bench [-- --runs N]`: times the offline plan of every stack, as a user runs it (a fresh
 * process, `npm run plan`'s command), and prints the median wall time and resources per second.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-")), "plan.json");

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(args: string[]): number[] {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        execFileSync(tsx, ["automation/plan/cli.ts", "--json", out, ...args], {
            cwd: root,
            stdio: ["ignore", "ignore", "inherit"],
        });
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return times;
}

// Without the policy step first, then the full plan: the difference is what the pack adds.
const bare = median(time(["--no-policy"]));
const times = time([]);
const plan = JSON.parse(fs.readFileSync(out, "utf8")) as { stacks: { name: string; resources: unknown[] }[] };
const resources = plan.stacks.reduce((n, s) => n + s.resources.length, 0);
const m = median(times);
console.log(
    `offline plan: ${plan.stacks.length} stacks, ${resources} resources (${plan.stacks.map((s) => `${s.name} ${s.resources.length}`).join(", ")})`,
);
console.log(`runs: ${times.map((t) => t.toFixed(2)).join(" ")} s`);
console.log(
    `median wall: ${m.toFixed(2)} s (bar: 10 s) — ${(resources / m).toFixed(0)} resources/s on ${os.cpus().length} cores`,
);
const perStack = (m - bare) / plan.stacks.length;
console.log(
    `policy step: +${(m - bare).toFixed(2)} s over ${bare.toFixed(2)} s without it, ${perStack.toFixed(2)} s per stack (bar: 3 s per stack)`,
);
process.exitCode = m < 10 && perStack < 3 ? 0 : 1;
