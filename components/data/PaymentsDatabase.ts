/**
 * The payments data stores: a dedicated Aurora PostgreSQL cluster (shared with no other domain) with
 * readers and RDS Proxy, the Redis/Valkey cache and Celery broker, and the payments queue fed by the
 * legacy application's events. Everything at rest is encrypted with the component's own key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptionKey } from "../kms";
import {
    POSTGRES_PORT,
    clusterInstances,
    clusterParameterGroup,
    finalSnapshotParameter,
    monitoringRole,
    readerAutoscaling,
} from "./aurora";
import { auroraCluster } from "./cluster";
import { PaymentsCache } from "./PaymentsCache";
import { PaymentsQueue } from "./PaymentsQueue";
import { auroraProxy } from "./proxy";
import { admitClients, admitFrom, storeSecurityGroup } from "./securityGroups";
import { ServiceUserSecrets, serviceUserSecrets } from "./serviceUsers";
import {
    AuroraSettings,
    CacheSettings,
    LegacyEventsSettings,
    ProxySettings,
    QueueSettings,
    ResolvedAurora,
    resolveAurora,
    resolveCache,
    resolveLegacyEvents,
    resolveProxy,
    resolveQueue,
} from "./settings";
import { assertValid } from "./validation";

export interface PaymentsDatabaseArgs {
    /** The environment ("prod" turns on the prod rules, deletion protection and `protect`). */
    environment: string;
    /** The spoke VPC. */
    vpcId: pulumi.Input<string>;
    /** The spoke's isolated subnets (no route to the internet), one per AZ. */
    subnetIds: pulumi.Input<string[]>;
    /** The spoke's AZs, in subnet order (plain: instances and nodes are placed over them). */
    availabilityZones: string[];
    /**
     * Security groups admitted to the database, the proxy and the cache, by a label used in rule
     * names, e.g. { eksNodes: nodeSg, eksCluster: clusterSg }. No CIDR ranges are ever admitted.
     */
    clientSecurityGroups: Record<string, pulumi.Input<string>>;
    /** The Aurora cluster. @default see AuroraSettings */
    aurora?: AuroraSettings;
    /** RDS Proxy connection handling. @default see ProxySettings */
    proxy?: ProxySettings;
    /** Cache and Celery broker. @default see CacheSettings */
    cache?: CacheSettings;
    /** The payments queue. @default see QueueSettings */
    queue?: QueueSettings;
    /** Legacy events routed to the queue. @default see LegacyEventsSettings */
    legacyEvents?: LegacyEventsSettings;
    /**
     * SSM path (leading and trailing "/") the secrets workloads need are published under, as
     * SecureStrings with the component's key: the path external-secrets reads (the cache's AUTH
     * token goes to `<path><name>/cache-auth-token`). @default "/payments/<environment>/"
     */
    parameterPath?: string;
    /**
     * Services that get their own database user (role `payments_<service>`, see serviceUserName), each
     * with a Secrets Manager secret (the component's key) in the proxy's auth list. A global secondary
     * has no writer and no proxy, so it creates none: its apps log in as the primary's users (the
     * global database replicates the roles) with the primary's secrets, `primaryServiceUsers`. @default []
     */
    serviceUsers?: string[];
    /** On a global secondary: the primary's service user secrets (its region, key and secret ARNs). @default none */
    primaryServiceUsers?: ServiceUserSecrets;
    /** Publish the final snapshot's id to SSM `<parameterPath><name>/final-snapshot-identifier`, kept on destroy (none if skipped). @default false */
    publishFinalSnapshot?: boolean;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
}

