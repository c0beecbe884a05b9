/**
 * The ledger: an active/standby pair as a StatefulSet of two, over two zones, each pod with a MySQL
 * sidecar on its own gp3-encrypted claim. Leadership is a Kubernetes Lease (client-go leader
 * election in the app); the leader labels its own pod and the `ledger` Service selects that label,
 * so clients reach only the active. A label rather than readiness: a standby that reported itself
 * unready would stall the StatefulSet's rolling update (and Pulumi's await, which wants every
 * replica Ready), while both pods being Ready is true. The standby's MySQL replicates the active's
 * (the app points it at the leader on each election), so a takeover starts from the same data.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { LedgerArgs } from "./args";
import {
    LEADER_LABEL,
    LEDGER,
    LEDGER_LEASE,
    LEDGER_MYSQL_SECRET,
    LEDGER_REPLICAS,
    ledgerLease,
    ledgerMysqlSecret,
    ledgerRbac,
} from "./ledgerAccess";
import { mysqlSidecar } from "./mysql";
import { TMP_MOUNT, TMP_VOLUME, appLabels, resources } from "./pod";

/** The headless Service that gives the pods their DNS names (ledger-0.ledger-headless…). */
export const LEDGER_HEADLESS = "ledger-headless";
/** The StorageClass every claim uses (components/eks/kubernetesResources.ts: gp3, KMS-encrypted). */
export const STORAGE_CLASS = "gp3-encrypted";
const ZONE = "topology.kubernetes.io/zone";

const opts = (ctx: AppContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({
    parent: ctx.parent,
    provider: ctx.provider,
    ...extra,
});

export function buildLedger(ctx: AppContext, l: LedgerArgs, parameterPath: string): k8s.apps.v1.StatefulSet {
    const secret = ledgerMysqlSecret(ctx, parameterPath);
    const lease = ledgerLease(ctx);
    const sa = ledgerRbac(ctx, lease);
    const labels = appLabels(LEDGER);
    service(ctx, LEDGER_HEADLESS, labels, [{ name: "mysql", port: 3306, targetPort: 3306 }], true);
    service(ctx, LEDGER, { ...labels, [LEADER_LABEL.key]: LEADER_LABEL.value }, [
        { name: "ledger", port: l.port, targetPort: l.port },
    ]);
    new k8s.policy.v1.PodDisruptionBudget(
        `${ctx.name}-ledger-pdb`,
        {
            metadata: { name: LEDGER, namespace: ctx.namespace.metadata.name },
            spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
        },
        opts(ctx),
    );
    return statefulSet(ctx, l, labels, [secret, lease, sa]);
}

function service(
    ctx: AppContext,
    name: string,
    selector: Record<string, string>,
    ports: k8s.types.input.core.v1.ServicePort[],
    headless = false,
): k8s.core.v1.Service {
    return new k8s.core.v1.Service(
        `${ctx.name}-svc-${name}`,
        {
            metadata: { name, namespace: ctx.namespace.metadata.name, labels: appLabels(LEDGER) },
            spec: { type: "ClusterIP", ...(headless ? { clusterIP: "None" } : {}), selector, ports },
        },
        opts(ctx),
    );
}

/** Two pods in two zones, each bound to its zone by its EBS claim once it first lands. */
function placement(labels: Record<string, string>): Partial<k8s.types.input.core.v1.PodSpec> {
    return {
        topologySpreadConstraints: [
            {
                maxSkew: 1,
                topologyKey: ZONE,
                whenUnsatisfiable: "DoNotSchedule",
                labelSelector: { matchLabels: labels },
            },
        ],
        affinity: {
            podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                    { topologyKey: ZONE, labelSelector: { matchLabels: labels } },
                ],
            },
        },
    };
}

