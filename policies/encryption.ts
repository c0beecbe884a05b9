/**
 * Encryption at rest. Mandatory everywhere: card and ledger data may land in any of these stores.
 */
import {
    BUCKET_TYPES,
    bucketResources,
    get,
    isOffOrMissing,
    isSet,
    isTrue,
    isUnknown,
    list,
    PlatformPolicy,
    resourcePolicy,
    stackPolicy,
} from "./helpers";

const SSE_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

interface SseConfig {
    allowedAlgorithms: string[];
}

export const s3BucketEncryption = stackPolicy<SseConfig>({
    name: "s3-bucket-encryption",
    description: "Every S3 bucket has server-side encryption configured with KMS or AES256.",
    enforcementLevel: "mandatory",
    config: {
        allowedAlgorithms: {
            type: "array",
            items: { type: "string" },
            description: "Accepted sseAlgorithm values.",
            default: ["aws:kms", "aws:kms:dsse", "AES256"],
        },
    },
    check(stack, cfg, report) {
        for (const bucket of stack.ofType(...BUCKET_TYPES)) {
            const configured = bucketResources(stack, bucket, SSE_TYPES).length > 0;
            // The deprecated inline block still configures SSE, so a bucket using it is encrypted.
            if (!configured && !isSet(get(bucket.props, "serverSideEncryptionConfiguration"))) {
                report("S3 bucket must have server-side encryption configured", bucket.urn);
            }
        }
        for (const sse of stack.ofType(...SSE_TYPES)) {
            const rules = list(get(sse.props, "rules"));
            if (isUnknown(rules)) {
                continue;
            }
            if (rules.length === 0) {
                report("S3 bucket encryption configuration must have a rule", sse.urn);
            }
            for (const rule of rules) {
                const algorithm = get(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm");
                if (!isUnknown(algorithm) && !cfg.allowedAlgorithms.includes(String(algorithm))) {
                    report(
                        `S3 bucket encryption must use one of ${cfg.allowedAlgorithms.join(", ")} (got ${String(algorithm)})`,
                        sse.urn,
                    );
                }
            }
        }
    },
});

interface KmsChoice {
    requireCustomerManagedKey: boolean;
}

export const rdsStorageEncrypted = resourcePolicy<KmsChoice>({
    name: "rds-storage-encrypted",
    description: "RDS and Aurora clusters and instances encrypt their storage.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"],
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            description: "Also require kmsKeyId (a customer managed key) instead of the aws/rds key.",
            default: false,
        },
    },
    check(r, cfg, report) {
        const kind = r.type === "aws:rds/cluster:Cluster" ? "RDS cluster" : "RDS instance";
        // Read replicas inherit the source's encryption; Aurora Serverless v1 is always encrypted.
        if (isSet(get(r.props, "replicateSourceDb")) || get(r.props, "engineMode") === "serverless") {
            return;
        }
        const encrypted = get(r.props, "storageEncrypted");
        if (isOffOrMissing(encrypted)) {
            report(`${kind} must have storageEncrypted set to true`);
        } else if (cfg.requireCustomerManagedKey && !isSet(get(r.props, "kmsKeyId"))) {
            report(`${kind} must be encrypted with a customer managed KMS key (kmsKeyId)`);
        }
    },
});

interface EbsConfig {
    accountDefaultEncryption: boolean;
}

export const ebsEncryption = resourcePolicy<EbsConfig>({
    name: "ebs-encryption",
    description:
        "EBS volumes, instance block devices, launch-template block devices and EKS node root volumes are encrypted.",
    enforcementLevel: "mandatory",
    types: [
        "aws:ebs/volume:Volume",
        "aws:ec2/instance:Instance",
        "aws:ec2/launchTemplate:LaunchTemplate",
        "aws:eks/nodeGroup:NodeGroup",
        "eks:index:Cluster",
        "eks:index:NodeGroupV2",
        "eks:index:NodeGroup",
    ],
    config: {
        accountDefaultEncryption: {
            type: "boolean",
            description: "The account enforces EBS encryption by default, so unset encryption flags are accepted.",
            default: false,
        },
    },
    check(r, cfg, report) {
        // Explicit false is always wrong; unset is only fine when the account encrypts by default.
        const bad = (v: unknown) =>
            isOffOrMissing(v) && (v === false || v === "false" || !cfg.accountDefaultEncryption);
        switch (r.type) {
            case "aws:ebs/volume:Volume":
                if (bad(get(r.props, "encrypted"))) {
                    report("EBS volume must be encrypted");
                }
                return;
            case "aws:ec2/instance:Instance":
                return checkInstanceDevices(r.props, bad, report);
            case "aws:ec2/launchTemplate:LaunchTemplate":
                return checkLaunchTemplateDevices(r.props, cfg.accountDefaultEncryption, bad, report);
            case "aws:eks/nodeGroup:NodeGroup":
                // Without a launch template EKS builds its own, whose root volume is unencrypted unless
                // the account encrypts EBS by default. eks.ManagedNodeGroup creates this child too.
                if (!cfg.accountDefaultEncryption && !isSet(get(r.props, "launchTemplate"))) {
                    report(
                        "EKS managed node group must use a launch template with encrypted EBS block devices (EKS's default template leaves the root volume unencrypted)",
                    );
                }
                return;
            default:
                return checkEksNodeRootVolume(r.type, r.props, bad, report);
        }
    },
});

