import { expect } from "chai";
import { analyse } from "../../../automation/cost/analysis";
import { esc, renderHtml } from "../../../automation/cost/report/html";
import { Violation } from "../../../automation/policy/analyzer";
import { StackPlan } from "../../../automation/plan/types";
import { rec } from "./fixtures";

describe("the HTML report's content (renderHtml)", () => {
    const nat = rec("aws:ec2/natGateway:NatGateway", "nat");
    const s: StackPlan = {
        name: "dev",
        project: "p",
        region: "eu-central-1",
        resources: [nat],
        outputs: {},
        references: [],
        secretPlaceholders: [],
        config: { "p:environment": "dev" },
    };
    const plan = { stacks: [s] };
    const violation: Violation = {
        policy: "s3-private",
        enforcement: "mandatory",
        urn: nat.urn,
        message: "Bucket <b> must block public access",
        description: "",
        policyPack: "x",
        policyPackVersion: "1",
    };
    const html = renderHtml({
        plan,
        analysis: analyse(plan),
        violations: new Map([["dev", [violation]]]),
        diagrams: { platform: "<svg></svg>", stacks: new Map() },
    });

    it("shows each policy violation, escaped, and the stack's verdict", () => {
        expect(html).to.contain(`s3-private (mandatory) nat: ${esc("Bucket <b> must block public access")}`);
        expect(html).to.contain(`<span class="bad">1 mandatory, 0 advisory</span>`);
        expect(html).to.not.contain("<b> must");
    });

    it("shows the cost line with its basis and the critical path", () => {
        expect(html).to.contain("1 × NAT gateway × $0.052/h × 730 h");
        expect(html).to.match(/Critical path 1 min 30 s/);
    });

    it("is self-contained: no external script, stylesheet or image", () => {
        expect(html).to.not.match(/<script|<link|src="http/);
    });
});
