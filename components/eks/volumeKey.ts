/**
 * The KMS key of the cluster's EBS volumes (node root volumes and persistent volumes).
 *
 * Not the shared `encryptionKey` helper: a managed node group launches instances through the
 * AWSServiceRoleForAutoScaling service-linked role, and a service-linked role can only be given a
 * customer key through the key policy (its IAM policy is AWS-owned). Without the statements below,
 * instances with an encrypted root volume fail to launch.
 *
 * KMS rejects a key policy naming a principal that does not exist (MalformedPolicyDocumentException),
 * and AWSServiceRoleForAutoScaling only exists once something created it (the first Auto Scaling
 * group does, but the key comes before the node groups). So the component creates the role and the
 * key waits for it, unless the account already has it (createAutoscalingServiceLinkedRole: false).
 * A role created seconds before is fine: the provider retries that error for two minutes of IAM
 * propagation (waitIAMPropagation in terraform-provider-aws internal/service/kms); one that never
 * exists is not.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The ARN IAM gives Auto Scaling's service-linked role in an account. */
export function autoscalingServiceLinkedRoleArn(partition: string, account: string): string {
    return `arn:${partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/** Key policy: the account administers through IAM; Auto Scaling may use the key for volumes it attaches. */
export function volumeKeyPolicy(partition: string, account: string, autoscaling: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersThroughIam",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${account}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "AutoScalingUsesKeyForVolumes",
                Effect: "Allow",
                Principal: { AWS: autoscaling },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "AutoScalingGrantsForAttachment",
                Effect: "Allow",
                Principal: { AWS: autoscaling },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    });
}

/**
 * Auto Scaling's service-linked role. It is one per account, shared by every Auto Scaling group in
 * it: destroying a stack must not delete it (IAM refuses while any group uses it, and other stacks'
 * groups may), so it is retained; a stack deployed after it exists imports it or sets the flag off.
 */
export function autoscalingServiceLinkedRole(
    name: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.iam.ServiceLinkedRole {
    return new aws.iam.ServiceLinkedRole(
        `${name}-autoscaling-slr`,
        {
            awsServiceName: "autoscaling.amazonaws.com",
            description: "Auto Scaling service-linked role (EKS managed node groups launch through it)",
            tags: { ...tags, Name: `${name}-autoscaling-slr` },
        },
        { parent, retainOnDelete: true },
    );
}

/** A rotating key for the cluster's EBS volumes; with `slr`, its policy names that role and waits for it. */
export function volumeKey(
    name: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
    slr?: aws.iam.ServiceLinkedRole,
    protect?: boolean,
): aws.kms.Key {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const autoscaling = slr
        ? slr.arn
        : pulumi
              .all([partition.partition, identity.accountId])
              .apply(([p, a]) => autoscalingServiceLinkedRoleArn(p, a));
    const key = new aws.kms.Key(
        `${name}-volumes-key`,
        {
            description: `EBS volumes of EKS cluster ${name} (node root volumes and persistent volumes)`,
            enableKeyRotation: true,
            rotationPeriodInDays: 180,
            deletionWindowInDays: 30,
            policy: pulumi
                .all([partition.partition, identity.accountId, autoscaling])
                .apply(([p, a, asg]) => volumeKeyPolicy(p, a, asg)),
            tags: { ...tags, Name: `${name}-volumes-key` },
        },
        { parent, protect, dependsOn: slr ? [slr] : [] },
    );
    new aws.kms.Alias(`${name}-volumes-alias`, { name: `alias/${name}-volumes`, targetKeyId: key.keyId }, { parent });
    return key;
}
