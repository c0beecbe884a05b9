/**
 * The Aurora PostgreSQL cluster itself, in its three shapes: regional (optionally restored from a
 * snapshot), primary of a global database, and secondary of one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AURORA_ENGINE,
    DATABASE_NAME,
    MASTER_USERNAME,
    POSTGRES_PORT,
    finalSnapshotIdentifier,
    globalMasterSecret,
} from "./aurora";
import { dbClusterIdentifier, postgresqlLogGroupName } from "./naming";
import { ResolvedAurora } from "./settings";

export interface ClusterInputs {
    environment: string;
    settings: ResolvedAurora;
    keyArn: pulumi.Input<string>;
    subnetGroupName: pulumi.Input<string>;
    securityGroupId: pulumi.Input<string>;
    parameterGroupName: pulumi.Input<string>;
    /** Extra tags (merged under Name). */
    tags: Record<string, string>;
}

export interface AuroraClusterResult {
    cluster: aws.rds.Cluster;
    /** The log group the cluster exports its postgresql log to. */
    logGroup: aws.cloudwatch.LogGroup;
    globalCluster?: aws.rds.GlobalCluster;
    /** ARN of the secret holding the master credentials (none on a global secondary). */
    masterSecretArn?: pulumi.Output<string>;
    /** The final snapshot's identifier, or undefined when the cluster skips it. */
    finalSnapshotIdentifier?: pulumi.Output<string>;
}

/**
 * What a member of a global database leaves to RDS after creation. Checked against the provider's
 * docs and issues (search tool, corpus issues): the aws_rds_cluster docs say a Global Cluster member
 * must ignore `replicationSourceIdentifier` (RDS sets it on a secondary, and clearing it promotes the
 * cluster to standalone; hashicorp/terraform-provider-aws#40921, #43214); the provider's Read does
 * not read `globalClusterIdentifier` back, so an update sends it empty and detaches the cluster from
 * the global database (cloudposse/terraform-aws-rds-cluster#281, terraform-aws-rds-aurora#162).
 * After a switchover or failover both also differ from what the stacks' config says, so `pulumi up`
 * must not "correct" them; membership changes go through the runbook's CLI commands. The version
 * moves with the global cluster (upgrades are global), so a member doesn't pin its own.
 */
export const GLOBAL_MEMBER_IGNORED = [
    "snapshotIdentifier",
    "engineVersion",
    "globalClusterIdentifier",
    "replicationSourceIdentifier",
] as const;

/** Credentials and global membership by shape; exactly one of the three applies. */
function membership(name: string, i: ClusterInputs, protect: boolean, parent: pulumi.Resource) {
    const g = i.settings.global;
    if (g?.role === "secondary") {
        // A secondary inherits engine, database and master user from the primary; setting any
        // of them fails the create.
        return { args: { globalClusterIdentifier: g.globalClusterIdentifier } satisfies Partial<aws.rds.ClusterArgs> };
    }
    if (g?.role === "primary") {
        const globalCluster = new aws.rds.GlobalCluster(
            `${name}-global`,
            {
                globalClusterIdentifier: g.globalClusterIdentifier,
                engine: AURORA_ENGINE,
                engineVersion: i.settings.engineVersion,
                databaseName: DATABASE_NAME,
                storageEncrypted: true,
                deletionProtection: protect,
                // Never: forceDestroy removes every member from the global cluster on destroy, which
                // silently turns each secondary into a standalone writable cluster. Without it,
                // destroying the primary fails while a secondary is still a member (destroy the
                // secondaries' stacks first, or `aws rds remove-from-global-cluster`).
                forceDestroy: false,
                tags: { ...i.tags, Name: `${name}-global` },
            },
            { parent, protect },
        );
        const master = globalMasterSecret(name, i.keyArn, i.tags, parent);
        return {
            globalCluster,
            masterSecretArn: master.secret.arn,
            args: {
                globalClusterIdentifier: globalCluster.id,
                databaseName: DATABASE_NAME,
                masterUsername: MASTER_USERNAME,
                masterPasswordWo: master.password,
                masterPasswordWoVersion: 1,
            } satisfies Partial<aws.rds.ClusterArgs>,
        };
    }
    // Regional: RDS generates, stores (in Secrets Manager, with our key) and rotates the password.
    return {
        args: {
            databaseName: i.settings.restoreFromSnapshot ? undefined : DATABASE_NAME,
            masterUsername: i.settings.restoreFromSnapshot ? undefined : MASTER_USERNAME,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: i.keyArn,
            snapshotIdentifier: i.settings.restoreFromSnapshot,
        } satisfies Partial<aws.rds.ClusterArgs>,
    };
}

