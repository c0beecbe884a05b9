/**
 * The shared EFS file system of the log writer and parser: encrypted with the cluster's volume key
 * (the key of every other persistent volume of the cluster, so one key guards the cluster's data at
 * rest and one grant set covers AWS Backup), a mount target per AZ in the spoke's private subnets,
 * and an access point that pins every NFS operation to the apps' uid/gid.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { APP_UID } from "../podSecurity";

/** The access point's root: created by EFS on first mount, owned by the apps' uid. */
export const LOGS_ROOT = "/payments-logs";
const NFS_PORT = 2049;

export interface SharedFileSystem {
    fileSystem: aws.efs.FileSystem;
    accessPoint: aws.efs.AccessPoint;
    securityGroup: aws.ec2.SecurityGroup;
    mountTargets: aws.efs.MountTarget[];
}

export function sharedFileSystem(ctx: AppContext, transitionToIaDays: number): SharedFileSystem {
    const name = `${ctx.name}-efs`;
    const opts = { parent: ctx.parent };
    const fileSystem = new aws.efs.FileSystem(
        name,
        {
            encrypted: true,
            kmsKeyId: ctx.cluster.volumeKeyArn,
            // Elastic: pay per byte moved; bursting throughput would starve a small, busy log volume.
            throughputMode: "elastic",
            performanceMode: "generalPurpose",
            // One transition per block (the API's LifecyclePolicies take one field each).
            lifecyclePolicies: [
                // The API's enum says AFTER_1_DAY, then AFTER_7_DAYS, AFTER_14_DAYS… (EFS API reference, LifecyclePolicy).
                { transitionToIa: transitionToIaDays === 1 ? "AFTER_1_DAY" : `AFTER_${transitionToIaDays}_DAYS` },
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ],
            tags: { ...ctx.tags, Name: name },
        },
        opts,
    );
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        {
            vpcId: ctx.network.vpcId,
            description: "EFS mount targets: NFS from the cluster nodes only",
            tags: { ...ctx.tags, Name: `${name}-sg` },
        },
        opts,
    );
    // The CSI node plugin mounts on the node (hostNetwork), so NFS leaves from the node's ENI with the
    // node security group. No egress rule: groups are stateful and a mount target never connects out.
    new aws.vpc.SecurityGroupIngressRule(
        `${name}-nfs-from-nodes`,
        {
            securityGroupId: securityGroup.id,
            ipProtocol: "tcp",
            fromPort: NFS_PORT,
            toPort: NFS_PORT,
            referencedSecurityGroupId: ctx.cluster.nodeSecurityGroupId,
            description: "NFS from the EKS node security group",
            tags: { ...ctx.tags, Name: `${name}-nfs-from-nodes` },
        },
        opts,
    );
    const mountTargets = ctx.network.availabilityZones.map(
        (_az, i) =>
            new aws.efs.MountTarget(
                `${name}-mt-${i + 1}`,
                {
                    fileSystemId: fileSystem.id,
                    subnetId: ctx.network.privateSubnetIds.apply((ids) => ids[i]),
                    securityGroups: [securityGroup.id],
                },
                // A file system takes one mount target per AZ: a replacement (new subnet) must go first.
                { ...opts, deleteBeforeReplace: true },
            ),
    );
    const accessPoint = new aws.efs.AccessPoint(
        `${name}-logs`,
        {
            fileSystemId: fileSystem.id,
            // Every NFS call through it runs as the apps' uid/gid, whatever the client claims.
            posixUser: { uid: APP_UID, gid: APP_UID },
            rootDirectory: {
                path: LOGS_ROOT,
                creationInfo: { ownerUid: APP_UID, ownerGid: APP_UID, permissions: "0750" },
            },
            tags: { ...ctx.tags, Name: `${name}-logs` },
        },
        opts,
    );
    return { fileSystem, accessPoint, securityGroup, mountTargets };
}

/** The EFS CSI driver's static volume handle for an access point: `<fs-id>::<fsap-id>`. */
export function efsVolumeHandle(fs: SharedFileSystem): pulumi.Output<string> {
    return pulumi.interpolate`${fs.fileSystem.id}::${fs.accessPoint.id}`;
}