export class PaymentsDatabase extends pulumi.ComponentResource {
    /** Writer endpoint of the cluster (direct; applications use the proxy). */
    public readonly writerEndpoint: pulumi.Output<string>;
    /**
     * The writer instance (none on a global secondary): the cluster's endpoint exists minutes before
     * it answers, so whatever connects at deploy time (the users' bootstrap Job) waits for this.
     */
    public readonly writerInstances: pulumi.Resource[];
    /** Reader endpoint of the cluster. */
    public readonly readerEndpoint: pulumi.Output<string>;
    /** Read/write endpoint of the proxy; undefined on a global secondary (no proxy until promoted). */
    public readonly proxyEndpoint?: pulumi.Output<string>;
    /** Read-only endpoint of the proxy (the readers); undefined on a global secondary. */
    public readonly proxyReadOnlyEndpoint?: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    /** ARN of the master credentials' secret; undefined on a global secondary. */
    public readonly masterSecretArn?: pulumi.Output<string>;
    /** The component's KMS key (cluster storage, Performance Insights, secret, cache, queues). */
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly clusterIdentifier: pulumi.Output<string>;
    /** The cluster's ARN (what `switchover-global-cluster --target-db-cluster-identifier` takes). */
    public readonly clusterArn: pulumi.Output<string>;
    /** The pinned engine version (on a global member, the global cluster's). */
    public readonly engineVersion: string;
    /** "regional", or the cluster's role in its global database as created. */
    public readonly globalRole: "regional" | "primary" | "secondary";
    /** The global cluster this cluster is a member of; undefined for a regional cluster. */
    public readonly globalClusterIdentifier?: pulumi.Output<string>;
    /** The log group the cluster exports its postgresql log to. */
    public readonly logGroupName: pulumi.Output<string>;
    /** The final snapshot's identifier (what `restoreFromSnapshot` names after a teardown). */
    public readonly finalSnapshotIdentifier?: pulumi.Output<string>;
    /** The SSM parameter holding that identifier after destroy; undefined unless `publishFinalSnapshot`. */
    public readonly finalSnapshotParameterName?: pulumi.Output<string>;
    public readonly dbSecurityGroupId: pulumi.Output<string>;
    public readonly proxySecurityGroupId?: pulumi.Output<string>;
    /** Where each service user's secret is: this component's, or on a global secondary its primary's. */
    public readonly serviceUsers: ServiceUserSecrets;
    public readonly cache: PaymentsCache;
    public readonly queue: PaymentsQueue;
    private readonly baseName: string;
    /** args.tags, kept for the rules `allowFrom` adds after construction. */
    private readonly tags: Record<string, string>;
    private clients: number;

