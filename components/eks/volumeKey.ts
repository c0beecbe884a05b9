/**
 * The KMS key of the cluster's EBS volumes (node root volumes and persistent volumes).
 *
 * Not the shared `encryptionKey` helper: a managed node group launches instances through the
 * AWSServiceRoleForAutoScaling service-linked role, and a service-linked role can only be given a
 * customer key through the key policy (its IAM policy is AWS-owned). Without the statements below,
 * instances with an encrypted root volume fail to launch.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Key policy: the account administers through IAM; Auto Scaling may use the key for volumes it attaches. */
export function volumeKeyPolicy(partition: string, account: string): string {
    const autoscaling = `arn:${partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
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

/** A rotating key for the cluster's EBS volumes. */
export function volumeKey(name: string, tags: Record<string, string>, parent: pulumi.Resource): aws.kms.Key {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const key = new aws.kms.Key(
        `${name}-volumes-key`,
        {
            description: `EBS volumes of EKS cluster ${name} (node root volumes and persistent volumes)`,
            enableKeyRotation: true,
            rotationPeriodInDays: 180,
            deletionWindowInDays: 30,
            policy: pulumi.all([partition.partition, identity.accountId]).apply(([p, a]) => volumeKeyPolicy(p, a)),
            tags: { ...tags, Name: `${name}-volumes-key` },
        },
        { parent },
    );
    new aws.kms.Alias(`${name}-volumes-alias`, { name: `alias/${name}-volumes`, targetKeyId: key.keyId }, { parent });
    return key;
}
