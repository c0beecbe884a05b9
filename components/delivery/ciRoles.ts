/**
 * The IAM roles GitHub Actions assumes through the account's OIDC provider: names and trust
 * policies, pure. The workflows (automation/delivery) write the same names, so a workflow can be
 * generated before the bootstrap stack exists. IAM role names: 64 characters of [A-Za-z0-9+=,.@_-].
 */

export type CiAccess = "preview" | "deploy";

/** GitHub's OIDC issuer, without the scheme (the form IAM condition keys use). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials requests by default. */
export const STS_AUDIENCE = "sts.amazonaws.com";

export function ciRoleName(environment: string, access: CiAccess): string {
    return `payments-ci-${environment}-${access}`;
}

/**
 * The OIDC subjects allowed to assume a role. Deploy: only a job running in the environment's GitHub
 * environment (which holds prod's required reviewers), so a pull request or another branch can
 * never deploy. Preview: pull requests and the default branch (the nightly drift runs from main).
 */
export function ciSubjects(repository: string, environment: string, access: CiAccess): string[] {
    return access === "deploy"
        ? [`repo:${repository}:environment:${environment}`]
        : [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/main`];
}

/** The trust policy: web identity from the provider, exact audience and exact subjects (no wildcard). */
export function ciTrustPolicy(providerArn: string, subjects: string[]): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subjects },
                },
            },
        ],
    };
}
