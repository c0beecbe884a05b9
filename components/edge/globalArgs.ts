/**
 * Arguments of EdgeDelivery, the global edge: CloudFront with its WAF and static origin, Global
 * Accelerator, and the platform's DNS records.
 */
import * as pulumi from "@pulumi/pulumi";

/** One region's entry points, as its workload stack exports them. */
export interface EdgeRegion {
    /** The AWS region, e.g. "eu-central-1". */
    region: string;
    /** The CloudFront-facing ALB's DNS name and canonical zone id (Route 53 alias target). */
    albDnsName: pulumi.Input<string>;
    albZoneId: pulumi.Input<string>;
    /** The internal ALB Global Accelerator sends this region's traffic to. */
    acceleratorAlbArn: pulumi.Input<string>;
    /** Share of the accelerator's traffic for this region that it keeps (0-100). @default 100 */
    trafficDial?: number;
}

export interface EdgeDeliveryArgs {
    /** The platform's domain (the zone's name): apex and www go to CloudFront. */
    domain: string;
    /** The platform's public hosted zone. */
    hostedZoneId: pulumi.Input<string>;
    /** Every region behind the edge. */
    regions: EdgeRegion[];
    /** Countries (ISO 3166 alpha-2) whose viewers CloudFront sends to a pinned region, e.g. for data residency. @default none */
    geolocation?: { country: string; region: string }[];
    /** The secret CloudFront adds as the origin header every regional ALB requires. */
    originSecret: pulumi.Input<string>;
    /** The header's name. @default "X-Origin-Verify" */
    originHeaderName?: string;
    /** Requests per client IP per 5 minutes before CloudFront's WAF answers 429. @default 2000 */
    wafRateLimit?: number;
    /** Global Accelerator's endpoint-group health check (interval 10 or 30 s, threshold 1-10). @default 10 s × 3 */
    acceleratorHealth?: { intervalSeconds: 10 | 30; threshold: number };
    /** Shield Advanced protection of the distribution and the accelerator (needs the account's subscription). @default false */
    shieldAdvanced?: boolean;
    /** CloudFront price class. @default "PriceClass_All" */
    priceClass?: "PriceClass_All" | "PriceClass_200" | "PriceClass_100";
    /** Days the CloudFront access logs are kept. @default 90 */
    logRetentionDays?: number;
    /** Extra tags. @default {} */
    tags?: Record<string, string>;
}
