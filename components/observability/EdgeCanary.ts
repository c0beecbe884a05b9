/**
 * EdgeCanary: a CloudWatch Synthetics canary that GETs the public API's health path through the
 * edge (CloudFront, Global Accelerator) on a schedule. Its code is a ZIP built in the program
 * (zip.ts) and uploaded to its own private artifacts bucket, SSE-KMS with the stack's key; its role
 * may write run artifacts there, publish CloudWatchSynthetics metrics and log to its own group only.
 */
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "../edge/privateBucket";
import {
    CANARY_DEFAULT_RUNTIME,
    CANARY_DEFAULT_SCHEDULE,
    CANARY_HANDLER,
    CANARY_NAME_MAX,
    canaryScript,
    runtimeProblems,
    scheduleSeconds,
} from "./canarySpec";
import { zipArchive } from "./zip";
import { privateAccess } from "../bucketAccess";

export interface EdgeCanaryArgs {
    /** The canary's name: lower-case letters, digits, - and _, at most 21 characters (canarySpec.canaryName). */
    canaryName: string;
    /** The https URLs it GETs in order; each must answer 2xx. */
    urls: string[];
    /** The stack's KMS key: the artifacts bucket's default encryption and the code object's. */
    kmsKeyArn: pulumi.Input<string>;
    /** How often it runs, a Synthetics rate expression. @default "rate(5 minutes)" */
    schedule?: string;
    /** The Synthetics runtime (syn-nodejs-puppeteer, 9.1 or newer). @default "syn-nodejs-puppeteer-17.0" (CANARY_DEFAULT_RUNTIME) */
    runtimeVersion?: string;
    /** Days run artifacts (and Synthetics' run records) are kept. @default 31 */
    artifactRetentionDays?: number;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
}

/** Run artifacts live under this prefix (the lifecycle expires it); the code lives under code/. */
const RUNS = "runs/";

export class EdgeCanary extends pulumi.ComponentResource {
    /** The canary (the canary-success alarm's CanaryName is its name). */
    public readonly canary: aws.synthetics.Canary;
    /** The canary's name. */
    public readonly canaryName: pulumi.Output<string>;
    /** The artifacts bucket. */
    public readonly artifactsBucket: pulumi.Output<string>;

