import { expect } from "chai";
import { iamNoWildcardAdmin } from "../../policies/identity";
import { resourceCases, runResource, UNKNOWN_VALUE } from "./harness";

const scoped = () => ({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:eu-central-1:111111111111:payments" },
        { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
    ],
});
const admin = { Effect: "Allow", Action: "*", Resource: "*" };
const message = 'IAM policy must not allow Action "*" on Resource "*"';

describe("identity policies", () => {
    describe("iam-no-wildcard-admin", () => {
        resourceCases(
            iamNoWildcardAdmin,
            () => ({ type: "aws:iam/policy:Policy", props: { policy: JSON.stringify(scoped()) } }),
            [
                { what: "an admin statement", path: ["policy"], to: JSON.stringify({ Statement: [admin] }), message },
                {
                    what: '"*:*" on ["*"]',
                    path: ["policy"],
                    to: JSON.stringify({ Statement: { Effect: "Allow", Action: ["*:*"], Resource: ["*"] } }),
                    message,
                },
            ],
        );
        resourceCases(
            iamNoWildcardAdmin,
            () => ({ type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r", policy: scoped() } }),
            [{ what: "admin in an object document", path: ["policy", "Statement", 1], to: admin, message }],
        );
        resourceCases(
            iamNoWildcardAdmin,
            () => ({
                type: "aws:iam/role:Role",
                props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "app", policy: JSON.stringify(scoped()) }] },
            }),
            [
                {
                    what: "admin in an inline role policy",
                    path: ["inlinePolicies", 0, "policy"],
                    to: JSON.stringify({ Statement: [admin] }),
                    message: `${message} (inline policy app)`,
                },
            ],
        );

        const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
        for (const type of [
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "aws:iam/policyAttachment:PolicyAttachment",
        ]) {
            resourceCases(
                iamNoWildcardAdmin,
                () => ({ type, props: { policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" } }),
                [
                    {
                        what: "AWS's AdministratorAccess attached",
                        path: ["policyArn"],
                        to: ADMIN_ARN,
                        message: `${message} (attaches ${ADMIN_ARN})`,
                    },
                ],
            );
        }
        it("reports AdministratorAccess among a role's managedPolicyArns (any partition) and skips an unknown list", () => {
            const arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess";
            expect(
                runResource(iamNoWildcardAdmin, {
                    type: "aws:iam/role:Role",
                    props: { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", arn] },
                }),
            ).to.deep.equal([`${message} (attaches ${arn})`]);
            expect(
                runResource(iamNoWildcardAdmin, {
                    type: "aws:iam/role:Role",
                    props: { managedPolicyArns: UNKNOWN_VALUE },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(iamNoWildcardAdmin, {
                    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    props: { policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess" },
                }),
            ).to.deep.equal([]);
        });

        it("accepts Deny statements and unknown documents", () => {
            expect(
                runResource(iamNoWildcardAdmin, {
                    type: "aws:iam/policy:Policy",
                    props: { policy: { Statement: [{ ...admin, Effect: "Deny" }] } },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(iamNoWildcardAdmin, { type: "aws:iam/policy:Policy", props: { policy: UNKNOWN_VALUE } }),
            ).to.deep.equal([]);
        });

        it("ignores other resources with a policy input", () => {
            expect(
                runResource(iamNoWildcardAdmin, {
                    type: "aws:s3/bucketPolicy:BucketPolicy",
                    props: { policy: { Statement: [admin] } },
                }),
            ).to.deep.equal([]);
        });
    });
});
