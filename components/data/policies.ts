/**
 * IAM, SQS and EventBridge documents of the payments data stores, as pure functions of plain ARNs so
 * they are tested from values and rendered identically by `pulumi preview` and the offline plan.
 */

/** Trust policy letting one AWS service assume a role. */
export function assumeRolePolicy(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

/**
 * What the RDS Proxy's role may do: read exactly the secrets in its auth list (the master's and the
 * service users'), and decrypt with the one key they are encrypted with — and only when Secrets
 * Manager asks KMS on its behalf.
 */
export function proxyRolePolicy(secretArns: readonly string[], keyArn: string, region: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadProxySecrets",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: [...secretArns],
            },
            {
                Sid: "DecryptProxySecrets",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: keyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
            },
        ],
    });
}

/**
 * A queue's policy: nothing over plain HTTP (payment data, and a signed request over HTTP still
 * exposes the message), and, with `ruleArn`, SendMessage from EventBridge on behalf of that one rule
 * only (the payments queue as the rule's target, the events DLQ as the target's dead-letter queue).
 */
export function queuePolicy(queueArn: string, ruleArn?: string): string {
    const statements: Record<string, unknown>[] = [];
    if (ruleArn !== undefined)
        statements.push({
            Sid: "LegacyPaymentEventsRule",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn,
            Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
        });
    statements.push({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The event pattern matching the legacy application's payment events. */
export function legacyEventPattern(source: string, detailTypes: readonly string[]): string {
    return JSON.stringify({ source: [source], "detail-type": [...detailTypes] });
}

/** The source queue's redrive policy: to the DLQ after `maxReceiveCount` receives. */
export function redrivePolicy(dlqArn: string, maxReceiveCount: number): string {
    return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount });
}

/** The DLQ's redrive-allow policy: only the payments queue may use it as its DLQ. */
export function redriveAllowPolicy(sourceQueueArn: string): string {
    return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceQueueArn] });
}