    constructor(name: string, args: EdgeCanaryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:observability:EdgeCanary", name, {}, opts);
        const schedule = args.schedule ?? CANARY_DEFAULT_SCHEDULE;
        const runtimeVersion = args.runtimeVersion ?? CANARY_DEFAULT_RUNTIME;
        const retention = args.artifactRetentionDays ?? 31;
        validate(args, schedule, runtimeVersion, retention);
        const tags = args.tags ?? {};
        const bucket = this.bucket(name, args.kmsKeyArn, retention, tags);
        const code = this.code(name, args, bucket.bucket);
        const role = this.role(name, args, bucket.bucket, tags);
        this.canary = new aws.synthetics.Canary(
            `${name}-canary`,
            {
                name: args.canaryName,
                artifactS3Location: pulumi.interpolate`s3://${bucket.bucket.bucket}/${RUNS}`,
                artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: args.kmsKeyArn } },
                executionRoleArn: role.role.arn,
                handler: CANARY_HANDLER.handler,
                runtimeVersion,
                s3Bucket: code.bucket,
                s3Key: code.key,
                schedule: { expression: schedule },
                runConfig: { timeoutInSeconds: 60 },
                startCanary: true,
                // Synthetics leaves the canary's Lambda function and layers behind unless told.
                deleteLambda: true,
                successRetentionPeriod: retention,
                failureRetentionPeriod: retention,
                tags: { ...tags, Name: args.canaryName },
            },
            // Only the name is ForceNew (terraform-provider-aws synthetics/canary.go, checked): code,
            // runtime and schedule update in place, so the fixed name can't collide with itself.
            { parent: this, dependsOn: [role.policy, bucket.policy] },
        );
        this.canaryName = this.canary.name;
        this.artifactsBucket = bucket.bucket.bucket;
        this.registerOutputs({ canaryName: this.canaryName, artifactsBucket: this.artifactsBucket });
    }

    /** Private, owner-enforced, SSE-KMS, TLS-only; runs expire, the code object does not. */
    private bucket(name: string, kmsKeyArn: pulumi.Input<string>, days: number, tags: Record<string, string>) {
        const opts = { parent: this };
        const id = `${name}-artifacts`;
        // Only run artifacts and the code object are in it: destroy may empty it.
        const bucket = new aws.s3.Bucket(id, { forceDestroy: true, tags: { ...tags, Name: id } }, opts);
        const block = privateAccess(id, bucket.id, opts);
        encryptionAndLifecycle(id, bucket, kmsKeyArn, days, this);
        const policy = new aws.s3.BucketPolicy(
            `${id}-policy`,
            {
                bucket: bucket.id,
                policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(bucket.arn)] }),
            },
            // S3 checks a new policy against the block's flags: both on one bucket at once race.
            { parent: this, dependsOn: [block] },
        );
        return { bucket, policy };
    }

    /**
     * The code as an object named by its content's hash: new code is a new key, which is what
     * makes Synthetics pick it up (an object rewritten under the same key would not be).
     */
    private code(name: string, args: EdgeCanaryArgs, bucket: aws.s3.Bucket) {
        const zip = zipArchive([{ path: CANARY_HANDLER.file, content: canaryScript(args.urls) }]);
        const key = `code/${createHash("sha256").update(zip).digest("hex").slice(0, 16)}.zip`;
        const object = new aws.s3.BucketObjectv2(
            `${name}-code`,
            {
                bucket: bucket.id,
                key,
                contentBase64: zip.toString("base64"),
                contentType: "application/zip",
                serverSideEncryption: "aws:kms",
                kmsKeyId: args.kmsKeyArn,
            },
            { parent: this },
        );
        return { bucket: object.bucket, key: object.key };
    }

    private role(name: string, args: EdgeCanaryArgs, bucket: aws.s3.Bucket, tags: Record<string, string>) {
        const opts = { parent: this };
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Synthetics canary ${args.canaryName}: run artifacts, metrics, its own logs`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                tags: { ...tags, Name: `${name}-role` },
            },
            opts,
        );
        const scope = pulumi.all([
            aws.getCallerIdentityOutput({}, opts).accountId,
            aws.getPartitionOutput({}, opts).partition,
            aws.getRegionOutput({}, opts).region,
        ]);
        const policy = new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.id,
                policy: pulumi
                    .all([scope, bucket.arn, pulumi.output(args.kmsKeyArn)])
                    .apply(([[account, partition, region], bucketArn, keyArn]) =>
                        canaryRolePolicy({
                            account,
                            partition,
                            region,
                            bucketArn,
                            keyArn,
                            canaryName: args.canaryName,
                        }),
                    ),
            },
            opts,
        );
        return { role, policy };
    }
}

/** SSE-KMS with the stack's key (Bucket Keys cut KMS calls); run artifacts expire, the code does not. */
function encryptionAndLifecycle(
    id: string,
    bucket: aws.s3.Bucket,
    kmsKeyArn: pulumi.Input<string>,
    days: number,
    parent: pulumi.Resource,
): void {
    const opts = { parent };
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${id}-encryption`,
        {
            bucket: bucket.id,
            rules: [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
                    bucketKeyEnabled: true,
                },
            ],
        },
        opts,
    );
    new aws.s3.BucketLifecycleConfiguration(
        `${id}-lifecycle`,
        {
            bucket: bucket.id,
            rules: [
                { id: "expire-runs", status: "Enabled", filter: { prefix: RUNS }, expiration: { days } },
                {
                    id: "abort-incomplete-uploads",
                    status: "Enabled",
                    filter: {},
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        },
        opts,
    );
}

/** What the canary's role may do, as IAM JSON. */
export function canaryRolePolicy(s: {
    account: string;
    partition: string;
    region: string;
    bucketArn: string;
    keyArn: string;
    canaryName: string;
}): string {
    // Synthetics names the function cwsyn-<name>-<canary id>: the id is AWS's, so the group is a prefix.
    const logGroup = `arn:${s.partition}:logs:${s.region}:${s.account}:log-group:/aws/lambda/cwsyn-${s.canaryName}-*`;
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RunArtifacts",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:GetObject"],
                Resource: `${s.bucketArn}/${RUNS}*`,
            },
            { Sid: "ArtifactsBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: s.bucketArn },
            // AWS's "Required roles and permissions for canaries" lists it (the Synthetics runtime
            // lists buckets before it uploads a run's artifacts); it grants names only, no objects.
            { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
            {
                Sid: "ArtifactsKey",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: s.keyArn,
                Condition: { StringEquals: { "kms:ViaService": `s3.${s.region}.amazonaws.com` } },
            },
            {
                Sid: "OwnLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [logGroup, `${logGroup}:*`],
            },
            {
                Sid: "SyntheticsMetricsOnly",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } },
            },
        ],
    });
}

function validate(args: EdgeCanaryArgs, schedule: string, runtime: string, retention: number): void {
    const problems = [
        ...(/^[0-9a-z_-]+$/.test(args.canaryName) && args.canaryName.length <= CANARY_NAME_MAX
            ? []
            : [
                  `canaryName is ${JSON.stringify(args.canaryName)}, must be 1 to ${CANARY_NAME_MAX} of a-z, 0-9, - and _`,
              ]),
        ...(args.urls.length > 0 && args.urls.every((u) => /^https:\/\/[a-z0-9.-]+(\/\S*)?$/.test(u))
            ? []
            : [`urls are ${JSON.stringify(args.urls)}, must be at least one https:// URL`]),
        ...(scheduleSeconds(schedule) === undefined
            ? [
                  `schedule is ${JSON.stringify(schedule)}, must be rate(1 minute), rate(N minutes) (2-60) or rate(1 hour)`,
              ]
            : []),
        ...runtimeProblems("runtimeVersion", runtime),
        ...(Number.isInteger(retention) && retention >= 1 && retention <= 455
            ? []
            : [`artifactRetentionDays is ${retention}, Synthetics keeps run data 1 to 455 days`]),
    ];
    if (problems.length > 0) throw new Error(`Invalid EdgeCanary args:\n - ${problems.join("\n - ")}`);
}
