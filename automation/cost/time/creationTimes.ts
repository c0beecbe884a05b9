/**
 * Typical creation times per resource type (seconds, what `pulumi up` waits for the create to
 * finish), each with where the figure comes from. These are typical, not worst case: AWS publishes
 * few figures, so most rows are the commonly observed duration, bounded by the provider's create
 * timeout, which says how long AWS may legitimately take.
 */

export interface CreationTime {
    seconds: number;
    source: string;
}

const OBSERVED = "typical observed create time (pulumi/terraform runs)";
const K8S = "a Kubernetes API call: seconds, once the control plane answers";

/** By resource type; a type not here gets DEFAULT_SECONDS (flagged in the report). */
export const CREATION_TIMES: Record<string, CreationTime> = {
    "aws:eks/cluster:Cluster": {
        seconds: 600,
        source: "EKS control planes take about 10 minutes (EKS user guide, Create a cluster); provider timeout 30 min",
    },
    "aws:eks/nodeGroup:NodeGroup": { seconds: 180, source: `${OBSERVED}; provider timeout 60 min` },
    "aws:eks/addon:Addon": { seconds: 60, source: `${OBSERVED}; add-ons with pods wait until ACTIVE` },
    "aws:rds/cluster:Cluster": { seconds: 180, source: `${OBSERVED} (cluster without instances); timeout 120 min` },
    "aws:rds/clusterInstance:ClusterInstance": {
        seconds: 480,
        source: `${OBSERVED} (Aurora instance 7-10 min); timeout 90 min`,
    },
    "aws:rds/proxy:Proxy": { seconds: 300, source: `${OBSERVED}; provider timeout 30 min` },
    "aws:rds/proxyEndpoint:ProxyEndpoint": { seconds: 180, source: `${OBSERVED}; provider timeout 30 min` },
    "aws:rds/proxyTarget:ProxyTarget": { seconds: 60, source: OBSERVED },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        seconds: 600,
        source: `${OBSERVED} (multi-AZ groups 8-15 min); provider timeout 60 min`,
    },
    "aws:ec2/natGateway:NatGateway": { seconds: 90, source: `${OBSERVED} (1-2 min); provider timeout 10 min` },
    "aws:ec2transitgateway/transitGateway:TransitGateway": {
        seconds: 120,
        source: `${OBSERVED}; provider timeout 10 min`,
    },
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
        seconds: 60,
        source: `${OBSERVED}; provider timeout 10 min`,
    },
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": { seconds: 60, source: OBSERVED },
    "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter": { seconds: 60, source: OBSERVED },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        seconds: 90,
        source: `${OBSERVED} (interface endpoints; gateway ones take seconds)`,
    },
    "aws:ec2/instance:Instance": { seconds: 30, source: `${OBSERVED} (until running)` },
    "aws:cloudfront/distribution:Distribution": {
        seconds: 300,
        source: `${OBSERVED} (until Deployed, 3-5 min since 2020)`,
    },
    "aws:globalaccelerator/accelerator:Accelerator": { seconds: 180, source: `${OBSERVED} (until DEPLOYED)` },
    "aws:acm/certificateValidation:CertificateValidation": {
        seconds: 120,
        source: `${OBSERVED} (DNS validation); timeout 75 min`,
    },
    "aws:lb/loadBalancer:LoadBalancer": { seconds: 180, source: `${OBSERVED} (until active)` },
    "aws:route53/zone:Zone": { seconds: 45, source: `${OBSERVED} (until INSYNC)` },
    "aws:route53/record:Record": { seconds: 45, source: `${OBSERVED} (until INSYNC)` },
    "aws:route53/zoneAssociation:ZoneAssociation": { seconds: 60, source: `${OBSERVED} (until INSYNC)` },
    "aws:efs/fileSystem:FileSystem": { seconds: 30, source: OBSERVED },
    "kubernetes:helm.sh/v3:Release": {
        seconds: 90,
        source: `${OBSERVED}: an atomic release waits for its pods to be ready`,
    },
    // Pulumi's Kubernetes provider awaits these (its await logic): not an API call's seconds.
    "kubernetes:apps/v1:Deployment": {
        seconds: 60,
        source: "estimate: Pulumi awaits the rollout (image pull from the regional ECR, startup and readiness probes)",
    },
    "kubernetes:apps/v1:StatefulSet": {
        seconds: 120,
        source: "estimate: Pulumi awaits every replica Ready (an EBS volume created and attached per claim, then the pods)",
    },
    "kubernetes:batch/v1:Job": {
        seconds: 60,
        source: "estimate: Pulumi awaits the Job's completion (the users' bootstrap: pull, connect, a few statements)",
    },
    "aws:kms/key:Key": { seconds: 5, source: OBSERVED },
    "aws:iam/role:Role": { seconds: 3, source: OBSERVED },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": { seconds: 5, source: OBSERVED },
};

