import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { allPolicies, PACK_NAME } from "../../policies/pack";

const MANDATORY = [
    "s3-bucket-encryption",
    "rds-storage-encrypted",
    "ebs-encryption",
    "eks-secrets-encryption",
    "cloudwatch-log-group-kms",
    "sns-topic-kms",
    "sqs-queue-kms",
    "elasticache-at-rest-encryption",
    "efs-encryption",
    "backup-vault-kms",
    "rds-performance-insights-kms",
    "kms-key-rotation",
    "s3-bucket-public-access-block",
    "s3-no-public-acl",
    "s3-no-public-bucket-policy",
    "lb-listener-tls",
    "lb-http-listener-rules-redirect",
    "cloudfront-tls",
    "rds-parameter-group-tls",
    "rds-tls-parameter-group-attached",
    "rds-proxy-require-tls",
    "elasticache-transit-encryption",
    "s3-bucket-secure-transport",
    "cloudfront-us-east-1",
    "cloudfront-oac-only",
    "s3-cloudfront-source-arn",
    "waf-rate-rule",
    "ga-client-ip-preservation",
    "alb-not-world-open",
    "cloudwatch-alarm-actions",
];

const ADVISORY = [
    "security-group-no-public-ingress",
    "ec2-imdsv2-required",
    "eks-endpoint-restricted",
    "rds-deletion-protection",
    "rds-backup-retention",
    "iam-no-wildcard-admin",
    "required-tags",
    "synthetics-canary-runtime",
];

describe("policy pack shape", () => {
    it("has the agreed mandatory and advisory policies, each name once", () => {
        const levels = Object.fromEntries(allPolicies.map((p) => [p.name, p.enforcementLevel]));
        expect(Object.keys(levels)).to.have.length(allPolicies.length);
        expect(Object.keys(levels).filter((n) => levels[n] === "mandatory")).to.have.members(MANDATORY);
        expect(Object.keys(levels).filter((n) => levels[n] === "advisory")).to.have.members(ADVISORY);
    });

    for (const p of allPolicies) {
        it(`${p.name}: kebab-case name, one-sentence description, config schema with defaults`, () => {
            expect(p.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(p.description).to.match(/^[A-Z][^]*\.$/);
            expect(p.description.slice(0, -1)).not.to.match(/\.\s/);
            const props = p.configSchema?.properties ?? {};
            expect(Object.keys(props)).to.include("exemptResources");
            for (const [k, schema] of Object.entries(props)) {
                expect(schema, `${p.name}.${k}`).to.have.property("default");
                expect(schema, `${p.name}.${k}`).to.have.property("description");
            }
        });
    }

    it("is a nodejs pack named payments-platform whose package has a version and the pinned SDKs", () => {
        const dir = path.join(__dirname, "../../policies");
        const yaml = fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8");
        expect(yaml).to.match(/^runtime: nodejs$/m);
        expect(yaml).to.match(/^description: \S/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        expect(pkg).to.include({ name: "payments-platform-policies", main: "index.ts" });
        expect(pkg.version).to.match(/^\d+\.\d+\.\d+$/);
        expect(pkg.dependencies).to.deep.equal({ "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.270.0" });
        expect(PACK_NAME).to.equal("payments-platform");
    });
});
