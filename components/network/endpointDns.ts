/**
 * DNS for the hub's centralized interface endpoints (AWS whitepaper "Building a Scalable and Secure
 * Multi-VPC AWS Network Infrastructure", Centralized access to VPC private endpoints): the endpoints
 * run with private DNS off, because the zone AWS manages for private DNS only answers inside the
 * endpoint's own VPC. Instead, one Route 53 private hosted zone per service, named for the service's
 * regional DNS name, holds alias records to the endpoint; the hub associates it with the
 * shared-services VPC and every spoke associates it with its own VPC from its own stack. Spoke hosts
 * must use their VPC's Route 53 Resolver (the .2 address, the default) to see the shared zones.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The private DNS name(s) a service's interface endpoint answers for, as a zone and its records. */
export interface EndpointDnsName {
    /** The private hosted zone's name, e.g. "sts.eu-central-1.amazonaws.com". */
    zoneName: string;
    /** Whether the service's private DNS name is a wildcard ("*.<zone>"), which needs a `*` record too. */
    wildcard: boolean;
}

/**
 * Services whose private DNS name is not "<service>.<region>.amazonaws.com". ECR's API answers on
 * api.ecr.<region> (the ECR docs: through PrivateLink you must use the api.ecr endpoint), and the
 * registry is addressed as <account>.dkr.ecr.<region>, so its private DNS name is a wildcard.
 */
const IRREGULAR: Record<string, (region: string) => EndpointDnsName> = {
    "ecr.api": (r) => ({ zoneName: `api.ecr.${r}.amazonaws.com`, wildcard: false }),
    "ecr.dkr": (r) => ({ zoneName: `dkr.ecr.${r}.amazonaws.com`, wildcard: true }),
    // Bucket-style and API-id-style hostnames under the service name.
    s3: (r) => ({ zoneName: `s3.${r}.amazonaws.com`, wildcard: true }),
    "execute-api": (r) => ({ zoneName: `execute-api.${r}.amazonaws.com`, wildcard: true }),
};

/** A service short name as the endpoint's service name `com.amazonaws.<region>.<service>` ends. */
const SERVICE = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** The zone and records that make `service` resolve to its interface endpoint in `region` (pure). */
export function endpointDnsName(service: string, region: string): EndpointDnsName {
    return IRREGULAR[service]?.(region) ?? { zoneName: `${service}.${region}.amazonaws.com`, wildcard: false };
}

/** The resource-name role of a service ("ecr.api" → "ecr-api"). */
export function serviceRole(service: string): string {
    return service.replace(/\./g, "-");
}

/** Problems with a list of endpoint services: malformed names, duplicates, names that collide as resource names. */
export function endpointServiceProblems(field: string, services: unknown): string[] {
    if (services === undefined) return [];
    if (!Array.isArray(services))
        return [`${field} is ${JSON.stringify(services)}, must be a list of service names such as "ecr.api"`];
    const problems: string[] = [];
    const roles = new Map<string, string>();
    services.forEach((s, i) => {
        if (typeof s !== "string" || !SERVICE.test(s)) {
            problems.push(
                `${field}[${i}] is ${JSON.stringify(s)}, must be a service short name as in com.amazonaws.<region>.<service>, e.g. "ecr.api"`,
            );
            return;
        }
        const seen = roles.get(serviceRole(s));
        if (seen !== undefined)
            problems.push(
                `${field}[${i}] is ${JSON.stringify(s)}, ${seen === s ? "listed twice" : `its resource names collide with ${JSON.stringify(seen)}`}`,
            );
        else roles.set(serviceRole(s), s);
    });
    return problems;
}

export interface EndpointZonesArgs {
    /** The VPC holding the endpoints: the zones' first association (a private zone needs one). */
    vpcId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** The interface endpoints, by service short name (private DNS off). */
    endpoints: Record<string, aws.ec2.VpcEndpoint>;
    tags?: Record<string, string>;
}

/** One private hosted zone per service with alias records to its endpoint; returns the zones by service. */
export function endpointZones(
    name: string,
    args: EndpointZonesArgs,
    parent: pulumi.Resource,
): Record<string, aws.route53.Zone> {
    const zones: Record<string, aws.route53.Zone> = {};
    for (const [service, endpoint] of Object.entries(args.endpoints)) {
        const role = serviceRole(service);
        const dns = pulumi.output(args.region).apply((r) => endpointDnsName(service, r));
        const zone = new aws.route53.Zone(
            `${name}-${role}-zone`,
            {
                name: dns.zoneName,
                comment: `${service} through the hub's centralized interface endpoint`,
                vpcs: [{ vpcId: args.vpcId }],
                tags: { ...args.tags, Name: `${name}-${role}-zone` },
                // Spokes add their VPCs with ZoneAssociation from their own stacks; inline `vpcs` would
                // otherwise see those as drift and remove them on the hub's next update.
            },
            { parent, ignoreChanges: ["vpcs"] },
        );
        // The endpoint's first DNS entry is its regional name (every AZ's ENI); the rest are zonal.
        const target = endpoint.dnsEntries.apply((e) => e[0]);
        const alias = [{ name: target.dnsName, zoneId: target.hostedZoneId, evaluateTargetHealth: true }];
        new aws.route53.Record(
            `${name}-${role}-alias`,
            { zoneId: zone.zoneId, name: dns.zoneName, type: "A", aliases: alias },
            { parent },
        );
        if (endpointDnsName(service, "region").wildcard) {
            new aws.route53.Record(
                `${name}-${role}-wildcard`,
                { zoneId: zone.zoneId, name: pulumi.interpolate`*.${dns.zoneName}`, type: "A", aliases: alias },
                { parent },
            );
        }
        zones[service] = zone;
    }
    return zones;
}

/**
 * Associates the hub's endpoint zones with a spoke VPC, in the spoke's stack: destroying the spoke
 * removes only its associations. Same account only: for a spoke in another account the hub account
 * must first create an aws.route53.VpcAssociationAuthorization per zone and spoke VPC, and the
 * association then runs with the spoke account's provider.
 */
export function associateEndpointZones(
    name: string,
    vpcId: pulumi.Input<string>,
    zoneIds: Record<string, pulumi.Input<string>>,
    parent: pulumi.Resource,
): aws.route53.ZoneAssociation[] {
    return Object.entries(zoneIds).map(
        ([service, zoneId]) =>
            new aws.route53.ZoneAssociation(
                `${name}-${serviceRole(service)}-zone-assoc`,
                {
                    zoneId,
                    vpcId,
                },
                { parent },
            ),
    );
}
