/**
 * Which pricer prices which resource type, and the types AWS doesn't bill (each with why). A type in
 * neither list is reported unpriced, never zero.
 */
import * as compute from "./compute";
import * as data from "./data";
import * as network from "./network";
import { Pricer, Pricing } from "../types";
import type { ResourceRecord } from "../../plan/types";

export const PRICERS: Record<string, Pricer> = {
    "aws:ec2/instance:Instance": compute.ec2Instance,
    "aws:eks/cluster:Cluster": compute.eksCluster,
    "aws:eks/nodeGroup:NodeGroup": compute.nodeGroup,
    "aws:ec2/eip:Eip": compute.eip,
    "kubernetes:helm.sh/v3:Release": compute.helmRelease,
    "kubernetes:helm.sh/v4:Chart": compute.helmRelease,
    "aws:lb/loadBalancer:LoadBalancer": compute.loadBalancer,
    "aws:alb/loadBalancer:LoadBalancer": compute.loadBalancer,
    "aws:efs/fileSystem:FileSystem": compute.efs,
    "aws:ec2/natGateway:NatGateway": network.natGateway,
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": network.tgwAttachment,
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": network.tgwPeering,
    "aws:ec2/vpcEndpoint:VpcEndpoint": network.vpcEndpoint,
    "aws:route53/zone:Zone": network.zone,
    "aws:route53/healthCheck:HealthCheck": network.healthCheck,
    "aws:globalaccelerator/accelerator:Accelerator": network.accelerator,
    "aws:cloudfront/distribution:Distribution": network.distribution,
    "aws:wafv2/webAcl:WebAcl": network.webAcl,
    "aws:rds/cluster:Cluster": data.auroraCluster,
    "aws:rds/clusterInstance:ClusterInstance": data.auroraInstance,
    "aws:rds/proxy:Proxy": data.rdsProxy,
    "aws:rds/proxyEndpoint:ProxyEndpoint": data.proxyEndpoint,
    "aws:elasticache/replicationGroup:ReplicationGroup": data.replicationGroup,
    "aws:sqs/queue:Queue": data.queue,
    "aws:cloudwatch/eventBus:EventBus": data.eventBus,
    "aws:kms/key:Key": data.kmsKey,
    "aws:cloudwatch/logGroup:LogGroup": data.logGroup,
    "aws:ssm/parameter:Parameter": data.parameter,
    "aws:secretsmanager/secret:Secret": data.secret,
    "aws:cloudwatch/metricAlarm:MetricAlarm": data.alarm,
    "aws:cloudwatch/dashboard:Dashboard": data.dashboard,
    "aws:backup/plan:Plan": data.backupPlan,
};

const CONFIG = "configuration only, no charge";

/** Exact types AWS doesn't bill, or bills through another resource. */
export const NO_CHARGE: Record<string, string> = {
    "aws:ec2/vpc:Vpc": CONFIG,
    "aws:ec2/subnet:Subnet": CONFIG,
    "aws:ec2/route:Route": CONFIG,
    "aws:ec2/routeTable:RouteTable": CONFIG,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": CONFIG,
    "aws:ec2/securityGroup:SecurityGroup": CONFIG,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": CONFIG,
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": CONFIG,
    "aws:ec2/internetGateway:InternetGateway": "no charge; traffic is billed as data transfer",
    "aws:ec2/launchTemplate:LaunchTemplate": "no charge; its volumes are priced on the node groups that use it",
    "aws:ec2/flowLog:FlowLog": "billed as ingestion into its log group (priced there)",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "billed per attachment and GiB, not per gateway",
    "aws:ec2transitgateway/route:Route": CONFIG,
    "aws:ec2transitgateway/routeTable:RouteTable": CONFIG,
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": CONFIG,
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": CONFIG,
    "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter":
        "accepts the requester's peering attachment, priced in the requesting stack",
    "aws:eks/addon:Addon": "EKS add-ons have no charge; their pods run on the node groups",
    "aws:kms/alias:Alias": "aliases have no charge",
    "aws:rds/subnetGroup:SubnetGroup": CONFIG,
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": CONFIG,
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": CONFIG,
    "aws:rds/proxyTarget:ProxyTarget": CONFIG,
    "aws:elasticache/subnetGroup:SubnetGroup": CONFIG,
    "aws:elasticache/parameterGroup:ParameterGroup": CONFIG,
    "aws:route53/zoneAssociation:ZoneAssociation": "associations have no charge; the zone is priced",
    "aws:route53/record:Record": "records have no charge; queries (alias queries are free) not modelled",
    "aws:sqs/queuePolicy:QueuePolicy": CONFIG,
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": CONFIG,
    "aws:cloudwatch/eventRule:EventRule": "rules have no charge; events are priced on the bus",
    "aws:cloudwatch/eventTarget:EventTarget": "delivery to targets is included in the bus's event price",
    "aws:appautoscaling/target:Target": "Application Auto Scaling has no charge",
    "aws:appautoscaling/policy:Policy": "Application Auto Scaling has no charge",
    "aws:acm/certificate:Certificate": "public ACM certificates have no charge",
    "aws:acm/certificateValidation:CertificateValidation": "no AWS resource (waits for validation)",
    "eks:index:Cluster": "remote component: priced through the EKS cluster and children the plugin creates",
    "awsx:ec2:Vpc": "remote component: priced through the NAT gateways, EIPs and subnets the plugin creates",
};

/** Type prefixes AWS doesn't bill at all. */
const NO_CHARGE_PREFIX: [string, string][] = [
    ["aws:iam/", "IAM has no charge"],
    ["kubernetes:", "a Kubernetes object: runs on the node groups, priced there"],
    ["pulumi:", "Pulumi's own bookkeeping, no AWS resource"],
    ["random:", "computed by the random provider, no AWS resource"],
];

/** How one recorded resource is priced. */
export function priceOf(r: ResourceRecord, run: (p: Pricer) => Pricing): Pricing {
    const pricer = PRICERS[r.type];
    if (pricer) return run(pricer);
    if (NO_CHARGE[r.type]) return { noCharge: NO_CHARGE[r.type] };
    const prefix = NO_CHARGE_PREFIX.find(([p]) => r.type.startsWith(p));
    if (prefix) return { noCharge: prefix[1] };
    if (!r.custom && !r.remote) return { noCharge: "a component: its children are priced" };
    return { unpriced: "no price model for this resource type yet" };
}
