import { expect } from "chai";
import { baseOutputs, callMocks } from "../../../automation/plan/mocks";
import { MockContext } from "../../../automation/plan/mocks/context";

const ctx: MockContext = {
    stack: "dev",
    project: "p",
    region: "eu-central-1",
    account: "123456789012",
    partition: "aws",
};

describe("mock table", () => {
    it("renders policy documents as the provider does: one-element lists collapse, conditions nest", () => {
        const doc = JSON.parse(
            callMocks["aws:iam/getPolicyDocument:getPolicyDocument"](
                {
                    statements: [
                        {
                            effect: "Allow",
                            actions: ["sts:AssumeRoleWithWebIdentity"],
                            principals: [
                                { type: "Federated", identifiers: ["arn:aws:iam::123456789012:oidc-provider/x"] },
                            ],
                            conditions: [
                                {
                                    test: "StringEquals",
                                    variable: "x:sub",
                                    values: ["system:serviceaccount:kube-system:a"],
                                },
                                { test: "StringEquals", variable: "x:aud", values: ["sts.amazonaws.com"] },
                            ],
                        },
                        { effect: "Deny", actions: ["s3:*"], resources: ["a", "b"] },
                    ],
                },
                ctx,
            ).json as string,
        );
        expect(doc.Statement[0]).to.deep.equal({
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/x" },
            Condition: {
                StringEquals: { "x:sub": "system:serviceaccount:kube-system:a", "x:aud": "sts.amazonaws.com" },
            },
        });
        expect(doc.Statement[1]).to.deep.equal({ Effect: "Deny", Action: "s3:*", Resource: ["a", "b"] });
    });

    it("answers each region's availability zones as an account sees them, honouring the opt-in filter", () => {
        const azs = (region: string, filters?: unknown[]) =>
            callMocks["aws:index/getAvailabilityZones:getAvailabilityZones"]({ filters }, { ...ctx, region });
        const standard = [{ name: "opt-in-status", values: ["opt-in-not-required"] }];
        expect(azs("us-east-1").names).to.have.length(6);
        expect(azs("ap-northeast-1", standard).names).to.deep.equal([
            "ap-northeast-1a",
            "ap-northeast-1c",
            "ap-northeast-1d",
        ]);
        expect(azs("us-west-1", standard).names).to.deep.equal(["us-west-1a", "us-west-1c"]);
        expect(azs("us-west-2").names).to.include("us-west-2-lax-1a");
        expect(azs("us-west-2", standard).names).to.deep.equal([
            "us-west-2a",
            "us-west-2b",
            "us-west-2c",
            "us-west-2d",
        ]);
        expect(azs("eu-central-1", standard).zoneIds).to.deep.equal(["euc1-az2", "euc1-az3", "euc1-az1"]);
    });

    it("fails an SSM parameter AWS doesn't publish, as GetParameter would", () => {
        expect(() => callMocks["aws:ssm/getParameter:getParameter"]({ name: "/my/app/password" }, ctx)).to.throw(
            "ParameterNotFound: /my/app/password",
        );
        const ami = callMocks["aws:ssm/getParameter:getParameter"](
            { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" },
            ctx,
        );
        expect(ami.value).to.match(/^ami-0[0-9a-f]{16}$/);
    });

    it("gives ids in AWS's formats, stable per stack and urn, and ARNs in each service's format", () => {
        const args = (type: string, name: string, inputs: Record<string, unknown> = {}) => ({
            type,
            name,
            urn: `urn:pulumi:dev::p::${type}::${name}`,
            inputs,
            custom: true,
        });
        const vpc = baseOutputs(args("aws:ec2/vpc:Vpc", "v"), ctx);
        expect(vpc.id).to.match(/^vpc-[0-9a-f]{17}$/);
        expect(baseOutputs(args("aws:ec2/vpc:Vpc", "v"), ctx).id).to.equal(vpc.id);
        expect(baseOutputs(args("aws:ec2/vpc:Vpc", "v"), { ...ctx, stack: "prod" }).id).to.not.equal(vpc.id);
        expect(baseOutputs(args("aws:iam/role:Role", "r", { name: "node" }), ctx).arn).to.equal(
            "arn:aws:iam::123456789012:role/node",
        );
        expect(baseOutputs(args("aws:sqs/queue:Queue", "q", { name: "payments" }), ctx).arn).to.equal(
            "arn:aws:sqs:eu-central-1:123456789012:payments",
        );
        expect(baseOutputs(args("aws:s3/bucket:Bucket", "b", { bucket: "site" }), ctx).arn).to.equal(
            "arn:aws:s3:::site",
        );
    });
});
