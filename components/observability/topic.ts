/**
 * An alarm topic: encrypted with a key CloudWatch may use, published to only by this account's
 * alarms and rules, subscribed by PagerDuty (HTTPS) and optionally by e-mail.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmKeyPolicy, alarmTopicPolicy, pagerDutyEndpoint } from "./policies";

export interface AlarmTopicArgs {
    /** PagerDuty's CloudWatch integration key (secret). @default no PagerDuty subscription */
    pagerDutyIntegrationKey?: pulumi.Input<string>;
    /** An e-mail address subscribed too. @default none */
    email?: string;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
    /** Pulumi `protect` on the topic's key (prod and the shared hub: a replaced key schedules its deletion). @default false */
    protectKey?: boolean;
}

export interface AlarmTopic {
    topic: aws.sns.Topic;
    key: aws.kms.Key;
    policy: aws.sns.TopicPolicy;
}

export function alarmTopic(name: string, args: AlarmTopicArgs, parent: pulumi.Resource): AlarmTopic {
    const opts = { parent };
    const tags = args.tags ?? {};
    const scope = pulumi
        .all([
            aws.getCallerIdentityOutput({}, opts).accountId,
            aws.getPartitionOutput({}, opts).partition,
            aws.getRegionOutput({}, opts).region,
        ])
        .apply(([account, partition, region]) => ({ account, partition, region }));
    const key = new aws.kms.Key(
        `${name}-key`,
        {
            description: `${name}: alarm notifications`,
            enableKeyRotation: true,
            // Notifications only: a short window, nothing lasting is encrypted with it.
            deletionWindowInDays: 7,
            policy: scope.apply(alarmKeyPolicy),
            tags: { ...tags, Name: `${name}-key` },
        },
        { ...opts, protect: args.protectKey ?? false },
    );
    const topic = new aws.sns.Topic(
        `${name}-topic`,
        { kmsMasterKeyId: key.arn, tags: { ...tags, Name: `${name}-topic` } },
        opts,
    );
    const policy = new aws.sns.TopicPolicy(
        `${name}-policy`,
        { arn: topic.arn, policy: pulumi.all([scope, topic.arn]).apply(([s, arn]) => alarmTopicPolicy(s, arn)) },
        opts,
    );
    if (args.pagerDutyIntegrationKey !== undefined) {
        new aws.sns.TopicSubscription(
            `${name}-pagerduty`,
            {
                topic: topic.arn,
                protocol: "https",
                endpoint: pulumi.secret(pulumi.output(args.pagerDutyIntegrationKey).apply(pagerDutyEndpoint)),
                // PagerDuty confirms SNS subscriptions itself.
                endpointAutoConfirms: true,
            },
            opts,
        );
    }
    if (args.email) {
        new aws.sns.TopicSubscription(
            `${name}-email`,
            { topic: topic.arn, protocol: "email", endpoint: args.email },
            opts,
        );
    }
    return { topic, key, policy };
}
