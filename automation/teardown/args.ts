/** The command line of `npm run teardown` / `npm run restore` (and the workflows' `window` check). */
import { UsageError } from "./errors";

export type Command = "teardown" | "restore" | "scheduled" | "window";

export interface TeardownArgs {
    command: Command;
    stack: string;
    dryRun: boolean;
    verbose: boolean;
    /** For `scheduled`: the cron line that started the run (`github.event.schedule`). */
    cron?: string;
    /** The project directory. */
    dir: string;
}

export const USAGE = `Usage: npm run teardown -- --stack NAME [--dry-run] [--verbose]
       npm run restore  -- --stack NAME [--dry-run] [--verbose]
       node --import tsx automation/teardown/cli.ts scheduled --stack NAME --cron "m h * * d" [--dry-run]
       node --import tsx automation/teardown/cli.ts window --stack NAME

teardown   drain the cluster's load balancers and volumes, destroy the stack, check for leftovers;
           the final snapshot's identifier is kept in SSM
restore    pulumi up from the snapshot the last teardown recorded
scheduled  teardown or restore when the cron's instant is Friday 20:00 or Monday 06:00 in the
           stack's payments-platform:teardownTimeZone, nothing otherwise (GitHub's cron is UTC)
window     print in-window=true|false (for $GITHUB_OUTPUT)

Options:
  -s, --stack NAME   the stack (required)
      --dry-run      print every step, change nothing
      --cron LINE    the cron line that started a scheduled run
      --dir DIR      the project directory        default: the current one
  -v, --verbose      stack traces on failure
  -h, --help         print this help

Exit codes: 0 done (or nothing to do); 1 a step failed; 2 usage error; 3 refused (nothing touched);
130/143 interrupted by SIGINT/SIGTERM.`;

const COMMANDS: Command[] = ["teardown", "restore", "scheduled", "window"];
const VALUED = ["--stack", "-s", "--cron", "--dir"];

/** Parses argv (after the script name); `help` when -h was given. */
export function parseArgs(argv: string[], cwd: string): TeardownArgs | "help" {
    const problems: string[] = [];
    const [command, ...rest] = argv;
    if (!COMMANDS.includes(command as Command))
        throw new UsageError(`the command is ${command ?? "missing"}, must be one of ${COMMANDS.join(", ")}`);
    const out: TeardownArgs = { command: command as Command, stack: "", dryRun: false, verbose: false, dir: cwd };
    for (let i = 0; i < rest.length; i++) {
        const [flag, inline] = rest[i].startsWith("--") && rest[i].includes("=") ? rest[i].split(/=(.*)/s) : [rest[i]];
        if (flag === "-h" || flag === "--help") return "help";
        if (flag === "--dry-run") out.dryRun = true;
        else if (flag === "--verbose" || flag === "-v") out.verbose = true;
        else if (VALUED.includes(flag)) {
            const value = inline ?? rest[i + 1];
            if (inline === undefined) i++;
            if (value === undefined || value.startsWith("-")) problems.push(`${flag} needs a value`);
            else if (flag === "--cron") out.cron = value;
            else if (flag === "--dir") out.dir = value;
            else out.stack = value;
        } else problems.push(`unknown option ${flag}`);
    }
    if (!out.stack && !problems.some((p) => p.startsWith("--stack") || p.startsWith("-s")))
        problems.push("--stack is required");
    if (out.command === "scheduled" && out.cron === undefined) problems.push("scheduled needs --cron");
    if (problems.length > 0) throw new UsageError(problems.join("; "));
    return out;
}
