import { expect } from "chai";
import {
    backupVaultKms,
    cloudwatchLogGroupKms,
    ebsEncryption,
    efsEncryption,
    eksSecretsEncryption,
    elasticacheAtRestEncryption,
    kmsKeyRotation,
    rdsPerformanceInsightsKms,
    rdsStorageEncrypted,
    s3BucketEncryption,
    snsTopicKms,
    sqsQueueKms,
} from "../../policies/encryption";
import { PlatformResourcePolicy } from "../../policies/helpers";
import { mutate, resourceCases, runResource, runStack, StackResource, TestResource, UNKNOWN_VALUE } from "./harness";

const KEY = "arn:aws:kms:eu-central-1:111111111111:key/1234";

describe("encryption policies", () => {
    describe("s3-bucket-encryption", () => {
        const stack = (): StackResource[] => [
            { type: "aws:s3/bucket:Bucket", name: "assets", props: { bucket: "pay-assets" } },
            {
                type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                name: "assets-sse",
                props: {
                    bucket: "bucket-id",
                    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }],
                },
                deps: { bucket: ["assets"] },
            },
        ];

        it("accepts a bucket with a KMS encryption configuration", () => {
            expect(runStack(s3BucketEncryption, stack())).to.deep.equal([]);
        });

        it("accepts AES256 and a link by explicit bucket name", () => {
            const s = stack();
            s[1].deps = {};
            s[1].props = {
                bucket: "pay-assets",
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            };
            expect(runStack(s3BucketEncryption, s)).to.deep.equal([]);
        });

        it("reports a bucket without an encryption configuration", () => {
            expect(runStack(s3BucketEncryption, [stack()[0]])).to.deep.equal([
                { message: "S3 bucket must have server-side encryption configured", name: "assets" },
            ]);
        });

        it("reports a bucket whose configuration targets another bucket", () => {
            const s = [...stack(), { type: "aws:s3/bucketV2:BucketV2", name: "logs", props: {} }];
            expect(runStack(s3BucketEncryption, s)).to.deep.equal([
                { message: "S3 bucket must have server-side encryption configured", name: "logs" },
            ]);
        });

        it("reports an algorithm outside the allow-list", () => {
            const s = stack();
            s[1].props = mutate(
                s[1].props,
                ["rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"],
                "aws:fsx",
            );
            expect(runStack(s3BucketEncryption, s)).to.deep.equal([
                {
                    message: "S3 bucket encryption must use one of aws:kms, aws:kms:dsse, AES256 (got aws:fsx)",
                    name: "assets-sse",
                },
            ]);
        });

        it("honours a narrower allowedAlgorithms config", () => {
            const s = stack();
            s[1].props = mutate(
                s[1].props,
                ["rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"],
                "AES256",
            );
            expect(runStack(s3BucketEncryption, s, { allowedAlgorithms: ["aws:kms"] })).to.deep.equal([
                { message: "S3 bucket encryption must use one of aws:kms (got AES256)", name: "assets-sse" },
            ]);
        });

        it("skips exempt resources", () => {
            expect(runStack(s3BucketEncryption, [stack()[0]], { exemptResources: ["assets"] })).to.deep.equal([]);
        });

        it("ignores stacks without buckets", () => {
            expect(runStack(s3BucketEncryption, [{ type: "aws:sqs/queue:Queue", name: "q", props: {} }])).to.deep.equal(
                [],
            );
        });
    });

    describe("rds-storage-encrypted", () => {
        const cluster = (): TestResource => ({
            type: "aws:rds/cluster:Cluster",
            props: { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: KEY },
        });
        resourceCases(rdsStorageEncrypted, cluster, [
            {
                what: "storageEncrypted false",
                path: ["storageEncrypted"],
                to: false,
                message: "RDS cluster must have storageEncrypted set to true",
            },
            {
                what: "storageEncrypted unset",
                path: ["storageEncrypted"],
                to: undefined,
                message: "RDS cluster must have storageEncrypted set to true",
            },
        ]);

        it("reports an unencrypted instance", () => {
            expect(
                runResource(rdsStorageEncrypted, { type: "aws:rds/instance:Instance", props: { engine: "postgres" } }),
            ).to.deep.equal(["RDS instance must have storageEncrypted set to true"]);
        });

        it("requires kmsKeyId when configured for customer managed keys", () => {
            const r = cluster();
            r.props = mutate(r.props, ["kmsKeyId"], undefined);
            expect(runResource(rdsStorageEncrypted, r, { requireCustomerManagedKey: true })).to.deep.equal([
                "RDS cluster must be encrypted with a customer managed KMS key (kmsKeyId)",
            ]);
            expect(runResource(rdsStorageEncrypted, r)).to.deep.equal([]);
        });

        it("ignores read replicas, serverless v1 and other types", () => {
            expect(
                runResource(rdsStorageEncrypted, {
                    type: "aws:rds/instance:Instance",
                    props: { replicateSourceDb: "src" },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(rdsStorageEncrypted, {
                    type: "aws:rds/cluster:Cluster",
                    props: { engineMode: "serverless" },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(rdsStorageEncrypted, { type: "aws:rds/clusterInstance:ClusterInstance", props: {} }),
            ).to.deep.equal([]);
        });

        it("does not trip over an unknown value at preview", () => {
            expect(
                runResource(rdsStorageEncrypted, {
                    type: "aws:rds/cluster:Cluster",
                    props: { storageEncrypted: UNKNOWN_VALUE },
                }),
            ).to.deep.equal([]);
        });
    });

    describe("ebs-encryption", () => {
        resourceCases(
            ebsEncryption,
            () => ({ type: "aws:ebs/volume:Volume", props: { availabilityZone: "eu-central-1a", encrypted: true } }),
            [
                {
                    what: "an unencrypted volume",
                    path: ["encrypted"],
                    to: false,
                    message: "EBS volume must be encrypted",
                },
                {
                    what: "a volume without the flag",
                    path: ["encrypted"],
                    to: undefined,
                    message: "EBS volume must be encrypted",
                },
            ],
        );

        const instance = (): TestResource => ({
            type: "aws:ec2/instance:Instance",
            props: {
                rootBlockDevice: { encrypted: true },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
            },
        });
        resourceCases(ebsEncryption, instance, [
            {
                what: "an unencrypted root volume",
                path: ["rootBlockDevice", "encrypted"],
                to: false,
                message: "EC2 instance root volume must be encrypted",
            },
            {
                what: "an instance without rootBlockDevice",
                path: ["rootBlockDevice"],
                to: undefined,
                message: "EC2 instance root volume must be encrypted",
            },
            {
                what: "an unencrypted data volume",
                path: ["ebsBlockDevices", 0, "encrypted"],
                to: false,
                message: "EC2 instance EBS volume /dev/sdf must be encrypted",
            },
        ]);

        const template = (): TestResource => ({
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 50 } }] },
        });
        resourceCases(ebsEncryption, template, [
            {
                what: "an unencrypted template device",
                path: ["blockDeviceMappings", 0, "ebs", "encrypted"],
                to: "false",
                message: "Launch template block device /dev/xvda must be encrypted",
            },
            {
                what: "a template without EBS devices",
                path: ["blockDeviceMappings"],
                to: undefined,
                message: "Launch template must define encrypted EBS block devices (the AMI's defaults are unencrypted)",
            },
        ]);

        it("accepts unset flags when the account encrypts EBS by default, but not explicit false", () => {
            const cfg = { accountDefaultEncryption: true };
            expect(
                runResource(ebsEncryption, { type: "aws:ec2/launchTemplate:LaunchTemplate", props: {} }, cfg),
            ).to.deep.equal([]);
            expect(runResource(ebsEncryption, { type: "aws:ebs/volume:Volume", props: {} }, cfg)).to.deep.equal([]);
            expect(
                runResource(ebsEncryption, { type: "aws:ebs/volume:Volume", props: { encrypted: false } }, cfg),
            ).to.deep.equal(["EBS volume must be encrypted"]);
        });

        resourceCases(ebsEncryption, () => ({ type: "eks:index:Cluster", props: { nodeRootVolumeEncrypted: true } }), [
            {
                what: "an unencrypted default node group",
                path: ["nodeRootVolumeEncrypted"],
                to: undefined,
                message: "EKS default node group root volume must be encrypted (nodeRootVolumeEncrypted)",
            },
        ]);

        // The child pulumi-eks' ManagedNodeGroup creates, and what EksCluster creates directly.
        resourceCases(
            ebsEncryption,
            () => ({
                type: "aws:eks/nodeGroup:NodeGroup",
                props: { clusterName: "c", launchTemplate: { id: "lt-0abc", version: "1" } },
            }),
            [
                {
                    what: "a managed node group on EKS's own launch template",
                    path: ["launchTemplate"],
                    to: undefined,
                    message:
                        "EKS managed node group must use a launch template with encrypted EBS block devices (EKS's default template leaves the root volume unencrypted)",
                },
            ],
        );

        it("accepts a node group without a launch template when the account encrypts EBS by default, and an unknown template at preview", () => {
            expect(
                runResource(
                    ebsEncryption,
                    { type: "aws:eks/nodeGroup:NodeGroup", props: { clusterName: "c" } },
                    { accountDefaultEncryption: true },
                ),
            ).to.deep.equal([]);
            expect(
                runResource(ebsEncryption, {
                    type: "aws:eks/nodeGroup:NodeGroup",
                    props: { clusterName: "c", launchTemplate: UNKNOWN_VALUE },
                }),
            ).to.deep.equal([]);
        });

        it("ignores EKS clusters without a default node group", () => {
            expect(
                runResource(ebsEncryption, { type: "eks:index:Cluster", props: { skipDefaultNodeGroup: true } }),
            ).to.deep.equal([]);
            expect(runResource(ebsEncryption, { type: "eks:index:Cluster", props: { fargate: true } })).to.deep.equal(
                [],
            );
        });
    });

    describe("eks-secrets-encryption", () => {
        resourceCases(
            eksSecretsEncryption,
            () => ({
                type: "aws:eks/cluster:Cluster",
                props: {
                    roleArn: "r",
                    vpcConfig: { subnetIds: [] },
                    encryptionConfig: { provider: { keyArn: KEY }, resources: ["secrets"] },
                },
            }),
            [
                {
                    what: "a missing encryptionConfig",
                    path: ["encryptionConfig"],
                    to: undefined,
                    message: "EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfig)",
                },
                {
                    what: "encryption of other resources only",
                    path: ["encryptionConfig", "resources"],
                    to: ["configmaps"],
                    message: "EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfig)",
                },
                {
                    what: "a config without a key",
                    path: ["encryptionConfig", "provider"],
                    to: {},
                    message: "EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfig)",
                },
            ],
        );
        resourceCases(
            eksSecretsEncryption,
            () => ({ type: "eks:index:Cluster", props: { encryptionConfigKeyArn: KEY } }),
            [
                {
                    what: "an eks component without a key",
                    path: ["encryptionConfigKeyArn"],
                    to: undefined,
                    message: "EKS cluster must encrypt Kubernetes secrets with a KMS key (encryptionConfigKeyArn)",
                },
            ],
        );

        it("accepts a key ARN that is unknown at preview", () => {
            expect(
                runResource(eksSecretsEncryption, {
                    type: "eks:index:Cluster",
                    props: { encryptionConfigKeyArn: UNKNOWN_VALUE },
                }),
            ).to.deep.equal([]);
        });
    });

    describe("single-key policies", () => {
        const table: [PlatformResourcePolicy, string, string, string][] = [
            [
                cloudwatchLogGroupKms,
                "aws:cloudwatch/logGroup:LogGroup",
                "kmsKeyId",
                "CloudWatch log group must be encrypted with a KMS key (kmsKeyId)",
            ],
            [
                snsTopicKms,
                "aws:sns/topic:Topic",
                "kmsMasterKeyId",
                "SNS topic must be encrypted with a KMS key (kmsMasterKeyId)",
            ],
            [
                backupVaultKms,
                "aws:backup/vault:Vault",
                "kmsKeyArn",
                "Backup vault must be encrypted with a KMS key (kmsKeyArn)",
            ],
        ];
        for (const [policy, type, prop, message] of table) {
            describe(policy.name, () => {
                resourceCases(policy, () => ({ type, props: { [prop]: KEY } }), [
                    { what: `a missing ${prop}`, path: [prop], to: undefined, message },
                    { what: `an empty ${prop}`, path: [prop], to: "", message },
                ]);
                it("ignores other types", () => {
                    expect(runResource(policy, { type: "aws:sqs/queue:Queue", props: {} })).to.deep.equal([]);
                });
            });
        }
    });

    describe("sqs-queue-kms", () => {
        resourceCases(sqsQueueKms, () => ({ type: "aws:sqs/queue:Queue", props: { kmsMasterKeyId: KEY } }), [
            {
                what: "a queue without a KMS key",
                path: ["kmsMasterKeyId"],
                to: undefined,
                message: "SQS queue must be encrypted with a KMS key (kmsMasterKeyId)",
            },
        ]);

        it("rejects SSE-SQS by default and accepts it when configured", () => {
            const r: TestResource = { type: "aws:sqs/queue:Queue", props: { sqsManagedSseEnabled: true } };
            expect(runResource(sqsQueueKms, r)).to.deep.equal([
                "SQS queue must be encrypted with a KMS key (kmsMasterKeyId)",
            ]);
            expect(runResource(sqsQueueKms, r, { allowSqsManagedSse: true })).to.deep.equal([]);
        });
    });

    describe("elasticache-at-rest-encryption", () => {
        resourceCases(
            elasticacheAtRestEncryption,
            () => ({
                type: "aws:elasticache/replicationGroup:ReplicationGroup",
                props: { description: "redis", atRestEncryptionEnabled: true },
            }),
            [
                {
                    what: "encryption at rest off",
                    path: ["atRestEncryptionEnabled"],
                    to: false,
                    message: "ElastiCache replication group must enable encryption at rest (atRestEncryptionEnabled)",
                },
            ],
        );
        it("ignores global datastore secondaries", () => {
            const r = {
                type: "aws:elasticache/replicationGroup:ReplicationGroup",
                props: { globalReplicationGroupId: "g" },
            };
            expect(runResource(elasticacheAtRestEncryption, r)).to.deep.equal([]);
        });
    });

    describe("efs-encryption", () => {
        resourceCases(efsEncryption, () => ({ type: "aws:efs/fileSystem:FileSystem", props: { encrypted: true } }), [
            {
                what: "an unencrypted file system",
                path: ["encrypted"],
                to: undefined,
                message: "EFS file system must be encrypted",
            },
        ]);
    });

    describe("rds-performance-insights-kms", () => {
        const message = "RDS Performance Insights must be encrypted with a KMS key (performanceInsightsKmsKeyId)";
        resourceCases(
            rdsPerformanceInsightsKms,
            () => ({
                type: "aws:rds/clusterInstance:ClusterInstance",
                props: { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY },
            }),
            [{ what: "insights without a key", path: ["performanceInsightsKmsKeyId"], to: undefined, message }],
        );
        it("reports advanced Database Insights without a key", () => {
            expect(
                runResource(rdsPerformanceInsightsKms, {
                    type: "aws:rds/cluster:Cluster",
                    props: { databaseInsightsMode: "advanced" },
                }),
            ).to.deep.equal([message]);
        });
        it("ignores databases without Performance Insights", () => {
            expect(
                runResource(rdsPerformanceInsightsKms, {
                    type: "aws:rds/instance:Instance",
                    props: { performanceInsightsEnabled: false },
                }),
            ).to.deep.equal([]);
        });
    });

    describe("kms-key-rotation", () => {
        resourceCases(kmsKeyRotation, () => ({ type: "aws:kms/key:Key", props: { enableKeyRotation: true } }), [
            {
                what: "rotation off",
                path: ["enableKeyRotation"],
                to: false,
                message: "KMS key must have automatic rotation enabled (enableKeyRotation)",
            },
            {
                what: "rotation unset",
                path: ["enableKeyRotation"],
                to: undefined,
                message: "KMS key must have automatic rotation enabled (enableKeyRotation)",
            },
        ]);
        it("ignores keys AWS cannot rotate", () => {
            expect(
                runResource(kmsKeyRotation, {
                    type: "aws:kms/key:Key",
                    props: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(kmsKeyRotation, { type: "aws:kms/key:Key", props: { customKeyStoreId: "cks-1" } }),
            ).to.deep.equal([]);
        });
    });
});
