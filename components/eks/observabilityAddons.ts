/**
 * The cluster's own telemetry: kube-prometheus-stack (metrics and alerts to PagerDuty), Fluent Bit
 * (container logs to CloudWatch, logShipping.ts) and the OpenTelemetry Collector (traces to X-Ray,
 * tracing.ts). Container Insights is an EKS-managed add-on (managedAddons.ts).
 *
 * The Prometheus operator's CRDs are a release of their own, installed first: every ServiceMonitor
 * and PrometheusRule (the charts' and the program's) depends on it, and kube-prometheus-stack runs
 * with `crds.enabled: false`, so upgrading or removing the stack never drops the CRDs (and with them
 * every monitor and rule in the cluster).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HelmAddonsContext, release } from "./helmAddons";
import { PARAMETER_STORE, namespace } from "./kubernetesResources";
import { containerLogs } from "./logShipping";
import { managedPrometheus } from "./managedPrometheus";
import { PAGERDUTY_SECRET, shipperRules } from "./observabilityConfig";
import { ClusterObservabilitySettings, clusterObservabilityProblems } from "./observabilitySettings";
import { MONITORING_NAMESPACE, prometheusStackValues } from "./prometheusValues";
import { TRACING_NAMESPACE, collector } from "./tracing";
import { CHARTS } from "./versions";

export { MONITORING_NAMESPACE, STORAGE_CLASS } from "./prometheusValues";

/** The charts addObservability installs (the cluster itself installs the rest of CHARTS). */
export const OBSERVABILITY_CHARTS: readonly string[] = [
    CHARTS.prometheusOperatorCrds.chart,
    CHARTS.kubePrometheusStack.chart,
    CHARTS.awsForFluentBit.chart,
    CHARTS.otelCollector.chart,
];

/** What EksCluster hands over from its add-ons (set in EksCluster.addOns). */
export interface ObservabilityHooks {
    ctx: HelmAddonsContext;
    /** SSM path the ClusterSecretStore may read, ending in "/". */
    parameterPath: string;
    /** KMS keys external-secrets may decrypt through SSM (EksClusterArgs.parameterKmsKeyArns). */
    parameterKmsKeyArns: pulumi.Input<string>[];
    /** The `gp3-encrypted` StorageClass. */
    storageClass: pulumi.Resource;
    /** The ClusterSecretStore on SSM Parameter Store. */
    secretStore: pulumi.Resource;
}

export interface ClusterObservabilityArgs {
    /** Retention and storage (config `observability.cluster`). */
    settings: ClusterObservabilitySettings;
    /** PagerDuty integration key (a secret): stored in SSM, never in Helm values. */
    pagerDutyIntegrationKey: pulumi.Input<string>;
    /** KMS key of the container log groups (its policy must admit CloudWatch Logs). */
    logKmsKeyArn: pulumi.Input<string>;
}

/** The releases and log groups, for callers and tests. */
export interface ClusterObservability {
    crds: k8s.helm.v3.Release;
    prometheus: k8s.helm.v3.Release;
    fluentBit: k8s.helm.v3.Release;
    collector: k8s.helm.v3.Release;
    logGroups: aws.cloudwatch.LogGroup[];
}

/** Builds the cluster's telemetry; throws once, before any resource, on bad settings. */
export function clusterObservability(hooks: ObservabilityHooks, args: ClusterObservabilityArgs): ClusterObservability {
    const problems = clusterObservabilityProblems("settings", args.settings);
    if (hooks.parameterKmsKeyArns.length === 0)
        problems.push("parameterKmsKeyArns is [], external-secrets could decrypt no PagerDuty key parameter");
    if (problems.length > 0)
        throw new Error(`Invalid cluster observability args (${hooks.ctx.name}):\n - ${problems.join("\n - ")}`);
    const { ctx } = hooks;
    const ns = monitoringNamespace(ctx);
    const crds = release(ctx, "prometheus-operator-crds", CHARTS.prometheusOperatorCrds, ns.metadata.name, {}, [ns]);
    const key = pagerDutySecret(hooks, args.pagerDutyIntegrationKey, ns);
    const remote = args.settings.managedPrometheus ? managedPrometheus(ctx, MONITORING_NAMESPACE) : undefined;
    const prometheus = release(
        ctx,
        "kube-prometheus-stack",
        CHARTS.kubePrometheusStack,
        ns.metadata.name,
        prometheusStackValues(ctx.ha, args.settings, remote),
        [crds, key, hooks.storageClass, ...(remote?.policies ?? [])],
    );
    telemetryRules(ctx, ns, crds);
    const logs = containerLogs(ctx, { namespace: ns, crds, settings: args.settings, kmsKeyArn: args.logKmsKeyArn });
    const tracesNs = namespace(
        { name: ctx.name, provider: ctx.provider, parent: ctx.parent },
        TRACING_NAMESPACE,
        ctx.ready,
    );
    return {
        crds,
        prometheus,
        fluentBit: logs.release,
        collector: collector(ctx, tracesNs, crds),
        logGroups: logs.logGroups,
    };
}

/**
 * Privileged, unlike the platform's other namespaces: node-exporter (hostNetwork, hostPID, hostPath
 * /proc and /sys) and Fluent Bit (hostPath /var/log) are refused by the baseline standard.
 */
function monitoringNamespace(ctx: HelmAddonsContext): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(
        `${ctx.name}-ns-${MONITORING_NAMESPACE}`,
        {
            metadata: {
                name: MONITORING_NAMESPACE,
                labels: { "pod-security.kubernetes.io/enforce": "privileged" },
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: ctx.ready },
    );
}

/**
 * The key as an SSM SecureString under the cluster's parameter path (encrypted with a key that
 * external-secrets may decrypt), pulled into a Kubernetes Secret that Alertmanager mounts.
 */
function pagerDutySecret(
    hooks: ObservabilityHooks,
    key: pulumi.Input<string>,
    ns: k8s.core.v1.Namespace,
): k8s.apiextensions.CustomResource {
    const { ctx } = hooks;
    const parameter = new aws.ssm.Parameter(
        `${ctx.name}-pagerduty-key`,
        {
            name: `${hooks.parameterPath}observability/pagerduty-integration-key`,
            description: `PagerDuty integration key of ${ctx.clusterName}'s Alertmanager`,
            type: "SecureString",
            keyId: hooks.parameterKmsKeyArns[0],
            value: pulumi.secret(key),
            tags: { ...ctx.tags, Name: `${ctx.name}-pagerduty-key` },
        },
        { parent: ctx.parent },
    );
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-pagerduty-key`,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "ExternalSecret",
            metadata: { name: PAGERDUTY_SECRET.name, namespace: ns.metadata.name },
            spec: {
                refreshInterval: "1h",
                secretStoreRef: { kind: "ClusterSecretStore", name: PARAMETER_STORE },
                target: { name: PAGERDUTY_SECRET.name, creationPolicy: "Owner" },
                data: [{ secretKey: PAGERDUTY_SECRET.key, remoteRef: { key: parameter.name } }],
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: [hooks.secretStore, parameter, ns] },
    );
}

/** The platform's own rules, on the CRDs' release (the API kind exists only once it is installed). */
function telemetryRules(
    ctx: HelmAddonsContext,
    ns: k8s.core.v1.Namespace,
    crds: k8s.helm.v3.Release,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-telemetry-rules`,
        {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PrometheusRule",
            metadata: { name: "platform-telemetry", namespace: ns.metadata.name },
            spec: { groups: [{ name: "platform-telemetry", rules: shipperRules() }] },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: [crds] },
    );
}