    constructor(name: string, args: PaymentsDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const aurora = resolveAurora(args.aurora);
        const proxySettings = resolveProxy(args.proxy);
        const parameterPath = args.parameterPath ?? `/payments/${args.environment}/`;
        assertValid("PaymentsDatabase", {
            environment: args.environment,
            parameterPath,
            availabilityZones: args.availabilityZones,
            clientSecurityGroupCount: Object.keys(args.clientSecurityGroups).length,
            aurora,
            proxy: proxySettings,
            cache: resolveCache(args.cache),
            queue: resolveQueue(args.queue),
            legacyEvents: resolveLegacyEvents(args.legacyEvents),
            serviceUsers: args.serviceUsers ?? [],
            primaryServiceUsers: args.primaryServiceUsers && Object.keys(args.primaryServiceUsers.secretArns),
        });
        super("platform:data:PaymentsDatabase", name, {}, opts);
        this.baseName = name;
        this.clients = 0;
        const tags = args.tags ?? {};
        this.tags = tags;
        const prod = args.environment === "prod";
        const key = this.dataKey(name, prod, tags);
        const sg = this.securityGroups(name, args, aurora.global?.role !== "secondary", tags);
        const { db, instances } = this.aurora(name, args, aurora, key.arn, sg.db.id, tags);
        const secondary = aurora.global?.role === "secondary";
        const users = secondary ? {} : serviceUserSecrets(name, args.serviceUsers ?? [], key.arn, tags, this);
        this.serviceUsers = (secondary && args.primaryServiceUsers) || {
            region: aws.getRegionOutput({}, { parent: this }).region,
            kmsKeyArn: key.arn,
            secretArns: Object.fromEntries(Object.entries(users).map(([u, s]) => [u, s.arn])),
        };
        if (sg.proxy && db.masterSecretArn) {
            const proxy = auroraProxy(
                name,
                {
                    clusterId: db.cluster.id,
                    subnetIds: args.subnetIds,
                    securityGroupId: sg.proxy.id,
                    secretArn: db.masterSecretArn,
                    userSecretArns: this.serviceUsers.secretArns,
                    keyArn: key.arn,
                    settings: proxySettings,
                    instances: [...(instances.writer ? [instances.writer] : []), ...instances.readers],
                    tags,
                },
                this,
            );
            this.proxyEndpoint = proxy.proxy.endpoint;
            this.proxyReadOnlyEndpoint = proxy.readOnly.endpoint;
            this.proxySecurityGroupId = sg.proxy.id;
        }
        const stores = this.stores(name, args, key.arn, { parameterPath, protect: prod }, tags);
        this.cache = stores.cache;
        this.queue = stores.queue;
        this.writerEndpoint = db.cluster.endpoint;
        this.writerInstances = instances.writer ? [instances.writer] : [];
        this.readerEndpoint = db.cluster.readerEndpoint;
        this.port = db.cluster.port;
        this.masterSecretArn = db.masterSecretArn;
        this.kmsKeyArn = key.arn;
        this.clusterIdentifier = db.cluster.id;
        this.clusterArn = db.cluster.arn;
        this.engineVersion = aurora.engineVersion;
        this.globalRole = aurora.global?.role ?? "regional";
        this.globalClusterIdentifier =
            db.globalCluster?.id ?? (aurora.global && pulumi.output(aurora.global.globalClusterIdentifier));
        this.logGroupName = db.logGroup.name;
        this.finalSnapshotIdentifier = db.finalSnapshotIdentifier;
        if (args.publishFinalSnapshot && db.finalSnapshotIdentifier)
            this.finalSnapshotParameterName = finalSnapshotParameter(
                name,
                `${parameterPath}${name}/final-snapshot-identifier`,
                db.finalSnapshotIdentifier,
                tags,
                this,
            ).name;
        this.dbSecurityGroupId = sg.db.id;
        this.registerOutputs({
            writerEndpoint: this.writerEndpoint,
            readerEndpoint: this.readerEndpoint,
            proxyEndpoint: this.proxyEndpoint,
            proxyReadOnlyEndpoint: this.proxyReadOnlyEndpoint,
            port: this.port,
            masterSecretArn: this.masterSecretArn,
            kmsKeyArn: this.kmsKeyArn,
            dbSecurityGroupId: this.dbSecurityGroupId,
        });
    }

    /** The component's own key: cluster storage, Performance Insights, secrets, cache, queues, logs. */
    private dataKey(name: string, prod: boolean, tags: Record<string, string>): aws.kms.Key {
        return encryptionKey(
            name,
            {
                description: `Payments data stores of ${name}`,
                // EventBridge must be able to use the key, or it can't deliver to the encrypted queues.
                servicePrincipals: ["events.amazonaws.com"],
                // The exported postgresql log group is encrypted with this key too.
                allowCloudWatchLogs: true,
                tags,
                protect: prod,
                // Outside prod the stack is destroyed (dev every weekend) but its final snapshot,
                // encrypted with this key, is what the next deploy restores: the key must outlive it.
                retainOnDelete: !prod,
            },
            this,
        ).key;
    }

