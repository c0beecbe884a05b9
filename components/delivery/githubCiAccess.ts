/**
 * GitHub Actions' way into the account: the OIDC provider for GitHub's token issuer and, per
 * environment, a read-only role for previews and drift and a deploy role that only a job in that
 * GitHub environment can assume. No long-lived keys exist anywhere.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CiAccess, GITHUB_OIDC_HOST, STS_AUDIENCE, ciRoleName, ciSubjects, ciTrustPolicy } from "./ciRoles";

export interface GithubCiAccessArgs {
    /** `owner/name` of the repository whose workflows assume the roles. @default none (required) */
    repository: string;
    /** Environments that get a preview and a deploy role. @default none (required) */
    environments: string[];
    /**
     * ARN of the account's GitHub OIDC provider when it exists already: IAM allows one provider per
     * issuer URL and account, so a second create fails with EntityAlreadyExists. @default none (create it)
     */
    existingOidcProviderArn?: string;
    /** Longest session of a deploy role (an EKS and Aurora `up` or destroy takes over an hour). @default 10800 */
    deploySessionSeconds?: number;
}

/**
 * What each access level may do: previews and drift read; deploys get PowerUserAccess (everything
 * but IAM, Organizations and Account) plus the IAM actions the program uses (IRSA and node roles,
 * their policies and instance profiles, the cluster's OIDC provider, service-linked roles).
 * AdministratorAccess would be simpler and the policy pack refuses it (iam-no-wildcard-admin).
 */
const POLICY: Record<CiAccess, string> = {
    preview: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    deploy: "arn:aws:iam::aws:policy/PowerUserAccess",
};

const DEPLOY_IAM_ACTIONS = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:GetRole",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:UpdateAssumeRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:ListRoles",
    "iam:ListRoleTags",
    "iam:PutRolePolicy",
    "iam:GetRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:ListRolePolicies",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:PassRole",
    "iam:CreatePolicy",
    "iam:DeletePolicy",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicyVersion",
    "iam:ListPolicyVersions",
    "iam:TagPolicy",
    "iam:CreateInstanceProfile",
    "iam:DeleteInstanceProfile",
    "iam:GetInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:ListInstanceProfilesForRole",
    "iam:TagInstanceProfile",
    "iam:CreateOpenIDConnectProvider",
    "iam:DeleteOpenIDConnectProvider",
    "iam:GetOpenIDConnectProvider",
    "iam:TagOpenIDConnectProvider",
    "iam:CreateServiceLinkedRole",
    "iam:GetServiceLinkedRoleDeletionStatus",
];

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Every problem with the args, naming the field, the value and what is allowed. */
export function githubCiAccessProblems(args: GithubCiAccessArgs): string[] {
    const p: string[] = [];
    if (!REPOSITORY.test(args.repository))
        p.push(`repository is ${JSON.stringify(args.repository)}, must be "owner/name" as GitHub spells it`);
    if (args.environments.length === 0) p.push("environments is empty, at least one environment needs roles");
    for (const e of args.environments)
        if (!/^[a-z][a-z0-9-]*$/.test(e) || ciRoleName(e, "preview").length > 64)
            p.push(
                `environments has ${JSON.stringify(e)}, must be lower-case letters, digits and - (a role name is at most 64 characters)`,
            );
    const s = args.deploySessionSeconds;
    if (s !== undefined && (!Number.isInteger(s) || s < 3600 || s > 43200))
        p.push(`deploySessionSeconds is ${s}, IAM allows 3600 to 43200`);
    return p;
}

export class GithubCiAccess extends pulumi.ComponentResource {
    /** ARN of the OIDC provider the roles trust. */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** Role ARNs by environment, then access (`{ dev: { preview, deploy } }`). */
    public readonly roleArns: Record<string, Record<CiAccess, pulumi.Output<string>>>;

    constructor(name: string, args: GithubCiAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:delivery:GithubCiAccess", name, {}, opts);
        const problems = githubCiAccessProblems(args);
        if (problems.length > 0) throw new Error(`Invalid GithubCiAccess args:\n - ${problems.join("\n - ")}`);
        const sessionSeconds = args.deploySessionSeconds ?? 10800;
        this.oidcProviderArn = args.existingOidcProviderArn
            ? pulumi.output(args.existingOidcProviderArn)
            : oidcProvider(name, this).arn;
        this.roleArns = {};
        for (const environment of args.environments) {
            this.roleArns[environment] = {
                preview: ciRole(name, { ...args, environment, access: "preview", sessionSeconds: 3600 }, this),
                deploy: ciRole(name, { ...args, environment, access: "deploy", sessionSeconds }, this),
            };
        }
        this.registerOutputs({ oidcProviderArn: this.oidcProviderArn, roleArns: this.roleArns });
    }
}

function oidcProvider(name: string, parent: GithubCiAccess): aws.iam.OpenIdConnectProvider {
    // No thumbprint: IAM verifies GitHub's issuer through its own trusted CAs since 2023, and
    // provider v7 makes thumbprintLists optional (a pinned thumbprint broke when GitHub rotated).
    return new aws.iam.OpenIdConnectProvider(
        `${name}-github-oidc`,
        { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [STS_AUDIENCE], tags: { Name: `${name}-github-oidc` } },
        // Other stacks' and tools' roles may trust it too: leave it when this stack goes.
        { parent, retainOnDelete: true },
    );
}

interface RoleArgs {
    repository: string;
    environment: string;
    access: CiAccess;
    sessionSeconds: number;
}

function ciRole(name: string, a: RoleArgs, parent: GithubCiAccess): pulumi.Output<string> {
    const roleName = ciRoleName(a.environment, a.access);
    const role = new aws.iam.Role(
        `${name}-${a.environment}-${a.access}`,
        {
            // Fixed, because the workflows assume it by name (automation/delivery/roles.ts); only a
            // name change replaces an IAM role, and then the new name doesn't collide.
            name: roleName,
            description: `GitHub Actions ${a.access} for ${a.environment} (${a.repository})`,
            assumeRolePolicy: parent.oidcProviderArn.apply((arn) =>
                JSON.stringify(ciTrustPolicy(arn, ciSubjects(a.repository, a.environment, a.access))),
            ),
            maxSessionDuration: a.sessionSeconds,
            tags: { Name: roleName },
        },
        { parent },
    );
    new aws.iam.RolePolicyAttachment(
        `${name}-${a.environment}-${a.access}-policy`,
        { role: role.name, policyArn: POLICY[a.access] },
        { parent },
    );
    if (a.access === "deploy")
        new aws.iam.RolePolicy(
            `${name}-${a.environment}-${a.access}-iam`,
            {
                role: role.name,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: DEPLOY_IAM_ACTIONS, Resource: "*" }],
                }),
            },
            { parent },
        );
    return role.arn;
}
