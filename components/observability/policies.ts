/**
 * The alarm topics' key policy and topic policy, as pure functions of the account, so tests read
 * them from tables of cases.
 */

export interface PolicyScope {
    account: string;
    partition: string;
    region: string;
}

/**
 * The alarm topics' key. The stack's baseline key grants services only with `aws:SourceAccount`
 * and names no CloudWatch: alarms publishing to a topic encrypted with it fail with a KMS
 * AccessDenied in the alarm history, and PagerDuty never hears of them. CloudWatch needs
 * kms:GenerateDataKey* and kms:Decrypt on the topic's key; AWS's own statement for it (re:Post
 * "cloudwatch-configure-alarm-sns", checked) carries no condition, and conditions on the caller
 * (kms:CallerAccount) are reported to break it, so the CloudWatch and EventBridge statements are
 * scoped by the topic policy instead, which admits only this account's alarms and rules.
 */
export function alarmKeyPolicy(s: PolicyScope): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersThroughIam",
                Effect: "Allow",
                Principal: { AWS: `arn:${s.partition}:iam::${s.account}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "AlarmAndRulePublishers",
                Effect: "Allow",
                Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    });
}

/** Only this account's CloudWatch alarms and EventBridge rules may publish to the topic. */
export function alarmTopicPolicy(s: PolicyScope, topicArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudWatchAlarmsOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": s.account },
                    ArnLike: { "aws:SourceArn": `arn:${s.partition}:cloudwatch:${s.region}:${s.account}:alarm:*` },
                },
            },
            {
                Sid: "EventBridgeRulesOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": s.account },
                    ArnLike: { "aws:SourceArn": `arn:${s.partition}:events:${s.region}:${s.account}:rule/*` },
                },
            },
        ],
    });
}

/** PagerDuty's CloudWatch integration endpoint for an integration key (Events API v1 CloudWatch path). */
export function pagerDutyEndpoint(integrationKey: string): string {
    return `https://events.pagerduty.com/integration/${integrationKey}/enqueue`;
}
