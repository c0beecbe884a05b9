/**
 * The platform's records in its public zone.
 *
 * - apex and www: aliases to CloudFront (A and AAAA).
 * - the origin name CloudFront resolves: geolocation for the pinned countries (each to its region's
 *   ALB), and a default that aliases the latency set, one record per region. Route 53 refuses two
 *   routing policies on one name, hence the two levels. Every alias evaluates its target's health:
 *   an ALB without healthy targets drops out, and a pinned country falls back to the default.
 *   Route 53's own HTTP health checkers could not pass the ALB (its group admits CloudFront only,
 *   and its listener requires the secret header), so target health is the health check.
 * - api: an alias to the accelerator, which routes to the nearest healthy region itself.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EdgeRegion } from "./globalArgs";

/** CloudFront's and Global Accelerator's alias zone ids (fixed by AWS for every distribution and accelerator). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

export interface DnsArgs {
    zoneId: pulumi.Input<string>;
    domain: string;
    originHostname: string;
    apiHostname: string;
    regions: EdgeRegion[];
    geolocation: { country: string; region: string }[];
    distribution: aws.cloudfront.Distribution;
    accelerator: aws.globalaccelerator.Accelerator;
}

const label = (host: string) => host.replace(/\./g, "-");

export function records(name: string, args: DnsArgs, parent: pulumi.Resource): void {
    const opts = { parent };
    const cf = { name: args.distribution.domainName, zoneId: CLOUDFRONT_ZONE_ID, evaluateTargetHealth: false };
    for (const host of [args.domain, `www.${args.domain}`])
        for (const type of ["A", "AAAA"])
            new aws.route53.Record(
                `${name}-${label(host)}-${type}`,
                { zoneId: args.zoneId, name: host, type, aliases: [cf] },
                opts,
            );
    new aws.route53.Record(
        `${name}-${label(args.apiHostname)}-A`,
        {
            zoneId: args.zoneId,
            name: args.apiHostname,
            type: "A",
            aliases: [
                { name: args.accelerator.dnsName, zoneId: args.accelerator.hostedZoneId, evaluateTargetHealth: true },
            ],
        },
        opts,
    );
    originRecords(name, args, parent);
}

/** The origin tree: geolocation for pinned countries over a latency set of every region's ALB. */
function originRecords(name: string, args: DnsArgs, parent: pulumi.Resource): void {
    const opts = { parent };
    const latencyName = `latency.${args.originHostname}`;
    const alb = (r: EdgeRegion) => ({ name: r.albDnsName, zoneId: r.albZoneId, evaluateTargetHealth: true });
    for (const r of args.regions)
        new aws.route53.Record(
            `${name}-origin-latency-${r.region}`,
            {
                zoneId: args.zoneId,
                name: latencyName,
                type: "A",
                setIdentifier: r.region,
                latencyRoutingPolicies: [{ region: r.region }],
                aliases: [alb(r)],
            },
            opts,
        );
    for (const g of args.geolocation) {
        const r = args.regions.find((x) => x.region === g.region)!;
        new aws.route53.Record(
            `${name}-origin-geo-${g.country.toLowerCase()}`,
            {
                zoneId: args.zoneId,
                name: args.originHostname,
                type: "A",
                setIdentifier: `country-${g.country}`,
                geolocationRoutingPolicies: [{ country: g.country }],
                aliases: [alb(r)],
            },
            opts,
        );
    }
    // The default answers every viewer no country record matches (or whose pinned region is down).
    new aws.route53.Record(
        `${name}-origin-geo-default`,
        {
            zoneId: args.zoneId,
            name: args.originHostname,
            type: "A",
            setIdentifier: "default",
            geolocationRoutingPolicies: [{ country: "*" }],
            aliases: [{ name: latencyName, zoneId: args.zoneId, evaluateTargetHealth: true }],
        },
        opts,
    );
}
