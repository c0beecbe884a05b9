/**
 * Synthetic plans for the analyzer tests: a compliant slice of the platform, a deliberately bad
 * one, and a ~300-record stack for timing.
 */
import { ResourceRecord, StackPlan } from "../../../automation/plan/types";
import { rec } from "../records";

const PROJECT = "payments";
const KEY = "arn:aws:kms:eu-central-1:111111111111:key/0000";
const TAGS = { environment: "prod", owner: "payments-platform", "cost-center": "cc-1042" };

export class PlanBuilder {
    public readonly resources: ResourceRecord[] = [];
    public readonly stackUrn: string;

    constructor(private readonly stack: string) {
        this.stackUrn = `urn:pulumi:${stack}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${stack}`;
        this.resources.push(
            this.record(
                "pulumi:pulumi:Stack",
                `${PROJECT}-${stack}`,
                {},
                { parent: "", custom: false, urn: this.stackUrn },
            ),
        );
    }

    public urn(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${PROJECT}::${type}::${name}`;
    }

    private record(
        type: string,
        name: string,
        inputs: Record<string, unknown>,
        extra: Partial<ResourceRecord> = {},
    ): ResourceRecord {
        return rec(type, name, inputs, { urn: this.urn(type, name), parent: this.stackUrn, ...extra });
    }

    /** Adds a resource; `deps` maps an input to the names of the resources its value came from. */
    public add(
        type: string,
        name: string,
        inputs: Record<string, unknown>,
        deps: Record<string, string[]> = {},
        extra: Partial<ResourceRecord> = {},
    ): string {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [k, names] of Object.entries(deps)) {
            propertyDependencies[k] = names.map((n) => {
                const target = this.resources.find((r) => r.name === n);
                if (!target) {
                    throw new Error(`fixture: ${name}.${k} depends on unknown ${n}`);
                }
                return target.urn;
            });
        }
        const r = this.record(type, name, inputs, {
            propertyDependencies,
            dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            ...extra,
        });
        this.resources.push(r);
        return r.urn;
    }

    public plan(): StackPlan {
        return {
            name: this.stack,
            project: PROJECT,
            region: "eu-central-1",
            resources: this.resources,
            outputs: {},
            references: [],
            secretPlaceholders: [],
        };
    }
}

/** An explicit aws provider carrying the required tags, as the stacks create it. */
export function addProvider(b: PlanBuilder): string {
    const urn = b.add("pulumi:providers:aws", "aws-eu-central-1", {
        region: "eu-central-1",
        // aws.Provider JSON-encodes object inputs.
        defaultTags: JSON.stringify({ tags: TAGS }),
    });
    return `${urn}::provider-id`;
}

function denyInsecure(bucket: string) {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

/** A private, encrypted, TLS-only bucket (bucket + SSE + public access block + policy). */
export function addBucket(b: PlanBuilder, name: string, provider: string): void {
    const o = { provider };
    b.add("aws:s3/bucket:Bucket", name, { bucket: `pay-${name}` }, {}, o);
    b.add(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        `${name}-sse`,
        {
            bucket: `${name}-id`,
            rules: [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
                    bucketKeyEnabled: true,
                },
            ],
        },
        { bucket: [name] },
        o,
    );
    b.add(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        `${name}-pab`,
        {
            bucket: `${name}-id`,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        { bucket: [name] },
        o,
    );
    b.add(
        "aws:s3/bucketPolicy:BucketPolicy",
        `${name}-policy`,
        { bucket: `${name}-id`, policy: denyInsecure(`pay-${name}`) },
        { bucket: [name] },
        o,
    );
}

/** The database slice: KMS key, TLS-only parameter group, encrypted protected Aurora cluster, proxy. */
export function addDatabase(b: PlanBuilder, name: string, provider: string): void {
    const o = { provider };
    b.add(
        "aws:kms/key:Key",
        `${name}-key`,
        { description: "db", enableKeyRotation: true, deletionWindowInDays: 30 },
        {},
        o,
    );
    b.add(
        "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        `${name}-params`,
        {
            name: `${name}-params`,
            family: "aurora-postgresql16",
            parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
        },
        {},
        o,
    );
    b.add(
        "aws:rds/cluster:Cluster",
        name,
        {
            engine: "aurora-postgresql",
            engineVersion: "16.4",
            storageEncrypted: true,
            kmsKeyId: KEY,
            masterPassword: "[secret]",
            deletionProtection: true,
            backupRetentionPeriod: 14,
            dbClusterParameterGroupName: `${name}-params`,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: KEY,
        },
        { kmsKeyId: [`${name}-key`], dbClusterParameterGroupName: [`${name}-params`] },
        { ...o, protect: true },
    );
    b.add(
        "aws:rds/proxy:Proxy",
        `${name}-proxy`,
        { engineFamily: "POSTGRESQL", requireTls: true, roleArn: "arn:role", vpcSubnetIds: ["s"] },
        {},
        o,
    );
}

/** The edge slice: HTTPS ALB behind CloudFront with a redirecting HTTP listener, and a TLS 1.2 CloudFront. */
export function addEdge(b: PlanBuilder, name: string, provider: string): void {
    const o = { provider };
    b.add(
        "aws:ec2/securityGroup:SecurityGroup",
        `${name}-alb-sg`,
        {
            vpcId: "vpc",
            ingress: [
                // CloudFront's origin-facing prefix list only: an edge ALB open to the world lets
                // clients skip CloudFront and its WAF (alb-not-world-open).
                { protocol: "tcp", fromPort: 80, toPort: 443, prefixListIds: ["pl-a3a144ca"] },
            ],
        },
        {},
        o,
    );
    b.add(
        "aws:lb/loadBalancer:LoadBalancer",
        `${name}-alb`,
        { internal: false, loadBalancerType: "application", securityGroups: [`${name}-alb-sg-id`] },
        { securityGroups: [`${name}-alb-sg`] },
        o,
    );
    b.add(
        "aws:lb/listener:Listener",
        `${name}-https`,
        {
            loadBalancerArn: "arn:alb",
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificateArn: "arn:cert",
            defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
        },
        { loadBalancerArn: [`${name}-alb`] },
        o,
    );
    b.add(
        "aws:lb/listener:Listener",
        `${name}-http`,
        {
            loadBalancerArn: "arn:alb",
            port: 80,
            protocol: "HTTP",
            defaultActions: [
                { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
        },
        { loadBalancerArn: [`${name}-alb`] },
        o,
    );
    b.add(
        "aws:cloudfront/distribution:Distribution",
        `${name}-cdn`,
        {
            enabled: true,
            defaultCacheBehavior: {
                targetOriginId: "alb",
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET", "HEAD"],
                cachedMethods: ["GET", "HEAD"],
            },
            viewerCertificate: {
                acmCertificateArn: "arn:cert",
                sslSupportMethod: "sni-only",
                minimumProtocolVersion: "TLSv1.2_2021",
            },
            origins: [
                {
                    originId: "alb",
                    domainName: "alb.example.com",
                    customOriginConfig: {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "https-only",
                        originSslProtocols: ["TLSv1.2"],
                    },
                },
            ],
        },
        {},
        o,
    );
}

/** A stack every policy accepts, even with prod's all-mandatory config. */
export function compliantPlan(stack = "prod-frankfurt"): StackPlan {
    const b = new PlanBuilder(stack);
    const provider = addProvider(b);
    addBucket(b, "assets", provider);
    addDatabase(b, "ledger", provider);
    addEdge(b, "web", provider);
    b.add("aws:sqs/queue:Queue", "payments", { kmsMasterKeyId: KEY, tags: { Name: "payments" } }, {}, { provider });
    b.add(
        "aws:cloudwatch/logGroup:LogGroup",
        "app-logs",
        { kmsKeyId: "[unknown]", retentionInDays: 30 },
        {},
        { provider },
    );
    b.add(
        "aws:ec2/launchTemplate:LaunchTemplate",
        "nodes",
        {
            metadataOptions: { httpTokens: "required" },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 50 } }],
        },
        {},
        { provider },
    );
    b.add(
        "eks:index:Cluster",
        "platform",
        {
            encryptionConfigKeyArn: KEY,
            endpointPublicAccess: false,
            endpointPrivateAccess: true,
            skipDefaultNodeGroup: true,
        },
        {},
        { custom: false, remote: true },
    );
    return b.plan();
}

/**
 * The bad stack: a public bucket, an unencrypted DB cluster, an HTTP listener that forwards
 * and a CloudFront distribution that allows TLSv1. Also a launch template without IMDSv2, which is
 * advisory in dev and mandatory in prod.
 */
export function badPlan(stack = "dev"): StackPlan {
    const b = new PlanBuilder(stack);
    const provider = addProvider(b);
    b.add("aws:s3/bucket:Bucket", "public", { bucket: "pay-public", acl: "public-read" }, {}, { provider });
    b.add(
        "aws:s3/bucketPolicy:BucketPolicy",
        "public-policy",
        {
            bucket: "public-id",
            policy: JSON.stringify({
                Statement: [
                    {
                        Sid: "PublicRead",
                        Effect: "Allow",
                        Principal: "*",
                        Action: "s3:GetObject",
                        Resource: "arn:aws:s3:::pay-public/*",
                    },
                ],
            }),
        },
        { bucket: ["public"] },
        { provider },
    );
    b.add(
        "aws:rds/cluster:Cluster",
        "ledger",
        {
            engine: "aurora-postgresql",
            masterPassword: "[secret]",
            deletionProtection: true,
            backupRetentionPeriod: 7,
            dbClusterParameterGroupName: "custom-tls",
        },
        {},
        { provider },
    );
    b.add(
        "aws:lb/listener:Listener",
        "http",
        {
            loadBalancerArn: "arn:alb",
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
        },
        {},
        { provider },
    );
    b.add(
        "aws:cloudfront/distribution:Distribution",
        "cdn",
        {
            enabled: true,
            defaultCacheBehavior: {
                targetOriginId: "s3",
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET"],
                cachedMethods: ["GET"],
            },
            viewerCertificate: {
                acmCertificateArn: "arn:cert",
                sslSupportMethod: "sni-only",
                minimumProtocolVersion: "TLSv1",
            },
            origins: [{ originId: "s3", domainName: "pay-public.s3.amazonaws.com", originAccessControlId: "oac" }],
        },
        {},
        { provider },
    );
    b.add(
        "aws:ec2/launchTemplate:LaunchTemplate",
        "nodes",
        { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] },
        {},
        { provider },
    );
    return b.plan();
}

/** About `n` records: repeated compliant slices (each ~20 records), like a full regional stack. */
export function largePlan(n = 300, stack = "prod-frankfurt"): StackPlan {
    const b = new PlanBuilder(stack);
    const provider = addProvider(b);
    for (let i = 0; b.resources.length < n; i++) {
        addBucket(b, `bucket-${i}`, provider);
        addDatabase(b, `db-${i}`, provider);
        addEdge(b, `edge-${i}`, provider);
        b.add("aws:sqs/queue:Queue", `queue-${i}`, { kmsMasterKeyId: KEY }, {}, { provider });
    }
    return b.plan();
}
