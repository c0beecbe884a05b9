import { expect } from "chai";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeRequest, analyzerResource, byUrnOf } from "../../../automation/policy/marshal";
import { RequestEncoder } from "../../../automation/policy/requestBytes";
import { structBytes } from "../../../automation/policy/wire";
import { plannedStacks } from "../../harness";
import { rec } from "../records";

const reference = (v: Record<string, unknown>) =>
    Buffer.from(Struct.fromJavaScript(v as Record<string, JavaScriptValue>).serializeBinary());

describe("the Analyzer requests' direct encoder writes google-protobuf's bytes", () => {
    const structs: [string, Record<string, unknown>][] = [
        ["an empty object", {}],
        ["every scalar, defaults included", { s: "", n: 0, f: -1.5, big: 2 ** 53, t: true, b: false, z: null }],
        ["keys written sorted, whatever the insertion order", { zeta: 1, alpha: 2, Beta: 3, _: 4, "10": 5, "9": 6 }],
        ["nested lists and objects", { a: [[1, "x", null], [], [{ b: { c: [true] } }]], d: {} }],
        ["text beyond ASCII", { name: "Zürich €", emoji: "🔐 keys", cjk: "東京" }],
        ["a long string (a multi-byte length)", { policy: "x".repeat(70_000) }],
        [
            "a wire secret",
            { pw: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "[secret]" } },
        ],
    ];
    for (const [what, value] of structs) {
        it(`Struct: ${what}`, () => {
            expect(structBytes(value).equals(reference(value))).to.equal(true);
        });
    }

    it("Struct: throws google-protobuf's error for a value it can't encode, and the next Struct is whole", () => {
        expect(() => reference({ a: [undefined] })).to.throw("Unexpected struct type.");
        expect(() => structBytes({ a: [{ b: 1 }, undefined] })).to.throw("Unexpected struct type.");
        // The shared buffer starts afresh: nothing of the failed write leaks into the next Struct.
        expect(structBytes({ b: 1 }).equals(reference({ b: 1 }))).to.equal(true);
    });

    it("every option and dependency field of a hand-made record", () => {
        const provider = rec("pulumi:providers:aws", "eu", { region: "eu-central-1" }, { custom: true });
        const r = rec(
            "aws:s3/bucket:Bucket",
            "b",
            { bucket: "b", __internal: "dropped", tags: { a: "[unknown]" } },
            {
                provider: `${provider.urn}::id-1`,
                protect: true,
                deleteBeforeReplace: true,
                ignoreChanges: ["tags", "bucket"],
                dependencies: ["urn:b", "urn:a"],
                propertyDependencies: { tags: ["urn:t"], bucket: ["urn:x", "urn:y"], none: [] },
            },
        );
        const byUrn = byUrnOf([provider, r]);
        const enc = new RequestEncoder(byUrn);
        expect(enc.analyzeRequest(r).equals(Buffer.from(analyzeRequest(r, byUrn).serializeBinary()))).to.equal(true);
        const stack = new analyzerpb.AnalyzeStackRequest().setResourcesList(
            [provider, r].map((x) => analyzerResource(x, byUrn)),
        );
        expect(enc.analyzeStackRequest([provider, r]).equals(Buffer.from(stack.serializeBinary()))).to.equal(true);
    });

    it("every resource of every planned stack: Analyze and AnalyzeStack, byte for byte", async function () {
        this.timeout(300_000);
        let compared = 0;
        for (const s of await plannedStacks()) {
            const byUrn = byUrnOf(s.resources);
            const enc = new RequestEncoder(byUrn);
            const mismatched = s.resources
                .filter((r) => !enc.analyzeRequest(r).equals(Buffer.from(analyzeRequest(r, byUrn).serializeBinary())))
                .map((r) => r.urn);
            expect(mismatched, `stack ${s.plan.name}`).to.deep.equal([]);
            const stack = new analyzerpb.AnalyzeStackRequest().setResourcesList(
                s.resources.map((r) => analyzerResource(r, byUrn)),
            );
            expect(
                enc.analyzeStackRequest(s.resources).equals(Buffer.from(stack.serializeBinary())),
                s.plan.name,
            ).to.equal(true);
            compared += s.resources.length;
        }
        expect(compared).to.be.greaterThan(1000);
    });
});
