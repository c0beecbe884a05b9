/**
 * The regional edge's rules, one bad input per row: the component refuses it before any resource,
 * and the stack config reports it with the config key.
 */
import { expect } from "chai";
import { isHostname, regionalEdgeProblems, RegionalEdgeRuleArgs } from "../../../components/edge";
import { edgeConfigProblems, edgeHostnames, EdgeConfig } from "../../../stacks/config/edge";

const good: RegionalEdgeRuleArgs = {
    originHostname: "origin.payments.example.com",
    apiHostname: "api.payments.example.com",
};

describe("regionalEdgeProblems", () => {
    it("accepts the defaults", () => expect(regionalEdgeProblems(good)).to.deep.equal([]));
    const rows: [string, Partial<RegionalEdgeRuleArgs>, string][] = [
        [
            "an upper-case host",
            { apiHostname: "API.example.com" },
            'apiHostname is "API.example.com", must be a lower-case DNS name (labels a-z, 0-9, -)',
        ],
        [
            "a one-label host",
            { originHostname: "origin" },
            'originHostname is "origin", must be a lower-case DNS name (labels a-z, 0-9, -)',
        ],
        [
            "a WAF limit below 100",
            { wafRateLimit: 50 },
            "wafRateLimit is 50, WAF allows an integer from 100 to 2000000000 (requests per 5 minutes)",
        ],
        [
            "a TLS 1.2-only policy",
            { sslPolicy: "ELBSecurityPolicy-2016-08" },
            'sslPolicy is "ELBSecurityPolicy-2016-08", must be a TLS 1.3 policy: ',
        ],
        [
            "a deregistration delay above an hour",
            { draining: { deregistrationDelaySeconds: 4000 } },
            "draining.deregistrationDelaySeconds is 4000, ALB allows an integer from 0 to 3600",
        ],
        [
            "a 1 s health-check interval",
            { draining: { healthCheckIntervalSeconds: 1 } },
            "draining.healthCheckIntervalSeconds is 1, ALB allows an integer from 5 to 300",
        ],
        [
            "an unhealthy threshold of 1",
            { draining: { unhealthyThreshold: 1 } },
            "draining.unhealthyThreshold is 1, ALB allows an integer from 2 to 10",
        ],
    ];
    for (const [what, change, message] of rows)
        it(`refuses ${what}`, () => {
            const problems = regionalEdgeProblems({ ...good, ...change });
            expect(problems).to.have.length(1);
            expect(problems[0]).to.contain(message);
        });
    it("isHostname: a 64-character label is too long", () => {
        expect(isHostname(`${"a".repeat(64)}.example.com`)).to.equal(false);
        expect(isHostname(`${"a".repeat(63)}.example.com`)).to.equal(true);
    });
});

describe("edgeConfigProblems (payments-platform:edge)", () => {
    const cfg = (e: Partial<EdgeConfig>): EdgeConfig => ({
        domain: "payments.example.com",
        hostedZoneId: "Z0123456789EXAMPLEZONE",
        wafRateLimit: 2000,
        accessLogRetentionDays: 90,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        draining: {},
        ...e,
    });
    const rows: [string, string, Partial<EdgeConfig>, string][] = [
        [
            "a domain with a space",
            "workload",
            { domain: "pay ments.com" },
            'payments-platform:edge.domain is "pay ments.com", must be a lower-case DNS name',
        ],
        [
            "a prefix of two labels",
            "workload",
            { prefix: "dev.eu" },
            'payments-platform:edge.prefix is "dev.eu", must be one DNS label (a-z, 0-9, -)',
        ],
        [
            "a WAF limit of 10",
            "workload",
            { wafRateLimit: 10 },
            "payments-platform:edge.wafRateLimit is 10, WAF allows an integer from 100 to 2000000000 (requests per 5 minutes)",
        ],
        [
            "a draining delay of -1",
            "workload",
            { draining: { deregistrationDelaySeconds: -1 } },
            "payments-platform:edge.draining.deregistrationDelaySeconds is -1, ALB allows an integer from 0 to 3600",
        ],
    ];
    for (const [what, role, change, message] of rows)
        it(`refuses ${what}`, () => expect(edgeConfigProblems({ role, edge: cfg(change) })).to.deep.equal([message]));
    it("a network stack with an edge key is refused; a workload stack without one builds no edge", () => {
        expect(edgeConfigProblems({ role: "network", edge: cfg({}) })).to.deep.equal([
            "payments-platform:edge is set, a network stack has no edge part",
        ]);
        expect(edgeConfigProblems({ role: "workload" })).to.deep.equal([]);
    });
    it("host names sit under the prefix when there is one", () => {
        expect(edgeHostnames({ domain: "payments.example.com", prefix: "dev" })).to.deep.equal({
            origin: "origin.dev.payments.example.com",
            api: "api.dev.payments.example.com",
        });
        expect(edgeHostnames({ domain: "payments.example.com" })).to.deep.equal({
            origin: "origin.payments.example.com",
            api: "api.payments.example.com",
        });
    });
});
