/**
 * The payments read cache (lazy loading) and Celery broker: one ElastiCache replication group,
 * encrypted at rest with the caller's key and in transit with an AUTH token, a node in every AZ.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { replicationGroupId } from "./naming";
import { cachePlacement } from "./placement";
import { admitFrom, storeSecurityGroup } from "./securityGroups";
import { CacheSettings, resolveCache } from "./settings";
import { cacheParameterFamily } from "./versions";

export const CACHE_PORT = 6379;

export interface PaymentsCacheArgs {
    vpcId: pulumi.Input<string>;
    /** Subnets of the cache nodes (the spoke's isolated subnets). */
    subnetIds: pulumi.Input<string[]>;
    /** The spoke's AZs (plain): nodes are placed over them. */
    availabilityZones: string[];
    /** Security groups admitted on 6379, by a label used in rule names (e.g. { eksNodes: "sg-…" }). */
    clientSecurityGroups: Record<string, pulumi.Input<string>>;
    /** ARN of the KMS key encrypting data and snapshots at rest. */
    kmsKeyArn: pulumi.Input<string>;
    /** Engine, version, node type, replicas, snapshots. @default see CacheSettings */
    settings?: CacheSettings;
    /**
     * Name of the SSM SecureString parameter (encrypted with `kmsKeyArn`) the AUTH token is
     * published to: workloads get it through external-secrets, which reads Parameter Store, so the
     * token never leaves Pulumi state through a stack output. @default not published
     */
    authTokenParameterName?: string;
    /**
     * Pulumi `protect` on the replication group (prod): its id is fixed and it is replaced
     * delete-first, so a ForceNew change would drop every queued Celery task; protected, it fails.
     * @default false
     */
    protect?: boolean;
    /** Extra tags (merged under Name). @default {} */
    tags?: Record<string, string>;
}

export class PaymentsCache extends pulumi.ComponentResource {
    /** Address of the primary (writes, the Celery broker). */
    public readonly primaryEndpoint: pulumi.Output<string>;
    /** Address spreading reads over the replicas (cache reads). */
    public readonly readerEndpoint: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    /** The cache's security group. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The AUTH token (secret), for resources of this program; workloads read the parameter below. */
    public readonly authToken: pulumi.Output<string>;
    /** Name of the SSM parameter holding the AUTH token, when `authTokenParameterName` is given. */
    public readonly authTokenParameterName?: pulumi.Output<string>;
    private clients = 0;
    private readonly baseName: string;
    /** args.tags, kept for the rules `allowFrom` adds after construction. */
    private readonly tags: Record<string, string>;

    constructor(name: string, args: PaymentsCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:data:PaymentsCache", name, {}, opts);
        this.baseName = name;
        const s = resolveCache(args.settings);
        const tags = args.tags ?? {};
        this.tags = tags;
        const sg = storeSecurityGroup(
            `${name}-sg`,
            args.vpcId,
            `${name}: ${s.engine} on ${CACHE_PORT} from named security groups only`,
            tags,
            this,
        );
        for (const [label, source] of Object.entries(args.clientSecurityGroups)) {
            admitFrom(`${name}-from-${label}`, sg.id, CACHE_PORT, source, `${s.engine} from ${label}`, tags, this);
        }
        const subnets = new aws.elasticache.SubnetGroup(
            `${name}-subnets`,
            { description: `${name} nodes`, subnetIds: args.subnetIds, tags: { ...tags, Name: `${name}-subnets` } },
            { parent: this },
        );
        const params = new aws.elasticache.ParameterGroup(
            `${name}-params`,
            {
                family: cacheParameterFamily(s.engine, s.engineVersion),
                description: `${name}: cache and Celery broker`,
                // One store serves two masters: cache entries carry a TTL and may be evicted; Celery's
                // queues carry none and must never be. volatile-lru evicts only keys with a TTL.
                parameters: [{ name: "maxmemory-policy", value: "volatile-lru" }],
                tags: { ...tags, Name: `${name}-params` },
            },
            { parent: this },
        );
        // ElastiCache AUTH tokens: 16–128 printable characters, of the specials only !&#$^<>-.
        const token = new random.RandomPassword(
            `${name}-auth`,
            { length: 64, special: true, overrideSpecial: "!&#$^<>-" },
            { parent: this },
        );
        this.authToken = pulumi.secret(token.result);
        if (args.authTokenParameterName !== undefined)
            this.authTokenParameterName = this.publishToken(name, args.authTokenParameterName, args.kmsKeyArn, tags);
        const group = this.replicationGroup(name, args, s, { subnets: subnets.id, params: params.id, sg: sg.id }, tags);
        this.primaryEndpoint = group.primaryEndpointAddress;
        this.readerEndpoint = group.readerEndpointAddress;
        this.port = pulumi.output(CACHE_PORT);
        this.securityGroupId = sg.id;
        this.registerOutputs({
            primaryEndpoint: this.primaryEndpoint,
            readerEndpoint: this.readerEndpoint,
            port: this.port,
            securityGroupId: this.securityGroupId,
            authTokenParameterName: this.authTokenParameterName,
        });
    }

