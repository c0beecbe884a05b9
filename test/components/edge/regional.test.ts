/**
 * The regional edge in every workload stack that configures one (discovered from Pulumi.*.yaml),
 * asserted by value on the offline plan: what each ALB admits, terminates and forwards, where it
 * logs, how its targets drain, and what the WAF and the bindings are wired to.
 */
import { expect } from "chai";
import { SECRET_MARK } from "../../../automation/plan/types";
import { DiscoveredStack, Recorded, discoverStacks, planned, projectConfigOf } from "../../harness";

const withEdge = (s: DiscoveredStack) => s.role === "workload" && projectConfigOf(s.name).edge !== undefined;
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const TG = "aws:lb/targetGroup:TargetGroup";
const TGB = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";

describe("the regional edge in every workload stack (offline plan)", function () {
    this.timeout(300000);
    const stacks = discoverStacks().filter(withEdge);

    it("every workload stack has an edge part, dev and prod alike", () => {
        const workloads = discoverStacks().filter((s) => s.role === "workload");
        expect(stacks.map((s) => s.name)).to.deep.equal(workloads.map((s) => s.name));
        expect(stacks.map((s) => s.environment)).to.include.members(["dev", "prod"]);
    });

    for (const s of stacks) {
        describe(`${s.name} (${s.environment})`, () => {
            let rec: Recorded;
            const edge = projectConfigOf(s.name).edge as { domain: string; prefix?: string; wafRateLimit: number };
            const base = edge.prefix ? `${edge.prefix}.${edge.domain}` : edge.domain;
            const n = `${s.name}-edge`;
            before(async () => {
                rec = await planned(s.name);
            });
            const lb = (path: string) => rec.one(LB, `${n}-${path}`);
            const sgOf = (path: string) => rec.one("aws:ec2/securityGroup:SecurityGroup", `${n}-${path}-sg`);

            it("the CloudFront ALB is internet-facing in the public subnets, the GA ALB internal in the private ones", () => {
                expect(lb("cf").inputs).to.deep.include({
                    internal: false,
                    subnets: rec.outputs.publicSubnetIds,
                    securityGroups: [sgOf("cf").id],
                });
                expect(lb("ga").inputs).to.deep.include({
                    internal: true,
                    subnets: rec.outputs.privateSubnetIds,
                    securityGroups: [sgOf("ga").id],
                });
            });

            it("both drop invalid headers, append X-Forwarded-For, log to the SSE-S3 bucket, and are deletion-protected in prod only", () => {
                const bucket = rec.one("aws:s3/bucket:Bucket", `${n}-alb-logs`);
                for (const path of ["cf", "ga"])
                    expect(lb(path).inputs, path).to.deep.include({
                        dropInvalidHeaderFields: true,
                        xffHeaderProcessingMode: "append",
                        enableDeletionProtection: s.environment === "prod",
                        accessLogs: { bucket: bucket.id, prefix: path, enabled: true },
                    });
                const sse = rec.one(
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                    `${n}-alb-logs-encryption`,
                );
                expect((sse.inputs.rules as any)[0].applyServerSideEncryptionByDefault).to.deep.equal({
                    sseAlgorithm: "AES256",
                });
            });

            it("HTTPS on 443 with a TLS 1.3 policy and the region's DNS-validated certificate for the origin and api names", () => {
                const cert = rec.one("aws:acm/certificate:Certificate", `${n}-cert`);
                expect(cert.inputs).to.deep.include({
                    domainName: `origin.${base}`,
                    subjectAlternativeNames: [`api.${base}`],
                    validationMethod: "DNS",
                });
                const validated = rec.one(
                    "aws:acm/certificateValidation:CertificateValidation",
                    `${n}-cert-validation`,
                );
                for (const path of ["cf", "ga"]) {
                    const https = rec.one(LISTENER, `${n}-${path}-https`).inputs;
                    expect(https, path).to.deep.include({
                        port: 443,
                        protocol: "HTTPS",
                        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        certificateArn: validated.inputs.certificateArn,
                    });
                    expect(https.loadBalancerArn).to.match(new RegExp(`/${lb(path).id}$`));
                }
                for (const r of rec.all("aws:route53/record:Record", new RegExp(`^${n}-cert-validation-`))) {
                    expect(r.inputs).to.deep.include({
                        zoneId: (projectConfigOf(s.name).edge as any).hostedZoneId,
                        allowOverwrite: true,
                    });
                    // ACM gives every region of the account the same record: one region's destroy must keep it.
                    expect(r.retainOnDelete, r.name).to.equal(true);
                }
            });

            it("the CloudFront ALB forwards only with the secret origin header (a secret in the plan), answers 403 otherwise, and redirects HTTP", () => {
                const https = rec.one(LISTENER, `${n}-cf-https`).inputs as any;
                expect(https.defaultActions).to.deep.equal([
                    {
                        type: "fixed-response",
                        fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" },
                    },
                ]);
                const rule = rec.one("aws:lb/listenerRule:ListenerRule", `${n}-cf-origin-header`).inputs as any;
                expect(rule.conditions).to.deep.equal([
                    { httpHeader: { httpHeaderName: "X-Origin-Verify", values: [SECRET_MARK] } },
                ]);
                expect(rule.actions[0].type).to.equal("forward");
                expect(rule.actions[0].targetGroupArn).to.match(new RegExp(`/${rec.one(TG, `${n}-cft`).id}$`));
                expect(rec.one(LISTENER, `${n}-cf-http`).inputs.defaultActions).to.deep.equal([
                    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                ]);
                // GA traffic carries no header: its listener forwards by default.
                const ga = rec.one(LISTENER, `${n}-ga-https`).inputs as any;
                expect(ga.defaultActions[0].targetGroupArn).to.match(new RegExp(`/${rec.one(TG, `${n}-gat`).id}$`));
            });

            it("the CloudFront ALB admits only the origin-facing prefix list (one rule: its quota weight is 55), the GA ALB 443 from clients", () => {
                const cf = rec.all(RULE).filter((r) => r.inputs.securityGroupId === sgOf("cf").id);
                expect(cf.map((r) => r.inputs)).to.deep.equal([
                    {
                        description: "CloudFront origin-facing to the listeners",
                        fromPort: 80,
                        toPort: 443,
                        ipProtocol: "tcp",
                        prefixListId: {
                            "eu-central-1": "pl-a3a144ca",
                            "us-east-1": "pl-3b927c52",
                            "us-west-2": "pl-82a045eb",
                            "eu-west-2": "pl-93a247fa",
                            "ap-northeast-1": "pl-58a04531",
                            "ap-southeast-1": "pl-31a34658",
                        }[s.region],
                        securityGroupId: sgOf("cf").id,
                        tags: { Name: `${n}-cf-in` },
                    },
                ]);
                const ga = rec.all(RULE).filter((r) => r.inputs.securityGroupId === sgOf("ga").id);
                expect(ga.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort])).to.deep.equal([
                    ["0.0.0.0/0", 443, 443],
                ]);
                expect((sgOf("ga").inputs.tags as any)["platform:internet-facing"]).to.equal("true");
                for (const path of ["cf", "ga"]) {
                    const out = rec
                        .all("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                        .filter((r) => r.inputs.securityGroupId === sgOf(path).id);
                    expect(out.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort])).to.deep.equal([
                        [rec.outputs.vpcCidr, 80],
                        [rec.outputs.vpcCidr, 10254],
                    ]);
                }
            });

            it("target groups register pods by IP, drain 60 s and take a failing pod out after 2 × 10 s on nginx's /healthz", () => {
                for (const t of ["cft", "gat"])
                    expect(rec.one(TG, `${n}-${t}`).inputs).to.deep.include({
                        targetType: "ip",
                        port: 80,
                        protocol: "HTTP",
                        deregistrationDelay: 60,
                        healthCheck: {
                            enabled: true,
                            protocol: "HTTP",
                            path: "/healthz",
                            port: "10254",
                            matcher: "200",
                            interval: 10,
                            timeout: 5,
                            healthyThreshold: 2,
                            unhealthyThreshold: 2,
                        },
                    });
            });

            it("a TargetGroupBinding per target group binds ingress-nginx's Service and lets that ALB's group reach the pods", () => {
                for (const [path, t] of [
                    ["cf", "cft"],
                    ["ga", "gat"],
                ]) {
                    const b = rec.one(TGB, `${n}-${path}`).inputs as any;
                    expect(b.metadata.namespace).to.equal("ingress-nginx");
                    expect(b.spec).to.deep.equal({
                        serviceRef: { name: "ingress-nginx-controller", port: 80 },
                        targetGroupARN: `arn:aws:lb:${s.region}:123456789012:target-group/${rec.one(TG, `${n}-${t}`).id}`,
                        targetType: "ip",
                        networking: {
                            ingress: [
                                {
                                    from: [{ securityGroup: { groupID: sgOf(path).id } }],
                                    ports: [
                                        { protocol: "TCP", port: 80 },
                                        { protocol: "TCP", port: 10254 },
                                    ],
                                },
                            ],
                        },
                    });
                }
                const svc = rec.one("kubernetes:helm.sh/v3:Release", `${s.name}-eks-ingress-nginx`).inputs
                    .values as any;
                expect(svc.controller.service.type).to.equal("ClusterIP");
                // nginx trusts the VPC (the ALBs) and CloudFront's ranges as proxies, nothing else.
                const trusted = String(svc.controller.config["proxy-real-ip-cidr"]).split(",");
                expect(trusted[0]).to.equal(rec.outputs.vpcCidr);
                expect(trusted).to.include("205.251.249.0/24").and.not.include("0.0.0.0/0");
            });

            it("a REGIONAL web ACL with the common rules and a 429 rate rule at the stack's limit is on both ALBs", () => {
                const acl = rec.one("aws:wafv2/webAcl:WebAcl", `${n}-waf`).inputs as any;
                expect(acl.scope).to.equal("REGIONAL");
                expect(acl.rules.map((r: any) => r.name)).to.deep.equal([
                    "AWSManagedRulesCommonRuleSet",
                    "AWSManagedRulesKnownBadInputsRuleSet",
                    "rate-per-client-ip",
                ]);
                const rate = acl.rules[2];
                expect(rate.statement.rateBasedStatement).to.deep.equal({
                    limit: edge.wafRateLimit,
                    aggregateKeyType: "IP",
                    evaluationWindowSec: 300,
                });
                expect(rate.action.block.customResponse.responseCode).to.equal(429);
                const targets = rec
                    .all("aws:wafv2/webAclAssociation:WebAclAssociation")
                    .map((a) => String(a.inputs.resourceArn).split("/").pop());
                expect(targets).to.have.members([lb("cf").id, lb("ga").id]);
            });

            it("the access-log bucket is private, SSE-S3, TLS-only, and writable by ELB under this account's AWSLogs only", () => {
                const bucket = rec.one("aws:s3/bucket:Bucket", `${n}-alb-logs`);
                expect(
                    rec.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${n}-alb-logs-public-access`)
                        .inputs,
                ).to.deep.include({
                    bucket: bucket.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                });
                expect(
                    rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${n}-alb-logs-ownership`).inputs
                        .rule,
                ).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
                const doc = JSON.parse(
                    String(rec.one("aws:s3/bucketPolicy:BucketPolicy", `${n}-alb-logs-policy`).inputs.policy),
                );
                const [write, deny] = doc.Statement;
                expect(write.Principal.Service).to.equal("logdelivery.elasticloadbalancing.amazonaws.com");
                expect(write.Principal.AWS).to.match(/^arn:aws:iam::\d{12}:root$/);
                expect(write.Resource).to.equal(`arn:aws:s3:::${bucket.id}/*/AWSLogs/123456789012/*`);
                expect(deny).to.deep.include({
                    Effect: "Deny",
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                });
            });

            it("exports the ALB contract edge-global reads", () => {
                expect(rec.outputs).to.deep.include({
                    albArn: `arn:aws:lb:${s.region}:123456789012:load-balancer/${lb("cf").id}`,
                    acceleratorAlbArn: `arn:aws:lb:${s.region}:123456789012:load-balancer/${lb("ga").id}`,
                    albTargetGroupArn: `arn:aws:lb:${s.region}:123456789012:target-group/${rec.one(TG, `${n}-cft`).id}`,
                    edgeOriginHostname: `origin.${base}`,
                    edgeApiHostname: `api.${base}`,
                });
                expect(rec.outputs.albDnsName).to.match(new RegExp(`\\.${s.region}\\.elb\\.amazonaws\\.com$`));
            });
        });
    }
});
