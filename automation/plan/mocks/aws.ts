/**
 * Generic AWS resource mocks: ids with the prefixes AWS uses, ARNs in each service's format, and
 * the handful of computed attributes (endpoints, URLs, DNS names) that other resources consume.
 */
import { BaseOutputs, MockContext, MockResourceArgs, ResourceMock, hex, uuid } from "./context";

/** Id prefixes AWS gives EC2-family resources, keyed by Pulumi type token. */
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc-",
    "aws:ec2/subnet:Subnet": "subnet-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/internetGateway:InternetGateway": "igw-",
    "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx-",
    "aws:ec2/flowLog:FlowLog": "fl-",
    "aws:ec2/instance:Instance": "i-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:ec2/customerGateway:CustomerGateway": "cgw-",
    "aws:ec2/vpnConnection:VpnConnection": "vpn-",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw-",
    "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb-",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach-",
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": "tgw-attach-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
};

/** Resource types whose id is the physical name rather than a generated token. */
const NAME_IS_ID = new Set([
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:rds/proxy:Proxy",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:eks/cluster:Cluster",
    "aws:sns/topic:Topic",
]);

/** The service and resource path of an ARN, for types whose ARN isn't `<service>:...:<kind>/<id>`. */
function arnFor(type: string, args: MockResourceArgs, ctx: MockContext, id: string, physical: string): string {
    const [pkg, mod] = type.split(":");
    const service = (mod ?? "").split("/")[0];
    const p = `arn:${ctx.partition}`;
    const r = `${ctx.region}:${ctx.account}`;
    const inputName = (args.inputs.name as string | undefined) ?? physical;
    switch (type) {
        case "aws:kms/key:Key":
            return `${p}:kms:${r}:key/${id}`;
        case "aws:kms/alias:Alias":
            return `${p}:kms:${r}:${inputName}`;
        case "aws:iam/role:Role":
            return `${p}:iam::${ctx.account}:role${args.inputs.path ?? "/"}${inputName}`;
        case "aws:iam/policy:Policy":
            return `${p}:iam::${ctx.account}:policy${args.inputs.path ?? "/"}${inputName}`;
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return `${p}:iam::${ctx.account}:oidc-provider/${String(args.inputs.url ?? id).replace(/^https:\/\//, "")}`;
        case "aws:iam/instanceProfile:InstanceProfile":
            return `${p}:iam::${ctx.account}:instance-profile/${inputName}`;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return `${p}:s3:::${args.inputs.bucket ?? physical}`;
        case "aws:sqs/queue:Queue":
            return `${p}:sqs:${r}:${inputName}`;
        case "aws:sns/topic:Topic":
            return `${p}:sns:${r}:${inputName}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `${p}:logs:${r}:log-group:${inputName}`;
        case "aws:cloudwatch/eventBus:EventBus":
            return `${p}:events:${r}:event-bus/${inputName}`;
        case "aws:cloudwatch/eventRule:EventRule":
            return `${p}:events:${r}:rule/${args.inputs.eventBusName && args.inputs.eventBusName !== "default" ? `${args.inputs.eventBusName}/` : ""}${inputName}`;
        case "aws:rds/cluster:Cluster":
            return `${p}:rds:${r}:cluster:${id}`;
        case "aws:rds/clusterInstance:ClusterInstance":
            return `${p}:rds:${r}:db:${id}`;
        case "aws:rds/proxy:Proxy":
            return `${p}:rds:${r}:db-proxy:prx-${hex(17, id)}`;
        case "aws:rds/globalCluster:GlobalCluster":
            return `${p}:rds::${ctx.account}:global-cluster:${id}`;
        case "aws:secretsmanager/secret:Secret":
            return `${p}:secretsmanager:${r}:secret:${inputName}-${hex(6, id)}`;
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            return `${p}:elasticache:${r}:replicationgroup:${id}`;
        case "aws:eks/cluster:Cluster":
            return `${p}:eks:${r}:cluster/${id}`;
        case "aws:acm/certificate:Certificate":
            return `${p}:acm:${r}:certificate/${uuid(id)}`;
        case "aws:cloudfront/distribution:Distribution":
            return `${p}:cloudfront::${ctx.account}:distribution/${id}`;
        case "aws:wafv2/webAcl:WebAcl":
            return `${p}:wafv2:${args.inputs.scope === "CLOUDFRONT" ? "us-east-1" : ctx.region}:${ctx.account}:${String(args.inputs.scope ?? "regional").toLowerCase()}/webacl/${inputName}/${uuid(id)}`;
    }
    if (pkg !== "aws") return "";
    const kind = (mod ?? "").split("/")[1] ?? "resource";
    return `${p}:${service.replace(/^ec2transitgateway$/, "ec2")}:${r}:${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/${id}`;
}

/** id, ARN and physical name for any resource. */
export function baseOutputs(args: MockResourceArgs, ctx: MockContext): BaseOutputs {
    const h = hex(17, ctx.stack, args.urn);
    const physicalName = `${args.name}-${h.slice(0, 7)}`;
    const named = (args.inputs.name as string | undefined) ?? (args.inputs.bucket as string | undefined);
    let id: string;
    if (!args.custom) id = "";
    else if (args.type === "aws:kms/key:Key") id = uuid(ctx.stack, args.urn);
    else if (ID_PREFIX[args.type]) id = `${ID_PREFIX[args.type]}${h}`;
    else if (NAME_IS_ID.has(args.type)) id = named ?? physicalName;
    else id = `${args.name}-${h.slice(0, 8)}`;
    return { id, physicalName, arn: args.custom ? arnFor(args.type, args, ctx, id, physicalName) : "" };
}

const host = (ctx: MockContext, id: string, svc: string) => `${id}.${hex(12, id)}.${ctx.region}.${svc}.amazonaws.com`;

/** Computed attributes that other resources read. Inputs are echoed before these are merged. */
export const awsResourceMocks: Record<string, ResourceMock> = {
    "aws:ecr/repository:Repository": (a, ctx, b) => ({
        outputs: {
            name: a.inputs.name ?? b.physicalName,
            repositoryUrl: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/${a.inputs.name ?? b.physicalName}`,
            registryId: ctx.account,
        },
    }),
    "aws:sqs/queue:Queue": (a, ctx, b) => ({
        outputs: {
            url: `https://sqs.${ctx.region}.amazonaws.com/${ctx.account}/${a.inputs.name ?? b.physicalName}`,
            name: a.inputs.name ?? b.physicalName,
        },
    }),
    "aws:rds/cluster:Cluster": (a, ctx, b) => ({
        outputs: {
            endpoint: host(ctx, b.id, "rds"),
            readerEndpoint: host(ctx, `${b.id}-ro`, "rds"),
            port: a.inputs.port ?? 5432,
            clusterResourceId: `cluster-${hex(26, b.id).toUpperCase()}`,
            masterUserSecrets: a.inputs.manageMasterUserPassword
                ? [
                      {
                          secretArn: `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.account}:secret:rds!cluster-${uuid(b.id)}-${hex(6, b.id)}`,
                          kmsKeyId: a.inputs.masterUserSecretKmsKeyId ?? "",
                          secretStatus: "active",
                      },
                  ]
                : [],
        },
    }),
    "aws:rds/proxy:Proxy": (_a, ctx, b) => ({
        outputs: { endpoint: `${b.id}.proxy-${hex(12, b.id)}.${ctx.region}.rds.amazonaws.com` },
    }),
    "aws:rds/proxyEndpoint:ProxyEndpoint": (_a, ctx, b) => ({
        outputs: { endpoint: `${b.id}.endpoint.proxy-${hex(12, b.id)}.${ctx.region}.rds.amazonaws.com` },
    }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (_a, ctx, b) => ({
        outputs: {
            primaryEndpointAddress: `master.${host(ctx, b.id, "cache")}`,
            readerEndpointAddress: `replica.${host(ctx, b.id, "cache")}`,
        },
    }),
    "aws:s3/bucket:Bucket": (a, ctx, b) => {
        const bucket = (a.inputs.bucket as string | undefined) ?? b.physicalName;
        return {
            outputs: {
                bucket,
                bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
                region: ctx.region,
            },
        };
    },
    "aws:lb/loadBalancer:LoadBalancer": (_a, ctx, b) => ({
        outputs: {
            dnsName: `${b.physicalName}-${hex(10, b.id)}.${ctx.region}.elb.amazonaws.com`,
            zoneId: "Z215JYRZR1TBD5",
        },
    }),
    "aws:cloudfront/distribution:Distribution": (_a, _ctx, b) => ({
        id: `E${hex(13, b.id).toUpperCase()}`,
        outputs: { domainName: `d${hex(13, b.id)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2" },
    }),
    "aws:route53/zone:Zone": (_a, _ctx, b) => ({
        id: `Z${hex(20, b.id).toUpperCase()}`,
        outputs: {
            zoneId: `Z${hex(20, b.id).toUpperCase()}`,
            nameServers: ["ns-1.awsdns-00.org", "ns-2.awsdns-00.net"],
        },
    }),
    "aws:kms/key:Key": (_a, _ctx, b) => ({ outputs: { keyId: b.id } }),
    "aws:ec2transitgateway/transitGateway:TransitGateway": (_a, _ctx, b) => ({
        outputs: {
            associationDefaultRouteTableId: "",
            propagationDefaultRouteTableId: "",
            ownerId: b.arn.split(":")[4],
        },
    }),
    "aws:eks/cluster:Cluster": (_a, ctx, b) => ({
        outputs: {
            endpoint: `https://${hex(32, b.id).toUpperCase()}.gr7.${ctx.region}.eks.amazonaws.com`,
            identities: [
                {
                    oidcs: [
                        { issuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${hex(32, b.id).toUpperCase()}` },
                    ],
                },
            ],
            certificateAuthority: { data: Buffer.from(`mock-ca-${b.id}`).toString("base64") },
        },
    }),
};
