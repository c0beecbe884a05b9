/**
 * Customer-managed KMS keys. Every component that stores data gets a key of its own, so a key
 * policy, a grant or a deletion touches one data store only.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptionKeyArgs {
    /** What the key protects; shown in the console and in CloudTrail. */
    description: string;
    /** Let CloudWatch Logs in this region use the key for log groups of this account. @default false */
    allowCloudWatchLogs?: boolean;
    /** Extra AWS service principals (e.g. "sns.amazonaws.com") allowed to use the key via this account. @default [] */
    servicePrincipals?: string[];
    /** Days before a scheduled deletion completes; AWS allows 7 to 30. @default 30 */
    deletionWindowInDays?: number;
    /** Alias without the "alias/" prefix. @default the key's resource name */
    alias?: string;
    /** Extra tags on the key (merged under Name); the alias takes none. @default {} */
    tags?: Record<string, string>;
    /**
     * Pulumi `protect` on the key: pass true in prod. A key can't be replaced in place, and a
     * replacement schedules the old key's deletion while data (snapshots, backups, log archives)
     * may still be encrypted with it; protected, such a change fails the update instead.
     * @default inherited from the parent (unprotected unless the owning component is)
     */
    protect?: boolean;
    /**
     * Pulumi `retainOnDelete` on the key: `pulumi destroy` forgets it instead of scheduling its
     * deletion. For keys whose ciphertext outlives the stack: a final snapshot that a later stack
     * restores can only be decrypted while its key is enabled (a key pending deletion makes the
     * restore fail with KMSKeyNotAccessibleFault, and after the window the snapshot is lost).
     * @default false
     */
    retainOnDelete?: boolean;
}

export interface EncryptionKey {
    key: aws.kms.Key;
    alias: aws.kms.Alias;
}

/** The key policy: the account administers the key through IAM, named services may use it. */
export function keyPolicy(account: string, partition: string, region: string, args: EncryptionKeyArgs): string {
    const statements: Record<string, unknown>[] = [
        {
            Sid: "AccountAdministersThroughIam",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${account}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ];
    if (args.allowCloudWatchLogs) {
        statements.push({
            Sid: "CloudWatchLogsForThisAccount",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                ArnLike: {
                    "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*`,
                },
            },
        });
    }
    for (const service of args.servicePrincipals ?? []) {
        statements.push({
            Sid: `Service${service.split(".")[0].replace(/[^A-Za-z0-9]/g, "")}`,
            Effect: "Allow",
            Principal: { Service: service },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": account } },
        });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A rotating customer-managed key and its alias, children of `parent`. */
export function encryptionKey(name: string, args: EncryptionKeyArgs, parent: pulumi.Resource): EncryptionKey {
    const opts = { parent };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const key = new aws.kms.Key(
        `${name}-key`,
        {
            description: args.description,
            enableKeyRotation: true,
            // Yearly is the AWS default; payments keys rotate twice as often.
            rotationPeriodInDays: 180,
            deletionWindowInDays: args.deletionWindowInDays ?? 30,
            policy: pulumi
                .all([identity.accountId, partition.partition, region.region])
                .apply(([acct, part, reg]) => keyPolicy(acct, part, reg, args)),
            tags: { ...args.tags, Name: `${name}-key` },
        },
        { ...opts, protect: args.protect, retainOnDelete: args.retainOnDelete },
    );
    const alias = new aws.kms.Alias(
        `${name}-alias`,
        { name: `alias/${args.alias ?? name}`, targetKeyId: key.keyId },
        opts,
    );
    return { key, alias };
}
