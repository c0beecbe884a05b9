/**
 * edge-global, asserted by value on the offline plan: what it reads from every regional stack it
 * lists, and how CloudFront, its WAF and origin, Global Accelerator and the records are set.
 */
import { expect } from "chai";
import { SECRET_MARK } from "../../../automation/plan/types";
import { Recorded, discoverStacks, planned, plannedStacks, projectConfigOf } from "../../harness";

const EDGE = discoverStacks().filter((s) => s.role === "edge");

describe("the global edge stacks (offline plan)", function () {
    this.timeout(300000);

    it("there is an edge stack, in us-east-1", () => {
        expect(EDGE.map((s) => [s.name, s.region])).to.deep.equal([["edge-global", "us-east-1"]]);
    });

    for (const s of EDGE) {
        describe(s.name, () => {
            let rec: Recorded;
            let regions: Recorded[];
            const edge = projectConfigOf(s.name).edge as {
                domain: string;
                hostedZoneId: string;
                wafRateLimit: number;
                regions: { stack: string }[];
                geolocation: { country: string; stack: string }[];
            };
            before(async () => {
                rec = await planned(s.name);
                regions = await plannedStacks((d) => edge.regions.some((r) => r.stack === d.name));
            });
            const one = (type: string, name: string) => rec.one(type, name).inputs as any;

            it("references every listed stack, and every prod workload stack is listed", () => {
                expect([...rec.plan.references].sort()).to.deep.equal(edge.regions.map((r) => r.stack).sort());
                const prod = discoverStacks().filter((d) => d.role === "workload" && d.environment === "prod");
                expect(edge.regions.map((r) => r.stack).sort()).to.deep.equal(prod.map((d) => d.name).sort());
            });

            it("the static bucket is private, SSE-KMS with its own key, versioned, old versions expire, readable by this distribution only", () => {
                const b = rec.one("aws:s3/bucket:Bucket", `${s.name}-static`);
                expect(
                    one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${s.name}-static-public-access`),
                ).to.deep.include({
                    bucket: b.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                });
                expect(
                    one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${s.name}-static-ownership`).rule,
                ).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
                const key = rec.one("aws:kms/key:Key", `${s.name}-static-key`);
                expect(
                    one(
                        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                        `${s.name}-static-encryption`,
                    ).rules[0].applyServerSideEncryptionByDefault,
                ).to.deep.equal({
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: `arn:aws:kms:us-east-1:123456789012:key/${key.id}`,
                });
                expect(JSON.parse(String(key.inputs.policy)).Statement.map((x: any) => x.Principal)).to.deep.include({
                    Service: "cloudfront.amazonaws.com",
                });
                expect(
                    one("aws:s3/bucketVersioning:BucketVersioning", `${s.name}-static-versioning`)
                        .versioningConfiguration,
                ).to.deep.equal({ status: "Enabled" });
                expect(
                    one(
                        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                        `${s.name}-static-lifecycle`,
                    ).rules,
                ).to.deep.include({
                    id: "expire-noncurrent-versions",
                    status: "Enabled",
                    filter: {},
                    noncurrentVersionExpiration: { noncurrentDays: 30 },
                });
                const [read, deny] = JSON.parse(
                    one("aws:s3/bucketPolicy:BucketPolicy", `${s.name}-static-policy`).policy,
                ).Statement;
                const distArn = one(
                    "aws:cloudwatch/logDeliverySource:LogDeliverySource",
                    `${s.name}-logs-source`,
                ).resourceArn;
                expect(read).to.deep.equal({
                    Sid: "CloudFrontReadsThroughOac",
                    Effect: "Allow",
                    Principal: { Service: "cloudfront.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: `arn:aws:s3:::${b.id}/*`,
                    Condition: { StringEquals: { "AWS:SourceArn": distArn } },
                });
                expect(distArn).to.match(/^arn:aws:cloudfront::123456789012:distribution\//);
                expect(deny.Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
            });

            it("CloudFront: the domain's aliases, a us-east-1 certificate, TLSv1.2_2021, HTTP/2 and 3, the WAF, static paths from S3 through a sigv4 OAC", () => {
                const d = one("aws:cloudfront/distribution:Distribution", s.name);
                expect(d.aliases).to.deep.equal([edge.domain, `www.${edge.domain}`]);
                expect(d.viewerCertificate).to.deep.include({
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1.2_2021",
                });
                expect(d.viewerCertificate.acmCertificateArn).to.match(/^arn:aws:acm:us-east-1:/);
                expect(d.httpVersion).to.equal("http2and3");
                expect(d.webAclId).to.match(/^arn:aws:wafv2:us-east-1:123456789012:cloudfront\/webacl\//);
                const oac = rec.one("aws:cloudfront/originAccessControl:OriginAccessControl", `${s.name}-oac`);
                expect(oac.inputs).to.deep.include({
                    originAccessControlOriginType: "s3",
                    signingBehavior: "always",
                    signingProtocol: "sigv4",
                });
                const s3 = d.origins.find((o: any) => o.originId === "static-s3");
                expect(s3.originAccessControlId).to.equal(oac.id);
                expect(s3).not.to.have.property("s3OriginConfig");
                expect(
                    d.orderedCacheBehaviors.map((b: any) => [
                        b.pathPattern,
                        b.targetOriginId,
                        b.cachePolicyId,
                        b.viewerProtocolPolicy,
                    ]),
                ).to.deep.equal([
                    ["/static/*", "static-s3", "658327ea-f89d-4fab-a63d-7e88639e58f6", "redirect-to-https"],
                    ["/media/*", "static-s3", "658327ea-f89d-4fab-a63d-7e88639e58f6", "redirect-to-https"],
                ]);
            });

            it("everything else, every method, goes https-only to the latency-routed origin with the secret header, uncached", () => {
                const d = one("aws:cloudfront/distribution:Distribution", s.name);
                const api = d.origins.find((o: any) => o.originId === "regional-albs");
                expect(api.domainName).to.equal(`origin.${edge.domain}`);
                expect(api.customOriginConfig).to.deep.include({
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                });
                expect(api.customHeaders).to.deep.equal([{ name: "X-Origin-Verify", value: SECRET_MARK }]);
                expect(d.defaultCacheBehavior).to.deep.include({
                    targetOriginId: "regional-albs",
                    viewerProtocolPolicy: "redirect-to-https",
                    cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                    originRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
                });
                expect(d.defaultCacheBehavior.allowedMethods).to.have.members([
                    "GET",
                    "HEAD",
                    "OPTIONS",
                    "PUT",
                    "POST",
                    "PATCH",
                    "DELETE",
                ]);
                const headers = rec.one(
                    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
                    `${s.name}-security-headers`,
                );
                expect(d.defaultCacheBehavior.responseHeadersPolicyId).to.equal(headers.id);
                expect((headers.inputs as any).securityHeadersConfig.strictTransportSecurity).to.deep.include({
                    accessControlMaxAgeSec: 63072000,
                    includeSubdomains: true,
                    preload: true,
                });
            });

            it("CloudFront logs to a private SSE-S3 bucket through log delivery (no ACLs needed)", () => {
                const b = rec.one("aws:s3/bucket:Bucket", `${s.name}-cf-logs`);
                expect(
                    one("aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", `${s.name}-logs-destination`)
                        .deliveryDestinationConfiguration,
                ).to.deep.equal({ destinationResourceArn: `arn:aws:s3:::${b.id}` });
                expect(
                    one(
                        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                        `${s.name}-cf-logs-encryption`,
                    ).rules[0].applyServerSideEncryptionByDefault,
                ).to.deep.equal({ sseAlgorithm: "AES256" });
                expect(
                    one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${s.name}-cf-logs-ownership`).rule,
                ).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            });

            it("the CLOUDFRONT web ACL has the four managed groups and a 429 rate rule at the configured limit", () => {
                const acl = one("aws:wafv2/webAcl:WebAcl", `${s.name}-waf`);
                expect(acl.scope).to.equal("CLOUDFRONT");
                expect(acl.rules.map((r: any) => r.name)).to.deep.equal([
                    "AWSManagedRulesCommonRuleSet",
                    "AWSManagedRulesKnownBadInputsRuleSet",
                    "AWSManagedRulesAmazonIpReputationList",
                    "AWSManagedRulesSQLiRuleSet",
                    "rate-per-client-ip",
                ]);
                expect(acl.rules[4].statement.rateBasedStatement.limit).to.equal(edge.wafRateLimit);
                expect(acl.rules[4].action.block.customResponse.responseCode).to.equal(429);
            });

            it("Global Accelerator: TCP 443, one endpoint group per region on its internal ALB, client IPs preserved", () => {
                expect(one("aws:globalaccelerator/listener:Listener", `${s.name}-ga-443`)).to.deep.include({
                    protocol: "TCP",
                    portRanges: [{ fromPort: 443, toPort: 443 }],
                });
                const groups = rec.all("aws:globalaccelerator/endpointGroup:EndpointGroup");
                expect(groups.map((g) => g.inputs.endpointGroupRegion).sort()).to.deep.equal(
                    regions.map((r) => r.plan.region).sort(),
                );
                for (const r of regions) {
                    const g = groups.find((x) => x.inputs.endpointGroupRegion === r.plan.region)!.inputs as any;
                    expect(g.endpointConfigurations).to.deep.equal([
                        { endpointId: r.outputs.acceleratorAlbArn, weight: 128, clientIpPreservationEnabled: true },
                    ]);
                    expect(g).to.deep.include({
                        healthCheckPath: "/healthz",
                        healthCheckIntervalSeconds: 10,
                        thresholdCount: 3,
                        trafficDialPercentage: 100,
                    });
                }
            });

            it("records: apex and www to CloudFront, api to the accelerator, the origin by geolocation over a latency set of every region's ALB", () => {
                const rr = rec.all("aws:route53/record:Record").map((r) => r.inputs as any);
                for (const r of rr) expect(r.zoneId).to.equal(edge.hostedZoneId);
                for (const host of [edge.domain, `www.${edge.domain}`])
                    expect(
                        rr.filter((r) => r.name === host).map((r) => [r.type, r.aliases[0].zoneId]),
                    ).to.have.deep.members([
                        ["A", "Z2FDTNDATAQYW2"],
                        ["AAAA", "Z2FDTNDATAQYW2"],
                    ]);
                expect(rr.filter((r) => r.name === `api.${edge.domain}`)).to.have.length(1);
                const latency = rr.filter((r) => r.name === `latency.origin.${edge.domain}`);
                expect(latency.map((r) => [r.setIdentifier, r.latencyRoutingPolicies[0].region])).to.have.deep.members(
                    regions.map((r) => [r.plan.region, r.plan.region]),
                );
                for (const r of regions) {
                    const l = latency.find((x) => x.setIdentifier === r.plan.region);
                    expect(l.aliases).to.deep.equal([
                        { name: r.outputs.albDnsName, zoneId: r.outputs.albZoneId, evaluateTargetHealth: true },
                    ]);
                }
                const geo = rr.filter((r) => r.name === `origin.${edge.domain}`);
                expect(geo.map((r) => r.geolocationRoutingPolicies[0].country).sort()).to.deep.equal(
                    [...edge.geolocation.map((g) => g.country), "*"].sort(),
                );
                for (const g of edge.geolocation) {
                    const pinned = regions.find((r) => r.plan.name === g.stack)!;
                    expect(geo.find((r) => r.setIdentifier === `country-${g.country}`).aliases[0].name).to.equal(
                        pinned.outputs.albDnsName,
                    );
                }
                expect(geo.find((r) => r.setIdentifier === "default").aliases).to.deep.equal([
                    { name: `latency.origin.${edge.domain}`, zoneId: edge.hostedZoneId, evaluateTargetHealth: true },
                ]);
            });
        });
    }
});
