/**
 * The coverage test: over every planned stack, each resource of a type the matrix covers has each
 * required alarm, pointing at that resource, with the row's statistic, threshold and period, and
 * with an alarm AND an OK action on a topic that pages. Mutations of one recording prove it bites.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { AlarmOverride, rulesFor } from "../../../components/observability";
import { Recorded, discoverStacks, planned, plannedStacks, stackFileConfig } from "../../harness";
import { coverageProblems, expectedTargets } from "./coverage";

const overridesOf = (stack: string) =>
    ((stackFileConfig(stack)["payments-platform:observability"] ?? {}) as { alarms?: Record<string, AlarmOverride> })
        .alarms ?? {};

/** A copy of the recording with one resource changed (or dropped, when `change` returns undefined). */
function mutate(
    s: Recorded,
    pick: (r: ResourceRecord) => boolean,
    change: (r: ResourceRecord) => ResourceRecord | undefined,
) {
    const i = s.resources.findIndex(pick);
    expect(i, "the mutation's target exists").to.be.at.least(0);
    const copy = JSON.parse(JSON.stringify(s.resources)) as ResourceRecord[];
    const changed = change(copy[i]);
    if (changed) copy[i] = changed;
    else copy.splice(i, 1);
    return new Recorded({ ...s.plan, resources: copy });
}

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("observability: alarm coverage over every planned stack", function () {
    this.timeout(300_000);

    it("every covered resource of every stack has every required alarm, with both actions paging", async () => {
        const stacks = await plannedStacks();
        const problems = stacks.flatMap((s) => coverageProblems(s, overridesOf(s.plan.name)));
        expect(problems).to.deep.equal([]);
    });

    it("the check is not vacuous: each stack role's covered resources are found and checked", async () => {
        const discovered = new Map(discoverStacks().map((d) => [d.name, d]));
        const checked = new Set<string>();
        const workload = [
            "aws:ec2/natGateway:NatGateway",
            "aws:rds/cluster:Cluster",
            "aws:elasticache/replicationGroup:ReplicationGroup",
            "aws:sqs/queue:Queue",
            "aws:eks/cluster:Cluster",
            "aws:lb/loadBalancer:LoadBalancer",
            "aws:lb/targetGroup:TargetGroup",
        ];
        for (const s of await plannedStacks()) {
            const targets = expectedTargets(s);
            const types = new Set(targets.map((t) => t.resource.type));
            const d = discovered.get(s.plan.name)!;
            // Bootstrap is IAM only: no covered type.
            if (d.role === "bootstrap") continue;
            checked.add(d.role);
            const want =
                d.role === "workload"
                    ? // A prod region behind the public edge runs the edge canary.
                      d.environment === "prod"
                        ? [...workload, "aws:synthetics/canary:Canary"]
                        : workload
                    : d.role === "edge"
                      ? ["aws:cloudfront/distribution:Distribution", "aws:wafv2/webAcl:WebAcl"]
                      : ["aws:ec2transitgateway/transitGateway:TransitGateway"];
            expect([...types], s.plan.name).to.include.members(want);
            // Each target has at least one row (a regional WAF has none yet: only CloudFront's is alarmed).
            if (d.role === "edge")
                expect(
                    targets.filter((t) => rulesFor(t.resource.type, t.traits).length > 0).map((t) => t.resource.type),
                    s.plan.name,
                ).to.include.members(want);
        }
        expect([...checked].sort()).to.deep.equal(["edge", "network", "workload"]);
    });

    describe("mutations of prod-frankfurt's recording are caught", () => {
        let prod: Recorded;
        before(async () => {
            prod = await planned("prod-frankfurt");
        });
        const cases: {
            title: string;
            pick: (r: ResourceRecord) => boolean;
            change: (r: ResourceRecord) => ResourceRecord | undefined;
            message: RegExp;
        }[] = [
            {
                title: "one alarm removed",
                pick: (r) => r.type === ALARM && r.name.endsWith("-nat-2-nat-port-allocation-errors"),
                change: () => undefined,
                message:
                    /prod-frankfurt-spoke-vpc-2 \(aws:ec2\/natGateway:NatGateway\) nat-port-allocation-errors: 0 alarms/,
            },
            {
                title: "an alarm without its OK action",
                pick: (r) => r.type === ALARM && r.name.endsWith("-payments-dlq-dlq-visible-messages"),
                change: (r) => ({ ...r, inputs: { ...r.inputs, okActions: [] } }),
                message: /dlq-visible-messages: okActions \[\] must all be paging topics/,
            },
            {
                title: "an alarm pointing at another cache node",
                pick: (r) => r.type === ALARM && r.name.endsWith("-cache-004-cache-evictions"),
                change: (r) => ({
                    ...r,
                    inputs: { ...r.inputs, dimensions: { CacheClusterId: "prod-frankfurt-payments-cache-001" } },
                }),
                message:
                    /prod-frankfurt-payments-cache-004 \(aws:elasticache\/replicationGroup:ReplicationGroup\) cache-evictions: 0 alarms/,
            },
            {
                title: "a node floor below the node groups' minimum",
                pick: (r) => r.type === ALARM && r.name.endsWith("-eks-eks-node-count"),
                change: (r) => ({ ...r, inputs: { ...r.inputs, threshold: 1 } }),
                message: /eks-node-count: Minimum LessThanThreshold 1, expected Minimum LessThanThreshold 9/,
            },
            {
                title: "the canary's alarm pointing at another canary",
                pick: (r) => r.type === ALARM && r.name.endsWith("-canary-canary-success"),
                change: (r) => ({ ...r, inputs: { ...r.inputs, dimensions: { CanaryName: "prod-london-edge" } } }),
                message: /prod-frankfurt-synthetics-canary \(aws:synthetics\/canary:Canary\) canary-success: 0 alarms/,
            },
            {
                title: "the PagerDuty subscription removed (the topic no longer pages)",
                pick: (r) => r.type === "aws:sns/topicSubscription:TopicSubscription" && r.inputs.protocol === "https",
                change: () => undefined,
                message: /aurora-deadlocks: alarmActions .* must all be paging topics/,
            },
        ];
        for (const c of cases) {
            it(c.title, () => {
                expect(coverageProblems(prod)).to.deep.equal([]);
                const problems = coverageProblems(mutate(prod, c.pick, c.change));
                expect(problems.join("\n")).to.match(c.message);
            });
        }
    });

    describe("mutations of edge-global's recording are caught", () => {
        let edge: Recorded;
        before(async () => {
            const name = discoverStacks().find((d) => d.role === "edge")!.name;
            edge = await planned(name);
        });
        const cases: {
            title: string;
            pick: string;
            change: (i: Record<string, unknown>) => object;
            message: RegExp;
        }[] = [
            {
                title: "CloudFront's 5xx alarm without Region=Global (CloudFront publishes no other)",
                pick: "-cloudfront-cloudfront-5xx-rate",
                change: (i) => ({
                    ...i,
                    dimensions: { DistributionId: (i.dimensions as { DistributionId: string }).DistributionId },
                }),
                message: /\(aws:cloudfront\/distribution:Distribution\) cloudfront-5xx-rate: 0 alarms/,
            },
            {
                title: "the WAF alarm on one rule instead of Rule=ALL",
                pick: "-cloudfront-waf-waf-blocked-requests",
                change: (i) => ({ ...i, dimensions: { ...(i.dimensions as object), Rule: "rate-per-client-ip" } }),
                message: /\(aws:wafv2\/webAcl:WebAcl\) waf-blocked-requests: 0 alarms/,
            },
            {
                title: "the 4xx alarm at another threshold than its row's",
                pick: "-cloudfront-cloudfront-4xx-rate",
                change: (i) => ({ ...i, threshold: 5 }),
                message:
                    /cloudfront-4xx-rate: Average GreaterThanThreshold 5, expected Average GreaterThanThreshold 25/,
            },
        ];
        it("runs in us-east-1 (CloudFront's metrics exist there only) and names the web ACL as WAF does, not by ARN", () => {
            expect(edge.plan.region).to.equal("us-east-1");
            const waf = edge.one(ALARM, /-waf-blocked-requests$/);
            // A WAF web ACL name: 1-128 of letters, digits, - and _ (an ARN has colons and slashes).
            expect((waf.inputs.dimensions as { WebACL: string }).WebACL).to.match(/^[A-Za-z0-9_-]{1,128}$/);
            const body = JSON.parse(String(edge.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody)) as {
                widgets: { properties: { region: string } }[];
            };
            expect(body.widgets.map((w) => w.properties.region)).to.deep.equal(body.widgets.map(() => "us-east-1"));
            expect(body.widgets).to.have.length(edge.all(ALARM).length);
        });
        for (const c of cases) {
            it(c.title, () => {
                expect(coverageProblems(edge)).to.deep.equal([]);
                const problems = coverageProblems(
                    mutate(
                        edge,
                        (r) => r.type === ALARM && r.name.endsWith(c.pick),
                        (r) => ({ ...r, inputs: c.change(r.inputs) as ResourceRecord["inputs"] }),
                    ),
                );
                expect(problems.join("\n")).to.match(c.message);
            });
        }
    });

    it("rows apply by trait: a dead-letter queue pages on its first message, not on its age", async () => {
        const prod = await planned("prod-frankfurt");
        const dlqs = expectedTargets(prod).filter((t) => t.traits.includes("dead-letter"));
        expect(dlqs.map((t) => t.resource.name)).to.have.members([
            "prod-frankfurt-payments-async-dlq",
            "prod-frankfurt-payments-async-events-dlq",
        ]);
        expect(rulesFor("aws:sqs/queue:Queue", ["dead-letter"]).map((r) => r.key)).to.deep.equal([
            "dlq-visible-messages",
        ]);
    });
});
