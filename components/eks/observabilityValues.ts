/**
 * Typed values of the observability charts: only the keys we set, spelled as each chart's
 * values.yaml at its pinned version spells them (vendored in test/fixtures/charts/).
 */
import * as pulumi from "@pulumi/pulumi";
import { Placement, ServiceAccountValues } from "./chartValues";

export interface Resources {
    requests: { cpu: string; memory: string };
    limits?: { memory: string };
}

/** A PersistentVolumeClaim template, as the Prometheus operator's `storage`/`storageSpec` take it. */
export interface VolumeClaimStorage {
    volumeClaimTemplate: {
        spec: {
            storageClassName: string;
            accessModes: ["ReadWriteOnce"];
            resources: { requests: { storage: string } };
        };
    };
}

/** Alertmanager's configuration file, as `alertmanager.config` of the chart. */
export interface AlertmanagerConfig {
    global: { resolve_timeout: string };
    route: {
        receiver: string;
        group_by: string[];
        group_wait: string;
        group_interval: string;
        repeat_interval: string;
        routes: { receiver: string; matchers: string[] }[];
    };
    receivers: ({ name: string } & Record<string, unknown>)[];
    inhibit_rules: Record<string, string[]>[];
}

type Pod = Placement & { resources: Resources };

/** kube-prometheus-stack 88.5.3 */
export interface PrometheusStackValues {
    crds: { enabled: false };
    grafana: { enabled: false };
    kubeControllerManager: { enabled: boolean };
    kubeScheduler: { enabled: boolean };
    kubeEtcd: { enabled: boolean };
    kubeProxy: { enabled: boolean };
    prometheusOperator: Pod & { admissionWebhooks: { patch: Placement } };
    prometheus: {
        podDisruptionBudget: { enabled: boolean };
        serviceAccount: { create: true; name: string; annotations: Record<string, pulumi.Input<string>> };
        prometheusSpec: Pod & {
            replicas: number;
            retention: string;
            retentionSize: string;
            storageSpec: VolumeClaimStorage;
            serviceMonitorSelectorNilUsesHelmValues: boolean;
            podMonitorSelectorNilUsesHelmValues: boolean;
            ruleSelectorNilUsesHelmValues: boolean;
            remoteWrite: { url: pulumi.Input<string>; sigv4: { region: pulumi.Input<string> } }[];
        };
    };
    alertmanager: {
        podDisruptionBudget: { enabled: boolean };
        config: AlertmanagerConfig;
        alertmanagerSpec: Pod & {
            replicas: number;
            retention: string;
            storage: VolumeClaimStorage;
            secrets: string[];
        };
    };
}

/** aws-for-fluent-bit 0.2.0 */
export interface FluentBitValues {
    tolerations: Placement["tolerations"];
    priorityClassName: string;
    serviceAccount: ServiceAccountValues;
    resources: Resources;
    cloudWatchLogs: {
        enabled: true;
        region: pulumi.Input<string>;
        logGroupName: pulumi.Input<string>;
        logStreamPrefix: string;
        autoCreateGroup: false;
    };
    serviceMonitor: { enabled: boolean };
}

/** opentelemetry-collector 0.170.0 */
export interface OtelCollectorValues extends Placement {
    mode: "deployment";
    replicaCount: number;
    image: { repository: string; tag: string };
    command: { name: string };
    serviceAccount: ServiceAccountValues;
    ports: Record<string, { enabled: boolean }>;
    alternateConfig: Record<string, unknown>;
    resources: Resources;
    podDisruptionBudget: { enabled: boolean };
    serviceMonitor: { enabled: boolean };
}
