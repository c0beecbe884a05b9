/**
 * Plain Kubernetes objects of the platform: namespaces, the priority class, the default storage
 * class and the ClusterSecretStore. Every one is bound to the cluster's own provider.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PLATFORM_PRIORITY_CLASS } from "./helmAddons";

/** Name of the ClusterSecretStore that workloads' ExternalSecrets reference. */
export const PARAMETER_STORE = "platform-parameter-store";

interface K8sContext {
    name: string;
    provider: k8s.Provider;
    parent: pulumi.Resource;
}

/** A namespace enforcing the "baseline" Pod Security Standard (nginx needs NET_BIND_SERVICE, so not "restricted"). */
export function namespace(ctx: K8sContext, ns: string, dependsOn: pulumi.Resource[]): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(
        `${ctx.name}-ns-${ns}`,
        {
            metadata: {
                name: ns,
                labels: {
                    "pod-security.kubernetes.io/enforce": "baseline",
                    "pod-security.kubernetes.io/warn": "restricted",
                },
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn },
    );
}

/** Above every workload, below system-*-critical: add-ons in the data path preempt apps, never the kubelet's own pods. */
export function platformPriorityClass(ctx: K8sContext, dependsOn: pulumi.Resource[]): k8s.scheduling.v1.PriorityClass {
    return new k8s.scheduling.v1.PriorityClass(
        `${ctx.name}-priority-platform`,
        {
            metadata: { name: PLATFORM_PRIORITY_CLASS },
            value: 100_000_000,
            globalDefault: false,
            preemptionPolicy: "PreemptLowerPriority",
            description: "Platform add-ons in the request path (ingress, autoscaling, secrets).",
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn },
    );
}

/** Tag the EBS CSI driver puts on every volume of the gp3 class (value: the cluster): AWS Backup selects by it. */
export const EBS_BACKUP_TAG = "platform/backup-cluster";

/** The default StorageClass: gp3, encrypted with the cluster's volume key, bound where the pod lands. */
export function defaultStorageClass(
    ctx: K8sContext,
    volumeKeyArn: pulumi.Input<string>,
    reclaimPolicy: "Delete" | "Retain",
    dependsOn: pulumi.Resource[],
    clusterName: string = ctx.name,
): k8s.storage.v1.StorageClass {
    return new k8s.storage.v1.StorageClass(
        `${ctx.name}-gp3`,
        {
            metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: {
                type: "gp3",
                encrypted: "true",
                kmsKeyId: volumeKeyArn,
                "csi.storage.k8s.io/fstype": "ext4",
                // aws-ebs-csi-driver docs/tagging.md (v1.6.0+): a `tagSpecification*` parameter's
                // "key=value" is tagged on each volume it creates; the EKS cluster's name, which AWS
                // Backup's selection matches (components/apps/storage/backup.ts).
                tagSpecification_1: `${EBS_BACKUP_TAG}=${clusterName}`,
            },
            // EBS volumes are zonal: create them only once the scheduler has chosen the pod's AZ.
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy,
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn },
    );
}

export interface ParameterStoreArgs {
    region: pulumi.Input<string>;
    serviceAccount: string;
    namespace: string;
}

/** ClusterSecretStore on SSM Parameter Store, authenticating as external-secrets' own IRSA service account. */
export function parameterStore(
    ctx: K8sContext,
    args: ParameterStoreArgs,
    release: pulumi.Resource,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-parameter-store`,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "ClusterSecretStore",
            metadata: { name: PARAMETER_STORE },
            spec: {
                provider: {
                    aws: {
                        service: "ParameterStore",
                        region: args.region,
                        auth: { jwt: { serviceAccountRef: { name: args.serviceAccount, namespace: args.namespace } } },
                    },
                },
            },
            // The CRD comes with the chart.
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: [release] },
    );
}
