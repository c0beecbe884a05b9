/**
 * The coverage matrix as the README's alarm table: one row per alarm, so the document can't drift
 * from what the program creates (a test compares the two).
 */
import { AlarmRule, COVERAGE_MATRIX } from "./matrix";

const OPERATOR: Record<AlarmRule["comparison"], string> = {
    GreaterThanThreshold: ">",
    GreaterThanOrEqualToThreshold: ">=",
    LessThanThreshold: "<",
    LessThanOrEqualToThreshold: "<=",
};

function row(r: AlarmRule): string {
    const threshold = r.threshold === "target" ? "node groups' minimum" : String(r.threshold);
    const dims = [...r.dimensions, ...Object.entries(r.fixedDimensions ?? {}).map(([k, v]) => `${k}=${v}`)].join(", ");
    const applies = [r.when && `only ${r.when}`, r.except && `not ${r.except}`].filter(Boolean).join(", ");
    return [
        `\`${r.resourceType}\`${applies ? ` (${applies})` : ""}`,
        `\`${r.key}\``,
        `${r.namespace} ${r.metricName} (${dims})`,
        `${r.statistic} ${OPERATOR[r.comparison]} ${threshold}`,
        `${r.periodSeconds} s x ${r.evaluationPeriods}`,
        r.missingData,
        r.reason,
    ].join(" | ");
}

/** The Markdown table (header included). */
export function alarmTable(rules: readonly AlarmRule[] = COVERAGE_MATRIX): string {
    return [
        "| Resource type | Alarm | Metric (dimensions) | Fires when | Period x evaluations | Missing data | Why |",
        "|---|---|---|---|---|---|---|",
        ...rules.map((r) => `| ${row(r)} |`),
    ].join("\n");
}
