/**
 * The bucket the on-premises SQL Server writes its backups to (prod only), over DX/VPN through the
 * hub's S3 interface endpoint, and the only identity that writes to it.
 *
 * Destroy: the bucket is retained (retainOnDelete). Its objects are the database's backups, Object
 * Lock keeps them undeletable anyway, and a stack's destroy must never be the way they go.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "../../edge/privateBucket";
import { AppContext } from "../context";
import { endpointOnlyStatement, onPremTrustPolicy, onPremWriterPolicy } from "./policies";
import { StorageResolved } from "./settings";
import { privateAccess } from "../../bucketAccess";

export interface OnPremBucketArgs {
    settings: NonNullable<StorageResolved["onPremBackup"]>;
    /** SSE-KMS key (the platform key). */
    keyArn: pulumi.Input<string>;
    /** The hub's S3 interface endpoint id: the only network path to the objects. */
    endpointId: pulumi.Input<string>;
}

export interface OnPremBucket {
    bucket: aws.s3.Bucket;
    writerRole: aws.iam.Role;
    profile: aws.rolesanywhere.Profile;
}

export function onPremBucket(ctx: AppContext, args: OnPremBucketArgs): OnPremBucket {
    const name = `${ctx.name}-sqlserver-backups`;
    const { bucket, block, versioning } = privateBucket(ctx, name, args);
    lifecycle(name, bucket, args.settings, [versioning], ctx.parent);
    endpointOnlyPolicy(name, bucket, args.endpointId, block, ctx.parent);
    const { writerRole, profile } = writer(ctx, name, bucket, args);
    return { bucket, writerRole, profile };
}

/** Private (all four flags, owner enforced), SSE-KMS with a bucket key, versioned, and locked in prod. */
function privateBucket(
    ctx: AppContext,
    name: string,
    args: OnPremBucketArgs,
): { bucket: aws.s3.Bucket; block: aws.s3.BucketPublicAccessBlock; versioning: aws.s3.BucketVersioning } {
    const opts = { parent: ctx.parent };
    const lock = args.settings.objectLock;
    const bucket = new aws.s3.Bucket(
        name,
        // Object Lock can only be turned on when the bucket is created (ForceNew).
        { objectLockEnabled: lock !== undefined, forceDestroy: false, tags: { ...ctx.tags, Name: name } },
        { ...opts, retainOnDelete: true },
    );
    const block = privateAccess(name, bucket.id, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
            bucket: bucket.id,
            rules: [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn },
                    // One data key per bucket instead of per object: KMS calls (and their cost) drop.
                    bucketKeyEnabled: true,
                },
            ],
        },
        opts,
    );
    const versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        opts,
    );
    if (lock)
        new aws.s3.BucketObjectLockConfiguration(
            `${name}-object-lock`,
            { bucket: bucket.id, rule: { defaultRetention: { mode: lock.mode, days: lock.days } } },
            { ...opts, dependsOn: [versioning] },
        );
    return { bucket, block, versioning };
}

function endpointOnlyPolicy(
    name: string,
    bucket: aws.s3.Bucket,
    endpointId: pulumi.Input<string>,
    block: aws.s3.BucketPublicAccessBlock,
    parent: pulumi.Resource,
): void {
    new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: bucket.id,
            policy: pulumi.all([bucket.arn, pulumi.output(endpointId)]).apply(([arn, vpce]) => {
                if (!vpce)
                    throw new Error(
                        "the hub stack exports no s3InterfaceEndpointId: give the hub on-premises ranges (network.hub.onPremCidrs) and update it first",
                    );
                return JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [endpointOnlyStatement(arn, vpce), denyInsecureTransport(arn)],
                });
            }),
        },
        // After the block: both change the bucket's policy status, and S3 rejects them in parallel.
        { parent, dependsOn: [block] },
    );
}

function lifecycle(
    name: string,
    bucket: aws.s3.Bucket,
    s: NonNullable<StorageResolved["onPremBackup"]>,
    dependsOn: pulumi.Resource[],
    parent: pulumi.Resource,
): void {
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
        {
            id: "cold-then-expire",
            status: "Enabled",
            filter: { prefix: s.prefix },
            // Glacier Instant Retrieval: a restore is still immediate when the DBA needs one.
            transitions: [{ days: s.coldAfterDays, storageClass: "GLACIER_IR" }],
            expiration: { days: s.expireAfterDays },
            // Expiry only adds a delete marker on a versioned bucket; the old version goes a day later
            // (Object Lock keeps it until its retention ends).
            noncurrentVersionExpiration: { noncurrentDays: 1 },
        },
    ];
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: bucket.id, rules }, { parent, dependsOn });
}

function writer(
    ctx: AppContext,
    name: string,
    bucket: aws.s3.Bucket,
    args: OnPremBucketArgs,
): { writerRole: aws.iam.Role; profile: aws.rolesanywhere.Profile } {
    const opts = { parent: ctx.parent };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts).region;
    const s = args.settings;
    const writerRole = new aws.iam.Role(
        `${name}-writer`,
        {
            description: "On-premises SQL Server backup job (IAM Roles Anywhere): writes backups, never deletes",
            assumeRolePolicy: identity.accountId.apply((account) =>
                JSON.stringify(
                    onPremTrustPolicy({
                        account,
                        certificateCommonName: s.certificateCommonName,
                        trustAnchorArn: s.trustAnchorArn,
                    }),
                ),
            ),
            maxSessionDuration: 3600,
            tags: { ...ctx.tags, Name: `${name}-writer` },
        },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-writer-policy`,
        {
            role: writerRole.name,
            policy: pulumi
                .all([bucket.arn, pulumi.output(args.keyArn), region])
                .apply(([bucketArn, keyArn, r]) =>
                    JSON.stringify(onPremWriterPolicy({ bucketArn, keyArn, prefix: s.prefix, region: r })),
                ),
        },
        opts,
    );
    // The Roles Anywhere profile names the one role its sessions may take (CreateSession needs
    // a trust anchor, a profile and a role of the same region).
    const profile = new aws.rolesanywhere.Profile(
        `${name}-profile`,
        {
            roleArns: [writerRole.arn],
            enabled: true,
            durationSeconds: 3600,
            tags: { ...ctx.tags, Name: `${name}-profile` },
        },
        opts,
    );
    return { writerRole, profile };
}
