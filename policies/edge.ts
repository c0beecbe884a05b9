/**
 * The global edge: CloudFront's region, private S3 origins, web ACL rate rules, ALBs reachable only
 * through the edge, and Global Accelerator keeping client addresses. Mandatory: a miss here is
 * either a deploy that AWS refuses late (a certificate outside us-east-1) or an open door.
 */
import { get, isUnknown, list, PlatformPolicy, resourcePolicy, stackPolicy, statementsOf, strings } from "./helpers";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const OAI = "aws:cloudfront/originAccessIdentity:OriginAccessIdentity";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WORLD = ["0.0.0.0/0", "::/0"];

/** The region of an ARN (its fourth field), or undefined for anything else. */
function arnRegion(v: unknown): string | undefined {
    return typeof v === "string" && v.startsWith("arn:") ? v.split(":")[3] : undefined;
}

export const cloudfrontUsEast1 = resourcePolicy({
    name: "cloudfront-us-east-1",
    description: "CloudFront's certificate and web ACL, and every CLOUDFRONT-scope web ACL, are in us-east-1.",
    enforcementLevel: "mandatory",
    types: [DISTRIBUTION, WEB_ACL],
    config: {},
    check(r, _cfg, report) {
        if (r.type === WEB_ACL) {
            const region = get(r.provider?.props ?? {}, "region");
            if (get(r.props, "scope") === "CLOUDFRONT" && typeof region === "string" && region !== "us-east-1")
                report(`CLOUDFRONT-scope web ACL must be created in us-east-1 (its provider is in ${region})`);
            return;
        }
        for (const [field, what] of [
            [["viewerCertificate", "acmCertificateArn"], "certificate"],
            [["webAclId"], "web ACL"],
        ] as const) {
            const region = arnRegion(get(r.props, ...field));
            if (region !== undefined && region !== "us-east-1")
                report(`CloudFront distribution's ${what} must be in us-east-1 (got ${region})`);
        }
    },
});

export const cloudfrontOacOnly = resourcePolicy({
    name: "cloudfront-oac-only",
    description: "S3 origins are reached through Origin Access Control, never a legacy origin access identity.",
    enforcementLevel: "mandatory",
    types: [DISTRIBUTION, OAI],
    config: {},
    check(r, _cfg, report) {
        if (r.type === OAI) {
            report("CloudFront origin access identity must not be used: use Origin Access Control");
            return;
        }
        const origins = list(get(r.props, "origins"));
        for (const o of isUnknown(origins) ? [] : origins) {
            const id = String(get(o, "originId"));
            const oai = get(o, "s3OriginConfig", "originAccessIdentity");
            if (typeof oai === "string" && oai !== "")
                report(`CloudFront origin ${id} must use Origin Access Control, not an origin access identity`);
            const domain = get(o, "domainName");
            const s3 = typeof domain === "string" && /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(domain);
            if (s3 && !get(o, "originAccessControlId"))
                report(`CloudFront S3 origin ${id} must set originAccessControlId`);
        }
    },
});

/** Whether a statement's Condition pins aws:SourceArn (keys are case-insensitive in IAM). */
function pinsSourceArn(condition: unknown): boolean {
    if (!condition || typeof condition !== "object") return false;
    return Object.entries(condition as Record<string, unknown>).some(
        ([op, block]) =>
            /^(StringEquals|ArnEquals|ArnLike|StringLike)$/.test(op) &&
            !!block &&
            typeof block === "object" &&
            Object.keys(block).some((k) => k.toLowerCase() === "aws:sourcearn"),
    );
}

export const s3CloudfrontSourceArn = resourcePolicy({
    name: "s3-cloudfront-source-arn",
    description: "A bucket policy that admits CloudFront names the distribution (AWS:SourceArn).",
    enforcementLevel: "mandatory",
    types: ["aws:s3/bucketPolicy:BucketPolicy"],
    config: {},
    check(r, _cfg, report) {
        const statements = statementsOf(get(r.props, "policy"));
        if (isUnknown(statements)) return;
        for (const s of statements) {
            const services = strings(get(s.Principal, "Service"));
            if (s.Effect === "Allow" && services.includes("cloudfront.amazonaws.com") && !pinsSourceArn(s.Condition))
                report(
                    `Bucket policy statement ${String(s.Sid ?? "")} admitting cloudfront.amazonaws.com must be scoped by AWS:SourceArn to one distribution`,
                );
        }
    },
});

