/**
 * The Aurora PostgreSQL parts of PaymentsDatabase, one helper per concern, each taking
 * (name, inputs, parent). PaymentsDatabase decides the order; these only build.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { assumeRolePolicy } from "./policies";
import { auroraPlacement } from "./placement";
import { ResolvedAurora } from "./settings";
import { auroraParameterFamily } from "./versions";

export const AURORA_ENGINE = "aurora-postgresql";
export const POSTGRES_PORT = 5432;
/** The master user; applications use IAM auth through the proxy, never this user. */
export const MASTER_USERNAME = "payments_admin";
export const DATABASE_NAME = "payments";

/**
 * TLS only: the cluster refuses plaintext connections, whatever the client asks for. A global
 * primary with `rpoSeconds` also carries `rds.global_db_rpo`, the managed RPO bound (a dynamic
 * parameter: it applies without a reboot).
 */
export function clusterParameterGroup(
    name: string,
    s: Pick<ResolvedAurora, "engineVersion" | "global">,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.rds.ClusterParameterGroup {
    const rpo = s.global?.role === "primary" ? s.global.rpoSeconds : undefined;
    return new aws.rds.ClusterParameterGroup(
        `${name}-params`,
        {
            family: auroraParameterFamily(s.engineVersion),
            description: `${name}: TLS-only Aurora PostgreSQL`,
            parameters: [
                { name: "rds.force_ssl", value: "1" },
                { name: "ssl_min_protocol_version", value: "TLSv1.2" },
                // Statements slower than a second land in the exported postgresql log.
                { name: "log_min_duration_statement", value: "1000" },
                ...(rpo === undefined ? [] : [{ name: "rds.global_db_rpo", value: String(rpo) }]),
            ],
            tags: { ...tags, Name: `${name}-params` },
        },
        { parent },
    );
}

/** The role RDS enhanced monitoring publishes OS metrics with. */
export function monitoringRole(name: string, tags: Record<string, string>, parent: pulumi.Resource): aws.iam.Role {
    const role = new aws.iam.Role(
        `${name}-monitoring`,
        {
            description: `Enhanced monitoring of ${name}`,
            assumeRolePolicy: assumeRolePolicy("monitoring.rds.amazonaws.com"),
            tags: { ...tags, Name: `${name}-monitoring` },
        },
        { parent },
    );
    const partition = aws.getPartitionOutput({}, { parent });
    new aws.iam.RolePolicyAttachment(
        `${name}-monitoring`,
        {
            role: role.id,
            policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
        },
        { parent },
    );
    return role;
}

/**
 * Suffix of the final snapshot's identifier. A RandomId lives and dies with the stack, so every
 * re-creation (dev is destroyed every weekend) gets a new one and Friday's final snapshot never
 * collides with last Friday's; its keepers renew it when the cluster is re-created from another
 * snapshot within the stack's life.
 */
export function finalSnapshotIdentifier(
    name: string,
    s: ResolvedAurora,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    const suffix = new random.RandomId(
        `${name}-final-snapshot`,
        {
            byteLength: 4,
            keepers: {
                restoreFromSnapshot: s.restoreFromSnapshot ?? "",
                engineMajor: auroraParameterFamily(s.engineVersion),
            },
        },
        { parent },
    );
    return pulumi.interpolate`${name}-final-${suffix.hex}`;
}

/**
 * Master credentials for a global primary. RDS-managed master passwords aren't supported for
 * clusters in an Aurora global database (Aurora User Guide, "Limitations for Secrets Manager
 * integration"), so here the component keeps the secret itself: a generated password, stored only
 * in its own KMS-encrypted secret and handed to RDS write-only.
 */
export function globalMasterSecret(
    name: string,
    keyArn: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { secret: aws.secretsmanager.Secret; password: pulumi.Output<string> } {
    // RDS refuses "/", "@", '"' and spaces in master passwords.
    const password = new random.RandomPassword(
        `${name}-master-password`,
        { length: 40, special: true, overrideSpecial: "!#$%^&*()-_=+[]{}<>:?" },
        { parent },
    );
    const secret = new aws.secretsmanager.Secret(
        `${name}-master`,
        {
            description: `Master credentials of ${name} (global database member)`,
            kmsKeyId: keyArn,
            tags: { ...tags, Name: `${name}-master` },
        },
        { parent },
    );
    new aws.secretsmanager.SecretVersion(
        `${name}-master`,
        {
            secretId: secret.id,
            secretStringWo: pulumi.secret(
                pulumi.jsonStringify({ username: MASTER_USERNAME, password: password.result }),
            ),
            secretStringWoVersion: 1,
        },
        { parent },
    );
    return { secret, password: pulumi.secret(password.result) };
}

/**
 * The final snapshot's identifier, published where the next deploy can find it after a teardown:
 * the stack's outputs go with `pulumi destroy`, this parameter stays (retainOnDelete). Its fixed
 * name is taken over by the re-created stack: `overwrite` lets the create replace the retained
 * parameter, which SSM would otherwise refuse (ParameterAlreadyExists). A String, not a
 * SecureString: an identifier, no secret.
 */
export function finalSnapshotParameter(
    name: string,
    parameterName: string,
    identifier: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ssm.Parameter {
    return new aws.ssm.Parameter(
        `${name}-final-snapshot-id`,
        {
            name: parameterName,
            type: "String",
            // `value` is a secret input in pulumi-aws; an identifier is none, so previews show it.
            insecureValue: identifier,
            overwrite: true,
            description: `${name}: identifier of the final snapshot the next teardown leaves (restoreFromSnapshot)`,
            tags: { ...tags, Name: `${name}-final-snapshot-id` },
        },
        { parent, retainOnDelete: true },
    );
}

export interface InstanceInputs {
    clusterId: pulumi.Input<string>;
    settings: ResolvedAurora;
    availabilityZones: readonly string[];
    keyArn: pulumi.Input<string>;
    monitoringRoleArn: pulumi.Input<string>;
    /** Extra tags (merged under Name). */
    tags: Record<string, string>;
}

/**
 * The writer, then the readers round-robin over the AZs (the writer first: the first instance
 * writes). A global secondary has no writer until it is promoted (a secondary region runs readers
 * only), so there the `readers` instances take the writer's place in the round-robin and all are readers.
 */
export function clusterInstances(
    name: string,
    i: InstanceInputs,
    parent: pulumi.Resource,
): { writer?: aws.rds.ClusterInstance; readers: aws.rds.ClusterInstance[] } {
    const secondary = i.settings.global?.role === "secondary";
    const placement = auroraPlacement(i.availabilityZones, i.settings.readers);
    const instance = (role: string, az: string, promotionTier: number, dependsOn: pulumi.Resource[]) =>
        new aws.rds.ClusterInstance(
            `${name}-${role}`,
            {
                clusterIdentifier: i.clusterId,
                engine: AURORA_ENGINE,
                engineVersion: i.settings.engineVersion,
                instanceClass: i.settings.instanceClass,
                availabilityZone: az,
                promotionTier,
                publiclyAccessible: false,
                // Versions are pinned in config; an automatic minor upgrade would drift from it.
                autoMinorVersionUpgrade: false,
                caCertIdentifier: "rds-ca-rsa2048-g1",
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: i.keyArn,
                performanceInsightsRetentionPeriod: i.settings.performanceInsightsRetentionDays,
                monitoringInterval: i.settings.monitoringIntervalSeconds,
                monitoringRoleArn: i.monitoringRoleArn,
                tags: { ...i.tags, Name: `${name}-${role}` },
            },
            { parent, dependsOn },
        );
    if (secondary) {
        const azs = [placement.writer, ...placement.readers].slice(0, i.settings.readers);
        return { readers: azs.map((az, n) => instance(`reader-${n + 1}`, az, 1, [])) };
    }
    const writer = instance("writer", placement.writer, 0, []);
    const readers = placement.readers.map((az, n) => instance(`reader-${n + 1}`, az, 1, [writer]));
    return { writer, readers };
}

/** Reader auto scaling on average reader CPU; the configured readers stay Pulumi's, extra ones are Aurora's. */
export function readerAutoscaling(
    name: string,
    clusterId: pulumi.Input<string>,
    s: ResolvedAurora,
    readers: pulumi.Resource[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.appautoscaling.Target {
    const target = new aws.appautoscaling.Target(
        `${name}-readers`,
        {
            serviceNamespace: "rds",
            scalableDimension: "rds:cluster:ReadReplicaCount",
            resourceId: pulumi.interpolate`cluster:${clusterId}`,
            minCapacity: s.autoscaling.minReaders,
            maxCapacity: s.autoscaling.maxReaders,
            tags: { ...tags, Name: `${name}-readers` },
        },
        { parent, dependsOn: readers },
    );
    new aws.appautoscaling.Policy(
        `${name}-readers-cpu`,
        {
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
                targetValue: s.autoscaling.targetCpuPercent,
                scaleInCooldown: 300,
                scaleOutCooldown: 300,
            },
        },
        { parent },
    );
    return target;
}
