/**
 * Every action the workflows use, pinned to the commit its release tag points at (a tag can be moved;
 * a commit can't). Checked by fetching each repository and reading `git rev-parse <tag>^{commit}`:
 * pulumi/actions v7.0.0 (2026-05-04), actions/checkout v7.0.1 (2026-07-17),
 * aws-actions/configure-aws-credentials v6.2.3 (2026-07-22), actions/setup-node v7.0.0 (2026-07-13).
 * pulumi/actions v7 reads `command`, `stack-name`, `policyPacks`, `policyPackConfigs`, `refresh`,
 * `expect-no-changes`, `comment-on-pr` and `edit-pr-comment` (its action.yml at that commit); it
 * edits the comment whose heading names the same command and stack, so each stack keeps one comment.
 */
export interface PinnedAction {
    repo: string;
    sha: string;
    tag: string;
}

export const ACTIONS = {
    checkout: { repo: "actions/checkout", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1" },
    setupNode: { repo: "actions/setup-node", sha: "820762786026740c76f36085b0efc47a31fe5020", tag: "v7.0.0" },
    awsCredentials: {
        repo: "aws-actions/configure-aws-credentials",
        sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
        tag: "v6.2.3",
    },
    pulumi: { repo: "pulumi/actions", sha: "8e5e406f4007fca908480587cb9893c07090f58d", tag: "v7.0.0" },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@sha`, as a step's `uses:`. */
export const uses = (a: PinnedAction) => `${a.repo}@${a.sha}`;

/** The Pulumi CLI the jobs install: the release of the @pulumi/pulumi SDK the lock pins (they ship together). */
export const PULUMI_CLI_VERSION = "3.270.0";
/** The Node the project is tested on (engines: >=22). */
export const NODE_VERSION = "22.23.5";
/** GitHub-hosted image, pinned rather than `ubuntu-latest`, which moves under the jobs. */
export const HOSTED_RUNNER = "ubuntu-24.04";
/**
 * Jobs that talk to a cluster's private API run on a self-hosted runner that reaches the spokes (on
 * premises over the VPN / Direct Connect; README, "Where `pulumi up` runs").
 */
export const PRIVATE_RUNNER = ["self-hosted", "linux", "payments-private"];
