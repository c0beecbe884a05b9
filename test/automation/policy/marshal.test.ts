import { expect } from "chai";
import {
    analyzeRequest,
    analyzerResource,
    byUrnOf,
    providerUrn,
    toWireValue,
    UNKNOWN_STRING_SENTINEL,
} from "../../../automation/policy/marshal";
import { PlanBuilder } from "./fixtures";

describe("analyzer request marshalling", () => {
    it("turns the plan's [unknown] and [secret] marks back into wire values", () => {
        expect(toWireValue({ a: "[unknown]", b: ["[secret]"], c: { d: 1, e: null } })).to.deep.equal({
            a: UNKNOWN_STRING_SENTINEL,
            b: [{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "[secret]" }],
            c: { d: 1, e: null },
        });
    });

    it("splits a provider reference at its last ::", () => {
        expect(providerUrn("urn:pulumi:dev::payments::pulumi:providers:aws::eu::0f3c-id")).to.equal(
            "urn:pulumi:dev::payments::pulumi:providers:aws::eu",
        );
    });

    it("builds Analyze and AnalyzeStack requests like the engine", () => {
        const b = new PlanBuilder("dev");
        const prov = b.add("pulumi:providers:aws", "eu", {
            region: "eu-central-1",
            defaultTags: '{"tags":{"owner":"x"}}',
        });
        b.add("aws:kms/key:Key", "key", { enableKeyRotation: true }, {}, { provider: `${prov}::pid` });
        b.add(
            "aws:sqs/queue:Queue",
            "q",
            { kmsMasterKeyId: "arn", __defaults: ["name"] },
            { kmsMasterKeyId: ["key"] },
            { provider: `${prov}::pid`, protect: true },
        );
        const plan = b.plan();
        const byUrn = byUrnOf(plan.resources);
        const q = plan.resources[3];

        const req = analyzeRequest(q, byUrn);
        expect(req.getType()).to.equal("aws:sqs/queue:Queue");
        expect(req.getUrn()).to.equal(q.urn);
        expect(req.getProperties()!.toJavaScript()).to.deep.equal({ kmsMasterKeyId: "arn" });
        expect(req.getOptions()!.getProtect()).to.equal(true);
        expect(req.getOptions()!.getParent()).to.equal(b.stackUrn);
        expect(req.getProvider()!.getUrn()).to.equal(prov);
        expect(req.getProvider()!.getProperties()!.toJavaScript()).to.deep.equal({
            region: "eu-central-1",
            defaultTags: '{"tags":{"owner":"x"}}',
        });

        const res = analyzerResource(q, byUrn);
        expect(res.getParent()).to.equal(b.stackUrn);
        expect(res.getDependenciesList()).to.deep.equal([b.urn("aws:kms/key:Key", "key")]);
        expect(res.getPropertydependenciesMap().get("kmsMasterKeyId")!.getUrnsList()).to.deep.equal([
            b.urn("aws:kms/key:Key", "key"),
        ]);
        expect(analyzeRequest(plan.resources[0], byUrn).getProvider()).to.equal(undefined);
    });
});
