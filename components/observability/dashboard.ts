/**
 * The stack's CloudWatch dashboard, from the same rows as its alarms: one graph per alarm with the
 * threshold drawn as an annotation. Pure: the component resolves the dimensions and calls this.
 */
import { AlarmRule } from "./matrix";

/** One graphed alarm: its rule, the watched resource's label and its resolved dimensions. */
export interface DashboardEntry {
    rule: AlarmRule;
    label: string;
    dimensions: Record<string, string>;
    threshold: number;
    periodSeconds: number;
}

const WIDTH = 8;
const HEIGHT = 6;

/** The dashboard body (CloudWatch's dashboard JSON), three graphs a row. */
export function dashboardBody(region: string, entries: DashboardEntry[]): string {
    const widgets = entries.map((e, i) => {
        const dims = Object.entries(e.dimensions).flat();
        return {
            type: "metric",
            x: (i % 3) * WIDTH,
            y: Math.floor(i / 3) * HEIGHT,
            width: WIDTH,
            height: HEIGHT,
            properties: {
                title: `${e.label}: ${e.rule.metricName}`,
                region,
                view: "timeSeries",
                stat: e.rule.statistic,
                period: e.periodSeconds,
                metrics: [[e.rule.namespace, e.rule.metricName, ...dims]],
                annotations: { horizontal: [{ label: e.rule.key, value: e.threshold }] },
            },
        };
    });
    return JSON.stringify({ widgets });
}
