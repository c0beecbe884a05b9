/**
 * The global edge stack (edge-global, us-east-1): reads every regional stack its config lists
 * through typed stack references, checks what it read before any resource, then builds EdgeDelivery.
 */
import * as pulumi from "@pulumi/pulumi";
import { EdgeDelivery, FailoverInputs, rtoProblems } from "../components/edge";
import { secretConfig } from "./config";
import { DEFAULT_RTO_SECONDS, EdgeConfig, edgeHostnames } from "./config/edge";
import { StackContext } from "./context";
import { WorkloadReference, readWorkload } from "./contracts";
import { StackSettings } from "./config";
import { buildEdgeObservability } from "./observability";

const PROJECT = "payments-platform";

/** One listed region, as read from its stack. */
export interface EdgeRegionView {
    ref: WorkloadReference;
    region: string;
    trafficDial: number;
    originHostname: string;
    targetHealth: { intervalSeconds: number; threshold: number };
}

/** Reads every listed stack's plain facts (stack references create nothing in AWS). */
export async function readEdgeRegions(cfg: StackSettings): Promise<EdgeRegionView[]> {
    return Promise.all(
        (cfg.edge?.regions ?? []).map(async (r) => {
            const ref = readWorkload(r.stack);
            const [region, originHostname, targetHealth] = await Promise.all([
                ref.value("region"),
                ref.value("edgeOriginHostname"),
                ref.value("albTargetHealth"),
            ]);
            return { ref, region, trafficDial: r.trafficDial, originHostname, targetHealth };
        }),
    );
}

/**
 * What the references must agree on: each region's ALB certificate covers the origin name
 * CloudFront will use (else every origin request fails TLS), one stack per region, and every
 * entry path fails over within the RTO.
 */
export function edgeRegionProblems(e: EdgeConfig, views: EdgeRegionView[]): string[] {
    const problems: string[] = [];
    const origin = edgeHostnames({ domain: e.domain }).origin;
    const seen = new Map<string, string>();
    for (const v of views) {
        if (v.originHostname !== origin)
            problems.push(
                `${PROJECT}:edge.regions stack ${v.ref.stack} answers for ${v.originHostname}, CloudFront's origin is ${origin} (its edge.domain must be ${e.domain}, without a prefix)`,
            );
        const other = seen.get(v.region);
        if (other)
            problems.push(
                `${PROJECT}:edge.regions lists ${other} and ${v.ref.stack}, both in ${v.region}: one stack per region`,
            );
        seen.set(v.region, v.ref.stack);
    }
    const slowest = views.reduce(
        (a, v) =>
            v.targetHealth.intervalSeconds * v.targetHealth.threshold > a.intervalSeconds * a.threshold
                ? v.targetHealth
                : a,
        { intervalSeconds: 0, threshold: 0 },
    );
    const inputs: FailoverInputs = {
        target: slowest,
        // Alias records to an ALB answer with the ALB's own 60 s TTL.
        dnsTtlSeconds: 60,
        accelerator: e.acceleratorHealth ?? { intervalSeconds: 10, threshold: 3 },
    };
    problems.push(
        ...rtoProblems(inputs, e.rtoSeconds ?? DEFAULT_RTO_SECONDS).map((p) => `${PROJECT}:edge.rtoSeconds: ${p}`),
    );
    return problems;
}

export function buildEdgeStack(ctx: StackContext, views: EdgeRegionView[]): Record<string, pulumi.Input<unknown>> {
    const e = ctx.cfg.edge!;
    const byStack = new Map(views.map((v) => [v.ref.stack, v]));
    const edge = new EdgeDelivery(
        `${ctx.cfg.stack}`,
        {
            domain: e.domain,
            hostedZoneId: e.hostedZoneId,
            regions: views.map((v) => ({
                region: v.region,
                albDnsName: v.ref.get("albDnsName"),
                albZoneId: v.ref.get("albZoneId"),
                acceleratorAlbArn: v.ref.get("acceleratorAlbArn"),
                trafficDial: v.trafficDial,
            })),
            geolocation: (e.geolocation ?? []).map((g) => ({
                country: g.country,
                region: byStack.get(g.stack)!.region,
            })),
            originSecret: secretConfig("edgeOriginSecret") ?? pulumi.secret(""),
            wafRateLimit: e.wafRateLimit,
            acceleratorHealth: e.acceleratorHealth,
            shieldAdvanced: e.shieldAdvanced,
            priceClass: e.priceClass,
            logRetentionDays: e.accessLogRetentionDays,
        },
        { ...ctx.opts },
    );
    return {
        region: ctx.cfg.region,
        distributionId: edge.distributionId,
        distributionDomainName: edge.distributionDomainName,
        acceleratorDnsName: edge.acceleratorDnsName,
        webAclArn: edge.webAclArn,
        staticBucket: edge.staticBucket,
        regions: views.map((v) => v.region),
        ...buildEdgeObservability(ctx, edge),
    };
}