export const webAclRateRule = resourcePolicy({
    name: "waf-rate-rule",
    description: "Every WAF web ACL has a rate-based rule that blocks.",
    enforcementLevel: "mandatory",
    types: [WEB_ACL],
    config: {},
    check(r, _cfg, report) {
        const rules = list(get(r.props, "rules"));
        if (isUnknown(rules)) return;
        const rated = rules.some(
            (x) => get(x, "statement", "rateBasedStatement") !== undefined && get(x, "action", "block") !== undefined,
        );
        if (!rated) report("WAF web ACL must have a rate-based rule that blocks");
    },
});

export const acceleratorClientIp = resourcePolicy({
    name: "ga-client-ip-preservation",
    description: "Global Accelerator endpoints that are load balancers preserve client IP addresses.",
    enforcementLevel: "mandatory",
    types: ["aws:globalaccelerator/endpointGroup:EndpointGroup"],
    config: {},
    check(r, _cfg, report) {
        const endpoints = list(get(r.props, "endpointConfigurations"));
        for (const e of isUnknown(endpoints) ? [] : endpoints) {
            const id = get(e, "endpointId");
            // Instances and Elastic IPs are ids, not ARNs; an NLB without security groups can't preserve them.
            const loadBalancer =
                isUnknown(id) || (typeof id === "string" && id.startsWith("arn:") && !id.includes("/net/"));
            if (loadBalancer && get(e, "clientIpPreservationEnabled") !== true)
                report(
                    `Global Accelerator endpoint ${isUnknown(id) ? "(unknown)" : String(id)} must preserve client IPs (clientIpPreservationEnabled)`,
                );
        }
    },
});

/**
 * An internet-facing ALB is the edge's origin: CloudFront reaches it through its prefix list, so a
 * group open to the world would let clients skip CloudFront and its WAF.
 */
export const albNotWorldOpen = stackPolicy({
    name: "alb-not-world-open",
    description: "Security groups of internet-facing ALBs admit no 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    config: {},
    check(stack, _cfg, report) {
        const groups = new Set(
            stack
                .ofType("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer")
                .filter((lb) => get(lb.props, "internal") !== true && get(lb.props, "loadBalancerType") !== "network")
                .flatMap((lb) => lb.propertyDependencies["securityGroups"] ?? []),
        );
        for (const sg of stack.ofType("aws:ec2/securityGroup:SecurityGroup").filter((g) => groups.has(g.urn))) {
            const inline = list(get(sg.props, "ingress"));
            for (const i of isUnknown(inline) ? [] : inline) {
                const open = [...strings(get(i, "cidrBlocks")), ...strings(get(i, "ipv6CidrBlocks"))].filter((c) =>
                    WORLD.includes(c),
                );
                if (open.length > 0)
                    report(`Internet-facing ALB security group must not admit ${open.join(", ")}`, sg.urn);
            }
        }
        for (const rule of stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
            const onAlb = (rule.propertyDependencies["securityGroupId"] ?? []).some((u) => groups.has(u));
            const open = [...strings(get(rule.props, "cidrIpv4")), ...strings(get(rule.props, "cidrIpv6"))].filter(
                (c) => WORLD.includes(c),
            );
            if (onAlb && open.length > 0)
                report(`Internet-facing ALB security group must not admit ${open.join(", ")}`, rule.urn);
        }
    },
});

export const edgePolicies: PlatformPolicy[] = [
    cloudfrontUsEast1,
    cloudfrontOacOnly,
    s3CloudfrontSourceArn,
    webAclRateRule,
    acceleratorClientIp,
    albNotWorldOpen,
];
