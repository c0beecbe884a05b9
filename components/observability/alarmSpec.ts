/**
 * From a matrix row, a watched resource and the stack's overrides to the settings of one alarm, and
 * the checks CloudWatch would otherwise make only at deploy time. Pure: table-tested.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlarmRule, COVERAGE_MATRIX, TargetTrait } from "./matrix";

/** A resource the stack watches, as its builder exposes it. */
export interface MonitoredResource {
    /** Short, stable role in the alarms' names, e.g. "nat-1", "payments-dlq". */
    label: string;
    /** The Pulumi type token of the resource (a COVERAGE_MATRIX `resourceType`). */
    resourceType: string;
    /** The values of the rules' dimensions, by dimension name, read from the resource's outputs. */
    dimensions: Record<string, pulumi.Input<string>>;
    /** What singles this resource out (a dead-letter queue, a global database member). @default [] */
    traits?: TargetTrait[];
    /** The threshold of rules whose matrix threshold is "target" (an EKS cluster's node floor). @default none */
    threshold?: number;
}

/** What config may change per rule (`observability.alarms.<key>`). */
export interface AlarmOverride {
    threshold?: number;
    periodSeconds?: number;
    evaluationPeriods?: number;
}

/** The resolved numbers of one alarm. */
export interface AlarmSettings {
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
}

/** Log retention values CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The rule's numbers after the override (the override wins; "target" takes the resource's threshold). */
export function alarmSettings(rule: AlarmRule, target: Pick<MonitoredResource, "threshold">, o: AlarmOverride = {}) {
    const threshold = o.threshold ?? (rule.threshold === "target" ? target.threshold : rule.threshold);
    return {
        threshold,
        periodSeconds: o.periodSeconds ?? rule.periodSeconds,
        evaluationPeriods: o.evaluationPeriods ?? rule.evaluationPeriods,
    };
}

/**
 * CloudWatch's rules for an alarm's period and evaluation window (PutMetricAlarm): a period is 10,
 * 20 or 30 seconds (high-resolution metrics) or a multiple of 60; periods times evaluation periods
 * is at most one day, or seven days for periods of an hour or more. `field` is how the user wrote it.
 */
export function periodProblems(field: string, s: Partial<AlarmSettings>): string[] {
    const p: string[] = [];
    const { periodSeconds: period, evaluationPeriods: evals, threshold } = s;
    if (
        period !== undefined &&
        !(Number.isInteger(period) && ([10, 20, 30].includes(period) || (period > 0 && period % 60 === 0)))
    )
        p.push(`${field}.periodSeconds is ${period}, must be 10, 20, 30 or a multiple of 60`);
    if (evals !== undefined && !(Number.isInteger(evals) && evals >= 1))
        p.push(`${field}.evaluationPeriods is ${evals}, must be a whole number of at least 1`);
    if (period !== undefined && evals !== undefined && p.length === 0) {
        const max = period >= 3600 ? 604800 : 86400;
        if (period * evals > max)
            p.push(
                `${field}: periodSeconds ${period} x evaluationPeriods ${evals} is ${period * evals} s, CloudWatch evaluates at most ${max} s`,
            );
    }
    if (threshold !== undefined && !Number.isFinite(threshold))
        p.push(`${field}.threshold is ${threshold}, must be a number`);
    return p;
}

/** `days` must be a retention CloudWatch Logs accepts. */
export function retentionProblems(field: string, days: number | undefined): string[] {
    if (days === undefined || (LOG_RETENTION_DAYS as readonly number[]).includes(days)) return [];
    return [`${field} is ${days}, CloudWatch Logs allows ${LOG_RETENTION_DAYS.join(", ")}`];
}

/** Problems of the stack's overrides: unknown rule keys and numbers CloudWatch refuses. */
export function overrideProblems(field: string, overrides: Record<string, AlarmOverride>): string[] {
    const keys = COVERAGE_MATRIX.map((r) => r.key);
    return Object.entries(overrides).flatMap(([key, o]) => {
        const rule = COVERAGE_MATRIX.find((r) => r.key === key);
        if (!rule) return [`${field}.${key} is not an alarm of the coverage matrix (known: ${keys.join(", ")})`];
        return periodProblems(`${field}.${key}`, {
            ...o,
            periodSeconds: o.periodSeconds ?? rule.periodSeconds,
            evaluationPeriods: o.evaluationPeriods ?? rule.evaluationPeriods,
        });
    });
}

/** Problems of the watched resources against the matrix: a missing dimension or target threshold. */
export function targetProblems(
    field: string,
    targets: MonitoredResource[],
    rules: (t: MonitoredResource) => AlarmRule[],
) {
    const p: string[] = [];
    const labels = new Set<string>();
    for (const t of targets) {
        if (labels.has(t.label)) p.push(`${field}: label ${t.label} is used twice, alarm names would collide`);
        labels.add(t.label);
        if (!/^[a-z0-9][a-z0-9-]*$/.test(t.label))
            p.push(`${field}: label ${JSON.stringify(t.label)} must be lowercase letters, digits and dashes`);
        for (const r of rules(t)) {
            for (const d of r.dimensions.filter((d) => t.dimensions[d] === undefined))
                p.push(`${field}: ${t.label} lacks dimension ${d}, alarm ${r.key} needs it`);
            if (r.threshold === "target" && t.threshold === undefined)
                p.push(`${field}: ${t.label} has no threshold, alarm ${r.key} takes it from the resource`);
        }
    }
    return p;
}