type BadFlag = (v: unknown) => boolean;

function checkInstanceDevices(props: Record<string, unknown>, bad: BadFlag, report: (m: string) => void): void {
    if (bad(get(props, "rootBlockDevice", "encrypted"))) {
        report("EC2 instance root volume must be encrypted");
    }
    const devices = list(get(props, "ebsBlockDevices"));
    for (const d of isUnknown(devices) ? [] : devices) {
        if (bad(get(d, "encrypted"))) {
            report(`EC2 instance EBS volume ${String(get(d, "deviceName"))} must be encrypted`);
        }
    }
}

function checkLaunchTemplateDevices(
    props: Record<string, unknown>,
    accountDefault: boolean,
    bad: BadFlag,
    report: (m: string) => void,
): void {
    const mappings = list(get(props, "blockDeviceMappings"));
    if (isUnknown(mappings)) {
        return;
    }
    const ebs = mappings.filter((m) => get(m, "ebs") !== undefined);
    if (ebs.length === 0 && !accountDefault) {
        report("Launch template must define encrypted EBS block devices (the AMI's defaults are unencrypted)");
    }
    for (const m of ebs) {
        if (bad(get(m, "ebs", "encrypted"))) {
            report(`Launch template block device ${String(get(m, "deviceName"))} must be encrypted`);
        }
    }
}

function checkEksNodeRootVolume(
    type: string,
    props: Record<string, unknown>,
    bad: BadFlag,
    report: (m: string) => void,
): void {
    // A cluster with skipDefaultNodeGroup or Fargate has no default node group to encrypt.
    if (type === "eks:index:Cluster" && (isTrue(get(props, "skipDefaultNodeGroup")) || isSet(get(props, "fargate")))) {
        return;
    }
    if (bad(get(props, "nodeRootVolumeEncrypted"))) {
        const what = type === "eks:index:Cluster" ? "EKS default node group" : "EKS node group";
        report(`${what} root volume must be encrypted (nodeRootVolumeEncrypted)`);
    }
}

export const eksSecretsEncryption = resourcePolicy({
    name: "eks-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes secrets with a KMS key.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/cluster:Cluster", "eks:index:Cluster"],
    config: {},
    check(r, _cfg, report) {
        if (r.type === "eks:index:Cluster") {
            if (!isSet(get(r.props, "encryptionConfigKeyArn"))) {
                report("EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfigKeyArn)");
            }
            return;
        }
        const configs = list(get(r.props, "encryptionConfig"));
        if (isUnknown(configs)) {
            return;
        }
        const ok = configs.some((c) => {
            const resources = list(get(c, "resources"));
            return isSet(get(c, "provider", "keyArn")) && (isUnknown(resources) || resources.includes("secrets"));
        });
        if (!ok) {
            report("EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfig)");
        }
    },
});

/** A policy that one input holding a KMS key is set. */
function kmsKeyPolicy(name: string, description: string, type: string, prop: string, what: string) {
    return resourcePolicy({
        name,
        description,
        enforcementLevel: "mandatory",
        types: [type],
        config: {},
        check(r, _cfg, report) {
            if (!isSet(get(r.props, prop))) {
                report(`${what} must be encrypted with a KMS key (${prop})`);
            }
        },
    });
}

export const cloudwatchLogGroupKms = kmsKeyPolicy(
    "cloudwatch-log-group-kms",
    "CloudWatch log groups are encrypted with a KMS key.",
    "aws:cloudwatch/logGroup:LogGroup",
    "kmsKeyId",
    "CloudWatch log group",
);

