/**
 * NetworkSpoke's inter-region route: a prod spoke sends the hub's interRegionCidrs (the supernet) to
 * the TGW from every private and isolated table, behind the more specific region routes; dev and qa
 * spokes get none, so they can't even try another region.
 */
import { expect } from "chai";
import { NetworkSpoke, NetworkSpokeArgs } from "../../../components/network/spoke";
import { record, rejection } from "../../harness";

const base: NetworkSpokeArgs = {
    domain: "prod",
    cidr: "10.32.0.0/16",
    availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    hub: {
        transitGatewayId: "tgw-0hub",
        routeTableIds: { dev: "tgw-rtb-dev", qa: "tgw-rtb-qa", prod: "tgw-rtb-prod", shared: "tgw-rtb-shared" },
    },
    regionCidrs: [{ owner: "shared/shared-services", cidr: "10.0.0.0/20" }],
    interRegionCidrs: ["10.0.0.0/8"],
};
const spoke = (args: Partial<NetworkSpokeArgs> = {}) =>
    record(() => {
        new NetworkSpoke("s", { ...base, ...args });
    });

describe("NetworkSpoke inter-region routes", function () {
    this.timeout(60_000);

    const rows: { domain: NetworkSpokeArgs["domain"]; routed: boolean }[] = [
        { domain: "prod", routed: true },
        { domain: "dev", routed: false },
        { domain: "qa", routed: false },
    ];
    for (const row of rows)
        it(`a ${row.domain} spoke ${row.routed ? "routes" : "does not route"} the supernet to the TGW`, async () => {
            const rec = await spoke({ domain: row.domain });
            const tables = rec
                .all("aws:ec2/routeTable:RouteTable", /-(private|isolated)-\d$/)
                .map((t) => t.id)
                .sort();
            const inter = rec
                .all("aws:ec2/route:Route")
                .filter((r) => r.inputs.destinationCidrBlock === "10.0.0.0/8")
                .map((r) => [r.inputs.routeTableId, r.inputs.transitGatewayId]);
            expect(tables).to.have.length(6);
            expect(inter.sort()).to.deep.equal(row.routed ? tables.map((t) => [t, "tgw-0hub"]) : []);
        });

    it("refuses a malformed inter-region CIDR", async () => {
        const err = await rejection(spoke({ interRegionCidrs: ["10.0.0.0/33"] }));
        expect(err.message).to.contain("Invalid NetworkSpoke args").and.contain("10.0.0.0/33");
    });
});