/** Configuration-only types: one or two API calls that return as soon as they succeed. */
const API_CALL = "one or two API calls; the provider returns when they succeed";
for (const type of [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/route:Route",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/eip:Eip",
    "aws:ec2/flowLog:FlowLog",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2transitgateway/route:Route",
    "aws:ec2transitgateway/routeTable:RouteTable",
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:kms/alias:Alias",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/eventBus:EventBus",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:sqs/queue:Queue",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    "aws:ssm/parameter:Parameter",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:appautoscaling/target:Target",
    "aws:appautoscaling/policy:Policy",
])
    CREATION_TIMES[type] ??= { seconds: 3, source: API_CALL };

/** A custom resource type with no row: a few seconds of API calls. */
export const DEFAULT_SECONDS = 5;
/** A type prefix that takes about no time. */
export const QUICK_PREFIXES: [string, number, string][] = [
    ["kubernetes:", 2, K8S],
    ["pulumi:", 0, "Pulumi bookkeeping"],
    ["random:", 0, "computed locally by the provider"],
];

/** How long one resource takes, and where the figure comes from. */
export function creationTime(type: string, custom: boolean): CreationTime & { known: boolean } {
    const row = CREATION_TIMES[type];
    if (row) return { ...row, known: true };
    const quick = QUICK_PREFIXES.find(([p]) => type.startsWith(p));
    if (quick) return { seconds: quick[1], source: quick[2], known: true };
    // Components (remote ones too) take no time of their own: their children carry it.
    if (!custom) return { seconds: 0, source: "a component: its children carry the time", known: true };
    return { seconds: DEFAULT_SECONDS, source: `no figure for this type; ${DEFAULT_SECONDS} s assumed`, known: false };
}

/**
 * Explicit dependencies (`dependsOn`, not an input's value) that AWS or Kubernetes needs, by
 * dependent type and dependency type, with why. Every other explicit dependency is one the path
 * could drop. Input dependencies are always required (the value isn't known before).
 */
export const REQUIRED_ORDER: [dependent: string, dependency: string, why: string][] = [
    [
        "kubernetes:helm.sh/v3:Release",
        "aws:eks/nodeGroup:NodeGroup",
        "an atomic release waits for its pods, which need nodes",
    ],
    ["kubernetes:helm.sh/v3:Release", "aws:eks/addon:Addon", "pods need the CNI and CoreDNS"],
    [
        "kubernetes:helm.sh/v3:Release",
        "aws:iam/rolePolicy:RolePolicy",
        "the controller's IRSA permissions, or it crash-loops",
    ],
    [
        "kubernetes:helm.sh/v3:Release",
        "kubernetes:scheduling.k8s.io/v1:PriorityClass",
        "pods naming a missing priority class are rejected",
    ],
    ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v3:Release", "the CRDs or webhooks of the other release"],
    [
        "kubernetes:external-secrets.io/v1:ClusterSecretStore",
        "kubernetes:helm.sh/v3:Release",
        "its CRD comes with the chart",
    ],
    [
        "aws:eks/nodeGroup:NodeGroup",
        "aws:eks/addon:Addon",
        "nodes stay NotReady without the CNI (self-managed add-ons off)",
    ],
    [
        "aws:eks/nodeGroup:NodeGroup",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "the node role needs its policies to join",
    ],
    ["aws:eks/nodeGroup:NodeGroup", "eks:index:Cluster", "the cluster must exist"],
    ["aws:eks/addon:Addon", "aws:eks/nodeGroup:NodeGroup", "add-ons with pods (CoreDNS) only turn ACTIVE on nodes"],
    [
        "aws:eks/addon:Addon",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "the add-on's IRSA role needs its policy",
    ],
    ["aws:eks/addon:Addon", "aws:iam/rolePolicy:RolePolicy", "the add-on's IRSA role needs its policy"],
    ["aws:eks/addon:Addon", "eks:index:Cluster", "the cluster must exist"],
    [
        "aws:ec2/route:Route",
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
        "a route to a TGW needs the VPC attached",
    ],
    [
        "aws:rds/cluster:Cluster",
        "aws:cloudwatch/logGroup:LogGroup",
        "else RDS creates the log group itself, unencrypted",
    ],
    ["eks:index:Cluster", "aws:cloudwatch/logGroup:LogGroup", "else EKS creates the log group itself, unencrypted"],
    ["eks:index:Cluster", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "the cluster role needs its policy"],
    [
        "aws:rds/clusterInstance:ClusterInstance",
        "aws:rds/clusterInstance:ClusterInstance",
        "the first instance becomes the writer",
    ],
    [
        "aws:rds/proxyTarget:ProxyTarget",
        "aws:rds/clusterInstance:ClusterInstance",
        "a target registers available instances",
    ],
    [
        "aws:rds/proxyTarget:ProxyTarget",
        "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
        "the target group must exist",
    ],
    [
        "aws:appautoscaling/target:Target",
        "aws:rds/clusterInstance:ClusterInstance",
        "Aurora auto scaling needs an available instance",
    ],
    [
        "aws:cloudwatch/eventTarget:EventTarget",
        "aws:sqs/queuePolicy:QueuePolicy",
        "events delivered before the policy are lost",
    ],
    [
        "pulumi:providers:kubernetes",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "the API must admit the deployer",
    ],
];
