/** A NetworkHub under the recording monitor, and the dev and prod spokes attached to it, for the hub's tests. */
import { NetworkHub, NetworkHubArgs } from "../../../components/network/hub";
import { NetworkSpoke } from "../../../components/network/spoke";
import { record } from "../../harness";

export const TGW = "aws:ec2transitgateway/";
export const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
export const base: NetworkHubArgs = {
    availabilityZones: AZS,
    sharedServicesCidr: "10.0.0.0/20",
    spokes: [
        { name: "dev/workloads", domain: "dev", cidr: "10.16.0.0/16" },
        { name: "prod/workloads", domain: "prod", cidr: "10.32.0.0/16" },
    ],
    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
    amazonSideAsn: 64600,
    flowLogRetentionDays: 90,
};
export const hub = (args: Partial<NetworkHubArgs> = {}) =>
    record(() => {
        new NetworkHub("hub", { ...base, ...args });
    });
export const table = (rec: Awaited<ReturnType<typeof hub>>, d: string) =>
    rec.one(`${TGW}routeTable:RouteTable`, `hub-rt-${d}`).id;

/** The dev and prod spokes as their stacks would attach them to `rec`'s hub. */
export async function spokesOn(rec: Awaited<ReturnType<typeof hub>>) {
    const hubRef = {
        transitGatewayId: rec.one(`${TGW}transitGateway:TransitGateway`).id,
        routeTableIds: {
            dev: table(rec, "dev"),
            qa: table(rec, "qa"),
            prod: table(rec, "prod"),
            shared: table(rec, "shared"),
        },
    };
    return record(() => {
        for (const [domain, cidr] of [
            ["dev", "10.16.0.0/16"],
            ["prod", "10.32.0.0/16"],
        ] as const)
            new NetworkSpoke(domain, { domain, cidr, availabilityZones: AZS, natStrategy: "None", hub: hubRef });
    });
}
