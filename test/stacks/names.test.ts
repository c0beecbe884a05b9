/**
 * Replace-safe physical names, over every planned stack. Pulumi replaces create-before-delete: a
 * resource whose physical name is fixed collides with itself when a ForceNew input changes (the
 * create fails with "already exists"), or, where pulumi-aws autonames the property, the bridge
 * silently switches to delete-before-replace (pulumi-terraform-bridge, nameRequiresDeleteBeforeReplace):
 * the old node group, endpoint or queue is gone before the new one exists. So every explicit name
 * is either harmless (only renaming it can replace the resource), a prefix, marked
 * deleteBeforeReplace on purpose, or allow-listed below with the reason.
 *
 * The ForceNew facts were read from terraform-provider-aws (the schemas pulumi-aws v7 bridges),
 * internal/service/<service>/<resource>.go, for the inputs this program sets; pulumi-kubernetes'
 * behaviour from its own tests (an object with metadata.name set is deleted before it is replaced).
 */
import { expect } from "chai";
import { ResourceRecord } from "../../automation/plan/types";
import { Recorded, plannedStacks } from "../harness";

interface NameRule {
    /** The input that sets the physical name (a dotted path for nested ones). */
    name: string;
    /** The input that sets a prefix the provider completes with a unique suffix, when the type has one. */
    prefix?: string;
    /**
     * Inputs besides the name whose change forces a replacement. Inputs that only scope the name
     * (the cluster of a node group, the zone of a record) are left out: changing them puts the
     * name into another namespace, where it can't collide.
     */
    forceNew: string[];
    /** The provider deletes before it replaces (so it never collides, but it isn't create-first). */
    providerDeletesFirst?: boolean;
}

const k8sObject: NameRule = { name: "metadata.name", forceNew: [], providerDeletesFirst: true };

