/**
 * Security groups of the payments data stores: each store has its own, admits its one port, and only
 * from other security groups — never from CIDR ranges, so a new subnet gets no access by accident.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A security group with no rules of its own (the provider removes AWS's default allow-all egress). */
export function storeSecurityGroup(
    name: string,
    vpcId: pulumi.Input<string>,
    description: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
    return new aws.ec2.SecurityGroup(name, { vpcId, description, tags: { ...tags, Name: name } }, { parent });
}

/** One TCP port between two security groups: `group` is the one the rule belongs to, `peer` the other. */
function tcpRuleArgs(
    group: pulumi.Input<string>,
    peer: pulumi.Input<string>,
    port: number,
    description: string,
    tags: Record<string, string>,
    name: string,
) {
    return {
        securityGroupId: group,
        referencedSecurityGroupId: peer,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description,
        tags: { ...tags, Name: name },
    };
}

/** Admits TCP `port` on `target` from `source`, a security group. */
export function admitFrom(
    name: string,
    target: pulumi.Input<string>,
    port: number,
    source: pulumi.Input<string>,
    description: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(name, tcpRuleArgs(target, source, port, description, tags, name), {
        parent,
    });
}

/** Lets `source` open TCP `port` to `destination` (a security group), e.g. the proxy to the cluster. */
export function allowTo(
    name: string,
    source: pulumi.Input<string>,
    port: number,
    destination: pulumi.Input<string>,
    description: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.vpc.SecurityGroupEgressRule {
    return new aws.vpc.SecurityGroupEgressRule(name, tcpRuleArgs(source, destination, port, description, tags, name), {
        parent,
    });
}
