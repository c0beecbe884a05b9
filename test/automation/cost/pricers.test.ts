import { expect } from "chai";
import { parseOverrides } from "../../../automation/cost/assumptions";
import { costStack, unitPrice } from "../../../automation/cost/engine";
import { PRICES } from "../../../automation/cost/prices";
import { priceOf } from "../../../automation/cost/pricers";
import { Pricing } from "../../../automation/cost/types";
import { StackPlan } from "../../../automation/plan/types";
import { ctx, rec } from "./fixtures";

const H = 730;

function usdOf(p: Pricing): number {
    if (!("parts" in p)) throw new Error(`not priced: ${JSON.stringify(p)}`);
    return p.parts.reduce((n, x) => n + x.usd, 0);
}

describe("cost: pricers (table)", () => {
    const lt = rec("aws:ec2/launchTemplate:LaunchTemplate", "lt", {
        blockDeviceMappings: [{ ebs: { volumeSize: 100, volumeType: "gp3" } }],
    });
    const cases: { what: string; r: ReturnType<typeof rec>; region: string; usd: number }[] = [
        {
            what: "an on-demand node group: desiredSize × the instance price, plus its launch template's volumes",
            r: rec("aws:eks/nodeGroup:NodeGroup", "ng", {
                instanceTypes: ["m6i.xlarge"],
                capacityType: "ON_DEMAND",
                scalingConfig: { desiredSize: 2 },
                launchTemplate: { id: "lt-id" },
            }),
            region: "eu-central-1",
            usd: 2 * 0.23 * H + 200 * 0.0952,
        },
        {
            what: "a spot node group: the cheapest listed type at the spot discount, default 20 GiB disk",
            r: rec("aws:eks/nodeGroup:NodeGroup", "spot", {
                instanceTypes: ["m5.large", "t3a.large"],
                capacityType: "SPOT",
                scalingConfig: { desiredSize: 1 },
            }),
            region: "us-east-1",
            usd: 0.0752 * H * 0.4 + 20 * 0.08,
        },
        {
            what: "a Valkey replication group: every node (primary + replicas) 20% under Redis OSS",
            r: rec("aws:elasticache/replicationGroup:ReplicationGroup", "c", {
                nodeType: "cache.r7g.large",
                numNodeGroups: 1,
                replicasPerNodeGroup: 3,
                engine: "valkey",
            }),
            region: "us-east-1",
            usd: 4 * 0.219 * H * 0.8,
        },
        {
            what: "an interface endpoint: one ENI-hour per subnet plus the assumed traffic",
            r: rec("aws:ec2/vpcEndpoint:VpcEndpoint", "e", {
                vpcEndpointType: "Interface",
                subnetIds: ["a", "b", "c"],
            }),
            region: "ap-northeast-1",
            usd: 3 * 0.014 * H + 20 * 0.01,
        },
        {
            what: "the EKS control plane: $0.10/h",
            r: rec("aws:eks/cluster:Cluster", "k", { version: "1.34" }),
            region: "eu-west-2",
            usd: 0.1 * H,
        },
        {
            what: "an ALB: hourly plus the assumed LCUs",
            r: rec("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" }),
            region: "us-east-1",
            usd: 0.0225 * H + 2 * 0.008 * H,
        },
        {
            what: "a WAF web ACL: the ACL, each rule, and the assumed requests",
            r: rec("aws:wafv2/webAcl:WebAcl", "waf", { rules: [{}, {}, {}] }),
            region: "us-east-1",
            usd: 5 + 3 * 1 + 20 * 0.6,
        },
        {
            what: "a CloudFront distribution: the assumed GiB and requests",
            r: rec("aws:cloudfront/distribution:Distribution", "cf"),
            region: "us-east-1",
            usd: 1000 * 0.085 + 20 * 1,
        },
        {
            what: "a Global Accelerator: its fixed hourly fee",
            r: rec("aws:globalaccelerator/accelerator:Accelerator", "ga"),
            region: "us-east-1",
            usd: 0.025 * H,
        },
    ];
    for (const c of cases)
        it(c.what, () => {
            const cx = ctx(c.region, [lt, c.r]);
            const pricer = priceOf(c.r, (p) => p(c.r, cx));
            expect(usdOf(pricer)).to.be.closeTo(c.usd, 0.01);
        });

    const dispositions: { what: string; r: ReturnType<typeof rec>; expect: string }[] = [
        {
            what: "a gateway endpoint has no charge",
            r: rec("aws:ec2/vpcEndpoint:VpcEndpoint", "g", { vpcEndpointType: "Gateway" }),
            expect: "noCharge",
        },
        {
            what: "a type with no model is unpriced, not zero",
            r: rec("aws:ecr/repository:Repository", "x"),
            expect: "unpriced",
        },
        {
            what: "a component is priced through its children",
            r: rec("platform:x:Thing", "c", {}, { custom: false }),
            expect: "noCharge",
        },
        {
            what: "a Helm release other than ingress-nginx runs on the nodes",
            r: rec("kubernetes:helm.sh/v3:Release", "h", { chart: "keda" }),
            expect: "noCharge",
        },
    ];
    for (const c of dispositions)
        it(c.what, () => {
            const cx = ctx("us-east-1", [c.r]);
            expect(Object.keys(priceOf(c.r, (p) => p(c.r, cx)))[0]).to.equal(c.expect);
        });

    it("a region the table has no figure for makes the resource unpriced, naming the row and region", () => {
        const s: StackPlan = {
            name: "x",
            project: "p",
            region: "sa-east-1",
            resources: [rec("aws:ec2/natGateway:NatGateway", "n")],
            outputs: {},
            references: [],
            secretPlaceholders: [],
        };
        const c = costStack(s);
        expect(c.lines).to.deep.equal([]);
        expect(c.unpriced.map((u) => u.reason)).to.deep.equal(["no nat:hour price for sa-east-1"]);
    });

    it("every price row names an AWS pricing page and a month, with a positive figure for each region it lists", () => {
        for (const row of PRICES) {
            expect(row.source, row.key).to.match(/^https:\/\/aws\.amazon\.com\/.+\/pricing\//);
            expect(row.asOf, row.key).to.match(/^\d{4}-\d{2}$/);
            for (const v of Object.values(row.usd)) expect(v, row.key).to.be.greaterThan(0);
        }
        expect(unitPrice("ec2:m6i.large", "us-east-1")).to.equal(0.096);
    });
});