    /** The database's group and, unless this is a global secondary, the proxy's; clients admitted to both. */
    private securityGroups(
        name: string,
        args: PaymentsDatabaseArgs,
        hasProxy: boolean,
        tags: Record<string, string>,
    ): { db: aws.ec2.SecurityGroup; proxy?: aws.ec2.SecurityGroup } {
        const db = storeSecurityGroup(
            `${name}-db-sg`,
            args.vpcId,
            `${name}: PostgreSQL from named security groups only`,
            tags,
            this,
        );
        const proxy = hasProxy
            ? storeSecurityGroup(
                  `${name}-proxy-sg`,
                  args.vpcId,
                  `${name}: RDS Proxy from named security groups only`,
                  tags,
                  this,
              )
            : undefined;
        admitClients(name, args.clientSecurityGroups, { db, proxy }, this.tags, this);
        return { db, proxy };
    }

    /** Subnet and parameter groups, the cluster, its instances and their reader auto scaling. */
    private aurora(
        name: string,
        args: PaymentsDatabaseArgs,
        aurora: ResolvedAurora,
        keyArn: pulumi.Output<string>,
        securityGroupId: pulumi.Output<string>,
        tags: Record<string, string>,
    ) {
        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            {
                description: `${name}: isolated subnets`,
                subnetIds: args.subnetIds,
                tags: { ...tags, Name: `${name}-subnets` },
            },
            { parent: this },
        );
        const params = clusterParameterGroup(name, aurora, tags, this);
        const db = auroraCluster(
            name,
            {
                environment: args.environment,
                settings: aurora,
                keyArn,
                subnetGroupName: subnetGroup.id,
                securityGroupId,
                parameterGroupName: params.id,
                tags,
            },
            this,
        );
        const monitoring = monitoringRole(name, tags, this);
        const instances = clusterInstances(
            name,
            {
                clusterId: db.cluster.id,
                settings: aurora,
                availabilityZones: args.availabilityZones,
                keyArn,
                monitoringRoleArn: monitoring.arn,
                tags,
            },
            this,
        );
        if (aurora.autoscaling.enabled) readerAutoscaling(name, db.cluster.id, aurora, instances.readers, tags, this);
        return { db, instances };
    }

    /** The cache/broker (its AUTH token published under the workloads' SSM path) and the payments queue. */
    private stores(
        name: string,
        args: PaymentsDatabaseArgs,
        kmsKeyArn: pulumi.Output<string>,
        o: { parameterPath: string; protect: boolean },
        tags: Record<string, string>,
    ): { cache: PaymentsCache; queue: PaymentsQueue } {
        const cache = new PaymentsCache(
            `${name}-cache`,
            {
                vpcId: args.vpcId,
                subnetIds: args.subnetIds,
                availabilityZones: args.availabilityZones,
                clientSecurityGroups: args.clientSecurityGroups,
                kmsKeyArn,
                settings: args.cache,
                authTokenParameterName: `${o.parameterPath}${name}/cache-auth-token`,
                protect: o.protect,
                tags,
            },
            { parent: this },
        );
        const queue = new PaymentsQueue(
            `${name}-async`,
            { kmsKeyArn, settings: args.queue, legacyEvents: args.legacyEvents, tags },
            { parent: this },
        );
        return { cache, queue };
    }

    /**
     * Admits another client security group to the database (and its proxy) on 5432 and to the
     * cache on 6379. `label` names the rules; it must be unique per component.
     */
    public allowFrom(securityGroupId: pulumi.Input<string>, label = `client-${++this.clients}`): pulumi.Resource[] {
        const name = this.baseName;
        const rules: pulumi.Resource[] = [
            admitFrom(
                `${name}-db-from-${label}`,
                this.dbSecurityGroupId,
                POSTGRES_PORT,
                securityGroupId,
                `PostgreSQL from ${label}`,
                this.tags,
                this,
            ),
        ];
        if (this.proxySecurityGroupId)
            rules.push(
                admitFrom(
                    `${name}-proxy-from-${label}`,
                    this.proxySecurityGroupId,
                    POSTGRES_PORT,
                    securityGroupId,
                    `PostgreSQL (proxy) from ${label}`,
                    this.tags,
                    this,
                ),
            );
        rules.push(this.cache.allowFrom(securityGroupId, label));
        return rules;
    }
}
