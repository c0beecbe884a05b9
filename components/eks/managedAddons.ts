/**
 * EKS-managed add-ons, pinned per Kubernetes minor (versions.ts), as aws.eks.Addon resources so
 * their versions and roles are in the plan.
 *
 * The cluster is created with `bootstrapSelfManagedAddons: false`, so these are the only copies:
 * vpc-cni and kube-proxy come before any node (a node without a CNI never turns Ready), coredns and
 * the CSI drivers after the node groups (their Deployments need somewhere to run, and EKS reports
 * the add-on DEGRADED until they do).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OidcProvider, PolicyDocument, ServiceAccountRole, serviceAccountRole } from "./irsa";
import { POOL_LABEL, SYSTEM_TOLERATION } from "./nodeGroups";
import { ebsCsiKmsPolicy } from "./policies";
import { ManagedAddonName } from "./versions";

export interface ManagedAddonsArgs {
    clusterName: string;
    versions: Record<ManagedAddonName, string>;
    oidc: OidcProvider;
    volumeKeyArn: pulumi.Input<string>;
    /** AWS partition, for AWS-managed policy ARNs. */
    partition: pulumi.Input<string>;
    tags: Record<string, string>;
}

/** The service account each add-on's controller runs as (fixed by the add-on). */
export const ADDON_SERVICE_ACCOUNTS: Partial<Record<ManagedAddonName, { namespace: string; serviceAccount: string }>> =
    {
        "vpc-cni": { namespace: "kube-system", serviceAccount: "aws-node" },
        "aws-ebs-csi-driver": { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" },
        "aws-efs-csi-driver": { namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" },
    };

function addon(
    name: string,
    addonName: ManagedAddonName,
    args: ManagedAddonsArgs,
    extra: Partial<aws.eks.AddonArgs>,
    opts: pulumi.CustomResourceOptions,
): aws.eks.Addon {
    return new aws.eks.Addon(
        `${name}-${addonName}`,
        {
            clusterName: args.clusterName,
            addonName,
            addonVersion: args.versions[addonName],
            resolveConflictsOnCreate: "OVERWRITE",
            // Keep hand-tuned fields on upgrade only if they are in configurationValues (i.e. in code).
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: { ...args.tags, Name: `${name}-${addonName}` },
            ...extra,
        },
        opts,
    );
}

function roleFor(
    name: string,
    addonName: ManagedAddonName,
    args: ManagedAddonsArgs,
    policy: pulumi.Input<PolicyDocument> | undefined,
    managed: string[],
    parent: pulumi.Resource,
): ServiceAccountRole {
    const sa = ADDON_SERVICE_ACCOUNTS[addonName]!;
    const managedPolicyArns = managed.map((m) => pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${m}`);
    return serviceAccountRole(
        `${name}-${addonName}`,
        { oidc: args.oidc, ...sa, policy, managedPolicyArns, tags: args.tags },
        parent,
    );
}

/** vpc-cni and kube-proxy: needed before any node can become Ready. */
export function networkingAddons(
    name: string,
    args: ManagedAddonsArgs,
    after: pulumi.Resource[],
    parent: pulumi.Resource,
): aws.eks.Addon[] {
    const cni = roleFor(name, "vpc-cni", args, undefined, ["AmazonEKS_CNI_Policy"], parent);
    return [
        addon(
            name,
            "vpc-cni",
            args,
            {
                serviceAccountRoleArn: cni.role.arn,
                // The network-policy agent: without it NetworkPolicies are accepted and ignored, and every
                // pod reaches whatever the node security group reaches (the database among them).
                // vpc-cni's add-on schema takes the string "true" (aws eks describe-addon-configuration).
                configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
            },
            { parent, dependsOn: [...after, ...cni.policies] },
        ),
        addon(name, "kube-proxy", args, {}, { parent, dependsOn: after }),
    ];
}

/** coredns and the CSI drivers, pinned to the system pool where their schema allows. */
export function workloadAddons(
    name: string,
    args: ManagedAddonsArgs,
    nodes: pulumi.Resource[],
    parent: pulumi.Resource,
): aws.eks.Addon[] {
    const ebs = roleFor(
        name,
        "aws-ebs-csi-driver",
        args,
        pulumi.output(args.volumeKeyArn).apply(ebsCsiKmsPolicy),
        ["service-role/AmazonEBSCSIDriverPolicy"],
        parent,
    );
    const efs = roleFor(name, "aws-efs-csi-driver", args, undefined, ["service-role/AmazonEFSCSIDriverPolicy"], parent);
    const critical = { nodeSelector: { [POOL_LABEL]: "system" }, tolerations: [SYSTEM_TOLERATION] };
    return [
        addon(
            name,
            "coredns",
            args,
            {
                configurationValues: JSON.stringify({
                    ...critical,
                    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
                }),
            },
            { parent, dependsOn: nodes },
        ),
        addon(
            name,
            "aws-ebs-csi-driver",
            args,
            { serviceAccountRoleArn: ebs.role.arn, configurationValues: JSON.stringify({ controller: critical }) },
            { parent, dependsOn: [...nodes, ...ebs.policies] },
        ),
        addon(
            name,
            "aws-efs-csi-driver",
            args,
            { serviceAccountRoleArn: efs.role.arn },
            { parent, dependsOn: [...nodes, ...efs.policies] },
        ),
    ];
}
