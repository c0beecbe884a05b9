/**
 * IAM policy documents of the in-cluster telemetry shippers, as pure functions of plain values.
 */
import { PolicyDocument } from "./irsa";

/**
 * Fluent Bit's cloudwatch_logs output with auto_create_group off: it creates streams in, and writes
 * to, exactly the given log groups. Stream-level actions are authorised on the stream ARN
 * (`log-group:<name>:log-stream:<stream>`), which the `<group-arn>:*` form covers;
 * DescribeLogStreams is authorised on the group ARN itself.
 */
export function logShippingPolicy(logGroupArns: string[]): PolicyDocument {
    const bare = logGroupArns.map((a) => a.replace(/:\*$/, ""));
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteContainerLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: bare.map((a) => `${a}:*`),
            },
        ],
    };
}

/**
 * The collector's awsxray exporter. X-Ray offers no resource-level permissions for these actions
 * (the Service Authorization Reference lists no resource types for them), so "*" is the only scope
 * IAM accepts; the role is trusted by the collector's service account alone.
 */
export function xrayWritePolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "PutTraces",
                Effect: "Allow",
                Action: [
                    "xray:PutTraceSegments",
                    "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                ],
                Resource: "*",
            },
        ],
    };
}
