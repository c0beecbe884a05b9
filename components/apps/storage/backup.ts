/**
 * AWS Backup for the cluster's persistent data: the EBS volumes the CSI driver creates from the gp3
 * class and the shared EFS file system, daily, into a vault under the platform key; prod copies
 * every recovery point to a vault in a second region.
 *
 * Destroy: a vault holding recovery points can't be deleted (DeleteBackupVault fails). Dev is
 * destroyed every weekend, so its vault is force-destroyed (the provider deletes the recovery
 * points first) and its retention is short: a dev backup is worthless once its cluster is gone.
 * Prod's vaults are retained on destroy (retainOnDelete): the recovery points outlive the stack, and a
 * later deploy makes new auto-named vaults beside them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EBS_BACKUP_TAG } from "../../eks/kubernetesResources";
import { AppContext } from "../context";
import { backupKmsPolicy } from "./policies";
import { StorageResolved } from "./settings";

export interface BackupArgs {
    settings: StorageResolved["backup"];
    /** The platform key: the vault's. */
    platformKeyArn: pulumi.Input<string>;
    /** The EFS file system to back up. */
    fileSystemArn: pulumi.Input<string>;
    /** Prod: a provider for the copy region (settings.copy.region). */
    copyProvider?: aws.Provider;
}

export interface Backups {
    vault: aws.backup.Vault;
    plan: aws.backup.Plan;
    role: aws.iam.Role;
    copyVault?: aws.backup.Vault;
}

export function backups(ctx: AppContext, args: BackupArgs): Backups {
    const name = `${ctx.name}-backup`;
    const keep = { retainOnDelete: ctx.prod };
    const vault = new aws.backup.Vault(
        `${name}-vault`,
        { kmsKeyArn: args.platformKeyArn, forceDestroy: !ctx.prod, tags: { ...ctx.tags, Name: `${name}-vault` } },
        { parent: ctx.parent, ...keep },
    );
    const copyVault = args.settings.copy && args.copyProvider ? copyTarget(ctx, name, args.copyProvider) : undefined;
    const role = backupRole(ctx, name, [
        ctx.cluster.volumeKeyArn,
        args.platformKeyArn,
        ...(copyVault ? [copyVault.key.arn] : []),
    ]);
    const copy = args.settings.copy;
    const plan = new aws.backup.Plan(
        `${name}-plan`,
        {
            rules: [
                {
                    ruleName: "daily",
                    // A vault's id is its name (aws_backup_vault), known as soon as it exists.
                    targetVaultName: vault.id,
                    schedule: args.settings.schedule,
                    scheduleExpressionTimezone: "Etc/UTC",
                    startWindow: 60,
                    completionWindow: 240,
                    lifecycle: { deleteAfter: args.settings.retentionDays },
                    copyActions:
                        copy && copyVault
                            ? [
                                  {
                                      destinationVaultArn: copyVault.vault.arn,
                                      lifecycle: { deleteAfter: copy.retentionDays },
                                  },
                              ]
                            : undefined,
                    recoveryPointTags: { ...ctx.tags, Cluster: ctx.cluster.clusterName },
                },
            ],
            tags: { ...ctx.tags, Name: `${name}-plan` },
        },
        { parent: ctx.parent },
    );
    selections(ctx, name, plan, role, args.fileSystemArn);
    return { vault, plan, role, copyVault: copyVault?.vault };
}

/**
 * Two selections: within one, resource ARNs and tag conditions are ANDed, and the EFS file system
 * doesn't carry the volumes' tag. Volumes: what the gp3 StorageClass makes the EBS CSI driver put on
 * each volume it creates (`tagSpecification_1`, components/eks/kubernetesResources.ts): the tag names
 * this cluster, so dev's plan never picks prod's volumes in the same region and account. The driver's
 * own tags (`ebs.csi.aws.com/cluster=true`, `CSIVolumeName`) are the same for every cluster.
 */
function selections(
    ctx: AppContext,
    name: string,
    plan: aws.backup.Plan,
    role: aws.iam.Role,
    fileSystemArn: pulumi.Input<string>,
): void {
    const partition = aws.getPartitionOutput({}, { parent: ctx.parent }).partition;
    new aws.backup.Selection(
        `${name}-ebs`,
        {
            planId: plan.id,
            iamRoleArn: role.arn,
            resources: [pulumi.interpolate`arn:${partition}:ec2:*:*:volume/*`],
            conditions: [
                { stringEquals: [{ key: `aws:ResourceTag/${EBS_BACKUP_TAG}`, value: ctx.cluster.clusterName }] },
            ],
        },
        { parent: ctx.parent },
    );
    new aws.backup.Selection(
        `${name}-efs`,
        { planId: plan.id, iamRoleArn: role.arn, resources: [fileSystemArn] },
        { parent: ctx.parent },
    );
}

function backupRole(ctx: AppContext, name: string, keyArns: pulumi.Input<string>[]): aws.iam.Role {
    const role = new aws.iam.Role(
        `${name}-role`,
        {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "backup.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            }),
            tags: { ...ctx.tags, Name: `${name}-role` },
        },
        { parent: ctx.parent },
    );
    const partition = aws.getPartitionOutput({}, { parent: ctx.parent }).partition;
    for (const [i, policy] of [
        "AWSBackupServiceRolePolicyForBackup",
        "AWSBackupServiceRolePolicyForRestores",
    ].entries())
        new aws.iam.RolePolicyAttachment(
            `${name}-role-managed-${i + 1}`,
            { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/${policy}` },
            { parent: ctx.parent },
        );
    new aws.iam.RolePolicy(
        `${name}-role-kms`,
        { role: role.name, policy: pulumi.all(keyArns).apply((arns) => JSON.stringify(backupKmsPolicy(arns))) },
        { parent: ctx.parent },
    );
    return role;
}

/** The copy region's vault and its own key (a KMS key is regional; the platform key can't be used there). */
function copyTarget(
    ctx: AppContext,
    name: string,
    provider: aws.Provider,
): { vault: aws.backup.Vault; key: aws.kms.Key } {
    const opts = { parent: ctx.parent, provider, retainOnDelete: true };
    // Protected like every prod key: deleting it would make every copied recovery point unreadable.
    const key = new aws.kms.Key(
        `${name}-copy-key`,
        {
            description: `${name}: recovery point copies`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags: { ...ctx.tags, Name: `${name}-copy-key` },
        },
        { ...opts, protect: true },
    );
    const vault = new aws.backup.Vault(
        `${name}-copy-vault`,
        { kmsKeyArn: key.arn, forceDestroy: false, tags: { ...ctx.tags, Name: `${name}-copy-vault` } },
        opts,
    );
    return { vault, key };
}