/** Every recorded type with an input that names it physically (service/file of the TF schema in the comment). */
const NAME_RULES: Record<string, NameRule> = {
    // appautoscaling/policy.go
    "aws:appautoscaling/policy:Policy": {
        name: "name",
        forceNew: ["resourceId", "scalableDimension", "serviceNamespace"],
    },
    // events/bus.go
    "aws:cloudwatch/eventBus:EventBus": { name: "name", forceNew: ["eventSourceName"] },
    // events/rule.go (the bus scopes the name)
    "aws:cloudwatch/eventRule:EventRule": { name: "name", prefix: "namePrefix", forceNew: [] },
    // events/target.go (rule and bus scope the target id)
    "aws:cloudwatch/eventTarget:EventTarget": { name: "targetId", forceNew: [] },
    // logs/group.go
    "aws:cloudwatch/logGroup:LogGroup": { name: "name", prefix: "namePrefix", forceNew: ["logGroupClass"] },
    // iam/instance_profile.go
    "aws:iam/instanceProfile:InstanceProfile": { name: "name", prefix: "namePrefix", forceNew: ["path"] },
    // iam/service_linked_role.go: IAM derives the name from the service (and suffix); one per account,
    // so the program creates it only where the account lacks it, and retains it (stacks/workload/eks.ts).
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
        name: "customSuffix",
        forceNew: ["awsServiceName", "customSuffix"],
    },
    // backup/vault.go: a vault's key is fixed at creation
    "aws:backup/vault:Vault": { name: "name", forceNew: ["kmsKeyArn"] },
    // backup/plan.go
    "aws:backup/plan:Plan": { name: "name", forceNew: [] },
    // backup/selection.go: a selection can't be updated, every argument replaces it
    "aws:backup/selection:Selection": {
        name: "name",
        forceNew: ["planId", "iamRoleArn", "resources", "conditions", "notResources", "selectionTags"],
    },
    // efs/file_system.go: the creation token is the idempotency name (generated when unset)
    "aws:efs/fileSystem:FileSystem": {
        name: "creationToken",
        forceNew: ["encrypted", "kmsKeyId", "performanceMode", "availabilityZoneName"],
    },
    // rolesanywhere/profile.go
    "aws:rolesanywhere/profile:Profile": { name: "name", forceNew: [] },
    // ec2/ec2_launch_template.go
    "aws:ec2/launchTemplate:LaunchTemplate": { name: "name", prefix: "namePrefix", forceNew: [] },
    // ec2/vpc_security_group.go (the VPC scopes the name; the description can't be changed)
    "aws:ec2/securityGroup:SecurityGroup": { name: "name", prefix: "namePrefix", forceNew: ["description"] },
    // eks/addon.go (the cluster scopes the add-on)
    "aws:eks/addon:Addon": { name: "addonName", forceNew: [] },
    // eks/cluster.go
    "aws:eks/cluster:Cluster": {
        name: "name",
        forceNew: [
            "roleArn",
            "bootstrapSelfManagedAddons",
            "accessConfig.bootstrapClusterCreatorAdminPermissions",
            "kubernetesNetworkConfig.ipFamily",
            "kubernetesNetworkConfig.serviceIpv4Cidr",
            "remoteNetworkConfig",
            "outpostConfig",
        ],
    },
    // eks/node_group.go (the cluster scopes the name)
    "aws:eks/nodeGroup:NodeGroup": {
        name: "nodeGroupName",
        prefix: "nodeGroupNamePrefix",
        forceNew: [
            "amiType",
            "capacityType",
            "diskSize",
            "instanceTypes",
            "launchTemplate.id",
            "launchTemplate.name",
            "nodeRoleArn",
            "remoteAccess",
            "subnetIds",
        ],
    },
    // elasticache/parameter_group.go
    "aws:elasticache/parameterGroup:ParameterGroup": { name: "name", forceNew: ["family", "description"] },
    // elasticache/replication_group.go
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        name: "replicationGroupId",
        forceNew: ["atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port", "snapshotArns", "snapshotName"],
    },
    // elasticache/subnet_group.go
    "aws:elasticache/subnetGroup:SubnetGroup": { name: "name", forceNew: [] },
    // iam/role.go
    "aws:iam/role:Role": { name: "name", prefix: "namePrefix", forceNew: ["path"] },
    // iam/policy.go (not recorded today: classified ahead for the observability and edge areas)
    "aws:iam/policy:Policy": { name: "name", prefix: "namePrefix", forceNew: ["path", "description"] },
    // iam/role_policy.go (the role scopes the name)
    "aws:iam/rolePolicy:RolePolicy": { name: "name", prefix: "namePrefix", forceNew: [] },
    // kms/alias.go
    "aws:kms/alias:Alias": { name: "name", prefix: "namePrefix", forceNew: [] },
    // cloudfront/origin_access_control.go: every field updates in place (names are unique per account)
    "aws:cloudfront/originAccessControl:OriginAccessControl": { name: "name", forceNew: [] },
    // cloudfront/response_headers_policy.go
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": { name: "name", forceNew: [] },
    // logs/delivery_source.go and delivery_destination.go (auto-named here)
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": { name: "name", forceNew: ["logType", "resourceArn"] },
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": { name: "name", forceNew: ["outputFormat"] },
    // globalaccelerator/accelerator.go
    "aws:globalaccelerator/accelerator:Accelerator": { name: "name", forceNew: [] },
    // elbv2/load_balancer.go (the edge's ALBs are auto-named: 32 characters at most)
    "aws:lb/loadBalancer:LoadBalancer": {
        name: "name",
        prefix: "namePrefix",
        forceNew: ["internal", "loadBalancerType", "customerOwnedIpv4Pool"],
    },
    // elbv2/target_group.go
    "aws:lb/targetGroup:TargetGroup": {
        name: "name",
        prefix: "namePrefix",
        forceNew: ["port", "protocol", "protocolVersion", "targetType", "vpcId", "ipAddressType"],
    },
    // s3/object.go (the bucket scopes the key; the canary's code key is its content's hash)
    "aws:s3/bucketObjectv2:BucketObjectv2": { name: "key", forceNew: [] },
    // synthetics/canary.go: only the name is ForceNew; code, runtime and schedule update in place
    "aws:synthetics/canary:Canary": { name: "name", forceNew: [] },
    // s3/bucket.go
    "aws:s3/bucket:Bucket": { name: "bucket", prefix: "bucketPrefix", forceNew: ["objectLockEnabled"] },
    // wafv2/web_acl.go
    "aws:wafv2/webAcl:WebAcl": { name: "name", prefix: "namePrefix", forceNew: ["scope"] },
    // rds/cluster.go
    "aws:rds/cluster:Cluster": {
        name: "clusterIdentifier",
        prefix: "clusterIdentifierPrefix",
        forceNew: [
            "availabilityZones",
            "databaseName",
            "dbSubnetGroupName",
            "engine",
            "engineMode",
            "kmsKeyId",
            "masterUsername",
            "snapshotIdentifier",
            "storageEncrypted",
        ],
    },
    // rds/cluster_instance.go (instance identifiers are unique per region, not per cluster)
    "aws:rds/clusterInstance:ClusterInstance": {
        name: "identifier",
        prefix: "identifierPrefix",
        forceNew: ["clusterIdentifier", "engine", "availabilityZone", "dbSubnetGroupName"],
    },
    // rds/cluster_parameter_group.go
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
        name: "name",
        prefix: "namePrefix",
        forceNew: ["family", "description"],
    },
    // rds/global_cluster.go
    "aws:rds/globalCluster:GlobalCluster": {
        name: "globalClusterIdentifier",
        forceNew: ["databaseName", "engine", "sourceDbClusterIdentifier", "storageEncrypted"],
    },
    // rds/proxy.go
    "aws:rds/proxy:Proxy": { name: "name", forceNew: ["engineFamily"] },
    // rds/proxy_endpoint.go (the proxy scopes the name)
    "aws:rds/proxyEndpoint:ProxyEndpoint": { name: "dbProxyEndpointName", forceNew: ["targetRole", "vpcSubnetIds"] },
    // rds/subnet_group.go
    "aws:rds/subnetGroup:SubnetGroup": { name: "name", prefix: "namePrefix", forceNew: [] },
    // route53/record.go (the zone scopes the name; type and values update in place)
    "aws:route53/record:Record": { name: "name", forceNew: [] },
    // route53/zone.go: zone names aren't unique (every private zone of the hub is one of several
    // zones of that name in the partition), so a replacement never collides.
    "aws:route53/zone:Zone": { name: "name", forceNew: [] },
    // secretsmanager/secret.go
    "aws:secretsmanager/secret:Secret": { name: "name", prefix: "namePrefix", forceNew: [] },
    // sns/topic.go and cloudwatch/metric_alarm.go (classified ahead, like iam/policy.go)
    "aws:sns/topic:Topic": { name: "name", prefix: "namePrefix", forceNew: ["fifoTopic"] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { name: "name", forceNew: [] },
    // cloudwatch/composite_alarm.go and cloudwatch/dashboard.go: only the name forces a new one
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": { name: "alarmName", forceNew: [] },
    "aws:cloudwatch/dashboard:Dashboard": { name: "dashboardName", forceNew: [] },
    // sqs/queue.go
    "aws:sqs/queue:Queue": { name: "name", prefix: "namePrefix", forceNew: ["fifoQueue"] },
    // ssm/parameter.go
    "aws:ssm/parameter:Parameter": { name: "name", forceNew: ["dataType"] },
    // ecr/repository.go: encryption_configuration is ForceNew
    "aws:ecr/repository:Repository": { name: "name", forceNew: ["encryptionConfigurations"] },
    // A Helm release is identified by name within its namespace; chart, version and values upgrade it in place.
    "kubernetes:helm.sh/v3:Release": { name: "name", forceNew: [] },
};

