/**
 * Asynchronous payments: a KMS-encrypted SQS queue with a dead-letter queue, fed by an EventBridge
 * bus on which the legacy EC2 application publishes its payment events (the seeds' interim path
 * while it migrates to EKS).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { legacyEventPattern, queuePolicy, redriveAllowPolicy, redrivePolicy } from "./policies";
import { LegacyEventsSettings, QueueSettings, resolveLegacyEvents, resolveQueue } from "./settings";

export interface PaymentsQueueArgs {
    /**
     * ARN of the KMS key encrypting both queues. Its policy must let events.amazonaws.com use it
     * (GenerateDataKey, Decrypt), or EventBridge can't deliver to the encrypted queue.
     */
    kmsKeyArn: pulumi.Input<string>;
    /** Timeouts, retention, redrive. @default see QueueSettings */
    settings?: QueueSettings;
    /** Which legacy events are routed to the queue. @default see LegacyEventsSettings */
    legacyEvents?: LegacyEventsSettings;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
}

export class PaymentsQueue extends pulumi.ComponentResource {
    public readonly queueUrl: pulumi.Output<string>;
    public readonly queueArn: pulumi.Output<string>;
    /** The DLQ's ARN: alarm on its ApproximateNumberOfMessagesVisible > 0. */
    public readonly dlqArn: pulumi.Output<string>;
    /** The DLQ's name (the QueueName dimension of its CloudWatch metrics). */
    public readonly dlqName: pulumi.Output<string>;
    public readonly dlqUrl: pulumi.Output<string>;
    /** ARN of the queue EventBridge puts legacy events in that it couldn't deliver after its retries. */
    public readonly eventsDlqArn: pulumi.Output<string>;
    /** That queue's name (alarm on its ApproximateNumberOfMessagesVisible > 0). */
    public readonly eventsDlqName: pulumi.Output<string>;
    /** The bus the legacy application publishes to. */
    public readonly busName: pulumi.Output<string>;
    public readonly busArn: pulumi.Output<string>;
    public readonly ruleArn: pulumi.Output<string>;

    constructor(name: string, args: PaymentsQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:data:PaymentsQueue", name, {}, opts);
        const q = resolveQueue(args.settings);
        const tags = args.tags ?? {};
        const { queue, dlq, eventsDlq } = this.queues(name, args.kmsKeyArn, q, tags);
        const events = this.legacyRouting(name, queue, eventsDlq, resolveLegacyEvents(args.legacyEvents), tags);
        this.queueUrl = queue.url;
        this.queueArn = queue.arn;
        this.dlqArn = dlq.arn;
        this.dlqName = dlq.name;
        this.dlqUrl = dlq.url;
        this.eventsDlqArn = eventsDlq.arn;
        this.eventsDlqName = eventsDlq.name;
        this.busName = events.bus.name;
        this.busArn = events.bus.arn;
        this.ruleArn = events.rule.arn;
        this.registerOutputs({
            queueUrl: this.queueUrl,
            queueArn: this.queueArn,
            dlqArn: this.dlqArn,
            dlqName: this.dlqName,
            eventsDlqArn: this.eventsDlqArn,
            busName: this.busName,
        });
    }

    /** The payments queue, its DLQ (redrive both ways, TLS only) and the events DLQ, all with the key. */
    private queues(
        name: string,
        kmsKeyArn: pulumi.Input<string>,
        q: ReturnType<typeof resolveQueue>,
        tags: Record<string, string>,
    ) {
        const encryption = {
            kmsMasterKeyId: kmsKeyArn,
            kmsDataKeyReusePeriodSeconds: q.kmsDataKeyReusePeriodSeconds,
        };
        const dlq = new aws.sqs.Queue(
            `${name}-dlq`,
            {
                ...encryption,
                messageRetentionSeconds: q.dlqMessageRetentionSeconds,
                tags: { ...tags, Name: `${name}-dlq` },
            },
            { parent: this },
        );
        const queue = new aws.sqs.Queue(
            `${name}-queue`,
            {
                ...encryption,
                visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
                messageRetentionSeconds: q.messageRetentionSeconds,
                // Long polling: fewer empty receives (cost) for the EKS consumers.
                receiveWaitTimeSeconds: 20,
                redrivePolicy: dlq.arn.apply((arn) => redrivePolicy(arn, q.maxReceiveCount)),
                tags: { ...tags, Name: `${name}-queue` },
            },
            { parent: this },
        );
        // A resource of its own: inline on the DLQ it would need the queue's ARN, which needs the DLQ's.
        new aws.sqs.RedriveAllowPolicy(
            `${name}-dlq`,
            {
                queueUrl: dlq.url,
                redriveAllowPolicy: queue.arn.apply(redriveAllowPolicy),
            },
            { parent: this },
        );
        new aws.sqs.QueuePolicy(
            `${name}-dlq`,
            { queueUrl: dlq.url, policy: dlq.arn.apply((arn) => queuePolicy(arn)) },
            { parent: this },
        );
        // Events EventBridge gave up on stay apart from messages consumers gave up on: they are
        // redriven to the bus, not to the queue, and their alarm means the legacy path is broken.
        const eventsDlq = new aws.sqs.Queue(
            `${name}-events-dlq`,
            {
                ...encryption,
                messageRetentionSeconds: q.dlqMessageRetentionSeconds,
                tags: { ...tags, Name: `${name}-events-dlq` },
            },
            { parent: this },
        );
        return { queue, dlq, eventsDlq };
    }

    private legacyRouting(
        name: string,
        queue: aws.sqs.Queue,
        eventsDlq: aws.sqs.Queue,
        e: ReturnType<typeof resolveLegacyEvents>,
        tags: Record<string, string>,
    ) {
        // A fixed name: the legacy application is configured with it, and it survives dev's weekend teardown.
        const bus = new aws.cloudwatch.EventBus(
            `${name}-bus`,
            {
                name: `${name}-legacy`,
                description: "Payment events of the legacy EC2 application",
                tags: { ...tags, Name: `${name}-bus` },
            },
            { parent: this },
        );
        const rule = new aws.cloudwatch.EventRule(
            `${name}-legacy-payments`,
            {
                eventBusName: bus.name,
                description: `Legacy payment events (${e.source}) to the payments queue`,
                eventPattern: legacyEventPattern(e.source, e.detailTypes),
                tags: { ...tags, Name: `${name}-legacy-payments` },
            },
            { parent: this },
        );
        const fromRule = (target: aws.sqs.Queue, policyName: string) =>
            new aws.sqs.QueuePolicy(
                policyName,
                {
                    queueUrl: target.url,
                    policy: pulumi.all([target.arn, rule.arn]).apply(([q, r]) => queuePolicy(q, r)),
                },
                { parent: this },
            );
        const policies = [fromRule(queue, `${name}-queue`), fromRule(eventsDlq, `${name}-events-dlq`)];
        new aws.cloudwatch.EventTarget(
            `${name}-legacy-payments`,
            {
                rule: rule.name,
                eventBusName: bus.name,
                arn: queue.arn,
                // EventBridge retries for a day before giving up on an event, then parks it in the
                // events DLQ instead of dropping it.
                retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
                deadLetterConfig: { arn: eventsDlq.arn },
            },
            // Both policies first: a delivery (or a dead-lettering) before them would be refused.
            { parent: this, dependsOn: policies },
        );
        return { bus, rule };
    }
}