function ledgerContainer(ctx: AppContext, l: LedgerArgs): k8s.types.input.core.v1.Container {
    const field = (fieldPath: string) => ({ valueFrom: { fieldRef: { fieldPath } } });
    return {
        name: LEDGER,
        image: ctx.image("ledger"),
        ports: [{ name: "ledger", containerPort: l.port }],
        env: [
            { name: "POD_NAME", ...field("metadata.name") },
            { name: "POD_NAMESPACE", ...field("metadata.namespace") },
            { name: "LEADER_LEASE_NAME", value: LEDGER_LEASE },
            { name: "LEADER_LEASE_DURATION_SECONDS", value: String(l.leaseDurationSeconds) },
            // A leader that is stopped (release, drain) gives the Lease up on SIGTERM (client-go's
            // ReleaseOnCancel): the standby takes over at once, not after the Lease expires.
            { name: "LEADER_RELEASE_ON_CANCEL", value: "true" },
            { name: "LEADER_LABEL", value: `${LEADER_LABEL.key}=${LEADER_LABEL.value}` },
            { name: "LEDGER_PEERS_SERVICE", value: LEDGER_HEADLESS },
            { name: "MYSQL_HOST", value: "127.0.0.1" },
            { name: "MYSQL_USER", value: "ledger" },
            { name: "MYSQL_PASSWORD", valueFrom: { secretKeyRef: { name: LEDGER_MYSQL_SECRET, key: "password" } } },
        ],
        // The image serves /healthz/ready (MySQL reachable) and /healthz/live (process up) on its port;
        // both replicas are Ready, the Service picks the leader by label.
        readinessProbe: { httpGet: { path: "/healthz/ready", port: l.port }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: "/healthz/live", port: l.port }, periodSeconds: 10, failureThreshold: 3 },
        resources: resources(l.resources),
        securityContext: containerSecurityContext(),
        volumeMounts: [TMP_MOUNT],
    };
}

function statefulSet(
    ctx: AppContext,
    l: LedgerArgs,
    labels: Record<string, string>,
    dependsOn: pulumi.Resource[],
): k8s.apps.v1.StatefulSet {
    const sidecar = mysqlSidecar(ctx.image("mysql"), l.mysqlResources);
    return new k8s.apps.v1.StatefulSet(
        `${ctx.name}-ledger`,
        {
            metadata: { name: LEDGER, namespace: ctx.namespace.metadata.name, labels },
            spec: {
                replicas: LEDGER_REPLICAS,
                serviceName: LEDGER_HEADLESS,
                // Both pods start together (neither waits for the other to be Ready): the Lease, not
                // the ordinal, decides which is active.
                podManagementPolicy: "Parallel",
                // One pod at a time (StatefulSets update one by one, highest ordinal first): while one
                // restarts the other holds or takes the Lease, so one always serves.
                updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
                // Prod keeps the claims when the StatefulSet goes; dev's weekend teardown frees them.
                // A destroy that takes the namespace deletes the claims anyway: then prod's class
                // (reclaimPolicy Retain, components/eks/eksCluster.ts) keeps the EBS volumes, and no
                // finalizer waits on anything but the pods, which go first.
                persistentVolumeClaimRetentionPolicy: {
                    whenDeleted: ctx.prod ? "Retain" : "Delete",
                    whenScaled: "Retain",
                },
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: LEDGER,
                        securityContext: podSecurityContext(),
                        terminationGracePeriodSeconds: 60,
                        ...placement(labels),
                        initContainers: [sidecar.container],
                        containers: [ledgerContainer(ctx, l)],
                        volumes: [TMP_VOLUME, ...sidecar.volumes],
                    },
                },
                volumeClaimTemplates: [
                    {
                        metadata: { name: sidecar.claim, labels },
                        spec: {
                            accessModes: ["ReadWriteOnce"],
                            storageClassName: STORAGE_CLASS,
                            resources: { requests: { storage: `${l.storageGiB}Gi` } },
                        },
                    },
                ],
            },
        },
        opts(ctx, { dependsOn }),
    );
}
