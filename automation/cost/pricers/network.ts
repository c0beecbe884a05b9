/** Network and edge: NAT, Transit Gateway, endpoints, Route 53, Global Accelerator, CloudFront, WAF. */
import { arr, hourly, monthly, str, usage } from "../parts";
import { Pricer } from "../types";

export const natGateway: Pricer = (_r, ctx) => ({
    parts: [
        hourly(ctx, "nat:hour", 1, "NAT gateway"),
        usage(ctx, "nat:data", ctx.assumptions.natDataGiB, "GiB", "natDataGiB"),
    ],
});

export const tgwAttachment: Pricer = (_r, ctx) => ({
    parts: [
        hourly(ctx, "tgw:attachment", 1, "TGW attachment"),
        usage(ctx, "tgw:data", ctx.assumptions.tgwDataGiB, "GiB", "tgwDataGiB"),
    ],
});

// Peering attachments bill hourly like VPC attachments; traffic is billed to the sending side's VPC attachment.
export const tgwPeering: Pricer = (_r, ctx) => ({
    parts: [hourly(ctx, "tgw:attachment", 1, "TGW peering attachment")],
});

export const vpcEndpoint: Pricer = (r, ctx) => {
    const kind = str(r.inputs.vpcEndpointType) ?? "Gateway";
    if (kind === "Gateway") return { noCharge: "gateway endpoints (S3, DynamoDB) have no charge" };
    if (kind !== "Interface") return { unpriced: `vpcEndpointType ${kind} has no price row` };
    const azs = arr(r.inputs.subnetIds).length;
    if (azs === 0) return { unpriced: "an interface endpoint without subnetIds: AZ count unknown" };
    return {
        parts: [
            hourly(ctx, "vpce:az-hour", azs, "endpoint ENI (one per subnet's AZ)"),
            usage(ctx, "vpce:data", ctx.assumptions.endpointDataGiB, "GiB", "endpointDataGiB"),
        ],
    };
};

// Hosted zones bill per calendar month they exist (a zone deleted within 12 hours is free): a weekend
// teardown that recreates a zone pays it again.
export const zone: Pricer = (_r, ctx) => ({ parts: [monthly(ctx, "route53:zone", 1, "hosted zone", false)] });

export const healthCheck: Pricer = (_r, ctx) => ({
    parts: [monthly(ctx, "route53:health-check", 1, "health check (AWS endpoint, basic)", false)],
});

export const accelerator: Pricer = (_r, ctx) => {
    const fee = hourly(ctx, "ga:accelerator", 1, "Global Accelerator fixed fee");
    fee.basis += "; data-transfer premium by traffic, not modelled";
    return { parts: [fee] };
};

export const distribution: Pricer = (_r, ctx) => ({
    parts: [
        usage(ctx, "cloudfront:data", ctx.assumptions.cloudfrontGiB, "GiB", "cloudfrontGiB, NA/EU rate"),
        usage(ctx, "cloudfront:https-requests", ctx.assumptions.edgeRequestsMillion, "million", "edgeRequestsMillion"),
    ],
});

export const webAcl: Pricer = (r, ctx) => ({
    parts: [
        monthly(ctx, "waf:acl", 1, "web ACL"),
        monthly(ctx, "waf:rule", arr(r.inputs.rules).length, "rule"),
        usage(ctx, "waf:requests", ctx.assumptions.edgeRequestsMillion, "million", "edgeRequestsMillion"),
    ],
});
