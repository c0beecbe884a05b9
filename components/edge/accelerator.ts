/**
 * Global Accelerator: two static anycast addresses, TCP 443, one endpoint group per region with
 * the region's internal ALB as endpoint and client IP preservation on (the ALB, its WAF and nginx
 * see the client, not GA).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag } from "../tags";
import { EdgeRegion } from "./globalArgs";
import { NGINX_HEALTH } from "./settings";

export interface AcceleratorArgs {
    regions: EdgeRegion[];
    health: { intervalSeconds: 10 | 30; threshold: number };
    tags: Record<string, string>;
}

export function accelerator(
    name: string,
    args: AcceleratorArgs,
    parent: pulumi.Resource,
): aws.globalaccelerator.Accelerator {
    const ga = new aws.globalaccelerator.Accelerator(
        `${name}-ga`,
        { ipAddressType: "IPV4", enabled: true, tags: nameTag(`${name}-ga`, args.tags) },
        { parent },
    );
    const listener = new aws.globalaccelerator.Listener(
        `${name}-ga-443`,
        {
            acceleratorArn: ga.arn,
            protocol: "TCP",
            portRanges: [{ fromPort: 443, toPort: 443 }],
            clientAffinity: "NONE",
        },
        { parent },
    );
    for (const r of args.regions)
        new aws.globalaccelerator.EndpointGroup(
            `${name}-ga-${r.region}`,
            {
                listenerArn: listener.arn,
                endpointGroupRegion: r.region,
                trafficDialPercentage: r.trafficDial ?? 100,
                // For ALB endpoints GA also honours the load balancer's own target health.
                healthCheckProtocol: "HTTPS",
                healthCheckPort: 443,
                healthCheckPath: NGINX_HEALTH.path,
                healthCheckIntervalSeconds: args.health.intervalSeconds,
                thresholdCount: args.health.threshold,
                endpointConfigurations: [
                    { endpointId: r.acceleratorAlbArn, weight: 128, clientIpPreservationEnabled: true },
                ],
            },
            { parent },
        );
    return ga;
}
