/**
 * The GitHub Actions workflows, generated from the plan's stack graph (`npm run workflows`), so the
 * order of their jobs is the order of the stack references; a test checks the committed files equal
 * this output. Each workflow is a plain object, rendered to YAML by render.ts.
 */
import { DeliveryStack, deployNeeds } from "./graph";
import { HOSTED_RUNNER } from "./actions";
import {
    Job,
    awsCredentials,
    checkout,
    jobId,
    policyInputs,
    pulumi,
    runnerFor,
    setupNode,
    stackConcurrency,
    windowGuard,
} from "./steps";

export type Workflow = Record<string, unknown>;

/** The year whose daylight-saving offsets pick the cron hours (the tz rules, not the date, matter). */
export const CRON_YEAR = 2026;

const graphOf = (stacks: DeliveryStack[]) => Object.fromEntries(stacks.map((s) => [s.name, s.references]));

/** The offline plan and every test: no credentials, nothing deployed. */
function checksJob(): Job {
    return {
        name: "offline plan and npm test",
        permissions: { contents: "read" },
        "runs-on": HOSTED_RUNNER,
        "timeout-minutes": 30,
        steps: [checkout(), ...setupNode(), { run: "npm run plan" }, { run: "npm test" }],
    };
}

/** Which stacks the push or pull request can affect (automation/delivery/graph.ts, affectedStacks). */
function changesJob(stacks: DeliveryStack[], base: string): Job {
    return {
        name: "stacks the change affects",
        permissions: { contents: "read" },
        "runs-on": HOSTED_RUNNER,
        "timeout-minutes": 10,
        outputs: { stacks: "${{ steps.affected.outputs.stacks }}" },
        env: { STACK_GRAPH: JSON.stringify(graphOf(stacks)), BASE: base },
        steps: [
            checkout(true),
            ...setupNode(),
            {
                id: "affected",
                // A base git doesn't have (a force push, a manual run) counts as a change to everything.
                run: '{ git diff --name-only "$BASE" "$GITHUB_SHA" || echo "*"; } | node --import tsx automation/delivery/cli.ts affected >> "$GITHUB_OUTPUT"',
            },
        ],
    };
}

/** Runs when the change affects the stack and nothing it waits for failed (a skipped one is fine). */
const stackIf = (stack: DeliveryStack) =>
    `\${{ !cancelled() && needs.checks.result == 'success' && !contains(needs.*.result, 'failure') && contains(fromJSON(needs.changes.outputs.stacks), '${stack.name}') }}`;

function previewJob(stack: DeliveryStack): Job {
    return {
        name: `preview ${stack.name}`,
        needs: ["checks", "changes", ...stack.references.map((r) => jobId("preview", r))],
        if: stackIf(stack),
        "runs-on": runnerFor(stack),
        "timeout-minutes": 60,
        permissions: { contents: "read", "id-token": "write", "pull-requests": "write" },
        concurrency: {
            group: `preview-${stack.name}-\${{ github.event.pull_request.number }}`,
            "cancel-in-progress": true,
        },
        steps: [
            checkout(),
            ...setupNode(),
            awsCredentials(stack, "preview"),
            pulumi(stack, "preview", {
                ...policyInputs(stack),
                "comment-on-pr": true,
                "edit-pr-comment": true,
                "github-token": "${{ secrets.GITHUB_TOKEN }}",
            }),
        ],
    };
}

export function pullRequestWorkflow(stacks: DeliveryStack[]): Workflow {
    return {
        name: "pull request",
        on: { pull_request: { branches: ["main"] } },
        permissions: {},
        concurrency: { group: "pr-${{ github.event.pull_request.number }}", "cancel-in-progress": true },
        jobs: {
            checks: { ...checksJob(), permissions: { contents: "read" } },
            changes: {
                ...changesJob(stacks, "${{ github.event.pull_request.base.sha }}"),
                permissions: { contents: "read" },
            },
            ...Object.fromEntries(stacks.map((s) => [jobId("preview", s.name), previewJob(s)])),
        },
    };
}

function upJob(stack: DeliveryStack, needs: string[]): Job {
    const guard = windowGuard(stack);
    const when = guard.condition ? { if: guard.condition } : {};
    return {
        name: `up ${stack.name}`,
        needs: ["checks", "changes", ...needs.map((n) => jobId("up", n))],
        if: stackIf(stack),
        "runs-on": runnerFor(stack),
        "timeout-minutes": 120,
        // The environment holds the approval (required reviewers on prod) and is what the deploy
        // role's trust policy names in the OIDC subject.
        environment: stack.environment,
        permissions: { contents: "read", "id-token": "write" },
        concurrency: stackConcurrency(stack),
        steps: [
            checkout(),
            ...setupNode(),
            ...guard.steps,
            { ...when, ...awsCredentials(stack, "deploy") },
            { ...when, ...pulumi(stack, "up", policyInputs(stack)) },
        ],
    };
}

export function mainWorkflow(stacks: DeliveryStack[]): Workflow {
    const needs = deployNeeds(stacks);
    return {
        name: "deploy",
        on: { push: { branches: ["main"] }, workflow_dispatch: {} },
        permissions: {},
        jobs: {
            checks: checksJob(),
            changes: changesJob(stacks, "${{ github.event.before }}"),
            ...Object.fromEntries(stacks.map((s) => [jobId("up", s.name), upJob(s, needs[s.name])])),
        },
    };
}

function driftJob(stack: DeliveryStack): Job {
    const guard = windowGuard(stack);
    const when = guard.condition ? { if: guard.condition } : {};
    return {
        name: `drift ${stack.name}`,
        "runs-on": runnerFor(stack),
        "timeout-minutes": 60,
        permissions: { contents: "read", "id-token": "write" },
        concurrency: stackConcurrency(stack),
        steps: [
            checkout(),
            ...setupNode(),
            ...guard.steps,
            { ...awsCredentials(stack, "preview"), ...when },
            // --refresh --expect-no-changes: a drifted stack fails, and the diff names what drifted.
            {
                ...pulumi(stack, "preview", {
                    refresh: true,
                    "expect-no-changes": true,
                    diff: true,
                    "comment-on-summary": true,
                }),
                ...when,
            },
        ],
    };
}

export function driftWorkflow(stacks: DeliveryStack[]): Workflow {
    return {
        name: "nightly drift",
        // 02:17 UTC: off the hour, when GitHub's scheduler is least loaded.
        on: { schedule: [{ cron: "17 2 * * *" }], workflow_dispatch: {} },
        permissions: {},
        jobs: Object.fromEntries(stacks.map((s) => [jobId("drift", s.name), driftJob(s)])),
    };
}