/**
 * The rule of a recorded type. Every plain Kubernetes object (any group, version and kind but a Helm
 * release) is named by metadata.name, and the Kubernetes provider deletes it before it replaces it.
 */
function ruleOf(type: string): NameRule | undefined {
    if (NAME_RULES[type]) return NAME_RULES[type];
    return type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/") ? k8sObject : undefined;
}

/** Recorded types whose inputs carry no physical name (AWS assigns an id, or the identity is a reference). */
const NO_PHYSICAL_NAME = new Set([
    // ecr/lifecycle_policy.go: identified by its repository
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:acm/certificate:Certificate",
    "aws:cloudfront/distribution:Distribution",
    "aws:cloudwatch/logDelivery:LogDelivery",
    "aws:globalaccelerator/endpointGroup:EndpointGroup",
    "aws:globalaccelerator/listener:Listener",
    "aws:shield/protection:Protection",
    "aws:acm/certificateValidation:CertificateValidation",
    "aws:lb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    // efs: access points have ids; a mount target is one per AZ of its file system (replaced delete-first)
    "aws:efs/accessPoint:AccessPoint",
    "aws:efs/mountTarget:MountTarget",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws:appautoscaling/target:Target",
    "aws:ec2/eip:Eip",
    "aws:ec2/instance:Instance",
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/route:Route",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    // Peering attachments have ids, no names: the Name tag (`<stack>-link-<peer>`) is only a tag.
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    "aws:ec2transitgateway/route:Route",
    "aws:ec2transitgateway/routeTable:RouteTable",
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    "aws:ec2transitgateway/transitGateway:TransitGateway",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:kms/key:Key",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    "aws:rds/proxyTarget:ProxyTarget",
    "aws:route53/zoneAssociation:ZoneAssociation",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "random:index/randomId:RandomId",
    "random:index/randomPassword:RandomPassword",
]);

