/**
 * `npm run teardown` / `npm run restore`: the entry point. Failures print one clear message (a stack
 * trace only with --verbose) and exit with a code a workflow can read; SIGINT/SIGTERM abort the
 * running step, whose child processes (pulumi, kubectl, aws) get the same AbortSignal.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { USAGE, TeardownArgs, parseArgs } from "./args";
import { CliCloud } from "./cloud";
import { EXIT, RefusedError, TeardownError, UsageError } from "./errors";
import { KEYS } from "./refusal";
import { DEFAULT_TIME_ZONE, inWindow, isTimeZone, scheduledAction, weekendWindow } from "./schedule";
import { restore, teardown } from "./teardown";
import { Clock, Cloud, StackHandle, realClock } from "./workspace";

export interface Io {
    stdout: { write(s: string): unknown };
    stderr: { write(s: string): unknown };
}

/** What the CLI builds its work from; tests pass fakes. */
export interface Deps {
    stack(name: string, dir: string, signal: AbortSignal, log: (line: string) => void): Promise<StackHandle>;
    cloud(signal: AbortSignal): Cloud & { close(): void };
    clock: Clock;
    now(): Date;
}

export const realDeps: Deps = {
    stack: async (name, dir, signal, log) => (await import("./local")).localStack(name, dir, signal, log),
    cloud: (signal) => new CliCloud(signal),
    clock: realClock,
    now: () => new Date(),
};

/** The stack's zone, checked (a typo would otherwise fail at 20:00 on a Friday). */
function zoneOf(config: Record<string, string>): string {
    const zone = config[KEYS.timeZone] ?? DEFAULT_TIME_ZONE;
    if (!isTimeZone(zone))
        throw new TeardownError(`${KEYS.timeZone} is "${zone}", must be an IANA time zone such as Europe/Berlin`);
    return zone;
}

/**
 * The stack file's config, for `window`: the workflows ask before they install the Pulumi CLI or log
 * in, and the zone is a plain key of the file.
 */
function stackFileConfig(dir: string, stack: string): Record<string, string> {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new TeardownError(`no ${file}`);
    const config = (YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> })?.config ?? {};
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}

async function execute(args: TeardownArgs, io: Io, deps: Deps, signal: AbortSignal): Promise<number> {
    const log = (line: string) => void io.stdout.write(`${line}\n`);
    if (args.command === "window") {
        const window = weekendWindow(zoneOf(stackFileConfig(args.dir, args.stack)));
        io.stdout.write(`in-window=${inWindow(deps.now(), window)}\n`);
        return EXIT.ok;
    }
    const stack = await deps.stack(args.stack, args.dir, signal, (l) => void io.stdout.write(l));
    const cloud = deps.cloud(signal);
    try {
        const opts = { dryRun: args.dryRun, log };
        let command = args.command;
        if (command === "scheduled") {
            const window = weekendWindow(zoneOf(await stack.config()));
            const decision = scheduledAction(args.cron!, deps.now(), window);
            log(`${decision.action}: ${decision.reason}`);
            if (decision.action === "skip") return EXIT.ok;
            command = decision.action;
        }
        if (command === "teardown") await teardown(stack, cloud, deps.clock, opts);
        else await restore(stack, cloud, opts);
        return EXIT.ok;
    } finally {
        cloud.close();
    }
}

export async function main(argv: string[], io: Io, deps: Deps = realDeps, signal?: AbortSignal): Promise<number> {
    let args: TeardownArgs | "help";
    try {
        args = parseArgs(argv, process.cwd());
    } catch (e) {
        io.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
        return EXIT.usage;
    }
    if (args === "help") {
        io.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    try {
        return await execute(args, io, deps, signal ?? new AbortController().signal);
    } catch (e) {
        const err = e as Error;
        if (signal?.aborted) {
            io.stderr.write(`interrupted; the stack may be part-way: run the same command again\n`);
            return EXIT.failed;
        }
        io.stderr.write(`${args.command} ${args.stack}: ${err.message}\n`);
        if (args.verbose && err.stack) io.stderr.write(`${err.stack}\n`);
        else if (!(err instanceof RefusedError || err instanceof TeardownError || err instanceof UsageError))
            io.stderr.write("(run with --verbose for the stack trace)\n");
        return err instanceof RefusedError ? EXIT.refused : EXIT.failed;
    }
}

if (require.main === module) {
    const controller = new AbortController();
    let code: number | undefined;
    const stop = (signal: "SIGINT" | "SIGTERM") => {
        code = signal === "SIGINT" ? EXIT.sigint : EXIT.sigterm;
        controller.abort();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    void main(process.argv.slice(2), process, realDeps, controller.signal).then((c) => {
        process.exitCode = code ?? c;
    });
}
