/**
 * Config keys of the observability area: one structured key, `payments-platform:observability`.
 * Numbers CloudWatch would refuse only at deploy time (a period it does not accept, a retention it
 * does not offer, an override of an alarm that does not exist) are problems before any resource,
 * named as the user wrote them. The PagerDuty key is a declared secret (secrets.ts), never here.
 */
import { z } from "zod";
import { overrideProblems, retentionProblems } from "../../components/observability/alarmSpec";
import { clusterObservabilityProblems } from "../../components/eks/observabilitySettings";
import {
    CANARY_DEFAULT_PATH,
    CANARY_DEFAULT_RUNTIME,
    CANARY_DEFAULT_SCHEDULE,
    pathProblems,
    runtimeProblems,
    scheduleProblems,
} from "../../components/observability/canarySpec";
import { COVERAGE_MATRIX } from "../../components/observability/matrix";

const override = z
    .object({
        /** The alarm's threshold, in the metric's unit. @default the matrix row's */
        threshold: z.number().optional(),
        /** Seconds per datapoint. @default the matrix row's */
        periodSeconds: z.number().optional(),
        /** Datapoints over the threshold before ALARM. @default the matrix row's */
        evaluationPeriods: z.number().optional(),
    })
    .strict();

/** The in-cluster part: kube-prometheus-stack's storage and retention, and the container log groups. */
const cluster = z
    .object({
        /** Days Prometheus keeps samples (`prometheusSpec.retention`). @default 15 */
        retentionDays: z.number().default(15),
        /** GiB of samples after which Prometheus drops the oldest blocks (`retentionSize`). @default 40 */
        retentionSizeGiB: z.number().default(40),
        /** Size of each Prometheus replica's gp3 volume, in GiB. @default 50 */
        storageGiB: z.number().default(50),
        /** Days the container log groups keep logs. @default observability.logRetentionDays */
        logRetentionDays: z.number().optional(),
        /** Remote-write to an Amazon Managed Prometheus workspace (billed per sample). @default false */
        managedPrometheus: z.boolean().default(false),
    })
    .strict();

const CLUSTER_DEFAULTS = { retentionDays: 15, retentionSizeGiB: 40, storageGiB: 50, managedPrometheus: false };

/** The edge canary (components/observability/EdgeCanary.ts) of a workload stack. */
const canary = z
    .object({
        /** Run the canary. @default true in a prod workload stack behind the public edge (edge set, no edge.prefix) */
        enabled: z.boolean().optional(),
        /** How often it runs: rate(1 minute), rate(N minutes) or rate(1 hour). @default "rate(5 minutes)" */
        schedule: z.string().default(CANARY_DEFAULT_SCHEDULE),
        /** The Synthetics runtime, syn-nodejs-puppeteer 9.1 or newer. @default "syn-nodejs-puppeteer-17.0" (CANARY_DEFAULT_RUNTIME) */
        runtime: z.string().default(CANARY_DEFAULT_RUNTIME),
        /** The API's health path it GETs through CloudFront and Global Accelerator. @default "/healthz" */
        path: z.string().default(CANARY_DEFAULT_PATH),
    })
    .strict();

export const observabilitySchema = z
    .object({
        /** An address that also gets every alarm and the region-health composite. @default none */
        email: z.email().optional(),
        /** Per-alarm overrides, by coverage-matrix key (e.g. `proxy-client-connections`). @default {} */
        alarms: z.record(z.string(), override).default({}),
        /** Days the program's log groups of this area keep logs. @default 90 */
        logRetentionDays: z.number().default(90),
        /** Prometheus, Fluent Bit and OpenTelemetry inside the cluster (workload stacks). @default CLUSTER_DEFAULTS */
        cluster: cluster.default(CLUSTER_DEFAULTS),
        /** The edge canary: schedule, runtime, path, on/off. @default on in prod behind the edge, every 5 minutes */
        canary: canary.default({
            schedule: CANARY_DEFAULT_SCHEDULE,
            runtime: CANARY_DEFAULT_RUNTIME,
            path: CANARY_DEFAULT_PATH,
        }),
    })
    .strict();

export type ObservabilityConfig = z.infer<typeof observabilitySchema>;

/** Keys of this area, merged into the stack schema. */
export const observabilityKeys = {
    /** Alarm e-mail, overrides and retention. @default {} */
    observability: observabilitySchema.default({
        alarms: {},
        logRetentionDays: 90,
        cluster: CLUSTER_DEFAULTS,
        canary: { schedule: CANARY_DEFAULT_SCHEDULE, runtime: CANARY_DEFAULT_RUNTIME, path: CANARY_DEFAULT_PATH },
    }),
};

const KEY = "payments-platform:observability";

/** What the canary's rules read of the rest of the stack's config. */
export interface CanaryContext {
    role: string;
    environment: string;
    edge?: { domain: string; prefix?: string };
}

/**
 * Whether the stack runs the edge canary: as configured, else in every prod workload stack that the
 * public edge serves (edge-global routes only stacks without an edge.prefix).
 */
export function canaryEnabled(o: ObservabilityConfig, s: CanaryContext): boolean {
    return o.canary.enabled ?? (s.role === "workload" && s.environment === "prod" && !!s.edge && !s.edge.prefix);
}

/** CloudWatch's rules over the section, each naming the key as written. */
export function observabilityConfigProblems(o: ObservabilityConfig | undefined, s?: CanaryContext): string[] {
    if (!o) return [];
    return [
        ...overrideProblems(`${KEY}.alarms`, o.alarms),
        ...retentionProblems(`${KEY}.logRetentionDays`, o.logRetentionDays),
        ...clusterObservabilityProblems(`${KEY}.cluster`, o.cluster),
        ...(s ? canaryProblems(o, s) : []),
    ];
}

function canaryProblems(o: ObservabilityConfig, s: CanaryContext): string[] {
    const c = o.canary;
    const field = `${KEY}.canary`;
    const row = COVERAGE_MATRIX.find((r) => r.key === "canary-success")!;
    const period = o.alarms["canary-success"]?.periodSeconds ?? row.periodSeconds;
    const values = [
        ...scheduleProblems(`${field}.schedule`, c.schedule, period),
        ...runtimeProblems(`${field}.runtime`, c.runtime),
        ...pathProblems(`${field}.path`, c.path),
    ];
    if (!canaryEnabled(o, s)) return values;
    if (s.role !== "workload")
        return [...values, `${field}.enabled is true, only a workload stack runs the edge canary`];
    if (!s.edge)
        return [
            ...values,
            `${field}.enabled is true, but payments-platform:edge is not set: no public edge name reaches this stack`,
        ];
    if (s.edge.prefix)
        return [
            ...values,
            `${field}.enabled is true, but payments-platform:edge.prefix is ${JSON.stringify(s.edge.prefix)}: the public edge (CloudFront, Global Accelerator) serves only stacks without a prefix`,
        ];
    return values;
}
