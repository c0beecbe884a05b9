/**
 * Managed node groups: one per pool per availability zone.
 *
 * aws.eks.NodeGroup + aws.ec2.LaunchTemplate rather than eks.ManagedNodeGroup: the latter is a
 * remote component, so the launch template it would build (IMDS settings, root volume encryption)
 * is invisible to the plan, to tests and to policies. Here the real launch template is recorded.
 *
 * One group per AZ (rather than one spanning three subnets) because cluster-autoscaler cannot pick
 * the AZ of a multi-AZ group: a pending pod bound to a zonal EBS volume would wait forever. With
 * `balance-similar-node-groups` the autoscaler keeps the per-AZ groups even.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NodePoolArgs } from "./args";

/** Every pool runs EKS's AL2023 x86_64 AMI (validation keeps Graviton types out). */
export const NODE_AMI_TYPE = "AL2023_x86_64_STANDARD";
/** Node label carrying the pool name; add-ons select the system pool by it. */
export const POOL_LABEL = "platform.payments/pool";
/** The system pool's taint: only pods tolerating it (critical add-ons) land there. */
export const SYSTEM_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" } as const;
/** The toleration matching SYSTEM_TAINT, in Kubernetes spelling. */
export const SYSTEM_TOLERATION = { key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" } as const;

export interface NodeGroupsArgs {
    clusterName: string;
    kubernetesVersion: string;
    subnetIds: pulumi.Input<string[]>;
    availabilityZones: string[];
    volumeKeyArn: pulumi.Input<string>;
    tags: Record<string, string>;
    /** Resources (cluster, networking add-ons) that must exist before any node boots. */
    dependsOn: pulumi.Resource[];
}

/** The role every worker node runs as. The CNI policy is on the vpc-cni add-on's own role instead. */
export function nodeRole(
    name: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
    const role = new aws.iam.Role(
        `${name}-node-role`,
        {
            description: `Worker nodes of EKS cluster ${name}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: { ...tags, Name: `${name}-node-role` },
        },
        { parent },
    );
    const managed = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"];
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    const attachments = managed.map(
        (p) =>
            new aws.iam.RolePolicyAttachment(
                `${name}-node-${p}`,
                { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${p}` },
                { parent: role },
            ),
    );
    return { role, attachments };
}

/**
 * Launch template of a pool: IMDSv2 only, encrypted gp3 root. Hop limit 1 unless the pool opts in:
 * every add-on calling AWS has its own IRSA role and is given its region and VPC explicitly, and the
 * host-network DaemonSets (aws-node, kube-proxy, the CSI node plugins) are zero hops away, so no pod
 * needs IMDS; with 2, any pod could take the node role's credentials.
 */
export function launchTemplate(
    name: string,
    pool: NodePoolArgs,
    volumeKeyArn: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
    return new aws.ec2.LaunchTemplate(
        `${name}-lt`,
        {
            description: `Worker nodes of ${name}`,
            updateDefaultVersion: true,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: pool.imdsHopLimit ?? 1,
                instanceMetadataTags: "disabled",
            },
            blockDeviceMappings: [
                {
                    // AL2023 EKS AMIs boot from /dev/xvda.
                    deviceName: "/dev/xvda",
                    ebs: {
                        volumeSize: pool.diskSizeGiB ?? 50,
                        volumeType: "gp3",
                        encrypted: "true",
                        kmsKeyId: volumeKeyArn,
                        deleteOnTermination: "true",
                    },
                },
            ],
            monitoring: { enabled: true },
            tagSpecifications: [
                { resourceType: "instance", tags: { ...tags, Name: name } },
                { resourceType: "volume", tags: { ...tags, Name: name } },
            ],
            tags: { ...tags, Name: `${name}-lt` },
        },
        { parent },
    );
}

/** One managed node group per AZ for a pool. */
export function nodePool(
    name: string,
    pool: "system" | "apps",
    spec: NodePoolArgs,
    node: { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] },
    args: NodeGroupsArgs,
    parent: pulumi.Resource,
): aws.eks.NodeGroup[] {
    const lt = launchTemplate(`${name}-${pool}`, spec, args.volumeKeyArn, args.tags, parent);
    return args.availabilityZones.map(
        (az, i) =>
            new aws.eks.NodeGroup(
                `${name}-${pool}-${az}`,
                {
                    clusterName: args.clusterName,
                    nodeGroupNamePrefix: `${pool}-${az}-`,
                    version: args.kubernetesVersion,
                    nodeRoleArn: node.role.arn,
                    subnetIds: pulumi.output(args.subnetIds).apply((ids) => [ids[i]]),
                    amiType: NODE_AMI_TYPE,
                    capacityType: spec.capacityType ?? "ON_DEMAND",
                    instanceTypes: spec.instanceTypes,
                    scalingConfig: { minSize: spec.minSize, desiredSize: spec.desiredSize, maxSize: spec.maxSize },
                    updateConfig: { maxUnavailablePercentage: spec.maxUnavailablePercentage ?? 33 },
                    launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
                    labels: { ...spec.labels, [POOL_LABEL]: pool },
                    taints: pool === "system" ? [SYSTEM_TAINT] : [],
                    tags: { ...args.tags, Name: `${name}-${pool}-${az}` },
                },
                {
                    parent,
                    dependsOn: [...args.dependsOn, ...node.attachments],
                    // The autoscaler owns the desired size once the group exists.
                    ignoreChanges: ["scalingConfig.desiredSize"],
                },
            ),
    );
}
