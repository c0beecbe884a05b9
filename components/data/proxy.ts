/**
 * RDS Proxy in front of the cluster: pooled connections that survive a writer failover, TLS
 * required, and a read-only endpoint for the readers. The master user is reachable with IAM tokens
 * only; each service user logs in with its own password (SCRAM), checked against its own secret.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicy, proxyRolePolicy } from "./policies";
import { ResolvedProxy } from "./settings";

export interface ProxyInputs {
    clusterId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string[]>;
    securityGroupId: pulumi.Input<string>;
    secretArn: pulumi.Input<string>;
    /** Each service user's secret (`{username, password}`), by service. @default {} */
    userSecretArns?: Record<string, pulumi.Input<string>>;
    keyArn: pulumi.Input<string>;
    settings: ResolvedProxy;
    /** The cluster's instances: the proxy target registers only once they exist. */
    instances: pulumi.Resource[];
    /** Extra tags (merged under Name). */
    tags: Record<string, string>;
}

export interface AuroraProxy {
    proxy: aws.rds.Proxy;
    readOnly: aws.rds.ProxyEndpoint;
    role: aws.iam.Role;
}

/** The proxy's role: it may read the master's and the service users' secrets, and decrypt them with the one key. */
function proxyRole(
    name: string,
    secretArns: pulumi.Input<string>[],
    keyArn: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.iam.Role {
    const role = new aws.iam.Role(
        `${name}-proxy`,
        {
            description: `RDS Proxy of ${name}: reads the master and service user secrets`,
            assumeRolePolicy: assumeRolePolicy("rds.amazonaws.com"),
            tags: { ...tags, Name: `${name}-proxy` },
        },
        { parent },
    );
    const region = aws.getRegionOutput({}, { parent });
    new aws.iam.RolePolicy(
        `${name}-proxy`,
        {
            role: role.id,
            policy: pulumi
                .all([pulumi.all(secretArns), keyArn, region.region])
                .apply(([s, k, r]) => proxyRolePolicy(s, k, r)),
        },
        { parent },
    );
    return role;
}

export function auroraProxy(name: string, i: ProxyInputs, parent: pulumi.Resource): AuroraProxy {
    const users = Object.entries(i.userSecretArns ?? {});
    const role = proxyRole(name, [i.secretArn, ...users.map(([, arn]) => arn)], i.keyArn, i.tags, parent);
    const proxy = new aws.rds.Proxy(
        `${name}-proxy`,
        {
            engineFamily: "POSTGRESQL",
            requireTls: true,
            idleClientTimeout: i.settings.idleClientTimeoutSeconds,
            roleArn: role.arn,
            vpcSubnetIds: i.subnetIds,
            vpcSecurityGroupIds: [i.securityGroupId],
            debugLogging: false,
            auths: [
                {
                    description: "master secret; clients authenticate with IAM tokens",
                    authScheme: "SECRETS",
                    iamAuth: "REQUIRED",
                    secretArn: i.secretArn,
                },
                // Password auth for the services, not IAM: their pods read a static password from the
                // `db-<service>` Secret (external-secrets keeps it in sync), so no pod needs rds-db:connect
                // or a token refreshed every 15 minutes inside Django and Celery's connection pools.
                // SCRAM, not MD5, between client and proxy; TLS is required on top (requireTls).
                ...users.map(([service, arn]) => ({
                    description: `service ${service}: its own user, password checked against its own secret`,
                    authScheme: "SECRETS",
                    iamAuth: "DISABLED",
                    clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
                    secretArn: arn,
                })),
            ],
            tags: { ...i.tags, Name: `${name}-proxy` },
        },
        { parent },
    );
    const targetGroup = new aws.rds.ProxyDefaultTargetGroup(
        `${name}-proxy`,
        {
            dbProxyName: proxy.id,
            connectionPoolConfig: {
                maxConnectionsPercent: i.settings.maxConnectionsPercent,
                maxIdleConnectionsPercent: i.settings.maxIdleConnectionsPercent,
                connectionBorrowTimeout: i.settings.connectionBorrowTimeoutSeconds,
            },
        },
        { parent },
    );
    new aws.rds.ProxyTarget(
        `${name}-proxy`,
        {
            dbProxyName: proxy.id,
            // The default target group is always called "default"; the dependency orders the pool config first.
            targetGroupName: "default",
            dbClusterIdentifier: i.clusterId,
        },
        { parent, dependsOn: [targetGroup, ...i.instances] },
    );
    const readOnly = new aws.rds.ProxyEndpoint(
        `${name}-proxy-ro`,
        {
            dbProxyName: proxy.id,
            dbProxyEndpointName: `${name}-ro`,
            targetRole: "READ_ONLY",
            vpcSubnetIds: i.subnetIds,
            vpcSecurityGroupIds: [i.securityGroupId],
            tags: { ...i.tags, Name: `${name}-proxy-ro` },
        },
        {
            parent,
            // The endpoint name is required (the provider can't autoname it) and unique per proxy, so
            // a replacement (new subnets, a new proxy) must delete the old endpoint first. Keeping the
            // name keeps its DNS name, which clients have in their config; readers stay reachable
            // through the cluster's reader endpoint for the minutes the swap takes.
            deleteBeforeReplace: true,
        },
    );
    return { proxy, readOnly, role };
}
