/**
 * The log writer and the log parser sharing one ReadWriteMany claim on the EFS access point: a
 * static PersistentVolume (the access point exists already, so no dynamic provisioning and no
 * StorageClass), one claim bound to it by name, two Deployments mounting that claim.
 *
 * The mount happens on the node: the EFS CSI node plugin runs with hostNetwork (aws-efs-csi-driver's
 * deploy/kubernetes/base/node-daemonset.yaml and the chart's node-daemonset template,
 * `hostNetwork: true`) and the kernel's NFS client (through efs-utils' local TLS tunnel) talks to the
 * mount target from the node's address. NetworkPolicies select pods, not the node's own traffic, so
 * the pods need no 2049 egress: they only read and write a local mount. They need nothing else either,
 * hence their own deny-all-but-DNS policy (kept even if the namespace's defaults change).
 */
import * as k8s from "@pulumi/kubernetes";
import { AppContext } from "../context";
import { DNS_EGRESS, networkPolicy } from "../namespace";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { SharedFileSystem, efsVolumeHandle } from "./efs";

/** The claim both Deployments mount. */
export const LOGS_CLAIM = "shared-logs";
const LOGS_PATH = "/logs";
/** EFS is elastic: the size is required by the API and ignored by the driver. */
const NOMINAL_SIZE = "5Gi";

export function logVolume(ctx: AppContext, fs: SharedFileSystem): k8s.core.v1.PersistentVolumeClaim {
    const opts = { parent: ctx.parent, provider: ctx.provider };
    const pvName = `${ctx.namespaceName}-${LOGS_CLAIM}`;
    const pv = new k8s.core.v1.PersistentVolume(
        `${ctx.name}-pv-logs`,
        {
            metadata: { name: pvName },
            spec: {
                capacity: { storage: NOMINAL_SIZE },
                volumeMode: "Filesystem",
                accessModes: ["ReadWriteMany"],
                // Retain: deleting the claim (or the stack) never deletes the logs through the driver;
                // the file system's own lifecycle decides.
                persistentVolumeReclaimPolicy: "Retain",
                // "": no class, so the default gp3 class never claims this volume or the claim.
                storageClassName: "",
                // Reserved for our claim: no other claim can bind it first.
                claimRef: { namespace: ctx.namespaceName, name: LOGS_CLAIM },
                csi: { driver: "efs.csi.aws.com", volumeHandle: efsVolumeHandle(fs) },
            },
        },
        // A mount needs a mount target in the node's AZ; they turn available only after creation.
        { ...opts, dependsOn: fs.mountTargets },
    );
    return new k8s.core.v1.PersistentVolumeClaim(
        `${ctx.name}-pvc-logs`,
        {
            metadata: { name: LOGS_CLAIM, namespace: ctx.namespace.metadata.name },
            spec: {
                accessModes: ["ReadWriteMany"],
                storageClassName: "",
                volumeName: pv.metadata.name,
                resources: { requests: { storage: NOMINAL_SIZE } },
            },
        },
        opts,
    );
}

/** Which side of the shared volume a Deployment is. */
interface LogRole {
    service: "log-writer" | "log-parser";
    /** The parser only reads. */
    readOnly: boolean;
}

const ROLES: LogRole[] = [
    { service: "log-writer", readOnly: false },
    { service: "log-parser", readOnly: true },
];

export function logDeployments(ctx: AppContext, claim: k8s.core.v1.PersistentVolumeClaim): k8s.apps.v1.Deployment[] {
    const deployments = ROLES.map((r) => logDeployment(ctx, claim, r));
    networkPolicy(ctx, ctx.namespace, "logs-dns-only", {
        podSelector: {
            matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ROLES.map((r) => r.service) }],
        },
        policyTypes: ["Ingress", "Egress"],
        egress: [DNS_EGRESS],
    });
    return deployments;
}

function logDeployment(
    ctx: AppContext,
    claim: k8s.core.v1.PersistentVolumeClaim,
    role: LogRole,
): k8s.apps.v1.Deployment {
    const labels = { "app.kubernetes.io/name": role.service, "app.kubernetes.io/part-of": "payments" };
    return new k8s.apps.v1.Deployment(
        `${ctx.name}-${role.service}`,
        {
            metadata: { name: role.service, namespace: ctx.namespace.metadata.name, labels },
            spec: {
                // One replica each: the writer appends to its own files, the parser tracks its offsets
                // in them; two parsers would parse every line twice.
                replicas: 1,
                strategy: { type: "Recreate" },
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        securityContext: podSecurityContext(),
                        automountServiceAccountToken: false,
                        containers: [
                            {
                                name: role.service,
                                image: ctx.image(role.service),
                                env: [{ name: "LOG_DIR", value: LOGS_PATH }],
                                securityContext: containerSecurityContext(),
                                resources: {
                                    requests: { cpu: "50m", memory: "64Mi" },
                                    limits: { cpu: "250m", memory: "128Mi" },
                                },
                                volumeMounts: [
                                    { name: "logs", mountPath: LOGS_PATH, readOnly: role.readOnly },
                                    { name: "tmp", mountPath: "/tmp" },
                                ],
                            },
                        ],
                        volumes: [
                            {
                                name: "logs",
                                persistentVolumeClaim: { claimName: claim.metadata.name, readOnly: role.readOnly },
                            },
                            { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
                        ],
                    },
                },
            },
        },
        { parent: ctx.parent, provider: ctx.provider },
    );
}
