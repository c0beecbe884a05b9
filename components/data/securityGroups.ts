/**
 * Security groups of the payments data stores: each store has its own, admits its one port, and only
 * from other security groups — never from CIDR ranges, so a new subnet gets no access by accident.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { POSTGRES_PORT } from "./aurora";

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

/** The clients on 5432: to the cluster directly, to the proxy; and the proxy to the cluster. */
export function admitClients(
    name: string,
    clients: Record<string, pulumi.Input<string>>,
    groups: { db: aws.ec2.SecurityGroup; proxy?: aws.ec2.SecurityGroup },
    tags: Record<string, string>,
    parent: pulumi.Resource,
): void {
    const { db, proxy } = groups;
    for (const [label, source] of Object.entries(clients)) {
        admitFrom(`${name}-db-from-${label}`, db.id, POSTGRES_PORT, source, `PostgreSQL from ${label}`, tags, parent);
        if (proxy)
            admitFrom(
                `${name}-proxy-from-${label}`,
                proxy.id,
                POSTGRES_PORT,
                source,
                `PostgreSQL (proxy) from ${label}`,
                tags,
                parent,
            );
    }
    if (!proxy) return;
    admitFrom(`${name}-db-from-proxy`, db.id, POSTGRES_PORT, proxy.id, "PostgreSQL from the RDS Proxy", tags, parent);
    allowTo(`${name}-proxy-to-db`, proxy.id, POSTGRES_PORT, db.id, "RDS Proxy to the cluster", tags, parent);
}
