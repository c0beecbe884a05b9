/**
 * Dev never reaches prod across the hub: blackholes of the other environments in every environment
 * table, checked with the reachability walk against an on-premises BGP summary and the egress VPC.
 */
import { expect } from "chai";
import { TGW, hub, spokesOn, table } from "./hubFixtures";
import { reachable, tgwGraph } from "./walk";

describe("NetworkHub isolation between environments", function () {
    this.timeout(60_000);

    it("blackholes every other environment's CIDRs in each environment's table, with or without egress", async () => {
        for (const args of [{}, { egress: { cidr: "10.1.0.0/20" } }]) {
            const rec = await hub(args);
            const holes = rec
                .all(`${TGW}route:Route`)
                .filter((r) => r.inputs.blackhole === true)
                .map((r) => [r.inputs.transitGatewayRouteTableId, r.inputs.destinationCidrBlock]);
            expect(holes).to.have.deep.members([
                [table(rec, "dev"), "10.32.0.0/16"],
                [table(rec, "qa"), "10.16.0.0/16"],
                [table(rec, "qa"), "10.32.0.0/16"],
                [table(rec, "prod"), "10.16.0.0/16"],
            ]);
            expect(holes).to.have.length(4);
        }
    });

    for (const summary of ["10.0.0.0/8", "0.0.0.0/0"]) {
        it(`on-prem advertising ${summary} over the VPN: no dev↔prod path; without the blackholes the walk finds the leak`, async () => {
            const rec = await hub({ vpn: { customerGatewayIp: "203.0.113.10", bgpAsn: 65010 } });
            const g = tgwGraph([rec, await spokesOn(rec)], { onPremAdvertises: [summary] });
            const dev = g.attachmentOfCidr("10.16.0.0/16");
            const prod = g.attachmentOfCidr("10.32.0.0/16");
            const vpn = [...g.onPrem.keys()];
            expect(vpn).to.have.length(1);
            expect(reachable(g, dev, prod, "10.32.0.0/16")).to.equal(false);
            expect(reachable(g, prod, dev, "10.16.0.0/16")).to.equal(false);
            // The walk is live: each environment still reaches on-premises and shared services.
            expect(reachable(g, dev, vpn[0], "10.128.0.0/16")).to.equal(true);
            expect(reachable(g, prod, g.attachmentOfCidr("10.0.0.0/20"), "10.0.0.0/20")).to.equal(true);
            // The hub as it was (blackholes only with egress): the summary hair-pins through on-premises.
            for (const [t, routes] of g.routes)
                g.routes.set(
                    t,
                    routes.filter((r) => !r.blackhole),
                );
            expect(reachable(g, dev, prod, "10.32.0.0/16")).to.equal(true);
            expect(reachable(g, prod, dev, "10.16.0.0/16")).to.equal(true);
        });
    }

    it("egress VPC: appliance mode, NAT per AZ, default routes per environment, and still no dev↔prod path", async () => {
        const rec = await hub({ egress: { cidr: "10.1.0.0/20" } });
        const egressAtt = rec.one(`${TGW}vpcAttachment:VpcAttachment`, "hub-egress-attachment");
        expect(egressAtt.inputs.applianceModeSupport).to.equal("enable");
        const nats = rec.all("aws:ec2/natGateway:NatGateway");
        expect(nats).to.have.length(3);
        // The attachment's /28s each have a table sending the internet to their own AZ's NAT.
        const tgwSubnets = rec.all("aws:ec2/subnet:Subnet", /^hub-egress-tgw-\d$/);
        expect(egressAtt.inputs.subnetIds).to.deep.equal(tgwSubnets.map((s) => s.id));
        tgwSubnets.forEach((s, i) => {
            const assoc = rec.one("aws:ec2/routeTableAssociation:RouteTableAssociation", s.name);
            expect(assoc.inputs.subnetId).to.equal(s.id);
            const nat = rec.one("aws:ec2/natGateway:NatGateway", `hub-egress-${i + 1}`);
            expect(nat.inputs.subnetId).to.equal(rec.one("aws:ec2/subnet:Subnet", `hub-egress-public-${i + 1}`).id);
            const routes = rec
                .all("aws:ec2/route:Route")
                .filter((r) => r.inputs.routeTableId === assoc.inputs.routeTableId);
            expect(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.natGatewayId])).to.deep.equal([
                ["0.0.0.0/0", nat.id],
            ]);
            expect(rec.one("aws:ec2/subnet:Subnet", `hub-egress-public-${i + 1}`).inputs.availabilityZone).to.equal(
                s.inputs.availabilityZone,
            );
        });
        const defaults = rec.all(`${TGW}route:Route`).filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
        expect(defaults.map((r) => r.inputs.transitGatewayRouteTableId).sort()).to.deep.equal(
            ["dev", "qa", "prod"].map((d) => table(rec, d)).sort(),
        );
        for (const r of defaults) expect(r.inputs.transitGatewayAttachmentId).to.equal(egressAtt.id);
        // Spokes as their stacks would attach them, then the walk: the egress VPC must not bridge dev and prod.
        const spokes = await spokesOn(rec);
        const g = tgwGraph([rec, spokes]);
        const dev = g.attachmentOfCidr("10.16.0.0/16");
        const prod = g.attachmentOfCidr("10.32.0.0/16");
        expect(g.transit.has(egressAtt.id)).to.equal(true);
        expect(reachable(g, dev, prod, "10.32.0.0/16")).to.equal(false);
        expect(reachable(g, prod, dev, "10.16.0.0/16")).to.equal(false);
        // Without the blackholes the egress VPC would hair-pin dev traffic into prod: the walk sees it.
        for (const [t, routes] of g.routes)
            g.routes.set(
                t,
                routes.filter((r) => !r.blackhole),
            );
        expect(reachable(g, dev, prod, "10.32.0.0/16")).to.equal(true);
    });
});
