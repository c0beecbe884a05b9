/**
 * kube-prometheus-stack's values as pure functions of the settings: tests read them without a
 * cluster, and every key is one of the vendored values.yaml of 88.5.3.
 */
import { PLATFORM_PRIORITY_CLASS, system } from "./helmAddons";
import { PROMETHEUS_SERVICE_ACCOUNT, RemoteWrite } from "./managedPrometheus";
import { PAGERDUTY_SECRET, alertmanagerConfig } from "./observabilityConfig";
import { ClusterObservabilitySettings, prometheusRetention } from "./observabilitySettings";
import { PrometheusStackValues, VolumeClaimStorage } from "./observabilityValues";

/** The namespace of the Prometheus stack and Fluent Bit. */
export const MONITORING_NAMESPACE = "monitoring";
/** The encrypted gp3 StorageClass (kubernetesResources.ts). */
export const STORAGE_CLASS = "gp3-encrypted";

const claim = (size: string): VolumeClaimStorage => ({
    volumeClaimTemplate: {
        spec: {
            storageClassName: STORAGE_CLASS,
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: size } },
        },
    },
});

const onSystemPool = { ...system, priorityClassName: PLATFORM_PRIORITY_CLASS };

/** kube-prometheus-stack's values: pure, so tests read them without a cluster. */
export function prometheusStackValues(
    ha: boolean,
    s: ClusterObservabilitySettings,
    remote?: RemoteWrite,
): PrometheusStackValues {
    return {
        crds: { enabled: false },
        // Off: its chart's default admin password is public ("prom-operator"); dashboards are
        // CloudWatch's (the ObservabilityStack) until Grafana gets an SSO-backed setup of its own.
        grafana: { enabled: false },
        // EKS runs the control plane: its scheduler, controller-manager and etcd can't be scraped,
        // and kube-proxy binds its metrics to 127.0.0.1; their targets would only ever be down.
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
        prometheusOperator: {
            ...system,
            resources: { requests: { cpu: "100m", memory: "128Mi" } },
            admissionWebhooks: { patch: system },
        },
        // node-exporter (a DaemonSet) reaches the system nodes by its chart's default toleration of
        // every NoSchedule taint (prometheus-node-exporter 4.56.1's values.yaml).
        prometheus: prometheusValues(ha, s, remote),
        alertmanager: alertmanagerValues(ha),
    };
}

/** Prometheus itself: replicas, retention, its volume and, with AMP, remote write. */
function prometheusValues(
    ha: boolean,
    s: ClusterObservabilitySettings,
    remote?: RemoteWrite,
): PrometheusStackValues["prometheus"] {
    return {
        podDisruptionBudget: { enabled: ha },
        // A fixed name: the AMP role's trust policy names it.
        serviceAccount: {
            create: true,
            name: PROMETHEUS_SERVICE_ACCOUNT,
            annotations: remote ? { "eks.amazonaws.com/role-arn": remote.roleArn } : {},
        },
        prometheusSpec: {
            ...onSystemPool,
            replicas: ha ? 2 : 1,
            ...prometheusRetention(s),
            storageSpec: claim(`${s.storageGiB}Gi`),
            // Outside prod the system pool is small (dev: t3.medium) and the cluster has few targets.
            resources: { requests: ha ? { cpu: "500m", memory: "2Gi" } : { cpu: "200m", memory: "512Mi" } },
            // Select every ServiceMonitor, PodMonitor and rule in the cluster, not only those
            // labelled with this release (the other charts' monitors and the program's rules).
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            // SigV4 with the pod's IRSA credentials (the AWS SDK's default chain).
            remoteWrite: remote ? [{ url: remote.url, sigv4: { region: remote.region } }] : [],
        },
    };
}

/** Alertmanager: PagerDuty routing, its key's Secret mounted, a small volume for silences. */
function alertmanagerValues(ha: boolean): PrometheusStackValues["alertmanager"] {
    return {
        podDisruptionBudget: { enabled: ha },
        config: alertmanagerConfig(),
        alertmanagerSpec: {
            ...onSystemPool,
            // Two replicas gossip silences and notification state, so a page is sent once.
            replicas: ha ? 2 : 1,
            retention: "120h",
            storage: claim("5Gi"),
            secrets: [PAGERDUTY_SECRET.name],
            resources: { requests: { cpu: "50m", memory: "64Mi" } },
        },
    };
}
