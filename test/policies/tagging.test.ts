import { expect } from "chai";
import { providerDefaultTags, requiredTags } from "../../policies/tagging";
import { resourceCases, runResource, TestResource } from "./harness";

const TAGS = { environment: "prod", owner: "payments", "cost-center": "cc-42" };

function provider(defaultTags: unknown) {
    return { type: "pulumi:providers:aws", name: "eu-central-1", props: { region: "eu-central-1", defaultTags } };
}

describe("tagging policies", () => {
    describe("required-tags", () => {
        resourceCases(requiredTags, () => ({ type: "aws:sqs/queue:Queue", props: { tags: { ...TAGS, Name: "q" } } }), [
            {
                what: "a missing owner",
                path: ["tags", "owner"],
                to: undefined,
                message: "AWS resource must carry tags owner (own tags or provider defaultTags)",
            },
            {
                what: "an empty cost-center",
                path: ["tags", "cost-center"],
                to: "",
                message: "AWS resource must carry tags cost-center (own tags or provider defaultTags)",
            },
        ]);

        it("accepts tags carried by the provider's defaultTags (JSON-encoded, as aws.Provider sends them)", () => {
            const r: TestResource = {
                type: "aws:ec2/vpc:Vpc",
                props: { cidrBlock: "10.0.0.0/16" },
                provider: provider(JSON.stringify({ tags: TAGS })),
            };
            expect(runResource(requiredTags, r)).to.deep.equal([]);
        });

        it("merges provider and own tags", () => {
            const r: TestResource = {
                type: "aws:kms/key:Key",
                props: { tags: { owner: "payments" } },
                provider: provider({ tags: { environment: "dev", "cost-center": "cc-1" } }),
            };
            expect(runResource(requiredTags, r)).to.deep.equal([]);
        });

        it("reports a taggable type without tags on a provider without defaultTags", () => {
            const r: TestResource = { type: "aws:ec2/vpc:Vpc", props: {}, provider: provider(undefined) };
            expect(runResource(requiredTags, r)).to.deep.equal([
                "AWS resource must carry tags environment, owner, cost-center (own tags or provider defaultTags)",
            ]);
        });

        it("follows a configured tag list", () => {
            const r = { type: "aws:sqs/queue:Queue", props: { tags: TAGS } };
            expect(runResource(requiredTags, r, { requiredTags: ["data-classification"] })).to.deep.equal([
                "AWS resource must carry tags data-classification (own tags or provider defaultTags)",
            ]);
        });

        it("ignores untaggable aws types, non-aws resources and providers", () => {
            expect(
                runResource(requiredTags, { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: {} }),
            ).to.deep.equal([]);
            expect(runResource(requiredTags, { type: "eks:index:Cluster", props: { tags: {} } })).to.deep.equal([]);
            expect(
                runResource(requiredTags, { type: "pulumi:providers:aws", props: { region: "eu-central-1" } }),
            ).to.deep.equal([]);
        });

        it("reads defaultTags only from aws providers", () => {
            expect(
                providerDefaultTags({
                    type: "pulumi:providers:kubernetes",
                    urn: "u",
                    name: "k",
                    props: { defaultTags: JSON.stringify({ tags: TAGS }) },
                }),
            ).to.deep.equal({});
            expect(
                providerDefaultTags({
                    type: "pulumi:providers:aws",
                    urn: "u",
                    name: "a",
                    props: { defaultTags: "not json" },
                }),
            ).to.deep.equal({});
        });
    });
});
