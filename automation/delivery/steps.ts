/** The steps and job pieces every workflow shares. */
import { ACTIONS, HOSTED_RUNNER, NODE_VERSION, PRIVATE_RUNNER, PULUMI_CLI_VERSION, uses } from "./actions";
import { DeliveryStack } from "./graph";
import { CiAccess, ciRoleArn } from "./roles";

export type Step = Record<string, unknown>;
export type Job = Record<string, unknown>;

export const PROJECT = "payments-platform";

/** A job id for a stack (ids allow letters, digits, - and _). */
export const jobId = (prefix: string, stack: string) => `${prefix}-${stack.replace(/[^A-Za-z0-9_-]/g, "_")}`;

export function checkout(fullHistory = false): Step {
    // No token left in .git/config: later steps run the project's code.
    return {
        uses: uses(ACTIONS.checkout),
        with: { "persist-credentials": false, ...(fullHistory ? { "fetch-depth": 0 } : {}) },
    };
}

export function setupNode(): Step[] {
    return [
        { uses: uses(ACTIONS.setupNode), with: { "node-version": NODE_VERSION, cache: "npm" } },
        { run: "npm ci --no-audit --no-fund" },
    ];
}

export function awsCredentials(stack: DeliveryStack, access: CiAccess): Step {
    return {
        uses: uses(ACTIONS.awsCredentials),
        with: {
            "role-to-assume": ciRoleArn(stack.environment, access),
            "aws-region": stack.region,
            "role-session-name": `gh-\${{ github.run_id }}-${stack.name}`,
            "role-duration-seconds": 3600,
        },
    };
}

/** A pulumi/actions step; the token is the Pulumi Cloud backend's (README, "CI/CD"). */
export function pulumi(stack: DeliveryStack, command: "preview" | "up", extra: Record<string, unknown> = {}): Step {
    return {
        uses: uses(ACTIONS.pulumi),
        with: {
            command,
            "stack-name": `\${{ vars.PULUMI_ORG }}/${PROJECT}/${stack.name}`,
            "pulumi-version": PULUMI_CLI_VERSION,
            ...extra,
        },
        env: { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" },
    };
}

/** The policy pack and the stack's environment's config, as `--policy-pack … --policy-pack-config …`. */
export function policyInputs(stack: DeliveryStack): Record<string, string> {
    return { policyPacks: "policies", policyPackConfigs: stack.policyConfig };
}

/** Workload stacks reach their cluster's private API; the rest need only AWS's public APIs. */
export function runnerFor(stack: DeliveryStack): string | string[] {
    return stack.role === "workload" ? PRIVATE_RUNNER : HOSTED_RUNNER;
}

/** One run at a time per stack across every workflow: pending runs queue, none is cancelled mid-update. */
export function stackConcurrency(stack: DeliveryStack): Record<string, unknown> {
    return { group: `pulumi-${stack.name}`, "cancel-in-progress": false };
}

/**
 * For a stack torn down every weekend: a step that says whether now is inside the window, so the
 * job's Pulumi steps skip then (an `up` on Saturday would re-create dev empty, and Monday's restore
 * would then find the cluster there and not restore the snapshot).
 */
export function windowGuard(stack: DeliveryStack): { steps: Step[]; condition: string | undefined } {
    if (!stack.weekendTeardown) return { steps: [], condition: undefined };
    return {
        steps: [
            {
                id: "window",
                run: `node --import tsx automation/teardown/cli.ts window --stack ${stack.name} >> "$GITHUB_OUTPUT"`,
            },
        ],
        condition: "steps.window.outputs.in-window != 'true'",
    };
}
