/**
 * CloudFront: static paths from a private S3 bucket through Origin Access Control, everything else
 * to the latency-routed origin name over the regional ALBs, with the secret origin header.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag } from "../tags";

/** AWS managed policies (ids as CloudFront publishes them, the same in every account). */
export const MANAGED_POLICIES = {
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
};

/** The paths served from the static bucket. */
export const STATIC_PATHS = ["/static/*", "/media/*"];

const STATIC = "static-s3";
const API = "regional-albs";

export interface DistributionArgs {
    aliases: string[];
    certificateArn: pulumi.Input<string>;
    webAclArn: pulumi.Input<string>;
    staticBucketDomainName: pulumi.Input<string>;
    originAccessControlId: pulumi.Input<string>;
    /** The latency-routed name of the regional ALBs (their certificate covers it). */
    originHostname: string;
    originHeader: { name: string; value: pulumi.Input<string> };
    priceClass: string;
    tags: Record<string, string>;
}

/** HSTS for two years with preload, and the usual hardening headers, on every response. */
export function securityHeaders(name: string, parent: pulumi.Resource): aws.cloudfront.ResponseHeadersPolicy {
    return new aws.cloudfront.ResponseHeadersPolicy(
        `${name}-security-headers`,
        {
            comment: "HSTS and security headers on every response",
            securityHeadersConfig: {
                strictTransportSecurity: {
                    accessControlMaxAgeSec: 63072000,
                    includeSubdomains: true,
                    preload: true,
                    override: true,
                },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "DENY", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
                xssProtection: { protection: true, modeBlock: true, override: true },
            },
        },
        { parent },
    );
}

export function distribution(
    name: string,
    args: DistributionArgs,
    headers: aws.cloudfront.ResponseHeadersPolicy,
    parent: pulumi.Resource,
): aws.cloudfront.Distribution {
    const viewer = { viewerProtocolPolicy: "redirect-to-https", compress: true, responseHeadersPolicyId: headers.id };
    return new aws.cloudfront.Distribution(
        name,
        {
            enabled: true,
            aliases: args.aliases,
            httpVersion: "http2and3",
            isIpv6Enabled: true,
            priceClass: args.priceClass,
            webAclId: args.webAclArn,
            viewerCertificate: {
                acmCertificateArn: args.certificateArn,
                sslSupportMethod: "sni-only",
                minimumProtocolVersion: "TLSv1.2_2021",
            },
            origins: [
                {
                    originId: STATIC,
                    domainName: args.staticBucketDomainName,
                    originAccessControlId: args.originAccessControlId,
                },
                {
                    originId: API,
                    domainName: args.originHostname,
                    customOriginConfig: {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "https-only",
                        originSslProtocols: ["TLSv1.2"],
                        originReadTimeout: 30,
                        originKeepaliveTimeout: 5,
                    },
                    customHeaders: [{ name: args.originHeader.name, value: args.originHeader.value }],
                },
            ],
            // Every method to the nearest healthy region: origin groups fail over only GET, HEAD
            // and OPTIONS, no answer for a payments API, so failover is Route 53's (latency + health).
            defaultCacheBehavior: {
                ...viewer,
                targetOriginId: API,
                allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                cachedMethods: ["GET", "HEAD"],
                cachePolicyId: MANAGED_POLICIES.cachingDisabled,
                originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
            },
            orderedCacheBehaviors: STATIC_PATHS.map((pathPattern) => ({
                ...viewer,
                pathPattern,
                targetOriginId: STATIC,
                allowedMethods: ["GET", "HEAD"],
                cachedMethods: ["GET", "HEAD"],
                cachePolicyId: MANAGED_POLICIES.cachingOptimized,
            })),
            restrictions: { geoRestriction: { restrictionType: "none" } },
            tags: nameTag(name, args.tags),
        },
        { parent },
    );
}

/**
 * Standard logging (v2) to S3 through CloudWatch Logs delivery: the legacy S3 logging writes with
 * bucket ACLs, which BucketOwnerEnforced turns off, so the private log bucket needs this one.
 */
export function accessLogging(
    name: string,
    dist: aws.cloudfront.Distribution,
    bucketArn: pulumi.Input<string>,
    dependsOn: pulumi.Resource[],
    parent: pulumi.Resource,
): void {
    const source = new aws.cloudwatch.LogDeliverySource(
        `${name}-logs-source`,
        { logType: "ACCESS_LOGS", resourceArn: dist.arn },
        { parent },
    );
    const destination = new aws.cloudwatch.LogDeliveryDestination(
        `${name}-logs-destination`,
        { outputFormat: "parquet", deliveryDestinationConfiguration: { destinationResourceArn: bucketArn } },
        { parent, dependsOn },
    );
    new aws.cloudwatch.LogDelivery(
        `${name}-logs`,
        { deliverySourceName: source.name, deliveryDestinationArn: destination.arn },
        { parent },
    );
}
