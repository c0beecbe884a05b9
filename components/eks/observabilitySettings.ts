/**
 * The in-cluster observability settings and their rules, as pure functions of plain values: the
 * config (`observability.cluster`) and the component check them with the same words.
 */
import { retentionProblems } from "../observability/alarmSpec";

/** What the config decides about the cluster's own telemetry. */
export interface ClusterObservabilitySettings {
    /** Days Prometheus keeps samples. */
    retentionDays: number;
    /** GiB of TSDB after which Prometheus drops its oldest blocks. */
    retentionSizeGiB: number;
    /** Size of each Prometheus replica's gp3 volume, in GiB. */
    storageGiB: number;
    /** Days the container log groups keep logs (a CloudWatch Logs value). @default 90 */
    logRetentionDays?: number;
    /** Also remote-write to an Amazon Managed Prometheus workspace of the cluster's own. @default false */
    managedPrometheus?: boolean;
}

/** gp3's largest volume (16 TiB). */
export const GP3_MAX_GIB = 16_384;
/**
 * Share of the volume that retentionSize may fill: compaction writes a new block before it deletes
 * the ones it merged, and the WAL grows between compactions, so a full-size cap fills the disk.
 */
export const RETENTION_SHARE = 0.8;

const wholeIn = (field: string, v: number, min: number, max: number, unit: string): string[] =>
    Number.isInteger(v) && v >= min && v <= max
        ? []
        : [`${field} is ${v}, must be a whole number of ${unit} from ${min} to ${max}`];

/** Every problem of the settings, each naming `${field}.<key>`. */
export function clusterObservabilityProblems(field: string, s: ClusterObservabilitySettings): string[] {
    const problems = [
        ...wholeIn(`${field}.retentionDays`, s.retentionDays, 1, 3650, "days"),
        ...wholeIn(`${field}.storageGiB`, s.storageGiB, 1, GP3_MAX_GIB, "GiB"),
        ...wholeIn(`${field}.retentionSizeGiB`, s.retentionSizeGiB, 1, GP3_MAX_GIB, "GiB"),
        ...retentionProblems(`${field}.logRetentionDays`, s.logRetentionDays),
    ];
    const cap = Math.floor(s.storageGiB * RETENTION_SHARE);
    if (Number.isFinite(cap) && s.retentionSizeGiB > cap)
        problems.push(
            `${field}.retentionSizeGiB is ${s.retentionSizeGiB}, must be at most ${RETENTION_SHARE * 100}% of storageGiB (${s.storageGiB}), i.e. ${cap}: compaction and the WAL need the rest`,
        );
    return problems;
}

/** Prometheus's flags: `15d`, and `40GB` (Prometheus's size units are powers of two, so GB is GiB). */
export function prometheusRetention(s: ClusterObservabilitySettings): { retention: string; retentionSize: string } {
    return { retention: `${s.retentionDays}d`, retentionSize: `${s.retentionSizeGiB}GB` };
}
