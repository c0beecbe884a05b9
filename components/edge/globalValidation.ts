/**
 * EdgeDelivery's defaults and rules, without resources (the stack config checks the same).
 */
import { EdgeDeliveryArgs } from "./globalArgs";
import { REGIONAL_EDGE_DEFAULTS, isHostname } from "./settings";

export const EDGE_DEFAULTS = {
    acceleratorHealth: { intervalSeconds: 10 as const, threshold: 3 },
    priceClass: "PriceClass_All" as const,
    logRetentionDays: 90,
};

/** Every problem of the args, each naming the field, the value and what is allowed. */
export function edgeDeliveryProblems(args: EdgeDeliveryArgs): string[] {
    const p: string[] = [];
    if (!isHostname(args.domain)) p.push(`domain is ${JSON.stringify(args.domain)}, must be a lower-case DNS name`);
    if (args.regions.length === 0) p.push("regions is empty, the edge needs at least one region");
    const seen = new Set<string>();
    for (const r of args.regions) {
        if (seen.has(r.region))
            p.push(`regions has ${r.region} twice, one endpoint group and latency record per region`);
        seen.add(r.region);
        const dial = r.trafficDial ?? 100;
        if (!Number.isInteger(dial) || dial < 0 || dial > 100)
            p.push(`regions.${r.region}.trafficDial is ${dial}, must be 0-100`);
    }
    for (const g of args.geolocation ?? []) {
        if (!/^[A-Z]{2}$/.test(g.country))
            p.push(`geolocation country ${JSON.stringify(g.country)} must be an ISO 3166 alpha-2 code`);
        if (!seen.has(g.region))
            p.push(
                `geolocation ${g.country} pins ${g.region}, which is not one of the regions (${[...seen].join(", ")})`,
            );
    }
    const h = args.acceleratorHealth ?? EDGE_DEFAULTS.acceleratorHealth;
    if (![10, 30].includes(h.intervalSeconds))
        p.push(`acceleratorHealth.intervalSeconds is ${h.intervalSeconds}, GA allows 10 or 30`);
    if (!Number.isInteger(h.threshold) || h.threshold < 1 || h.threshold > 10)
        p.push(`acceleratorHealth.threshold is ${h.threshold}, GA allows 1-10`);
    const rate = args.wafRateLimit ?? REGIONAL_EDGE_DEFAULTS.wafRateLimit;
    if (!Number.isInteger(rate) || rate < 100 || rate > 2_000_000_000)
        p.push(`wafRateLimit is ${rate}, WAF allows an integer from 100 to 2000000000 (requests per 5 minutes)`);
    return p;
}