export const snsTopicKms = kmsKeyPolicy(
    "sns-topic-kms",
    "SNS topics are encrypted with a KMS key.",
    "aws:sns/topic:Topic",
    "kmsMasterKeyId",
    "SNS topic",
);

export const backupVaultKms = kmsKeyPolicy(
    "backup-vault-kms",
    "AWS Backup vaults are encrypted with a customer managed KMS key.",
    "aws:backup/vault:Vault",
    "kmsKeyArn",
    "Backup vault",
);

interface SqsConfig {
    allowSqsManagedSse: boolean;
}

/**
 * Payments queues carry card references, so the default is KMS only: SQS-managed SSE can't be
 * audited in CloudTrail per message key and its key can't be revoked. Set allowSqsManagedSse to
 * accept it for queues that carry nothing sensitive.
 */
export const sqsQueueKms = resourcePolicy<SqsConfig>({
    name: "sqs-queue-kms",
    description: "SQS queues are encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    types: ["aws:sqs/queue:Queue"],
    config: {
        allowSqsManagedSse: {
            type: "boolean",
            description: "Accept sqsManagedSseEnabled (SSE-SQS) in place of a KMS key.",
            default: false,
        },
    },
    check(r, cfg, report) {
        if (isSet(get(r.props, "kmsMasterKeyId"))) {
            return;
        }
        if (cfg.allowSqsManagedSse && isTrue(get(r.props, "sqsManagedSseEnabled"))) {
            return;
        }
        report("SQS queue must be encrypted with a KMS key (kmsMasterKeyId)");
    },
});

export const elasticacheAtRestEncryption = resourcePolicy({
    name: "elasticache-at-rest-encryption",
    description: "ElastiCache replication groups encrypt data at rest.",
    enforcementLevel: "mandatory",
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    config: {},
    check(r, _cfg, report) {
        // Secondary members of a global datastore inherit the primary's setting.
        if (isSet(get(r.props, "globalReplicationGroupId"))) {
            return;
        }
        const v = get(r.props, "atRestEncryptionEnabled");
        if (isOffOrMissing(v)) {
            report("ElastiCache replication group must enable encryption at rest (atRestEncryptionEnabled)");
        }
    },
});

export const efsEncryption = resourcePolicy({
    name: "efs-encryption",
    description: "EFS file systems are encrypted.",
    enforcementLevel: "mandatory",
    types: ["aws:efs/fileSystem:FileSystem"],
    config: {},
    check(r, _cfg, report) {
        const v = get(r.props, "encrypted");
        if (isOffOrMissing(v)) {
            report("EFS file system must be encrypted");
        }
    },
});

export const rdsPerformanceInsightsKms = resourcePolicy({
    name: "rds-performance-insights-kms",
    description: "RDS Performance Insights data, when enabled, is encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    config: {},
    check(r, _cfg, report) {
        const enabled =
            isTrue(get(r.props, "performanceInsightsEnabled")) || get(r.props, "databaseInsightsMode") === "advanced";
        if (enabled && !isSet(get(r.props, "performanceInsightsKmsKeyId"))) {
            report("RDS Performance Insights must be encrypted with a KMS key (performanceInsightsKmsKeyId)");
        }
    },
});

export const kmsKeyRotation = resourcePolicy({
    name: "kms-key-rotation",
    description: "Symmetric KMS keys rotate their key material automatically.",
    enforcementLevel: "mandatory",
    types: ["aws:kms/key:Key"],
    config: {},
    check(r, _cfg, report) {
        // AWS can only rotate symmetric encryption keys held in KMS itself.
        const spec = get(r.props, "customerMasterKeySpec");
        const usage = get(r.props, "keyUsage");
        const rotatable =
            (spec === undefined || spec === "SYMMETRIC_DEFAULT") &&
            (usage === undefined || usage === "ENCRYPT_DECRYPT") &&
            !isSet(get(r.props, "customKeyStoreId"));
        const v = get(r.props, "enableKeyRotation");
        if (rotatable && isOffOrMissing(v)) {
            report("KMS key must have automatic rotation enabled (enableKeyRotation)");
        }
    },
});

export const encryptionPolicies: PlatformPolicy[] = [
    s3BucketEncryption,
    rdsStorageEncrypted,
    ebsEncryption,
    eksSecretsEncryption,
    cloudwatchLogGroupKms,
    snsTopicKms,
    sqsQueueKms,
    elasticacheAtRestEncryption,
    efsEncryption,
    backupVaultKms,
    rdsPerformanceInsightsKms,
    kmsKeyRotation,
];
