/**
 * A private S3 bucket as every edge bucket needs it: all four public-access-block flags, ACLs off
 * (BucketOwnerEnforced), default encryption, TLS-only policy, and a lifecycle that bounds its size.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { privateAccess } from "../bucketAccess";

/** A policy statement in IAM's JSON shape, with Inputs inside. */
export type BucketStatement = Record<string, pulumi.Input<unknown>>;

export interface PrivateBucketArgs {
    /**
     * Default encryption: a KMS key ARN, or "SSE-S3". ALB access logs must use "SSE-S3": ELB writes
     * them only to buckets whose default encryption is Amazon S3-managed keys (the ELB user guide,
     * "Bucket requirements" of access logs, lists SSE-S3 as the only supported option).
     */
    encryption: pulumi.Input<string> | "SSE-S3";
    /** Keep object versions. @default false */
    versioned?: boolean;
    /** Days before current objects expire (logs). @default never */
    expireAfterDays?: number;
    /** Days before noncurrent versions expire (versioned buckets). @default 30 */
    noncurrentVersionDays?: number;
    /** Statements besides the TLS-only deny, given the bucket's ARN. @default none */
    statements?: (bucketArn: pulumi.Output<string>) => BucketStatement[];
    /** Extra tags. @default {} */
    tags?: Record<string, string>;
}

export interface PrivateBucket {
    bucket: aws.s3.Bucket;
    /** The bucket policy: resources writing to the bucket wait for it. */
    policy: aws.s3.BucketPolicy;
}

/** The statement that refuses plain HTTP for every principal. */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): BucketStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

export function privateBucket(name: string, args: PrivateBucketArgs, parent: pulumi.Resource): PrivateBucket {
    const opts = { parent };
    const bucket = new aws.s3.Bucket(name, { forceDestroy: false, tags: args.tags }, opts);
    const block = privateAccess(name, bucket.id, opts);
    const kms = args.encryption !== "SSE-S3";
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
            bucket: bucket.id,
            rules: [
                {
                    applyServerSideEncryptionByDefault: kms
                        ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption }
                        : { sseAlgorithm: "AES256" },
                    // S3 Bucket Keys cut KMS request costs by orders of magnitude for busy buckets.
                    bucketKeyEnabled: kms,
                },
            ],
        },
        opts,
    );
    if (args.versioned)
        new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            opts,
        );
    lifecycle(name, bucket, args, parent);
    const statements = [...(args.statements?.(bucket.arn) ?? []), denyInsecureTransport(bucket.arn)];
    // After the block: a policy naming a service principal is not public, but S3 checks it against
    // the block's flags, and both are applied to the same bucket in parallel otherwise.
    const policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
        },
        { parent, dependsOn: [block] },
    );
    return { bucket, policy };
}

function lifecycle(name: string, bucket: aws.s3.Bucket, args: PrivateBucketArgs, parent: pulumi.Resource): void {
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
    ];
    if (args.expireAfterDays !== undefined)
        rules.push({ id: "expire", status: "Enabled", filter: {}, expiration: { days: args.expireAfterDays } });
    if (args.versioned)
        rules.push({
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays ?? 30 },
        });
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: bucket.id, rules }, { parent });
}
