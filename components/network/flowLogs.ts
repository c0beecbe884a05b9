/**
 * VPC flow logs to CloudWatch Logs, encrypted with a rotating customer-managed key. Every VPC of
 * the network area logs ALL traffic (accepted and rejected): the payments audit trail needs both.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptionKey } from "../kms";

export interface FlowLogTarget {
    /** Short role of the VPC, used in names (e.g. "shared-services"). */
    role: string;
    vpcId: pulumi.Input<string>;
}

export interface FlowLogsArgs {
    /** The VPCs to log. */
    vpcs: FlowLogTarget[];
    /** Log retention in days. */
    retentionDays: number;
    tags?: Record<string, string>;
    /** Pulumi `protect` on the key (prod: its logs stay readable for their retention). @default false */
    protect?: boolean;
}

export interface FlowLogs {
    /** Log group name per VPC role. */
    logGroupNames: Record<string, pulumi.Output<string>>;
    keyArn: pulumi.Output<string>;
}

/** The trust policy of the flow-log role: the flow-logs service, for this account only (confused deputy). */
export function flowLogTrustPolicy(account: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    });
}

function flowLogRole(
    name: string,
    logGroupArns: pulumi.Output<string>[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.iam.Role {
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const role = new aws.iam.Role(
        `${name}-flow-logs-role`,
        {
            assumeRolePolicy: account.apply(flowLogTrustPolicy),
            tags: { ...tags, Name: `${name}-flow-logs-role` },
        },
        { parent },
    );
    new aws.iam.RolePolicy(
        `${name}-flow-logs-write`,
        {
            role: role.id,
            policy: pulumi.all(logGroupArns).apply((arns) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: [
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogGroups",
                                "logs:DescribeLogStreams",
                            ],
                            Resource: arns.flatMap((a) => [a, `${a}:*`]),
                        },
                    ],
                }),
            ),
        },
        { parent },
    );
    return role;
}

/** One key, one role, and per VPC a log group and a flow log. */
export function vpcFlowLogs(name: string, args: FlowLogsArgs, parent: pulumi.Resource): FlowLogs {
    const tags = args.tags ?? {};
    const { key } = encryptionKey(
        `${name}-flow-logs`,
        { description: `${name} VPC flow logs`, allowCloudWatchLogs: true, tags, protect: args.protect ?? false },
        parent,
    );
    const groups = args.vpcs.map(
        (v) =>
            new aws.cloudwatch.LogGroup(
                `${name}-${v.role}-flow-logs`,
                {
                    name: `/vpc/${name}/${v.role}/flow-logs`,
                    retentionInDays: args.retentionDays,
                    kmsKeyId: key.arn,
                    tags: { ...tags, Name: `${name}-${v.role}-flow-logs` },
                },
                { parent },
            ),
    );
    const role = flowLogRole(
        name,
        groups.map((g) => g.arn),
        tags,
        parent,
    );
    args.vpcs.forEach(
        (v, i) =>
            new aws.ec2.FlowLog(
                `${name}-${v.role}-flow-log`,
                {
                    vpcId: v.vpcId,
                    trafficType: "ALL",
                    logDestinationType: "cloud-watch-logs",
                    logDestination: groups[i].arn,
                    iamRoleArn: role.arn,
                    // One-minute aggregation: incident timelines need finer than the 10-minute default.
                    maxAggregationInterval: 60,
                    tags: { ...tags, Name: `${name}-${v.role}-flow-log` },
                },
                { parent },
            ),
    );
    return { logGroupNames: Object.fromEntries(args.vpcs.map((v, i) => [v.role, groups[i].name])), keyArn: key.arn };
}
