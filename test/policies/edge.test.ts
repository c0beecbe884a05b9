import { expect } from "chai";
import {
    acceleratorClientIp,
    albNotWorldOpen,
    cloudfrontOacOnly,
    cloudfrontUsEast1,
    s3CloudfrontSourceArn,
    webAclRateRule,
} from "../../policies/edge";
import { mutate, resourceCases, runResource, runStack, StackResource, TestResource } from "./harness";

const DIST_ARN = "arn:aws:cloudfront::123456789012:distribution/E1";

const distribution = (): TestResource => ({
    type: "aws:cloudfront/distribution:Distribution",
    props: {
        viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c1" },
        webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/w/1",
        origins: [
            { originId: "static", domainName: "b.s3.us-east-1.amazonaws.com", originAccessControlId: "E2OAC" },
            {
                originId: "api",
                domainName: "origin.example.com",
                customOriginConfig: { originProtocolPolicy: "https-only" },
            },
        ],
    },
});

describe("edge policies", () => {
    describe("cloudfront-us-east-1", () => {
        resourceCases(cloudfrontUsEast1, distribution, [
            {
                what: "a certificate in eu-central-1",
                path: ["viewerCertificate", "acmCertificateArn"],
                to: "arn:aws:acm:eu-central-1:123456789012:certificate/c1",
                message: "CloudFront distribution's certificate must be in us-east-1 (got eu-central-1)",
            },
            {
                what: "a web ACL of another region",
                path: ["webAclId"],
                to: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/w/1",
                message: "CloudFront distribution's web ACL must be in us-east-1 (got eu-west-1)",
            },
        ]);
        it("reports a CLOUDFRONT-scope web ACL on a provider outside us-east-1", () => {
            const acl = (region: string): TestResource => ({
                type: "aws:wafv2/webAcl:WebAcl",
                props: { scope: "CLOUDFRONT", rules: [] },
                provider: { type: "pulumi:providers:aws", name: "p", props: { region } },
            });
            expect(runResource(cloudfrontUsEast1, acl("us-east-1"))).to.deep.equal([]);
            expect(runResource(cloudfrontUsEast1, acl("eu-central-1"))).to.deep.equal([
                "CLOUDFRONT-scope web ACL must be created in us-east-1 (its provider is in eu-central-1)",
            ]);
        });
    });

    describe("cloudfront-oac-only", () => {
        resourceCases(cloudfrontOacOnly, distribution, [
            {
                what: "an S3 origin without OAC",
                path: ["origins", 0, "originAccessControlId"],
                to: undefined,
                message: "CloudFront S3 origin static must set originAccessControlId",
            },
            {
                what: "an S3 origin through an OAI",
                path: ["origins", 0, "s3OriginConfig"],
                to: { originAccessIdentity: "origin-access-identity/cloudfront/E3" },
                message: "CloudFront origin static must use Origin Access Control, not an origin access identity",
            },
        ]);
        it("reports every origin access identity resource", () => {
            expect(
                runResource(cloudfrontOacOnly, {
                    type: "aws:cloudfront/originAccessIdentity:OriginAccessIdentity",
                    props: {},
                }),
            ).to.deep.equal(["CloudFront origin access identity must not be used: use Origin Access Control"]);
        });
    });

    describe("s3-cloudfront-source-arn", () => {
        const read = {
            Sid: "CloudFront",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::b/*",
            Condition: { StringEquals: { "AWS:SourceArn": DIST_ARN } },
        };
        const policy = (): TestResource => ({
            type: "aws:s3/bucketPolicy:BucketPolicy",
            props: { bucket: "b", policy: { Statement: [read] } },
        });
        resourceCases(s3CloudfrontSourceArn, policy, [
            {
                what: "CloudFront admitted for every distribution",
                path: ["policy", "Statement", 0, "Condition"],
                to: undefined,
                message:
                    "Bucket policy statement CloudFront admitting cloudfront.amazonaws.com must be scoped by AWS:SourceArn to one distribution",
            },
            {
                what: "a condition on the account only",
                path: ["policy", "Statement", 0, "Condition"],
                to: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                message:
                    "Bucket policy statement CloudFront admitting cloudfront.amazonaws.com must be scoped by AWS:SourceArn to one distribution",
            },
        ]);
    });

    describe("waf-rate-rule", () => {
        const acl = (): TestResource => ({
            type: "aws:wafv2/webAcl:WebAcl",
            props: {
                scope: "REGIONAL",
                rules: [
                    {
                        name: "common",
                        statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet" } },
                        overrideAction: { none: {} },
                    },
                    {
                        name: "rate",
                        statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
                        action: { block: {} },
                    },
                ],
            },
        });
        resourceCases(webAclRateRule, acl, [
            {
                what: "no rate rule",
                path: ["rules", 1],
                to: { name: "x", statement: {}, action: { block: {} } },
                message: "WAF web ACL must have a rate-based rule that blocks",
            },
            {
                what: "a rate rule that only counts",
                path: ["rules", 1, "action"],
                to: { count: {} },
                message: "WAF web ACL must have a rate-based rule that blocks",
            },
        ]);
    });

    describe("ga-client-ip-preservation", () => {
        const ALB = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/ga/1";
        const group = (): TestResource => ({
            type: "aws:globalaccelerator/endpointGroup:EndpointGroup",
            props: { endpointConfigurations: [{ endpointId: ALB, clientIpPreservationEnabled: true }] },
        });
        resourceCases(acceleratorClientIp, group, [
            {
                what: "an ALB endpoint without client IP preservation",
                path: ["endpointConfigurations", 0, "clientIpPreservationEnabled"],
                to: false,
                message: `Global Accelerator endpoint ${ALB} must preserve client IPs (clientIpPreservationEnabled)`,
            },
        ]);
        it("leaves Elastic IP endpoints alone (they can't preserve)", () => {
            const r = group();
            r.props = mutate(r.props, ["endpointConfigurations", 0], { endpointId: "eipalloc-0abc" });
            expect(runResource(acceleratorClientIp, r)).to.deep.equal([]);
        });
    });

    describe("alb-not-world-open", () => {
        const stack = (): StackResource[] => [
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "cf-sg", props: {} },
            {
                type: "aws:lb/loadBalancer:LoadBalancer",
                name: "cf",
                props: { internal: false, loadBalancerType: "application", securityGroups: ["sg-1"] },
                deps: { securityGroups: ["cf-sg"] },
            },
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "cf-in",
                props: {
                    securityGroupId: "sg-1",
                    prefixListId: "pl-a3a144ca",
                    fromPort: 80,
                    toPort: 443,
                    ipProtocol: "tcp",
                },
                deps: { securityGroupId: ["cf-sg"] },
            },
        ];
        it("accepts an internet-facing ALB reached through a prefix list", () =>
            expect(runStack(albNotWorldOpen, stack())).to.deep.equal([]));
        it("reports an ingress rule from 0.0.0.0/0 on it", () => {
            const s = stack();
            s[2].props = mutate(mutate(s[2].props, ["prefixListId"], undefined), ["cidrIpv4"], "0.0.0.0/0");
            expect(runStack(albNotWorldOpen, s)).to.deep.equal([
                { message: "Internet-facing ALB security group must not admit 0.0.0.0/0", name: "cf-in" },
            ]);
        });
        it("reports an inline ::/0 ingress on it", () => {
            const s = stack();
            s[0].props = { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }] };
            expect(runStack(albNotWorldOpen, s)).to.deep.equal([
                { message: "Internet-facing ALB security group must not admit ::/0", name: "cf-sg" },
            ]);
        });
        it("leaves an internal ALB (Global Accelerator's, reachable only through it) alone", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["internal"], true);
            s[2].props = mutate(mutate(s[2].props, ["prefixListId"], undefined), ["cidrIpv4"], "0.0.0.0/0");
            expect(runStack(albNotWorldOpen, s)).to.deep.equal([]);
        });
    });
});
