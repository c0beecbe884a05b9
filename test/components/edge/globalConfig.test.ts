/**
 * edge-global's config and what it reads from the regional stacks, one bad input per row: each is
 * refused before any resource, naming the config key.
 */
import { expect } from "chai";
import { edgeDeliveryProblems } from "../../../components/edge";
import { EdgeConfig, edgeConfigProblems } from "../../../stacks/config/edge";
import { EdgeRegionView, edgeRegionProblems } from "../../../stacks/edge";
import { WorkloadReference } from "../../../stacks/contracts";

const base = (e: Partial<EdgeConfig> = {}): EdgeConfig => ({
    domain: "payments.example.com",
    hostedZoneId: "Z0123456789EXAMPLEZONE",
    wafRateLimit: 2000,
    accessLogRetentionDays: 90,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    draining: {},
    regions: [
        { stack: "prod-frankfurt", trafficDial: 100 },
        { stack: "prod-virginia", trafficDial: 100 },
    ],
    ...e,
});

describe("edgeConfigProblems for an edge stack", () => {
    it("accepts edge-global's shape in us-east-1", () =>
        expect(edgeConfigProblems({ role: "edge", edge: base(), region: "us-east-1" })).to.deep.equal([]));
    const rows: [string, Partial<EdgeConfig>, string, string][] = [
        [
            "another region",
            {},
            "eu-central-1",
            'aws:region is "eu-central-1", an edge stack must be in us-east-1 (CloudFront\'s certificates and WAF)',
        ],
        [
            "no regions",
            { regions: [] },
            "us-east-1",
            "payments-platform:edge.regions is missing, edge-global needs at least one workload stack",
        ],
        [
            "a lower-case country",
            { geolocation: [{ country: "de", stack: "prod-frankfurt" }] },
            "us-east-1",
            'payments-platform:edge.geolocation[0].country is "de", must be an ISO 3166 alpha-2 code (e.g. DE)',
        ],
        [
            "a country pinned to an unlisted stack",
            { geolocation: [{ country: "JP", stack: "prod-tokyo" }] },
            "us-east-1",
            'payments-platform:edge.geolocation[0].stack is "prod-tokyo", must be one of edge.regions (prod-frankfurt, prod-virginia)',
        ],
        [
            "a regional key",
            { prefix: "dev" },
            "us-east-1",
            "payments-platform:edge.prefix is set, an edge stack does not read it",
        ],
    ];
    for (const [what, change, region, message] of rows)
        it(`refuses ${what}`, () =>
            expect(edgeConfigProblems({ role: "edge", edge: base(change), region })).to.deep.equal([message]));
    it("a workload stack refuses edge-global's keys", () =>
        expect(edgeConfigProblems({ role: "workload", edge: base() })).to.deep.equal([
            "payments-platform:edge.regions is set, a workload stack does not read it",
        ]));
    it("an edge stack without the key is refused", () =>
        expect(edgeConfigProblems({ role: "edge" })).to.deep.equal([
            "payments-platform:edge is missing, an edge stack needs it",
        ]));
});

const view = (
    stack: string,
    region: string,
    origin = "origin.payments.example.com",
    health = { intervalSeconds: 10, threshold: 2 },
): EdgeRegionView => ({
    ref: { stack } as WorkloadReference,
    region,
    trafficDial: 100,
    originHostname: origin,
    targetHealth: health,
});

describe("edgeRegionProblems (what edge-global read from its regions)", () => {
    it("accepts regions that agree", () =>
        expect(
            edgeRegionProblems(base(), [view("prod-frankfurt", "eu-central-1"), view("prod-virginia", "us-east-1")]),
        ).to.deep.equal([]));
    const rows: [string, Partial<EdgeConfig>, EdgeRegionView[], string][] = [
        [
            "a region whose certificate is for another origin name",
            {},
            [view("dev", "eu-central-1", "origin.dev.payments.example.com")],
            "payments-platform:edge.regions stack dev answers for origin.dev.payments.example.com, CloudFront's origin is origin.payments.example.com (its edge.domain must be payments.example.com, without a prefix)",
        ],
        [
            "two stacks in one region",
            {},
            [view("prod-frankfurt", "eu-central-1"), view("dev", "eu-central-1")],
            "payments-platform:edge.regions lists prod-frankfurt and dev, both in eu-central-1: one stack per region",
        ],
        [
            "an RTO the slowest region's target check can't meet",
            { rtoSeconds: 100 },
            [view("prod-frankfurt", "eu-central-1", undefined, { intervalSeconds: 30, threshold: 2 })],
            "payments-platform:edge.rtoSeconds: the CloudFront path fails over in up to 120 s (target health 30 s × 2 + DNS TTL 60 s), above the RTO of 100 s",
        ],
    ];
    for (const [what, change, views, message] of rows)
        it(`refuses ${what}`, () => expect(edgeRegionProblems(base(change), views)).to.deep.equal([message]));
});

describe("edgeDeliveryProblems", () => {
    const region = (r: string) => ({ region: r, albDnsName: "", albZoneId: "", acceleratorAlbArn: "" });
    const good = {
        domain: "payments.example.com",
        hostedZoneId: "Z1",
        regions: [region("eu-central-1")],
        originSecret: "",
    };
    const rows: [string, object, string][] = [
        ["no region", { regions: [] }, "regions is empty, the edge needs at least one region"],
        [
            "a region twice",
            { regions: [region("eu-central-1"), region("eu-central-1")] },
            "regions has eu-central-1 twice, one endpoint group and latency record per region",
        ],
        [
            "a dial above 100",
            { regions: [{ ...region("eu-central-1"), trafficDial: 150 }] },
            "regions.eu-central-1.trafficDial is 150, must be 0-100",
        ],
        [
            "a 15 s GA interval",
            { acceleratorHealth: { intervalSeconds: 15, threshold: 3 } },
            "acceleratorHealth.intervalSeconds is 15, GA allows 10 or 30",
        ],
        [
            "a country pinned outside the regions",
            { geolocation: [{ country: "JP", region: "ap-northeast-1" }] },
            "geolocation JP pins ap-northeast-1, which is not one of the regions (eu-central-1)",
        ],
    ];
    for (const [what, change, message] of rows)
        it(`refuses ${what}`, () =>
            expect(edgeDeliveryProblems({ ...good, ...change } as never)).to.deep.equal([message]));
});
