/**
 * The Django web frontend and API (issue 15): a Deployment each behind ingress-nginx, on the host
 * names the edge's ALBs answer for, autoscaled on CPU and memory, kept through disruptions, and
 * drained before each pod stops (draining.ts has the numbers).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { REGIONAL_EDGE_DEFAULTS, isHostname } from "../../edge/settings";
import { AppContext } from "../context";
import { serviceObjects } from "./objects";
import { webPolicies } from "./policies";
import { WEB_SERVICES, WebService, WebSettings, resolveWebSettings } from "./settings";

export * from "./draining";
export * from "./settings";
export { INGRESS_NGINX } from "./policies";

export interface WebArgs {
    /**
     * The host each service's Ingress answers for: `web` the origin name CloudFront sends as Host
     * (the edge's `origin.<base>`), `api` the API's name (Global Accelerator's, `api.<base>`).
     */
    hosts: Record<WebService, string>;
    /** The edge ALB target groups' deregistration delay, seconds. @default 60 (components/edge's default) */
    deregistrationDelaySeconds?: number;
    /** Sizes, probes and draining. @default see WebSettings */
    settings?: WebSettings;
    /**
     * What the pods need before they start: the database users' bootstrap Job and the ExternalSecrets
     * behind `db-web`, `db-api` and `cache-auth`. @default []
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** The part's Deployments, for whoever needs to wait on them. */
export interface WebPart {
    deployments: Record<WebService, k8s.apps.v1.Deployment>;
}

export function buildWeb(ctx: AppContext, args: WebArgs): WebPart {
    const { services, problems } = resolveWebSettings(args.settings ?? {}, {
        prod: ctx.prod,
        deregistrationDelaySeconds:
            args.deregistrationDelaySeconds ?? REGIONAL_EDGE_DEFAULTS.draining.deregistrationDelaySeconds,
        deregistrationDelayKey: "deregistrationDelaySeconds",
        key: "settings",
    });
    for (const svc of WEB_SERVICES)
        if (!isHostname(args.hosts[svc] ?? ""))
            problems.push(`hosts.${svc} is ${JSON.stringify(args.hosts[svc])}, must be a lower-case DNS name`);
    if (problems.length > 0) throw new Error(`Invalid web args:\n - ${problems.join("\n - ")}`);
    const deployments = Object.fromEntries(
        WEB_SERVICES.map((svc) => {
            webPolicies(ctx, svc);
            const objects = serviceObjects(ctx, {
                svc,
                settings: services[svc],
                host: args.hosts[svc],
                dependsOn: [...(args.dependsOn ?? []), ...(ctx.dbReady ?? [])],
            });
            return [svc, objects.deployment];
        }),
    ) as Record<WebService, k8s.apps.v1.Deployment>;
    return { deployments };
}
