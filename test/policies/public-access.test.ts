import { expect } from "chai";
import { s3BucketPublicAccessBlock, s3NoPublicAcl, s3NoPublicBucketPolicy } from "../../policies/public-access";
import { mutate, resourceCases, runResource, runStack, StackResource, UNKNOWN_VALUE } from "./harness";

const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

function oacPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudFrontRead",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::pay-assets/*",
                Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/E1" } },
            },
        ],
    };
}

describe("public access policies", () => {
    describe("s3-bucket-public-access-block", () => {
        const stack = (): StackResource[] => [
            { type: "aws:s3/bucket:Bucket", name: "assets", props: {} },
            {
                type: BLOCK,
                name: "assets-pab",
                props: {
                    bucket: "id",
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                deps: { bucket: ["assets"] },
            },
        ];

        it("accepts a bucket with a full public access block", () => {
            expect(runStack(s3BucketPublicAccessBlock, stack())).to.deep.equal([]);
        });

        it("reports a bucket without a public access block", () => {
            expect(runStack(s3BucketPublicAccessBlock, [stack()[0]])).to.deep.equal([
                { message: "S3 bucket must have a BucketPublicAccessBlock", name: "assets" },
            ]);
        });

        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            it(`reports ${flag} off`, () => {
                const s = stack();
                s[1].props = mutate(s[1].props, [flag], false);
                expect(runStack(s3BucketPublicAccessBlock, s)).to.deep.equal([
                    { message: `S3 public access block must set ${flag} to true`, name: "assets-pab" },
                ]);
            });
        }

        it("reports every missing flag in one message", () => {
            const s = stack();
            s[1].props = { bucket: "id" };
            expect(runStack(s3BucketPublicAccessBlock, s)).to.deep.equal([
                {
                    message:
                        "S3 public access block must set blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets to true",
                    name: "assets-pab",
                },
            ]);
        });

        it("accepts buckets covered by a complete account-level block", () => {
            const account: StackResource = {
                type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                name: "account",
                props: {
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
            };
            expect(runStack(s3BucketPublicAccessBlock, [stack()[0], account])).to.deep.equal([]);
            const partial = { ...account, props: mutate(account.props, ["restrictPublicBuckets"], false) };
            expect(runStack(s3BucketPublicAccessBlock, [stack()[0], partial]).map((r) => r.name)).to.deep.equal([
                "account",
                "assets",
            ]);
        });
    });

    describe("s3-no-public-acl", () => {
        resourceCases(
            s3NoPublicAcl,
            () => ({ type: "aws:s3/bucketAclV2:BucketAclV2", props: { bucket: "b", acl: "private" } }),
            [
                {
                    what: "public-read",
                    path: ["acl"],
                    to: "public-read",
                    message: "S3 bucket ACL must not be public-read",
                },
                {
                    what: "public-read-write",
                    path: ["acl"],
                    to: "public-read-write",
                    message: "S3 bucket ACL must not be public-read-write",
                },
                {
                    what: "a grant to AllUsers",
                    path: ["accessControlPolicy"],
                    to: {
                        owner: { id: "o" },
                        grants: [
                            {
                                permission: "READ",
                                grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
                            },
                        ],
                    },
                    message: "S3 bucket ACL must not grant access to AllUsers",
                },
            ],
        );
        resourceCases(s3NoPublicAcl, () => ({ type: "aws:s3/bucket:Bucket", props: {} }), [
            {
                what: "an inline public ACL",
                path: ["acl"],
                to: "authenticated-read",
                message: "S3 bucket ACL must not be authenticated-read",
            },
            {
                what: "an inline grant to AuthenticatedUsers",
                path: ["grants"],
                to: [
                    {
                        type: "Group",
                        permissions: ["READ"],
                        uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                    },
                ],
                message: "S3 bucket ACL must not grant access to AuthenticatedUsers",
            },
        ]);
        resourceCases(
            s3NoPublicAcl,
            () => ({ type: "aws:s3/bucketObjectv2:BucketObjectv2", props: { bucket: "b", key: "k" } }),
            [
                {
                    what: "a public object",
                    path: ["acl"],
                    to: "public-read",
                    message: "S3 object ACL must not be public-read",
                },
            ],
        );

        it("ignores ACLs on other resource types", () => {
            expect(
                runResource(s3NoPublicAcl, { type: "aws:s3/bucketPolicy:BucketPolicy", props: { acl: "public-read" } }),
            ).to.deep.equal([]);
        });
    });

    describe("s3-no-public-bucket-policy", () => {
        const message =
            'S3 bucket policy must not allow Principal "*" without a restricting Condition (statement Public)';
        const publicStatement = {
            Sid: "Public",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "*",
        };
        resourceCases(
            s3NoPublicBucketPolicy,
            () => ({
                type: "aws:s3/bucketPolicy:BucketPolicy",
                props: { bucket: "b", policy: JSON.stringify(oacPolicy()) },
            }),
            [
                {
                    what: 'Principal "*" (JSON string)',
                    path: ["policy"],
                    to: JSON.stringify({ Statement: [publicStatement] }),
                    message,
                },
            ],
        );
        resourceCases(
            s3NoPublicBucketPolicy,
            () => ({ type: "aws:s3/bucketPolicy:BucketPolicy", props: { bucket: "b", policy: oacPolicy() } }),
            [
                {
                    what: 'Principal {AWS: "*"} (object document)',
                    path: ["policy", "Statement", 0],
                    to: { ...publicStatement, Principal: { AWS: "*" } },
                    message,
                },
                {
                    what: 'Principal {AWS: ["*"]}',
                    path: ["policy", "Statement", 0],
                    to: { ...publicStatement, Principal: { AWS: ["*"] } },
                    message,
                },
                {
                    what: "a condition that does not narrow the caller",
                    path: ["policy", "Statement", 0],
                    to: { ...publicStatement, Condition: { Bool: { "aws:SecureTransport": "true" } } },
                    message,
                },
            ],
        );

        it("accepts Principal * narrowed by a source VPC endpoint, and Deny statements", () => {
            const doc = {
                Statement: [
                    { ...publicStatement, Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } },
                    {
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: "*",
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            };
            expect(
                runResource(s3NoPublicBucketPolicy, {
                    type: "aws:s3/bucketPolicy:BucketPolicy",
                    props: { policy: doc },
                }),
            ).to.deep.equal([]);
        });

        it("checks the deprecated inline bucket policy", () => {
            const r = {
                type: "aws:s3/bucket:Bucket",
                props: { policy: JSON.stringify({ Statement: publicStatement }) },
            };
            expect(runResource(s3NoPublicBucketPolicy, r)).to.deep.equal([message]);
        });

        it("skips documents that are unknown at preview", () => {
            expect(
                runResource(s3NoPublicBucketPolicy, {
                    type: "aws:s3/bucketPolicy:BucketPolicy",
                    props: { policy: UNKNOWN_VALUE },
                }),
            ).to.deep.equal([]);
        });
    });
});