/**
 * The log group RDS exports the postgresql log to, made before the cluster: left to RDS it would be
 * created on the first export, unencrypted and kept forever (slow statements carry payment data).
 */
function postgresqlLogGroup(name: string, identifier: string, i: ClusterInputs, parent: pulumi.Resource) {
    return new aws.cloudwatch.LogGroup(
        `${name}-postgresql-logs`,
        {
            name: postgresqlLogGroupName(identifier),
            retentionInDays: i.settings.logRetentionDays,
            kmsKeyId: i.keyArn,
            tags: { ...i.tags, Name: `${name}-postgresql-logs` },
        },
        { parent },
    );
}

export function auroraCluster(name: string, i: ClusterInputs, parent: pulumi.Resource): AuroraClusterResult {
    const s = i.settings;
    const prod = i.environment === "prod";
    const m = membership(name, i, prod, parent);
    const finalId = s.skipFinalSnapshot ? undefined : finalSnapshotIdentifier(name, s, parent);
    // Fixed, so the log group can be named first. pulumi-aws autonames clusterIdentifier, so with it
    // set the bridge replaces delete-first (pulumi-terraform-bridge nameRequiresDeleteBeforeReplace):
    // a ForceNew change in dev replaces the cluster after its final snapshot, as an autonamed one
    // would lose its data too; prod's cluster is protected, so there the change fails.
    const identifier = dbClusterIdentifier(`${name}-cluster`);
    const logGroup = postgresqlLogGroup(name, identifier, i, parent);
    const cluster = new aws.rds.Cluster(
        `${name}-cluster`,
        {
            ...m.args,
            clusterIdentifier: identifier,
            engine: AURORA_ENGINE,
            engineMode: "provisioned",
            engineVersion: s.engineVersion,
            port: POSTGRES_PORT,
            dbSubnetGroupName: i.subnetGroupName,
            vpcSecurityGroupIds: [i.securityGroupId],
            dbClusterParameterGroupName: i.parameterGroupName,
            storageEncrypted: true,
            kmsKeyId: i.keyArn,
            iamDatabaseAuthenticationEnabled: true,
            enabledCloudwatchLogsExports: ["postgresql"],
            backupRetentionPeriod: s.backupRetentionDays,
            preferredBackupWindow: s.backupWindow,
            preferredMaintenanceWindow: s.maintenanceWindow,
            copyTagsToSnapshot: true,
            skipFinalSnapshot: s.skipFinalSnapshot,
            finalSnapshotIdentifier: finalId,
            deletionProtection: prod,
            allowMajorVersionUpgrade: false,
            tags: { ...i.tags, Name: `${name}-cluster` },
        },
        {
            parent,
            protect: prod,
            dependsOn: [logGroup],
            // Once restored, clearing restoreFromSnapshot must not re-create (and empty) the cluster.
            ignoreChanges: s.global ? [...GLOBAL_MEMBER_IGNORED] : ["snapshotIdentifier"],
        },
    );
    const masterSecretArn =
        "masterSecretArn" in m
            ? m.masterSecretArn
            : s.global?.role === "secondary"
              ? undefined
              : cluster.masterUserSecrets.apply((xs) => xs?.[0]?.secretArn ?? "");
    return {
        cluster,
        logGroup,
        globalCluster: "globalCluster" in m ? m.globalCluster : undefined,
        masterSecretArn,
        finalSnapshotIdentifier: finalId,
    };
}
