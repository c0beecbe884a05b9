/** The edge canary's pure rules: runtime floor, Synthetics rates, the health path, names, the script. */
import { expect } from "chai";
import * as vm from "vm";
import {
    CANARY_DEFAULT_RUNTIME,
    canaryName,
    canaryScript,
    pathProblems,
    runtimeAtFloor,
    runtimeProblems,
    scheduleProblems,
    scheduleSeconds,
} from "../../../components/observability/canarySpec";
import { webAclNameOf } from "../../../components/observability/arns";

describe("canarySpec", () => {
    describe("runtime floor (syn-nodejs-puppeteer 9.1)", () => {
        const cases: [string, boolean][] = [
            ["syn-nodejs-puppeteer-9.1", true],
            ["syn-nodejs-puppeteer-9.0", false],
            ["syn-nodejs-puppeteer-8.0", false],
            ["syn-nodejs-puppeteer-10.0", true],
            ["syn-nodejs-puppeteer-13.1", true],
            ["syn-nodejs-puppeteer-3.9", false],
            ["syn-nodejs-playwright-2.0", false],
            ["syn-python-selenium-5.1", false],
            ["syn-nodejs-puppeteer-9", false],
        ];
        for (const [runtime, ok] of cases)
            it(`${runtime} is ${ok ? "at or above" : "not at"} the floor`, () =>
                expect(runtimeAtFloor(runtime)).to.equal(ok));
        it("the default is at the floor", () => expect(runtimeProblems("r", CANARY_DEFAULT_RUNTIME)).to.deep.equal([]));
    });

    describe("scheduleSeconds (Synthetics rate forms)", () => {
        const cases: [string, number | undefined][] = [
            ["rate(1 minute)", 60],
            ["rate(5 minutes)", 300],
            ["rate(60 minutes)", 3600],
            ["rate(1 hour)", 3600],
            ["rate(0 minute)", undefined],
            ["rate(1 minutes)", undefined],
            ["rate(2 minute)", undefined],
            ["rate(61 minutes)", undefined],
            ["rate(2 hours)", undefined],
            ["rate(5minutes)", undefined],
            ["cron(0/5 * * * ? *)", undefined],
            ["", undefined],
        ];
        for (const [expression, seconds] of cases)
            it(`${JSON.stringify(expression)} -> ${seconds}`, () =>
                expect(scheduleSeconds(expression)).to.equal(seconds));
        it("a rate slower than the alarm's period is a problem naming both", () =>
            expect(scheduleProblems("s", "rate(1 hour)", 300)).to.deep.equal([
                's is "rate(1 hour)" (every 3600 s), the canary-success alarm\'s period is 300 s: missing runs count as failures, so run at least once per period',
            ]));
    });

    describe("pathProblems", () => {
        const cases: [string, string[]][] = [
            ["/healthz", []],
            [
                "/api/v1/health?deep=1",
                ['p is "/api/v1/health?deep=1", must be a URL path starting with / (at most 1024 characters)'],
            ],
            ["/health check", ['p is "/health check", must be a URL path starting with / (at most 1024 characters)']],
            ["/media/ping", ['p is "/media/ping", CloudFront serves /media/* from the static bucket, not the API']],
            ["/", []],
        ];
        for (const [path, want] of cases)
            it(JSON.stringify(path), () => expect(pathProblems("p", path)).to.deep.equal(want));
    });

    describe("canaryName (at most 21 characters, Synthetics' charset)", () => {
        const cases: [string, string][] = [
            ["prod-frankfurt-edge", "prod-frankfurt-edge"],
            ["prod-singapore-edge", "prod-singapore-edge"],
            ["prod-johannesburg-edge", "prod-johannesburg-edg"],
            ["prod-sao-paulo-1-edge", "prod-sao-paulo-1-edge"],
            ["prod-sao-paulo-12-edge", "prod-sao-paulo-12-edg"],
            ["prod-abcdefghijklmno-edge", "prod-abcdefghijklmno"],
            ["Prod.Frankfurt", "prod-frankfurt"],
        ];
        for (const [base, want] of cases) it(`${base} -> ${want}`, () => expect(canaryName(base)).to.equal(want));
    });

    describe("canaryScript", () => {
        it("is the same text for the same URLs, and names each URL", () => {
            const urls = ["https://payments.example.com/healthz", "https://api.payments.example.com/healthz"];
            expect(canaryScript(urls)).to.equal(canaryScript([...urls]));
            for (const u of urls) expect(canaryScript(urls)).to.include(JSON.stringify(u));
        });
        it("is valid JavaScript exporting a handler", () => {
            const module = { exports: {} as Record<string, unknown> };
            vm.runInNewContext(canaryScript(["https://example.com/"]), { module, exports: module.exports, require });
            expect(module.exports.handler).to.be.a("function");
        });
    });

    describe("webAclNameOf (the WebACL dimension from the ARN)", () => {
        const cases: [string, string][] = [
            [
                "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge-global-waf-0da6d33/473e64fd-f30b-4765-81a0-62ad96dd167a",
                "edge-global-waf-0da6d33",
            ],
            ["arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/prod-waf/abc", "prod-waf"],
            ["not-an-arn", "not-an-arn"],
        ];
        for (const [arn, want] of cases) it(want, () => expect(webAclNameOf(arn)).to.equal(want));
    });
});
