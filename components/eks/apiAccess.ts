/**
 * Reaching the private API endpoint. With endpointPublicAccess false and skipDefaultSecurityGroups,
 * the control plane's ENIs carry only the EKS-created cluster security group, which admits nothing
 * but itself: every Kubernetes call from the machine running `pulumi up` (Helm releases, namespaces,
 * the StorageClass) would time out. These rules open 443 to the listed ranges only.
 *
 * The rules go on a group of their own that only the control plane's ENIs carry (pulumi-eks
 * `clusterSecurityGroup`, passed to the cluster's vpcConfig.securityGroupIds beside the EKS-created
 * group), not on the EKS-created cluster group: the nodes, and with the VPC CNI their pods, carry
 * that one, and ingress-nginx listens on 443, so rules there would open the pods to these ranges too.
 * The group needs no egress rule: security groups are stateful, and the EKS-created group the same
 * ENIs carry allows the control plane's own outbound traffic to the nodes.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ec2Description } from "../ec2Text";

// EC2 rejects rule descriptions outside its charset, and the sources (plan owners) come from config.
export { ec2Description };

/** A range allowed to the API, and who it is (for the rule's description). */
export interface ApiAccessCidr {
    /** IPv4 CIDR. */
    cidr: string;
    /** Who uses it, e.g. "on-prem/dc1". @default the CIDR */
    source?: string;
}

/**
 * One rule per range, named by the CIDR rather than its position: reordering the list then changes
 * nothing, where index names would replace rules, and creating the replacement before deleting the
 * old one fails as a duplicate rule.
 */
/** The security group only the control plane's ENIs carry: the API's door, and nothing else's. */
export function controlPlaneSecurityGroup(
    name: string,
    vpcId: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
    return new aws.ec2.SecurityGroup(
        `${name}-api`,
        {
            vpcId,
            description: "EKS control plane only: Kubernetes API (443) from the operator ranges",
            // No egress block: the provider then removes AWS's default allow-all egress rule.
            tags: { ...tags, Name: `${name}-api` },
        },
        { parent },
    );
}

export function apiAccessRules(
    name: string,
    access: ApiAccessCidr[],
    clusterSecurityGroupId: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.vpc.SecurityGroupIngressRule[] {
    return access.map(({ cidr, source }) => {
        const ruleName = `${name}-api-from-${cidr.replace(/[./]/g, "-")}`;
        return new aws.vpc.SecurityGroupIngressRule(
            ruleName,
            {
                securityGroupId: clusterSecurityGroupId,
                description: ec2Description(`Kubernetes API from ${source ?? cidr}`),
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: cidr,
                tags: { ...tags, Name: ruleName },
            },
            { parent },
        );
    });
}
