/**
 * Wiring of the observability area into a region's hub stack (the Transit Gateway's drops page
 * through the hub's own alarm topic: the hub outlives every environment's stack) and into the
 * global edge stack (CloudFront and its WAF, whose metrics exist in us-east-1 only).
 */
import * as pulumi from "@pulumi/pulumi";
import { EdgeDelivery } from "../components/edge";
import { NetworkHub } from "../components/network/hub";
import { ObservabilityStack, ObservabilityStackArgs } from "../components/observability";
import { webAclNameOf } from "../components/observability/arns";
import { secretConfig } from "./config";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";

/** What every stack's ObservabilityStack takes from its config: paging, overrides, key protection. */
export function stackObservabilityArgs(
    ctx: StackContext,
): Pick<ObservabilityStackArgs, "pagerDutyIntegrationKey" | "email" | "overrides" | "region" | "protectKeys"> {
    const { cfg } = ctx;
    return {
        pagerDutyIntegrationKey: secretConfig("pagerDutyIntegrationKey")!,
        email: cfg.observability.email,
        overrides: cfg.observability.alarms,
        region: cfg.region,
        protectKeys: cfg.environment === "prod" || cfg.environment === "shared",
    };
}

export function buildHubObservability(ctx: StackContext, hub: NetworkHub): Pick<NetworkStackExports, "alarmTopicArn"> {
    const { cfg } = ctx;
    const obs = new ObservabilityStack(
        `${cfg.stack}-obs`,
        {
            targets: [
                {
                    label: "tgw",
                    resourceType: "aws:ec2transitgateway/transitGateway:TransitGateway",
                    dimensions: { TransitGateway: hub.transitGatewayId },
                },
            ],
            ...stackObservabilityArgs(ctx),
        },
        ctx.opts,
    );
    return { alarmTopicArn: obs.alarmTopicArn };
}

/**
 * edge-global's alarms: the distribution's error rates and the CloudFront web ACL's blocks. Global
 * Accelerator publishes traffic counts only (flows, bytes), no health metric worth a page: a region
 * it can't reach shows in that region's ALB alarms and in its canary, which GETs the api name through
 * the accelerator. The edge creates no Route 53 health check (components/edge/dns.ts: target health
 * is the check), so there is none to alarm on.
 */
export function buildEdgeObservability(ctx: StackContext, edge: EdgeDelivery): Record<string, pulumi.Output<string>> {
    const { cfg } = ctx;
    const obs = new ObservabilityStack(
        `${cfg.stack}-obs`,
        {
            targets: [
                {
                    label: "cloudfront",
                    resourceType: "aws:cloudfront/distribution:Distribution",
                    dimensions: { DistributionId: edge.distributionId },
                },
                {
                    label: "cloudfront-waf",
                    resourceType: "aws:wafv2/webAcl:WebAcl",
                    // CloudWatch names a web ACL by its name: the ARN's `…/webacl/<name>/<id>`.
                    dimensions: { WebACL: edge.webAclArn.apply(webAclNameOf) },
                    traits: ["cloudfront-scope"],
                },
            ],
            ...stackObservabilityArgs(ctx),
        },
        ctx.opts,
    );
    return { alarmTopicArn: obs.alarmTopicArn, dashboardName: obs.dashboardName };
}
