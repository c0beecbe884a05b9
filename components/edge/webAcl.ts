/**
 * A WAF web ACL: AWS managed rule groups, then a per-client-IP rate rule answering 429. Shared by the
 * regional ALBs (REGIONAL scope) and CloudFront (CLOUDFRONT scope, us-east-1 only).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The managed groups each scope starts with (vendor AWS). */
export const REGIONAL_MANAGED_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];
export const CLOUDFRONT_MANAGED_GROUPS = [
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesSQLiRuleSet",
];

/** The custom response body key of the rate rule's 429. */
const TOO_MANY = "too-many-requests";

export interface WebAclArgs {
    scope: "REGIONAL" | "CLOUDFRONT";
    /** AWS managed rule group names, evaluated in this order before the rate rule. */
    managedGroups: string[];
    /** Requests per client IP per 5 minutes. */
    rateLimit: number;
    tags?: Record<string, string>;
}

const visibility = (metricName: string): aws.types.input.wafv2.WebAclRuleVisibilityConfig => ({
    cloudwatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName,
});

/** The rules, as a pure value (tests and policies read the same shape). */
export function webAclRules(name: string, args: WebAclArgs): aws.types.input.wafv2.WebAclRule[] {
    const managed = args.managedGroups.map((group, i) => ({
        name: group,
        priority: i,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: visibility(`${name}-${group}`),
    }));
    const rate: aws.types.input.wafv2.WebAclRule = {
        name: "rate-per-client-ip",
        priority: managed.length,
        action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: TOO_MANY } } },
        statement: { rateBasedStatement: { limit: args.rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
        visibilityConfig: visibility(`${name}-rate`),
    };
    return [...managed, rate];
}

export function webAcl(name: string, args: WebAclArgs, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
    return new aws.wafv2.WebAcl(
        name,
        {
            scope: args.scope,
            defaultAction: { allow: {} },
            rules: webAclRules(name, args),
            customResponseBodies: [
                { key: TOO_MANY, contentType: "APPLICATION_JSON", content: '{"error":"too many requests"}' },
            ],
            visibilityConfig: visibility(name),
            tags: args.tags,
        },
        opts,
    );
}
