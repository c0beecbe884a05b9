/**
 * IAM roles for Kubernetes service accounts (IRSA).
 *
 * Why IRSA rather than EKS Pod Identity: every chart the platform installs supports the
 * `eks.amazonaws.com/role-arn` service-account annotation, and IRSA needs no extra agent DaemonSet
 * (which would have to tolerate the tainted system nodes and be up before any add-on can call AWS).
 * The trust lives in the role itself, so "this role is assumable by exactly one service account"
 * is visible in the plan and checked by tests and policies, not hidden in an association resource.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The cluster's OIDC identity provider, as IRSA trust policies need it. */
export interface OidcProvider {
    /** ARN of the IAM OIDC provider. */
    arn: pulumi.Input<string>;
    /** Issuer without the scheme, e.g. "oidc.eks.eu-central-1.amazonaws.com/id/ABC…". */
    issuer: pulumi.Input<string>;
}

/** A policy document as plain data. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Record<string, unknown>[];
}

/** Trust policy that lets exactly one service account (and only for STS) assume the role. */
export function serviceAccountTrustPolicy(
    oidcProviderArn: string,
    issuer: string,
    namespace: string,
    serviceAccount: string,
): PolicyDocument {
    const host = issuer.replace(/^https:\/\//, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${host}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

export interface ServiceAccountRoleArgs {
    oidc: OidcProvider;
    namespace: string;
    serviceAccount: string;
    /** Inline policy (plain or computed). @default none */
    policy?: pulumi.Input<PolicyDocument>;
    /** AWS-managed policy ARNs to attach. @default [] */
    managedPolicyArns?: pulumi.Input<string>[];
    tags?: Record<string, string>;
}

/** A role and the policy resources a pod needs in place before it calls AWS. */
export interface ServiceAccountRole {
    role: aws.iam.Role;
    /** Inline policy and attachments: depend on these, not just the role. */
    policies: pulumi.Resource[];
}

/** A role for one service account, with an inline policy and/or managed policies, children of `parent`. */
export function serviceAccountRole(
    name: string,
    args: ServiceAccountRoleArgs,
    parent: pulumi.Resource,
): ServiceAccountRole {
    const role = new aws.iam.Role(
        `${name}-role`,
        {
            description: `IRSA role of ${args.namespace}/${args.serviceAccount}`,
            assumeRolePolicy: pulumi
                .all([args.oidc.arn, args.oidc.issuer])
                .apply(([arn, issuer]) =>
                    JSON.stringify(serviceAccountTrustPolicy(arn, issuer, args.namespace, args.serviceAccount)),
                ),
            tags: { ...args.tags, Name: `${name}-role` },
        },
        { parent },
    );
    const policies: pulumi.Resource[] = [];
    if (args.policy) {
        policies.push(
            new aws.iam.RolePolicy(
                `${name}-policy`,
                { role: role.id, policy: pulumi.output(args.policy).apply((d) => JSON.stringify(d)) },
                { parent: role },
            ),
        );
    }
    (args.managedPolicyArns ?? []).forEach((arn, i) => {
        policies.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-managed-${i}`,
                { role: role.name, policyArn: arn },
                { parent: role },
            ),
        );
    });
    return { role, policies };
}
