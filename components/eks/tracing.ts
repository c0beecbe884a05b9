/**
 * Traces: the OpenTelemetry Collector (contrib distribution) as a Deployment receiving OTLP from the
 * workloads and exporting to X-Ray with its own IRSA role. Not the X-Ray daemon or its SDKs: both
 * are in maintenance since 2026-02-25, and OTLP keeps the apps' instrumentation vendor-neutral.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HelmAddonsContext, PLATFORM_PRIORITY_CLASS, release, role, system } from "./helmAddons";
import { collectorConfig } from "./observabilityConfig";
import { xrayWritePolicy } from "./observabilityPolicies";
import { OtelCollectorValues } from "./observabilityValues";
import { CHARTS, OTEL_COLLECTOR_IMAGE } from "./versions";

const ROLE_ARN = "eks.amazonaws.com/role-arn";
const SERVICE_ACCOUNT = "otel-collector";
/** The collector's namespace (baseline Pod Security: it needs no host access). */
export const TRACING_NAMESPACE = "opentelemetry";
const RELEASE = "opentelemetry-collector";

/** The collector's values (pure): OTLP only, the chart's Jaeger and Zipkin ports closed. */
export function collectorValues(
    ha: boolean,
    region: pulumi.Input<string>,
    roleArn: pulumi.Input<string>,
): OtelCollectorValues {
    return {
        ...system,
        priorityClassName: PLATFORM_PRIORITY_CLASS,
        mode: "deployment",
        replicaCount: ha ? 2 : 1,
        image: { ...OTEL_COLLECTOR_IMAGE },
        command: { name: "otelcol-contrib" },
        serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: { [ROLE_ARN]: roleArn } },
        ports: {
            "jaeger-compact": { enabled: false },
            "jaeger-thrift": { enabled: false },
            "jaeger-grpc": { enabled: false },
            zipkin: { enabled: false },
            metrics: { enabled: true },
        },
        // alternateConfig replaces the chart's default `config` instead of merging into it: merged,
        // the defaults' jaeger/zipkin/prometheus receivers and debug exporter would stay, and a
        // Helm values map can only drop them with nulls.
        alternateConfig: collectorConfig(region),
        // The memory limit is what memory_limiter's percentages and the chart's GOMEMLIMIT read.
        resources: { requests: { cpu: "200m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        // The chart's own PDB takes minAvailable only from an undocumented key (templates/pdb.yaml
        // reads it, values.yaml and the schema don't list it); ours is a plain object (collectorPdb).
        podDisruptionBudget: { enabled: false },
        serviceMonitor: { enabled: true },
    };
}

/** The collector, after the Prometheus CRDs (its ServiceMonitor). */
export function collector(
    ctx: HelmAddonsContext,
    namespace: k8s.core.v1.Namespace,
    crds: pulumi.Resource,
): k8s.helm.v3.Release {
    const r = role(ctx, "otel-collector", TRACING_NAMESPACE, SERVICE_ACCOUNT, xrayWritePolicy());
    const values = collectorValues(ctx.ha, ctx.region, r.role.arn);
    const collector = release(ctx, RELEASE, CHARTS.otelCollector, namespace.metadata.name, values, [
        crds,
        ...r.policies,
    ]);
    if (ctx.ha) collectorPdb(ctx, namespace, collector);
    return collector;
}

/** One collector stays up through a node drain: the apps' OTLP exporters have nowhere else to send. */
function collectorPdb(
    ctx: HelmAddonsContext,
    namespace: k8s.core.v1.Namespace,
    collector: k8s.helm.v3.Release,
): k8s.policy.v1.PodDisruptionBudget {
    return new k8s.policy.v1.PodDisruptionBudget(
        `${ctx.name}-otel-collector-pdb`,
        {
            metadata: { name: "opentelemetry-collector", namespace: namespace.metadata.name },
            spec: {
                minAvailable: 1,
                // The chart's selectorLabels (templates/_helpers.tpl): chart name and release name.
                selector: {
                    matchLabels: {
                        "app.kubernetes.io/name": CHARTS.otelCollector.chart,
                        "app.kubernetes.io/instance": RELEASE,
                    },
                },
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: [collector] },
    );
}
