/**
 * Configuration files of the in-cluster telemetry, as pure functions of plain values: Alertmanager's
 * routing to PagerDuty, the OpenTelemetry Collector's pipeline to X-Ray, and the platform's own
 * alerting rules on the shippers.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertmanagerConfig } from "./observabilityValues";

/** The Kubernetes Secret (from the ExternalSecret) that carries the PagerDuty key, and its key. */
export const PAGERDUTY_SECRET = { name: "alertmanager-pagerduty", key: "routing-key" } as const;

/**
 * Where the Prometheus operator mounts a secret listed in `alertmanagerSpec.secrets`:
 * /etc/alertmanager/secrets/<secret>/<key> (prometheus-operator's Alertmanager API docs).
 */
export const PAGERDUTY_KEY_FILE = `/etc/alertmanager/secrets/${PAGERDUTY_SECRET.name}/${PAGERDUTY_SECRET.key}`;

/**
 * Every alert to PagerDuty except the always-firing Watchdog and info-level noise. The key is read
 * from a file (`routing_key_file`, Alertmanager >= 0.25; the chart pins v0.34.0, whose
 * notify/pagerduty/config.go has it), so it is in neither the Helm values nor the rendered config.
 */
export function alertmanagerConfig(keyFile: string = PAGERDUTY_KEY_FILE): AlertmanagerConfig {
    return {
        global: { resolve_timeout: "5m" },
        route: {
            receiver: "pagerduty",
            group_by: ["namespace", "alertname"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "12h",
            routes: [
                { receiver: "null", matchers: ['alertname = "Watchdog"'] },
                { receiver: "null", matchers: ['alertname = "InfoInhibitor"'] },
                { receiver: "null", matchers: ['severity = "info"'] },
            ],
        },
        receivers: [
            { name: "null" },
            { name: "pagerduty", pagerduty_configs: [{ routing_key_file: keyFile, send_resolved: true }] },
        ],
        // A critical alert silences the warnings of the same alert and namespace.
        inhibit_rules: [
            {
                source_matchers: ['severity = "critical"'],
                target_matchers: ['severity =~ "warning|info"'],
                equal: ["namespace", "alertname"],
            },
        ],
    };
}

/** OTLP in (gRPC 4317, HTTP 4318), X-Ray out; the collector's own metrics on 8888 for Prometheus. */
export function collectorConfig(region: pulumi.Input<string>): Record<string, unknown> {
    const pod = "${env:MY_POD_IP}";
    return {
        extensions: { health_check: { endpoint: `${pod}:13133` } },
        receivers: {
            otlp: { protocols: { grpc: { endpoint: `${pod}:4317` }, http: { endpoint: `${pod}:4318` } } },
        },
        processors: {
            // Refuse data before the pod is OOM-killed (percentages of the container's memory limit).
            memory_limiter: { check_interval: "5s", limit_percentage: 80, spike_limit_percentage: 25 },
            batch: {},
        },
        exporters: { awsxray: { region } },
        service: {
            extensions: ["health_check"],
            telemetry: {
                metrics: { readers: [{ pull: { exporter: { prometheus: { host: pod, port: 8888 } } } }] },
            },
            pipelines: {
                traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["awsxray"] },
            },
        },
    };
}

/** An alerting rule of a PrometheusRule. */
export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: { severity: "warning" | "critical" };
    annotations: { summary: string };
}

/** Telemetry that silently stops is the failure nobody pages on: alert on the shippers themselves. */
export function shipperRules(): AlertRule[] {
    return [
        {
            alert: "FluentBitCloudWatchRetriesFailed",
            expr: "sum by (pod) (rate(fluentbit_output_retries_failed_total[5m])) > 0",
            for: "10m",
            labels: { severity: "warning" },
            annotations: {
                summary: "Fluent Bit pod {{ $labels.pod }} is dropping container logs bound for CloudWatch",
            },
        },
        {
            alert: "OtelCollectorXRayExportFailing",
            expr: "sum(rate(otelcol_exporter_send_failed_spans_total[5m])) > 0",
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: "The OpenTelemetry Collector fails to send spans to X-Ray" },
        },
    ];
}
