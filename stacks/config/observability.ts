/**
 * Config keys of the observability area: one structured key, `payments-platform:observability`.
 * Numbers CloudWatch would refuse only at deploy time (a period it does not accept, a retention it
 * does not offer, an override of an alarm that does not exist) are problems before any resource,
 * named as the user wrote them. The PagerDuty key is a declared secret (secrets.ts), never here.
 */
import { z } from "zod";
import { overrideProblems, retentionProblems } from "../../components/observability/alarmSpec";
import { clusterObservabilityProblems } from "../../components/eks/observabilitySettings";

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
    })
    .strict();

export type ObservabilityConfig = z.infer<typeof observabilitySchema>;

/** Keys of this area, merged into the stack schema. */
export const observabilityKeys = {
    /** Alarm e-mail, overrides and retention. @default {} */
    observability: observabilitySchema.default({ alarms: {}, logRetentionDays: 90, cluster: CLUSTER_DEFAULTS }),
};

const KEY = "payments-platform:observability";

/** CloudWatch's rules over the section, each naming the key as written. */
export function observabilityConfigProblems(o: ObservabilityConfig | undefined): string[] {
    if (!o) return [];
    return [
        ...overrideProblems(`${KEY}.alarms`, o.alarms),
        ...retentionProblems(`${KEY}.logRetentionDays`, o.logRetentionDays),
        ...clusterObservabilityProblems(`${KEY}.cluster`, o.cluster),
    ];
}
