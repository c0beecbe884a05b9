// `node scripts/parallel.mjs "cmd a" "cmd b" ...`: runs the commands at once (tsc and eslint spend
// most of their time parsing the tree, mocha mostly running programs under the mocks: on two cores
// together they take the time of the longest instead of the sum), then prints each one's output in
// the order given, so the last command's closing lines (mocha's "N passed, N failed") end the run,
// and fails if any failed. Plain .mjs so that it starts without tsx.
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
                child.on("close", (code) => resolve({ cmd, code, out, seconds: (Date.now() - t0) / 1000 }));
            }),
    ),
);
for (const r of results)
    process.stdout.write(`${r.code === 0 ? "ok" : "FAILED"}  ${r.cmd}  (${r.seconds.toFixed(1)} s)\n`);
for (const r of results) process.stdout.write(r.out);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
