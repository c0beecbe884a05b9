/**
 * Cost and ownership tags. Advisory by default; prod's policy config makes it mandatory.
 *
 * Stacks put the common tags on their aws Provider as `defaultTags`, so a resource complies when
 * its own `tags` and its provider's `defaultTags.tags` together carry every required key with a
 * non-empty value. The engine hands each resource's provider (explicit or default) to the policy;
 * the aws provider passes `defaultTags` as a JSON string, which is parsed here.
 */
import { get, isUnknown, PlatformPolicy, resourcePolicy, Subject, tagsOf } from "./helpers";

/** The `defaultTags.tags` of an aws provider's inputs, whether JSON-encoded or not. */
export function providerDefaultTags(provider: Subject["provider"]): Record<string, string> {
    if (!provider || provider.type !== "pulumi:providers:aws") {
        return {};
    }
    let dt = get(provider.props, "defaultTags");
    if (typeof dt === "string" && !isUnknown(dt)) {
        try {
            dt = JSON.parse(dt);
        } catch {
            return {};
        }
    }
    return tagsOf(get(dt, "tags"));
}

interface TagConfig {
    requiredTags: string[];
    taggableTypes: string[];
}

export const requiredTags = resourcePolicy<TagConfig>({
    name: "required-tags",
    description: "Taggable AWS resources carry the cost and ownership tags, directly or via provider defaultTags.",
    enforcementLevel: "advisory",
    // Any aws resource may be taggable; check() narrows to the taggable ones.
    types: ["*"],
    config: {
        requiredTags: {
            type: "array",
            items: { type: "string" },
            description: "Tag keys every taggable resource needs (case-sensitive).",
            default: ["environment", "owner", "cost-center"],
        },
        taggableTypes: {
            type: "array",
            items: { type: "string" },
            description:
                "Types checked even when they set no tags of their own (any aws type with a tags input is checked).",
            default: [
                "aws:ec2/vpc:Vpc",
                "aws:ec2/subnet:Subnet",
                "aws:ec2/securityGroup:SecurityGroup",
                "aws:ec2/natGateway:NatGateway",
                "aws:ec2/internetGateway:InternetGateway",
                "aws:ec2/eip:Eip",
                "aws:ec2/routeTable:RouteTable",
                "aws:ec2/instance:Instance",
                "aws:ec2/launchTemplate:LaunchTemplate",
                "aws:ec2transitgateway/transitGateway:TransitGateway",
                "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
                "aws:ec2transitgateway/routeTable:RouteTable",
                "aws:ec2/vpnConnection:VpnConnection",
                "aws:ec2/customerGateway:CustomerGateway",
                "aws:eks/cluster:Cluster",
                "aws:eks/nodeGroup:NodeGroup",
                "aws:rds/cluster:Cluster",
                "aws:rds/clusterInstance:ClusterInstance",
                "aws:rds/instance:Instance",
                "aws:rds/proxy:Proxy",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "aws:sqs/queue:Queue",
                "aws:sns/topic:Topic",
                "aws:kms/key:Key",
                "aws:s3/bucket:Bucket",
                "aws:s3/bucketV2:BucketV2",
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:lb/loadBalancer:LoadBalancer",
                "aws:lb/targetGroup:TargetGroup",
                "aws:alb/loadBalancer:LoadBalancer",
                "aws:cloudfront/distribution:Distribution",
                "aws:wafv2/webAcl:WebAcl",
                "aws:route53/zone:Zone",
                "aws:globalaccelerator/accelerator:Accelerator",
                "aws:efs/fileSystem:FileSystem",
                "aws:backup/vault:Vault",
                "aws:backup/plan:Plan",
                "aws:iam/role:Role",
                "aws:secretsmanager/secret:Secret",
                "aws:acm/certificate:Certificate",
            ],
        },
    },
    check(r, cfg, report) {
        const own = get(r.props, "tags");
        if (
            !r.type.startsWith("aws:") ||
            (own === undefined && !cfg.taggableTypes.includes(r.type)) ||
            isUnknown(own)
        ) {
            return;
        }
        const tags = { ...providerDefaultTags(r.provider), ...tagsOf(own) };
        const missing = cfg.requiredTags.filter((k) => !tags[k]);
        if (missing.length > 0) {
            report(`AWS resource must carry tags ${missing.join(", ")} (own tags or provider defaultTags)`);
        }
    },
});

export const taggingPolicies: PlatformPolicy[] = [requiredTags];
