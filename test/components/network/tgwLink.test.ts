/**
 * TgwLink on its own: the pure route plan from a table, then the recorded component: the requester
 * on the stack's provider, the accepter and the peer side's prod wiring on the peer region's
 * provider, everything that routes waiting for the accepter, nothing associated with `shared`.
 */
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { LinkRoute, linkRoutes } from "../../../components/network/linkPlan";
import { TgwLink, TgwLinkArgs } from "../../../components/network/tgwLink";
import { Recorded, record, rejection } from "../../harness";

const TGW = "aws:ec2transitgateway/";
const tables = (side: string) => ({
    dev: `tgw-rtb-${side}dev`,
    qa: `tgw-rtb-${side}qa`,
    prod: `tgw-rtb-${side}prod`,
    shared: `tgw-rtb-${side}shared`,
});

describe("linkRoutes (pure): prod to prod, blackholed from dev and qa, on both sides", () => {
    const rows: { why: string; local: string[]; peer: string[]; routes: LinkRoute[] }[] = [
        {
            why: "one prod block each side",
            local: ["10.48.0.0/16"],
            peer: ["10.32.0.0/16"],
            routes: [
                { side: "local", domain: "prod", cidr: "10.32.0.0/16", blackhole: false },
                { side: "local", domain: "dev", cidr: "10.32.0.0/16", blackhole: true },
                { side: "local", domain: "qa", cidr: "10.32.0.0/16", blackhole: true },
                { side: "peer", domain: "prod", cidr: "10.48.0.0/16", blackhole: false },
                { side: "peer", domain: "dev", cidr: "10.48.0.0/16", blackhole: true },
                { side: "peer", domain: "qa", cidr: "10.48.0.0/16", blackhole: true },
            ],
        },
        {
            why: "two prod blocks on the peer, none here: nothing routed to the peer side",
            local: [],
            peer: ["10.32.0.0/16", "10.33.0.0/16"],
            routes: [
                { side: "local", domain: "prod", cidr: "10.32.0.0/16", blackhole: false },
                { side: "local", domain: "prod", cidr: "10.33.0.0/16", blackhole: false },
                { side: "local", domain: "dev", cidr: "10.32.0.0/16", blackhole: true },
                { side: "local", domain: "dev", cidr: "10.33.0.0/16", blackhole: true },
                { side: "local", domain: "qa", cidr: "10.32.0.0/16", blackhole: true },
                { side: "local", domain: "qa", cidr: "10.33.0.0/16", blackhole: true },
            ],
        },
    ];
    for (const row of rows) it(row.why, () => expect(linkRoutes(row.local, row.peer)).to.deep.equal(row.routes));

    it("never routes into the shared table, and never a non-prod block", () => {
        const routes = linkRoutes(["10.48.0.0/16"], ["10.32.0.0/16"]);
        expect(routes.filter((r) => r.domain === "shared")).to.deep.equal([]);
        expect(routes.filter((r) => !r.blackhole).map((r) => r.domain)).to.deep.equal(["prod", "prod"]);
    });
});

const ARGS: Omit<TgwLinkArgs, "peerProvider"> = {
    local: { transitGatewayId: "tgw-0local", routeTableIds: tables("l"), prodCidrs: ["10.48.0.0/16"] },
    peer: {
        region: "eu-central-1",
        transitGatewayId: "tgw-0peer",
        routeTableIds: tables("p"),
        prodCidrs: ["10.32.0.0/16"],
    },
    tagName: "network-virginia-link-network-frankfurt",
};

async function link(over: Partial<TgwLinkArgs> = {}): Promise<Recorded> {
    return record(
        () => {
            const home = new aws.Provider("home", { region: "us-east-1" });
            const peerProvider = new aws.Provider("peer", { region: "eu-central-1" });
            new TgwLink("link", { ...ARGS, peerProvider, ...over }, { providers: { aws: home } });
        },
        { region: "us-east-1" },
    );
}

describe("TgwLink (recorded)", function () {
    this.timeout(60_000);

    it("requests on this side, accepts and wires the peer side on the peer region's provider, all after the accepter", async () => {
        const rec = await link();
        const regionOf = (urnAndId: string) =>
            rec.all("pulumi:providers:aws").find((p) => `${p.urn}::${p.id}` === urnAndId)?.inputs.region;
        const attachment = rec.one(`${TGW}peeringAttachment:PeeringAttachment`);
        expect(attachment.inputs).to.deep.include({
            transitGatewayId: "tgw-0local",
            peerTransitGatewayId: "tgw-0peer",
            peerRegion: "eu-central-1",
        });
        expect(attachment.inputs.peerAccountId).to.equal(undefined);
        expect(attachment.inputs.tags).to.deep.equal({ Name: "network-virginia-link-network-frankfurt" });
        expect(regionOf(attachment.provider)).to.equal("us-east-1");
        const accepter = rec.one(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`);
        expect(accepter.inputs.transitGatewayAttachmentId).to.equal(attachment.id);
        expect(accepter.inputs.tags).to.deep.equal({ Name: "network-virginia-link-network-frankfurt-accepter" });
        expect(regionOf(accepter.provider)).to.equal("eu-central-1");
        const assocs = rec.all(`${TGW}routeTableAssociation:RouteTableAssociation`);
        expect(assocs.map((a) => [a.inputs.transitGatewayRouteTableId, regionOf(a.provider)])).to.have.deep.members([
            ["tgw-rtb-lprod", "us-east-1"],
            ["tgw-rtb-pprod", "eu-central-1"],
        ]);
        const routes = rec.all(`${TGW}route:Route`);
        const shown = routes.map((r) => [
            r.inputs.transitGatewayRouteTableId,
            r.inputs.destinationCidrBlock,
            r.inputs.blackhole === true ? "blackhole" : r.inputs.transitGatewayAttachmentId,
            regionOf(r.provider),
        ]);
        expect(shown).to.have.deep.members([
            ["tgw-rtb-lprod", "10.32.0.0/16", attachment.id, "us-east-1"],
            ["tgw-rtb-ldev", "10.32.0.0/16", "blackhole", "us-east-1"],
            ["tgw-rtb-lqa", "10.32.0.0/16", "blackhole", "us-east-1"],
            ["tgw-rtb-pprod", "10.48.0.0/16", attachment.id, "eu-central-1"],
            ["tgw-rtb-pdev", "10.48.0.0/16", "blackhole", "eu-central-1"],
            ["tgw-rtb-pqa", "10.48.0.0/16", "blackhole", "eu-central-1"],
        ]);
        // AWS refuses associations and routes on a pendingAcceptance attachment.
        for (const r of [...assocs, ...routes.filter((x) => x.inputs.blackhole !== true)])
            expect(r.dependencies, r.name).to.include(accepter.urn);
    });

    const bad: { why: string; over: Partial<TgwLinkArgs>; message: string }[] = [
        {
            why: "a peer without prod blocks",
            over: { peer: { ...ARGS.peer, prodCidrs: [] } },
            message: "peer.prodCidrs is [], a link carries prod traffic",
        },
        {
            why: "overlapping prod blocks",
            over: { peer: { ...ARGS.peer, prodCidrs: ["10.48.0.0/17"] } },
            message: "overlap",
        },
    ];
    for (const row of bad)
        it(`refuses ${row.why} before any resource`, async () => {
            const err = await rejection(link(row.over));
            expect(err.message).to.contain("Invalid TgwLink link args").and.contain(row.message);
        });
});
