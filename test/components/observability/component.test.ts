/**
 * ObservabilityStack on its own: bad targets fail before any resource, and the dashboard graphs
 * exactly the alarms it created, with their thresholds.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { ObservabilityStack } from "../../../components/observability";
import { json, planned, record, rejection } from "../../harness";

describe("ObservabilityStack", function () {
    this.timeout(120_000);

    it("refuses bad targets and overrides in one message, before any resource", async () => {
        const err = await rejection(
            record(() => {
                new ObservabilityStack("t", {
                    region: "eu-central-1",
                    pagerDutyIntegrationKey: "k",
                    targets: [
                        { label: "nat-1", resourceType: "aws:ec2/natGateway:NatGateway", dimensions: {} },
                        { label: "eks", resourceType: "aws:eks/cluster:Cluster", dimensions: { ClusterName: "c" } },
                    ],
                    overrides: { "cache-cpu": { periodSeconds: 45 } },
                    regionHealth: true,
                });
            }),
        );
        expect(err.message).to.include(
            [
                "Invalid ObservabilityStack args:",
                " - overrides.cache-cpu.periodSeconds is 45, must be 10, 20, 30 or a multiple of 60",
                " - targets: nat-1 lacks dimension NatGatewayId, alarm nat-port-allocation-errors needs it",
                " - targets: nat-1 lacks dimension NatGatewayId, alarm nat-packets-dropped needs it",
                " - targets: eks has no threshold, alarm eks-node-count takes it from the resource",
            ].join("\n"),
        );
        const records = ((err as Error & { records?: ResourceRecord[] }).records ?? []).filter((r) =>
            r.type.startsWith("aws:"),
        );
        expect(records).to.deep.equal([]);
    });

    it("prod-frankfurt's dashboard graphs each alarm's metric, dimensions and threshold", async () => {
        const s = await planned("prod-frankfurt");
        const body = json<{
            widgets: { properties: { metrics: unknown[][]; annotations: { horizontal: { value: number }[] } } }[];
        }>(s.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
        // Dimension order does not matter to CloudWatch; the recording sorts input keys.
        const key = (ns: unknown, metric: unknown, dims: Record<string, unknown>, threshold: unknown) =>
            JSON.stringify([ns, metric, Object.entries(dims).sort(([x], [y]) => x.localeCompare(y)), threshold]);
        const graphed = body.widgets.map((w) => {
            const [ns, metric, ...flat] = w.properties.metrics[0] as string[];
            const dims = Object.fromEntries(flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]]] : [])));
            return key(ns, metric, dims, w.properties.annotations.horizontal[0].value);
        });
        const alarms = s
            .all("aws:cloudwatch/metricAlarm:MetricAlarm")
            .map((a) =>
                key(
                    a.inputs.namespace,
                    a.inputs.metricName,
                    a.inputs.dimensions as Record<string, unknown>,
                    a.inputs.threshold,
                ),
            );
        expect(graphed).to.have.members(alarms);
    });
});
