/**
 * Wiring of the observability area into a region's hub stack: the Transit Gateway's drops page
 * through the hub's own alarm topic (the hub outlives every environment's stack).
 */
import { NetworkHub } from "../components/network/hub";
import { ObservabilityStack } from "../components/observability";
import { secretConfig } from "./config";
import { StackContext } from "./context";
import { NetworkStackExports } from "./contracts";

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
            pagerDutyIntegrationKey: secretConfig("pagerDutyIntegrationKey")!,
            email: cfg.observability.email,
            overrides: cfg.observability.alarms,
            region: cfg.region,
            protectKeys: cfg.environment === "prod" || cfg.environment === "shared",
        },
        ctx.opts,
    );
    return { alarmTopicArn: obs.alarmTopicArn };
}
