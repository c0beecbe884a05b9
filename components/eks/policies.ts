/**
 * IAM policy documents of the add-ons, as pure functions of plain values. Each grants the narrowest
 * scope the add-on's upstream documentation allows.
 */
import { PolicyDocument } from "./irsa";
import lbControllerPolicyJson from "./lb-controller-iam-policy.json";

/**
 * The AWS Load Balancer Controller's official policy, kept as data: docs/install/iam_policy.json of
 * kubernetes-sigs/aws-load-balancer-controller at v2.17.1 (the chart 1.17.1 app version).
 */
export const LB_CONTROLLER_POLICY = lbControllerPolicyJson as PolicyDocument;

/**
 * cluster-autoscaler: reads everywhere (Describe calls don't support resource scoping) but may only
 * resize or terminate in ASGs tagged as this cluster's (EKS tags managed node group ASGs so).
 */
export function clusterAutoscalerPolicy(clusterName: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "Describe",
                Effect: "Allow",
                Action: [
                    "autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:DescribeAutoScalingInstances",
                    "autoscaling:DescribeLaunchConfigurations",
                    "autoscaling:DescribeScalingActivities",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeLaunchTemplateVersions",
                    "ec2:GetInstanceTypesFromInstanceRequirements",
                    "eks:DescribeNodegroup",
                ],
                Resource: "*",
            },
            {
                Sid: "ScaleOwnNodeGroups",
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: "*",
                Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
            },
        ],
    };
}

/** external-secrets: read parameters under one path, decrypt with the given keys only through SSM. */
export function externalSecretsPolicy(
    partition: string,
    region: string,
    account: string,
    parameterPath: string,
    kmsKeyArns: string[],
): PolicyDocument {
    const path = parameterPath.replace(/^\//, "");
    const statements: Record<string, unknown>[] = [
        {
            Sid: "ReadPlatformParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
            Resource: [`arn:${partition}:ssm:${region}:${account}:parameter/${path}*`],
        },
        // DescribeParameters (ExternalSecret dataFrom.find) has no resource-level permissions: scoped
        // to a parameter ARN it is always denied. It returns names and metadata only, never values.
        { Sid: "ListParameters", Effect: "Allow", Action: "ssm:DescribeParameters", Resource: "*" },
    ];
    if (kmsKeyArns.length > 0) {
        statements.push({
            Sid: "DecryptThroughSsm",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: kmsKeyArns,
            Condition: { StringEquals: { "kms:ViaService": `ssm.${region}.amazonaws.com` } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** KEDA's operator, before any queue is granted: CloudWatch metrics for its CloudWatch scalers. */
export function kedaPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        // GetMetricData has no resource-level permissions.
        Statement: [{ Sid: "Metrics", Effect: "Allow", Action: ["cloudwatch:GetMetricData"], Resource: "*" }],
    };
}

/**
 * KEDA's aws-sqs-queue scaler on these queues: it reads ApproximateNumberOfMessages (and, by
 * default, ...NotVisible) with one sqs:GetQueueAttributes call on the trigger's queueURL, so it
 * needs nothing else; GetQueueUrl only when a trigger names a queue instead of a URL. Checked in
 * KEDA's scaler docs (keda.sh/docs/2.18/scalers/aws-sqs: "the KEDA operator has the correct IAM
 * permissions on the SQS queue") and its source (pkg/scalers/aws_sqs_queue_scaler.go calls only
 * GetQueueAttributes). Attribute reads need no kms:Decrypt even on a KMS-encrypted queue.
 */
export function kedaQueueScalingPolicy(queueArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "QueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: queueArns }],
    };
}

/** The EBS CSI driver's use of the volume key (the AWS-managed driver policy covers only aws/ebs). */
export function ebsCsiKmsPolicy(volumeKeyArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "GrantsForAttachedVolumes",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                Resource: volumeKeyArn,
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
            {
                Sid: "UseVolumeKey",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: volumeKeyArn,
            },
        ],
    };
}

/** Whether a statement allows every action on every resource. */
export function isAdminStatement(st: Record<string, unknown>): boolean {
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    return st.Effect === "Allow" && list(st.Action).includes("*") && list(st.Resource).includes("*");
}
