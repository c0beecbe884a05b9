/**
 * The links every planned hub owns, as recorded: one TgwLink per `network.hub.links` entry, the
 * requester on the stack's own region and every peer-side half on a provider for the peer's region,
 * wired into the peer hub's own prod table (ids as the peer stack recorded them).
 */
import { expect } from "chai";
import { PROJECT, Recorded, discoverStacks, plannedStacks, stackFileConfig } from "../harness";

const T = "aws:ec2transitgateway/";

describe("inter-region links of every planned hub", function () {
    this.timeout(180_000);
    let hubs: Recorded[];

    before(async () => {
        hubs = await plannedStacks((s) => s.role === "network");
    });

    const linksOf = (stack: string): string[] =>
        (
            (stackFileConfig(stack)[`${PROJECT}:network`] as { hub?: { links?: { peerStack: string }[] } })?.hub
                ?.links ?? []
        ).map((l) => l.peerStack.split("/").pop()!);

    it("each link of a hub's config is one TgwLink named <stack>-link-<peer>, referencing the peer's stack", () => {
        for (const hub of hubs) {
            const links = hub.all("platform:network:TgwLink").map((l) => l.name);
            expect(links, hub.plan.name).to.deep.equal(linksOf(hub.plan.name).map((p) => `${hub.plan.name}-link-${p}`));
            for (const peer of linksOf(hub.plan.name)) expect(hub.plan.references, hub.plan.name).to.include(peer);
        }
        const recorded = hubs.flatMap((h) => h.all(`${T}peeringAttachment:PeeringAttachment`));
        expect(recorded.length).to.equal(hubs.reduce((n, h) => n + linksOf(h.plan.name).length, 0));
        // The committed topology is a full mesh: every pair of hubs once (15 for six regions).
        expect(recorded.length, "the committed topology").to.equal((hubs.length * (hubs.length - 1)) / 2);
    });

    it("every peer-side resource is on the peer region's provider, in the peer hub's prod, dev or qa table", () => {
        const byName = new Map(hubs.map((h) => [h.plan.name, h]));
        const regionOf = new Map(discoverStacks().map((s) => [s.name, s.region]));
        for (const hub of hubs) {
            const providers = new Map(
                hub.all("pulumi:providers:aws").map((p) => [`${p.urn}::${p.id}`, String(p.inputs.region)]),
            );
            for (const link of hub.all("platform:network:TgwLink")) {
                const peerStack = link.name.slice(`${hub.plan.name}-link-`.length);
                const peer = byName.get(peerStack)!;
                const peerTables = new Map(
                    peer
                        .all(`${T}routeTable:RouteTable`)
                        .map((t) => [t.id, (t.inputs.tags as Record<string, string>)["route-domain"]]),
                );
                const ownTables = new Map(
                    hub
                        .all(`${T}routeTable:RouteTable`)
                        .map((t) => [t.id, (t.inputs.tags as Record<string, string>)["route-domain"]]),
                );
                const attachment = hub
                    .childrenOf(link)
                    .find((r) => r.type === `${T}peeringAttachment:PeeringAttachment`)!;
                expect(attachment.inputs.peerRegion).to.equal(regionOf.get(peerStack));
                expect(attachment.inputs.peerTransitGatewayId).to.equal(peer.outputs.transitGatewayId);
                expect(providers.get(attachment.provider)).to.equal(hub.plan.region);
                for (const r of hub.childrenOf(link).filter((x) => x !== attachment)) {
                    const peerSide = r.type.endsWith("Accepter") || r.name.startsWith(`${link.name}-peer-`);
                    const at = `${hub.plan.name} ${r.name}`;
                    expect(providers.get(r.provider), at).to.equal(peerSide ? peer.plan.region : hub.plan.region);
                    if (r.type.endsWith("Accepter")) continue;
                    const table = String(r.inputs.transitGatewayRouteTableId);
                    const domain = (peerSide ? peerTables : ownTables).get(table);
                    expect(domain, at).to.be.oneOf(r.inputs.blackhole === true ? ["dev", "qa"] : ["prod"]);
                }
            }
        }
    });
});
