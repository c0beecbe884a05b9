/**
 * IAM and bucket policy documents of the storage part (pure: plain strings in, documents out).
 */

type Statement = Record<string, unknown>;
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

/**
 * What AWS Backup needs on customer keys. EBS snapshots keep their volume's key (the cluster's
 * volume key), a cross-region copy is re-encrypted with the copy vault's key, and EFS recovery points
 * are encrypted with the vault's key (the platform key). The AWS-managed backup policy grants KMS only
 * through conditions we can't rely on for customer keys; these keys' policies delegate to IAM (the
 * account root statement), so an identity grant here is enough.
 */
export function backupKmsPolicy(keyArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "UseTheDataKeys",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: keyArns,
            },
            {
                Sid: "GrantsForAwsResourcesOnly",
                Effect: "Allow",
                Action: "kms:CreateGrant",
                Resource: keyArns,
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    };
}

export interface WriterPolicyArgs {
    bucketArn: string;
    /** Key prefix the job writes under, ending in "/". */
    prefix: string;
    keyArn: string;
    region: string;
}

/**
 * The on-prem backup job writes new objects under its prefix and nothing else: no Get, no Delete (a
 * stolen certificate can't destroy or read the history). Multipart uploads (SQL Server's backups are
 * large) need kms:Decrypt as well as GenerateDataKey: S3 decrypts the data key to complete the upload
 * (S3 user guide, "Uploading and copying objects using multipart upload": permissions for SSE-KMS).
 * ListBucket is limited to the prefix: SQL Server's BACKUP TO URL lists before it writes.
 */
export function onPremWriterPolicy(a: WriterPolicyArgs): PolicyDocument {
    const viaS3 = {
        StringEquals: {
            "kms:ViaService": `s3.${a.region}.amazonaws.com`,
            "kms:EncryptionContext:aws:s3:arn": a.bucketArn,
        },
    };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteBackupsUnderPrefix",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                Resource: `${a.bucketArn}/${a.prefix}*`,
            },
            { Sid: "ListOwnUploads", Effect: "Allow", Action: "s3:ListBucketMultipartUploads", Resource: a.bucketArn },
            {
                Sid: "ListUnderPrefix",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: a.bucketArn,
                Condition: { StringLike: { "s3:prefix": `${a.prefix}*` } },
            },
            {
                Sid: "BucketKeyThroughS3Only",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"],
                Resource: a.keyArn,
                // With an S3 Bucket Key the encryption context is the bucket's ARN, not the object's.
                Condition: viaS3,
            },
        ],
    };
}

export interface TrustArgs {
    account: string;
    certificateCommonName: string;
    trustAnchorArn?: string;
}

/**
 * Trust for IAM Roles Anywhere: the on-prem job presents an X.509 certificate from the on-prem PKI
 * (registered as a trust anchor by the security team) and gets short-lived credentials; no long-lived
 * access key exists. Only sessions from this account's anchors whose certificate's CN is the job's; and
 * only the given anchor when one is configured.
 */
export function onPremTrustPolicy(t: TrustArgs): PolicyDocument {
    const condition: Record<string, Record<string, string>> = {
        StringEquals: {
            "aws:SourceAccount": t.account,
            "aws:PrincipalTag/x509Subject/CN": t.certificateCommonName,
        },
    };
    if (t.trustAnchorArn) condition.ArnEquals = { "aws:SourceArn": t.trustAnchorArn };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RolesAnywhereSessions",
                Effect: "Allow",
                Principal: { Service: "rolesanywhere.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                Condition: condition,
            },
        ],
    };
}

/**
 * Object and listing actions, the data plane the endpoint rule covers. Bucket configuration
 * (Get/PutBucket*, lifecycle, the policy itself) is left to IAM on purpose: that is the
 * administration path, the way Pulumi manages the bucket from outside the VPC; without it the
 * stack could not read or change its own bucket after the first deploy.
 */
export const DATA_PLANE_ACTIONS = [
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:DeleteObject*",
    "s3:RestoreObject",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:ListBucketMultipartUploads",
    "s3:ListMultipartUploadParts",
    "s3:AbortMultipartUpload",
    "s3:BypassGovernanceRetention",
];

/** The bucket's Deny of every object request that doesn't come through the hub's S3 interface endpoint. */
export function endpointOnlyStatement(bucketArn: string, endpointId: string): Statement {
    return {
        Sid: "DenyObjectAccessOutsideTheHubEndpoint",
        Effect: "Deny",
        Principal: "*",
        Action: DATA_PLANE_ACTIONS,
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { StringNotEquals: { "aws:SourceVpce": endpointId } },
    };
}
