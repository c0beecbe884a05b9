// `node scripts/parallel.mjs "cmd a" "cmd b"`: runs the commands at once (tsc and eslint each spend
// most of their time parsing the same tree, on different cores), prints each one's output when it
// ends, and fails if any failed. Plain .mjs so that it starts without tsx.
import { spawn } from "node:child_process";

const commands = process.argv.slice(2);
const results = await Promise.all(
    commands.map(
        (cmd) =>
            new Promise((resolve) => {
                const t0 = Date.now();
                const child = spawn(cmd, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
                let out = "";
                child.stdout.on("data", (d) => (out += d));
                child.stderr.on("data", (d) => (out += d));
                child.on("close", (code) => {
                    process.stdout.write(out);
                    resolve({ cmd, code, seconds: (Date.now() - t0) / 1000 });
                });
            }),
    ),
);
for (const r of results)
    process.stderr.write(`${r.code === 0 ? "ok" : "FAILED"}  ${r.cmd}  (${r.seconds.toFixed(1)} s)\n`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