/** Fixed names that stay fixed on purpose, by type and the resource's logical name. */
const ALLOWED: { type: string; name: RegExp; reason: string }[] = [
    {
        type: "aws:rds/cluster:Cluster",
        name: /-payments-cluster$/,
        reason:
            "the exported postgresql log group is named after the identifier, so it must be known before the " +
            "cluster exists; pulumi-aws autonames clusterIdentifier, so the bridge replaces it delete-first (after " +
            "the final snapshot), and prod's cluster is protected, so there a ForceNew change fails",
    },
    {
        type: "aws:rds/globalCluster:GlobalCluster",
        name: /-payments-global$/,
        reason:
            "the identifier is what every secondary joins (read through its stack reference) and what the " +
            "runbook's switchover and failover commands name; a global cluster can't be replaced either way while " +
            "it has members (RDS refuses to delete it, and the identifier is account-wide), and prod's is " +
            "protected, so a ForceNew change fails the update instead of splitting the global database",
    },
    {
        type: "aws:eks/cluster:Cluster",
        name: /-eks-cluster-eksCluster$/,
        reason:
            "built by pulumi-eks (remote component, no deleteBeforeReplace on its child); the name is what the " +
            "control-plane log group, access entries, IRSA and every kubeconfig refer to, and its ForceNew inputs " +
            "are set once at creation: a replacement is a rebuild of the platform, never a routine edit",
    },
];

function at(inputs: Record<string, unknown>, path: string): unknown {
    return path
        .split(".")
        .reduce<unknown>(
            (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
            inputs,
        );
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== "";

/** Why a resource's name can't collide on replacement, or undefined when it can. */
function replaceSafety(r: ResourceRecord): string | undefined {
    const rule = ruleOf(r.type);
    if (!rule || !isSet(at(r.inputs, rule.name))) return "auto-named";
    if (rule.prefix && isSet(at(r.inputs, rule.prefix))) return "prefix";
    if (r.deleteBeforeReplace) return "deleteBeforeReplace";
    if (rule.providerDeletesFirst) return "the provider deletes first";
    if (!rule.forceNew.some((p) => isSet(at(r.inputs, p)))) return "only a rename replaces it";
    if (ALLOWED.some((a) => a.type === r.type && a.name.test(r.name))) return "allow-listed";
    return undefined;
}

describe("physical names are replace-safe in every planned stack", () => {
    let stacks: Recorded[];
    before(async () => {
        stacks = await plannedStacks();
    });

    it("every custom resource type the plan records is classified (named, or carrying no physical name)", () => {
        const unknown = new Set<string>();
        for (const s of stacks)
            for (const r of s.resources)
                if (r.custom && !r.type.startsWith("pulumi:") && !ruleOf(r.type) && !NO_PHYSICAL_NAME.has(r.type))
                    unknown.add(r.type);
        expect(
            [...unknown].sort(),
            "add each to NAME_RULES (with its ForceNew inputs) or NO_PHYSICAL_NAME",
        ).to.deep.equal([]);
    });

    it("every explicitly named resource is auto-named, prefixed, deleted first, only renamed, or allow-listed", () => {
        const unsafe: string[] = [];
        for (const s of stacks)
            for (const r of s.resources) {
                if (replaceSafety(r) !== undefined) continue;
                const rule = ruleOf(r.type)!;
                const forcing = rule.forceNew.filter((p) => isSet(at(r.inputs, p)));
                unsafe.push(
                    `${s.plan.name}: ${r.type} ${r.name} has fixed ${rule.name} ${JSON.stringify(at(r.inputs, rule.name))} and sets ForceNew ${forcing.join(", ")}`,
                );
            }
        expect(unsafe).to.deep.equal([]);
    });

    it("node groups are named by a prefix and the proxy's read-only endpoint is deleted before it is replaced", () => {
        for (const s of stacks) {
            for (const g of s.all("aws:eks/nodeGroup:NodeGroup")) {
                expect(g.inputs.nodeGroupName, g.name).to.equal(undefined);
                expect(g.inputs.nodeGroupNamePrefix, g.name).to.match(/^(system|apps)-[a-z]{2}-[a-z]+-\d[a-z]-$/);
            }
            for (const e of s.all("aws:rds/proxyEndpoint:ProxyEndpoint"))
                expect([e.name, e.deleteBeforeReplace]).to.deep.equal([e.name, true]);
        }
    });

    it("every allow-list entry still matches a resource that needs it (no stale reasons)", () => {
        const needed = ALLOWED.filter((a) =>
            stacks.some((s) =>
                s.resources.some(
                    (r) =>
                        r.type === a.type &&
                        a.name.test(r.name) &&
                        replaceSafety({ ...r, deleteBeforeReplace: false }) === "allow-listed",
                ),
            ),
        );
        expect(needed.map((a) => a.type)).to.deep.equal(ALLOWED.map((a) => a.type));
    });
});
