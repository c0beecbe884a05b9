/**
 * Shared assertions on the centralized endpoints' DNS (component and whole-stack tests).
 */
import { expect } from "chai";
import { Recorded } from "../../harness";

/**
 * Each default service's private DNS name in eu-central-1 (the names AWS's managed private DNS would
 * answer): the zone to create, and whether the name is a wildcard under it.
 */
export const ENDPOINT_DNS: Record<string, { zone: string; wildcard: boolean }> = {
    "ecr.api": { zone: "api.ecr.eu-central-1.amazonaws.com", wildcard: false },
    "ecr.dkr": { zone: "dkr.ecr.eu-central-1.amazonaws.com", wildcard: true },
    sts: { zone: "sts.eu-central-1.amazonaws.com", wildcard: false },
    ssm: { zone: "ssm.eu-central-1.amazonaws.com", wildcard: false },
    ssmmessages: { zone: "ssmmessages.eu-central-1.amazonaws.com", wildcard: false },
    ec2messages: { zone: "ec2messages.eu-central-1.amazonaws.com", wildcard: false },
    logs: { zone: "logs.eu-central-1.amazonaws.com", wildcard: false },
    secretsmanager: { zone: "secretsmanager.eu-central-1.amazonaws.com", wildcard: false },
    kms: { zone: "kms.eu-central-1.amazonaws.com", wildcard: false },
};

/**
 * For every default service: the endpoint has private DNS off, a private zone with the service's
 * exact DNS name is associated with `vpcId`, and its records (apex, plus `*` for wildcard names) alias
 * that endpoint's regional DNS entry. Returns the zone id per service.
 */
export function expectEndpointDns(rec: Recorded, vpcId: string): Record<string, string> {
    // The on-prem S3 endpoint is not one of them: it has no zone on purpose (components/network/endpoints.ts).
    const eps = rec
        .all("aws:ec2/vpcEndpoint:VpcEndpoint")
        .filter((e) => e.inputs.vpcEndpointType === "Interface" && !e.name.endsWith("-s3-interface"));
    expect(
        eps.map((e) => String(e.inputs.serviceName).replace("com.amazonaws.eu-central-1.", "")).sort(),
    ).to.deep.equal(Object.keys(ENDPOINT_DNS).sort());
    const zones = rec.all("aws:route53/zone:Zone");
    expect(zones.map((z) => z.inputs.name).sort()).to.deep.equal(
        Object.values(ENDPOINT_DNS)
            .map((d) => d.zone)
            .sort(),
    );
    const ids: Record<string, string> = {};
    for (const [service, dns] of Object.entries(ENDPOINT_DNS)) {
        const ep = eps.find((e) => e.inputs.serviceName === `com.amazonaws.eu-central-1.${service}`)!;
        expect(ep.inputs.privateDnsEnabled, service).to.equal(false);
        const zone = zones.find((z) => z.inputs.name === dns.zone)!;
        expect(zone.inputs.vpcs, service).to.deep.equal([{ vpcId }]);
        const records = rec.all("aws:route53/record:Record").filter((r) => r.inputs.zoneId === zone.id);
        expect(records.map((r) => r.inputs.name).sort(), service).to.deep.equal(
            dns.wildcard ? [`*.${dns.zone}`, dns.zone] : [dns.zone],
        );
        for (const r of records) {
            expect(r.inputs.type).to.equal("A");
            const aliases = r.inputs.aliases as { name: string; zoneId: string }[];
            expect(aliases, service).to.have.length(1);
            // The alias targets THIS service's endpoint (its regional DNS entry), not another one.
            expect(r.propertyDependencies.aliases, service).to.deep.equal([ep.urn]);
            expect(aliases[0].name.startsWith(`${ep.id}-`), `${service}: ${aliases[0].name}`).to.equal(true);
            expect(aliases[0].zoneId).to.match(/^Z[0-9A-Z]+$/);
        }
        ids[service] = zone.id;
    }
    return ids;
}
