/**
 * Reaching the private API endpoint. With endpointPublicAccess false and skipDefaultSecurityGroups,
 * the control plane's ENIs carry only the EKS-created cluster security group, which admits nothing
 * but itself: every Kubernetes call from the machine running `pulumi up` (Helm releases, namespaces,
 * the StorageClass) would time out. These rules open 443 to the listed ranges only.
 *
 * The nodes (and, with the VPC CNI, their pods) share that group: no security group in the launch
 * template. So these ranges can also reach port 443 on nodes and pods, and ingress-nginx's
 * controller does listen there (its NLB targets are port 80, behind the NLB's TLS and proxy
 * protocol). The ranges are the operators' own (on-prem, shared services); a control-plane-only
 * group (pulumi-eks `clusterSecurityGroup`) would be tighter, and is not done yet.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A range allowed to the API, and who it is (for the rule's description). */
export interface ApiAccessCidr {
    /** IPv4 CIDR. */
    cidr: string;
    /** Who uses it, e.g. "on-prem/dc1". @default the CIDR */
    source?: string;
}

/** EC2 rejects security group rule descriptions outside this set, or longer than 255 characters. */
const EC2_DESCRIPTION_CHAR = /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/;

/** `text` in EC2's description charset: other characters become "-", cut to 255. */
export function ec2Description(text: string): string {
    return [...text]
        .map((c) => (EC2_DESCRIPTION_CHAR.test(c) ? c : "-"))
        .join("")
        .slice(0, 255);
}

/**
 * One rule per range, named by the CIDR rather than its position: reordering the list then changes
 * nothing, where index names would replace rules, and creating the replacement before deleting the
 * old one fails as a duplicate rule.
 */
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