    private publishToken(
        name: string,
        parameterName: string,
        kmsKeyArn: pulumi.Input<string>,
        tags: Record<string, string>,
    ): pulumi.Output<string> {
        const parameter = new aws.ssm.Parameter(
            `${name}-auth-token`,
            {
                name: parameterName,
                description: `AUTH token of ${name} (cache and Celery broker)`,
                type: "SecureString",
                keyId: kmsKeyArn,
                value: this.authToken,
                tags: { ...tags, Name: `${name}-auth-token` },
            },
            { parent: this },
        );
        return parameter.name;
    }

    private replicationGroup(
        name: string,
        args: PaymentsCacheArgs,
        s: ReturnType<typeof resolveCache>,
        ids: { subnets: pulumi.Input<string>; params: pulumi.Input<string>; sg: pulumi.Input<string> },
        tags: Record<string, string>,
    ): aws.elasticache.ReplicationGroup {
        const placement = cachePlacement(args.availabilityZones, s.replicas);
        return new aws.elasticache.ReplicationGroup(
            `${name}-group`,
            {
                // Explicit: autonaming would exceed ElastiCache's 40 characters in the prod stacks.
                replicationGroupId: replicationGroupId(name),
                description: `${name}: payments cache and Celery broker`,
                engine: s.engine,
                engineVersion: s.engineVersion,
                nodeType: s.nodeType,
                port: CACHE_PORT,
                parameterGroupName: ids.params,
                subnetGroupName: ids.subnets,
                securityGroupIds: [ids.sg],
                // Celery's Redis transport doesn't speak cluster mode: one shard, replicas for HA and reads.
                clusterMode: "disabled",
                numNodeGroups: 1,
                replicasPerNodeGroup: s.replicas,
                nodeGroupConfigurations: [
                    {
                        nodeGroupId: "0001",
                        primaryAvailabilityZone: placement.primary,
                        replicaAvailabilityZones: placement.replicas,
                        replicaCount: s.replicas,
                    },
                ],
                multiAzEnabled: true,
                automaticFailoverEnabled: true,
                atRestEncryptionEnabled: true,
                kmsKeyId: args.kmsKeyArn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                authToken: this.authToken,
                snapshotRetentionLimit: s.snapshotRetentionDays,
                snapshotWindow: "02:00-03:00",
                maintenanceWindow: "sun:04:00-sun:05:00",
                autoMinorVersionUpgrade: false,
                tags: { ...tags, Name: `${name}-group` },
            },
            {
                parent: this,
                protect: args.protect ?? false,
                // A fixed id can't exist twice, so a replacement must delete the old group first. A
                // replacement loses the group's data either way (the cache refills lazily; tasks still
                // queued in the broker are lost), so it belongs in a maintenance window.
                deleteBeforeReplace: true,
            },
        );
    }

    /** Admits another client security group on the cache port. */
    public allowFrom(
        securityGroupId: pulumi.Input<string>,
        label = `client-${++this.clients}`,
    ): aws.vpc.SecurityGroupIngressRule {
        return admitFrom(
            `${this.baseName}-from-${label}`,
            this.securityGroupId,
            CACHE_PORT,
            securityGroupId,
            `cache from ${label}`,
            this.tags,
            this,
        );
    }
}
