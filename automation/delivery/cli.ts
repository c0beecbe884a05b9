/**
 * `npm run workflows` writes .github/workflows from the offline plan's stack graph (`--check` only
 * compares); `affected` reads changed paths on stdin and the graph from $STACK_GRAPH (the workflows
 * embed it) and prints `stacks=<json>` for $GITHUB_OUTPUT.
 */
import * as fs from "fs";
import * as path from "path";
import { planStacks } from "../plan/engine";
import { affectedStacks, deliveryStacks } from "./graph";
import { workflowFiles } from "./render";

const USAGE = `Usage: npm run workflows [-- --check]
       git diff --name-only A B | node --import tsx automation/delivery/cli.ts affected`;

async function workflows(dir: string, check: boolean): Promise<number> {
    const files = workflowFiles(deliveryStacks(await planStacks({ dir }), dir));
    const stale = Object.entries(files).filter(([f, text]) => {
        const file = path.join(dir, f);
        return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text;
    });
    if (check) {
        for (const [f] of stale)
            process.stderr.write(`${f} differs from the plan's stack graph: run npm run workflows\n`);
        return stale.length > 0 ? 1 : 0;
    }
    for (const [f, text] of stale) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
        process.stdout.write(`wrote ${f}\n`);
    }
    if (stale.length === 0) process.stdout.write("workflows are up to date\n");
    return 0;
}

function affected(): number {
    const graph = JSON.parse(process.env.STACK_GRAPH ?? "{}") as Record<string, string[]>;
    const changed = fs
        .readFileSync(0, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    process.stdout.write(`stacks=${JSON.stringify(affectedStacks(changed, graph))}\n`);
    return 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "workflows" && rest.every((a) => a === "--check")) return workflows(process.cwd(), rest.length > 0);
    if (command === "affected" && rest.length === 0) return affected();
    process.stderr.write(`${USAGE}\n`);
    return 2;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: Error) => {
            process.stderr.write(`${e.message}\n`);
            process.exitCode = 1;
        },
    );
}