describe("cost: assumption overrides (package.json offlinePlan.costAssumptions)", () => {
    const W = "package.json offlinePlan.costAssumptions";
    const bad: { raw: unknown; message: string }[] = [
        { raw: [], message: `${W} is [], must be an object of environments` },
        { raw: { prod: 3 }, message: `${W}.prod is 3, must be an object of assumptions` },
        { raw: { prod: { natDataGiB: -1 } }, message: `${W}.prod.natDataGiB is -1, must be a number ≥ 0` },
        { raw: { dev: { natDataGB: 5 } }, message: `${W}.dev.natDataGB is not a known assumption (known: natDataGiB,` },
        { raw: { dev: { spotDiscount: 1.5 } }, message: `${W}.dev.spotDiscount is 1.5, must be below 1` },
        { raw: { dev: { logGiB: "5" } }, message: `${W}.dev.logGiB is "5", must be a number ≥ 0` },
    ];
    for (const b of bad)
        it(`refuses ${JSON.stringify(b.raw)}`, () => {
            expect(() => parseOverrides(b.raw)).to.throw(b.message);
        });

    it("collects every problem into one error", () => {
        expect(() => parseOverrides({ prod: { natDataGiB: -1, logGiB: -2 } })).to.throw(
            /natDataGiB is -1.*\n - .*logGiB is -2/,
        );
    });

    it("an override changes only its environment's figure", () => {
        const nat = rec("aws:ec2/natGateway:NatGateway", "n");
        const s = (env: string): StackPlan => ({
            name: env,
            project: "p",
            region: "us-east-1",
            resources: [nat],
            outputs: {},
            references: [],
            secretPlaceholders: [],
            config: { "p:environment": env },
        });
        const o = parseOverrides({ prod: { natDataGiB: 1000 } });
        expect(costStack(s("prod"), o).monthlyUsd).to.be.closeTo(0.045 * H + 1000 * 0.045, 0.01);
        expect(costStack(s("dev"), o).monthlyUsd).to.be.closeTo(0.045 * H + 10 * 0.045, 0.01);
    });
});
