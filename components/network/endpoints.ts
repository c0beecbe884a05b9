/**
 * VPC endpoints: the hub's centralized interface endpoints (one set per region instead of one per
 * spoke: each interface endpoint costs per AZ-hour) and the spokes' free gateway endpoints.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { endpointZones, serviceRole } from "./endpointDns";
import { endpointPolicy } from "./endpointPolicy";

/** What EKS nodes, SSM Session Manager, logging and secrets need without a NAT hop. */
export const DEFAULT_INTERFACE_ENDPOINTS = [
    "ecr.api",
    "ecr.dkr",
    "sts",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "logs",
    "secretsmanager",
    "kms",
];

export interface InterfaceEndpointsArgs {
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string[]>;
    /** Service short names, e.g. "ecr.api". */
    services: string[];
    /** Every VPC CIDR of the region: the only sources admitted on 443. */
    allowedCidrs: string[];
    tags?: Record<string, string>;
}

export interface InterfaceEndpoints {
    securityGroup: aws.ec2.SecurityGroup;
    endpoints: Record<string, aws.ec2.VpcEndpoint>;
    /** The private hosted zone that resolves each service's DNS name to its endpoint, by service. */
    zones: Record<string, aws.route53.Zone>;
}

export function interfaceEndpoints(
    name: string,
    args: InterfaceEndpointsArgs,
    parent: pulumi.Resource,
): InterfaceEndpoints {
    const tags = args.tags ?? {};
    const region = aws.getRegionOutput({}, { parent }).region;
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-endpoints-sg`,
        {
            vpcId: args.vpcId,
            // EC2 rejects an apostrophe in a group description (see ec2Text.ts); a description change
            // replaces the group, which is why it must be right before the first deploy.
            description: "Interface endpoints: HTTPS from the region VPCs only",
            tags: { ...tags, Name: `${name}-endpoints-sg` },
        },
        { parent },
    );
    for (const [i, cidr] of args.allowedCidrs.entries()) {
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-https-${i}`,
            {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: cidr,
                description: `HTTPS from ${cidr}`,
                tags: { ...tags, Name: `${name}-endpoints-https-${i}` },
            },
            { parent },
        );
    }
    const endpoints: Record<string, aws.ec2.VpcEndpoint> = {};
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    for (const service of args.services) {
        const role = serviceRole(service);
        endpoints[service] = new aws.ec2.VpcEndpoint(
            `${name}-${role}`,
            {
                vpcId: args.vpcId,
                serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                vpcEndpointType: "Interface",
                // Off on purpose: the zone AWS manages for private DNS answers inside the hub VPC only and
                // can't be shared, so spokes would resolve the public name and leave through their NAT.
                // Our own zone per service (endpointDns.ts) gives the same names to the hub and every
                // spoke that associates it.
                privateDnsEnabled: false,
                policy: pulumi.all([account, partition]).apply(([a, p]) => endpointPolicy(service, a, p)),
                subnetIds: args.subnetIds,
                securityGroupIds: [securityGroup.id],
                tags: { ...tags, Name: `${name}-${role}` },
            },
            { parent },
        );
    }
    const zones = endpointZones(name, { vpcId: args.vpcId, region, endpoints, tags }, parent);
    return { securityGroup, endpoints, zones };
}

/** S3 and DynamoDB gateway endpoints on the given route tables: free, and keep that traffic off NAT. */
export function gatewayEndpoints(
    name: string,
    vpcId: pulumi.Input<string>,
    routeTableIds: pulumi.Input<string>[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.VpcEndpoint[] {
    const region = aws.getRegionOutput({}, { parent }).region;
    return ["s3", "dynamodb"].map(
        (service) =>
            new aws.ec2.VpcEndpoint(
                `${name}-${service}`,
                {
                    vpcId,
                    serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                    vpcEndpointType: "Gateway",
                    routeTableIds,
                    tags: { ...tags, Name: `${name}-${service}` },
                },
                { parent },
            ),
    );
}

export interface OnPremS3EndpointArgs {
    vpcId: pulumi.Input<string>;
    /** The endpoint's subnets (the shared-services VPC's private ones). */
    privateSubnetIds: pulumi.Input<string[]>;
    /** On-premises ranges: the only sources admitted on 443. */
    onPremCidrs: string[];
    tags?: Record<string, string>;
}

/**
 * An S3 interface endpoint for on-premises clients, when there are on-premises ranges (the SQL Server backup job over DX/VPN). The VPCs
 * keep their free gateway endpoints: no private hosted zone for `s3.<region>.amazonaws.com` is made
 * (a spoke associating one would send all its S3 traffic through this paid endpoint), and private DNS
 * stays off. On-premises clients address the endpoint by its own name,
 * `bucket.vpce-<id>.s3.<region>.vpce.amazonaws.com` (its first DNS entry with `*` replaced by
 * `bucket`), which public DNS resolves to the endpoint's private ENI addresses, so the DC's resolvers
 * need no forwarding rule, and the packets go over DX/VPN into the shared domain (the S3 user guide,
 * "AWS PrivateLink for Amazon S3": endpoint-specific DNS names from on-premises). Its own security
 * group admits only the on-premises ranges: the region's VPCs use their gateway endpoints. No egress
 * rule: a security group is stateful and the endpoint never opens connections.
 */
export function onPremS3Endpoint(
    name: string,
    args: OnPremS3EndpointArgs,
    parent: pulumi.Resource,
): aws.ec2.VpcEndpoint | undefined {
    if (args.onPremCidrs.length === 0) return undefined;
    const tags = args.tags ?? {};
    const region = aws.getRegionOutput({}, { parent }).region;
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-s3-onprem-sg`,
        {
            vpcId: args.vpcId,
            description: "S3 interface endpoint: HTTPS from on-premises only",
            tags: { ...tags, Name: `${name}-s3-onprem-sg` },
        },
        { parent },
    );
    for (const [i, cidr] of args.onPremCidrs.entries()) {
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-s3-onprem-https-${i}`,
            {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: cidr,
                description: `HTTPS from on-premises ${cidr}`,
                tags: { ...tags, Name: `${name}-s3-onprem-https-${i}` },
            },
            { parent },
        );
    }
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const endpoint = new aws.ec2.VpcEndpoint(
        `${name}-s3-interface`,
        {
            vpcId: args.vpcId,
            serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: false,
            // This account's principals only: on-premises credentials of another account can't use
            // our DX path to S3 (exfiltration to a foreign bucket).
            policy: account.apply((a) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ThisAccountsPrincipalsOnly",
                            Effect: "Allow",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: "*",
                            Condition: { StringEquals: { "aws:PrincipalAccount": a } },
                        },
                    ],
                }),
            ),
            subnetIds: args.privateSubnetIds,
            securityGroupIds: [securityGroup.id],
            tags: { ...tags, Name: `${name}-s3-interface` },
        },
        { parent },
    );
    return endpoint;
}
