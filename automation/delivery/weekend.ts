/**
 * The weekend teardown workflow: cron at every UTC hour the window's start and end can fall on in the
 * stacks' zones (two each in Europe/Berlin: CET and CEST), and the tool decides from the cron line
 * which run is the real one (automation/teardown/schedule.ts). Manual runs pick stack and action.
 */
import { ACTIONS, PULUMI_CLI_VERSION, uses } from "./actions";
import { DeliveryStack } from "./graph";
import { awsCredentials, checkout, jobId, runnerFor, setupNode, stackConcurrency } from "./steps";
import { CRON_YEAR, Workflow } from "./workflows";
import { utcCronCandidates, WINDOW_END, WINDOW_START } from "../teardown/schedule";

/** Every cron line the stacks' windows need, sorted and distinct. */
export function weekendCrons(stacks: DeliveryStack[]): string[] {
    const crons = stacks.flatMap((s) => [
        ...utcCronCandidates(WINDOW_START, s.timeZone, CRON_YEAR),
        ...utcCronCandidates(WINDOW_END, s.timeZone, CRON_YEAR),
    ]);
    return [...new Set(crons)].sort();
}

function weekendJob(stack: DeliveryStack): Record<string, unknown> {
    const pulumiEnv = { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" };
    return {
        name: `weekend ${stack.name}`,
        if: `\${{ github.event_name == 'schedule' || inputs.stack == '${stack.name}' }}`,
        "runs-on": runnerFor(stack),
        // Bounded: the drain (10 min), four destroy attempts and the leftovers check fit well inside.
        "timeout-minutes": 150,
        environment: stack.environment,
        permissions: { contents: "read", "id-token": "write" },
        concurrency: stackConcurrency(stack),
        steps: [
            checkout(),
            ...setupNode(),
            awsCredentials(stack, "deploy"),
            // Without `command`, pulumi/actions only installs the CLI, which the Automation API drives.
            { uses: uses(ACTIONS.pulumi), with: { "pulumi-version": PULUMI_CLI_VERSION } },
            {
                name: "scheduled teardown or restore",
                if: "github.event_name == 'schedule'",
                run: `node --import tsx automation/teardown/cli.ts scheduled --stack ${stack.name} --cron "$CRON"`,
                env: { CRON: "${{ github.event.schedule }}", ...pulumiEnv },
            },
            {
                name: "manual teardown or restore",
                if: "github.event_name == 'workflow_dispatch'",
                run: `npm run -s "$ACTION" -- --stack ${stack.name} $DRY_RUN`,
                env: {
                    ACTION: "${{ inputs.action }}",
                    DRY_RUN: "${{ inputs.dry-run && '--dry-run' || '' }}",
                    ...pulumiEnv,
                },
            },
        ],
    };
}

export function weekendWorkflow(stacks: DeliveryStack[]): Workflow | undefined {
    const torn = stacks.filter((s) => s.weekendTeardown);
    if (torn.length === 0) return undefined;
    return {
        name: "weekend teardown",
        on: {
            schedule: weekendCrons(torn).map((cron) => ({ cron })),
            workflow_dispatch: {
                inputs: {
                    stack: { description: "stack", type: "choice", required: true, options: torn.map((s) => s.name) },
                    action: {
                        description: "what to do",
                        type: "choice",
                        required: true,
                        options: ["teardown", "restore"],
                    },
                    "dry-run": { description: "print the steps, change nothing", type: "boolean", default: true },
                },
            },
        },
        permissions: {},
        jobs: Object.fromEntries(torn.map((s) => [jobId("weekend", s.name), weekendJob(s)])),
    };
}
