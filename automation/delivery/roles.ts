/**
 * The IAM roles the workflows assume through GitHub's OIDC provider, one pair per environment, made
 * by the bootstrap stack (stacks/bootstrap.ts reads the same names from here through its config).
 * Fixed names, so a workflow can be written before the stack runs; IAM role names allow 64
 * characters of [A-Za-z0-9+=,.@_-].
 */
export type CiAccess = "preview" | "deploy";

export function ciRoleName(environment: string, access: CiAccess): string {
    return `payments-ci-${environment}-${access}`;
}

/** The ARN as a workflow writes it: the account comes from the repository variable AWS_ACCOUNT_ID. */
export function ciRoleArn(environment: string, access: CiAccess): string {
    return `arn:aws:iam::\${{ vars.AWS_ACCOUNT_ID }}:role/${ciRoleName(environment, access)}`;
}
