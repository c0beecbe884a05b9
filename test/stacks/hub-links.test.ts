import { expect } from "chai";
import main from "../../stacks/index";
import { Recorded, RunOptions, json, record, rejection } from "../harness";
import { HUB_CFG, awsRecords, hubStack } from "./fixtures";

const VPN = { customerGatewayIp: "203.0.113.10", bgpAsn: 65010 };
const DX = { dxGatewayId: "5f294f92-bafb-4011-916d-9b0b0e0a1c2d", allowedPrefixes: ["10.0.0.0/12"] };
const PEER = {
    name: "virginia",
    peerTransitGatewayId: "tgw-0a1b2c3d4e5f60718",
    peerRegion: "us-east-1",
    routes: [{ cidr: "10.64.0.0/16", domain: "prod" }],
};
const ACCEPTED = { name: "oregon", attachmentId: "tgw-attach-0123456789abcdef0", routes: [] };

/** A hub stack whose `network.hub` is HUB_CFG plus `extra`. */
const hubWith = (extra: Record<string, unknown>): RunOptions => hubStack({ hub: { ...HUB_CFG, ...extra } });

const HUB = "payments-platform:network.hub";

describe("network.hub VPN, Direct Connect and peering options: bad values fail in config words before any AWS resource", function () {
    this.timeout(120_000);

    const rows: { why: string; hub: Record<string, unknown>; message: string }[] = [
        {
            why: "a customer gateway address that is no IPv4 address",
            hub: { vpn: { ...VPN, customerGatewayIp: "300.1.1.1" } },
            message: `${HUB}.vpn.customerGatewayIp is "300.1.1.1", a VPN needs the customer gateway's public IPv4 address`,
        },
        {
            why: "a customer gateway on a private address",
            hub: { vpn: { ...VPN, customerGatewayIp: "192.168.1.1" } },
            message: `${HUB}.vpn.customerGatewayIp is "192.168.1.1", inside 192.168.0.0/16: the tunnels run over the internet and need the device's public IPv4 address`,
        },
        {
            why: "a BGP ASN of 0",
            hub: { vpn: { ...VPN, bgpAsn: 0 } },
            message: `${HUB}.vpn.bgpAsn is 0, must be an ASN from 1 to 4294967294`,
        },
        {
            why: "a 32-bit BGP ASN the customer gateway's bgpAsn can't take",
            hub: { vpn: { ...VPN, bgpAsn: 4200000001 } },
            message: `${HUB}.vpn.bgpAsn is 4200000001, the customer gateway takes 1 to 2147483647`,
        },
        {
            why: "a pre-shared key in plaintext config",
            hub: { vpn: { ...VPN, presharedKeys: ["k1", "k2"] } },
            message: `${HUB}.vpn has unknown keys presharedKeys`,
        },
        {
            why: "a Direct Connect association advertising nothing",
            hub: { directConnect: { ...DX, allowedPrefixes: [] } },
            message: `${HUB}.directConnect.allowedPrefixes is [], must list the prefixes advertised to on-premises`,
        },
        {
            why: "a Direct Connect connection id where the gateway id goes",
            hub: { directConnect: { ...DX, dxGatewayId: "dxcon-fg5678gh" } },
            message: `${HUB}.directConnect.dxGatewayId is "dxcon-fg5678gh", must be a Direct Connect gateway id (a UUID, not a dxcon- or dxvif- id)`,
        },
        {
            why: "a peer region that is no AWS region",
            hub: { peerings: [{ ...PEER, peerRegion: "us-eastt-1" }] },
            message: `${HUB}.peerings[0].peerRegion is "us-eastt-1", a peer needs its AWS region`,
        },
        {
            why: "a peer Transit Gateway id that is a VPC id",
            hub: { peerings: [{ ...PEER, peerTransitGatewayId: "vpc-0a1b2c3d" }] },
            message: `${HUB}.peerings[0].peerTransitGatewayId is "vpc-0a1b2c3d", must be a Transit Gateway id ("tgw-...")`,
        },
        {
            why: "an accepted peering without a name",
            hub: { acceptedPeerings: [{ ...ACCEPTED, name: "" }] },
            message: `${HUB}.acceptedPeerings[0].name is "", must be a non-empty string`,
        },
        {
            why: "an accepted peering whose attachment id is a peering connection's",
            hub: { acceptedPeerings: [{ ...ACCEPTED, attachmentId: "pcx-0123456789abcdef0" }] },
            message: `${HUB}.acceptedPeerings[0].attachmentId is "pcx-0123456789abcdef0", must be a Transit Gateway attachment id`,
        },
        {
            why: "a peer block overlapping a spoke",
            hub: { peerings: [{ ...PEER, routes: [{ cidr: "10.16.0.0/20", domain: "prod" }] }] },
            message: `${HUB}: 10.16.0.0/16 (dev/workloads) overlaps 10.16.0.0/20 (peer/virginia)`,
        },
        {
            why: "a peer block outside the supernet",
            hub: { acceptedPeerings: [{ ...ACCEPTED, routes: [{ cidr: "172.20.0.0/16", domain: "dev" }] }] },
            message: `${HUB}: 172.20.0.0/16 (peer/oregon) is outside the supernet 10.0.0.0/8`,
        },
        {
            why: "a peer route in an unknown domain",
            hub: { peerings: [{ ...PEER, routes: [{ cidr: "10.64.0.0/16", domain: "staging" }] }] },
            message: `${HUB}.peerings.0.routes.0.domain is "staging", allowed: "dev", "qa", "prod", "shared"`,
        },
        {
            why: "accepting here a peer of another account",
            hub: { peerings: [{ ...PEER, peerAccountId: "210987654321", acceptInThisStack: true }] },
            message: `${HUB}.peerings[0].acceptInThisStack is true with peerAccountId "210987654321", accepting here needs the peer in this account`,
        },
        {
            why: "the same peer name in peerings and acceptedPeerings",
            hub: { peerings: [PEER], acceptedPeerings: [{ ...ACCEPTED, name: "virginia" }] },
            message: `${HUB} names the peer "virginia" more than once across peerings and acceptedPeerings`,
        },
    ];
    for (const row of rows) {
        it(`${row.why}: names the key, registers nothing in AWS (not even the provider)`, async () => {
            const err = await rejection(record(() => main(), hubWith(row.hub)));
            expect(err.message).to.contain("Invalid stack config:");
            expect(err.message).to.contain(row.message);
            expect(awsRecords(err).map((r) => r.type)).to.deep.equal([]);
        });
    }

    it("every problem of the hub's links is reported at once", async () => {
        const err = await rejection(
            record(
                () => main(),
                hubWith({
                    vpn: { ...VPN, customerGatewayIp: "300.1.1.1" },
                    directConnect: { ...DX, allowedPrefixes: [] },
                    peerings: [{ ...PEER, peerRegion: "us-eastt-1" }],
                }),
            ),
        );
        for (const k of ["vpn.customerGatewayIp", "directConnect.allowedPrefixes", "peerings[0].peerRegion"])
            expect(err.message).to.contain(`${HUB}.${k} is`);
    });
});

describe("a hub stack configured with a VPN, a Direct Connect gateway and peerings gets them with the configured values", function () {
    this.timeout(120_000);
    let hub: Recorded;
    before(async () => {
        hub = await record(
            () => main(),
            hubWith({
                vpn: VPN,
                directConnect: DX,
                peerings: [{ ...PEER, acceptInThisStack: true }],
                acceptedPeerings: [{ ...ACCEPTED, routes: [{ cidr: "10.80.0.0/16", domain: "dev" }] }],
            }),
        );
    });
    const TGW = "aws:ec2transitgateway/";
    const sharedTable = () => hub.one(`${TGW}routeTable:RouteTable`, /-rt-shared$/).id;
    const associationOf = (attachmentId: string) =>
        hub
            .all(`${TGW}routeTableAssociation:RouteTableAssociation`)
            .filter((a) => a.inputs.transitGatewayAttachmentId === attachmentId);

    it("the customer gateway has the configured address and ASN, and the VPN is BGP on the hub's TGW", () => {
        const tgw = hub.one(`${TGW}transitGateway:TransitGateway`);
        const cgw = hub.one("aws:ec2/customerGateway:CustomerGateway");
        expect(cgw.inputs).to.include({ ipAddress: "203.0.113.10", bgpAsn: "65010", type: "ipsec.1" });
        const vpn = hub.one("aws:ec2/vpnConnection:VpnConnection");
        expect(vpn.inputs).to.include({
            customerGatewayId: cgw.id,
            transitGatewayId: tgw.id,
            staticRoutesOnly: false,
        });
        expect(vpn.provider).to.equal(tgw.provider);
    });

    it("the VPN's pre-shared keys are AWS's, kept in Secrets Manager: none is in the plan", () => {
        const vpn = hub.one("aws:ec2/vpnConnection:VpnConnection");
        expect(vpn.inputs.presharedKeyStorage).to.equal("SecretsManager");
        expect(vpn.inputs).to.not.have.any.keys("tunnel1PresharedKey", "tunnel2PresharedKey");
    });

    it("the Direct Connect gateway association has the configured gateway and prefixes, on the hub's TGW", () => {
        const tgw = hub.one(`${TGW}transitGateway:TransitGateway`);
        const dx = hub.one("aws:directconnect/gatewayAssociation:GatewayAssociation");
        expect(dx.inputs.dxGatewayId).to.equal(DX.dxGatewayId);
        expect(dx.inputs.allowedPrefixes).to.deep.equal(DX.allowedPrefixes);
        expect(dx.inputs.associatedGatewayId).to.equal(tgw.id);
    });

    it("the VPN and DX attachments are associated with the shared table", () => {
        const tables = hub
            .all(`${TGW}routeTableAssociation:RouteTableAssociation`, /-(vpn|dx)-assoc-/)
            .map((a) => a.inputs.transitGatewayRouteTableId);
        expect(tables).to.deep.equal([sharedTable(), sharedTable()]);
    });

    it("the requested peering goes to the configured peer, is accepted on a provider in the peer's region, and routes the peer's block", () => {
        const att = hub.one(`${TGW}peeringAttachment:PeeringAttachment`);
        expect(att.inputs).to.include({
            peerTransitGatewayId: PEER.peerTransitGatewayId,
            peerRegion: "us-east-1",
        });
        const accepter = hub.one(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`, /virginia/);
        expect(accepter.inputs.transitGatewayAttachmentId).to.equal(att.id);
        const provider = hub.resources.find((r) => `${r.urn}::${r.id}` === accepter.provider);
        expect(provider?.type).to.equal("pulumi:providers:aws");
        expect(provider?.inputs.region).to.equal("us-east-1");
        // Tagged like the rest of the stack: the same default tags as the stack's own provider.
        const home = hub.all("pulumi:providers:aws").find((p) => p.inputs.region === "eu-central-1");
        expect(provider?.inputs.defaultTags).to.deep.equal(home?.inputs.defaultTags);
        // Provider inputs are recorded as the engine gets them: nested values JSON-encoded.
        expect(json<{ tags: Record<string, string> }>(provider?.inputs.defaultTags).tags).to.include({
            owner: "platform-team",
            environment: "shared",
        });
        const routes = hub
            .all(`${TGW}route:Route`)
            .filter(
                (r) =>
                    r.inputs.destinationCidrBlock === "10.64.0.0/16" && r.inputs.transitGatewayAttachmentId === att.id,
            );
        expect(routes).to.have.length(2); // the prod table and shared
        expect(associationOf(att.id).map((a) => a.inputs.transitGatewayRouteTableId)).to.deep.equal([sharedTable()]);
    });

    it("the accepted peering accepts the configured attachment in this region and routes the peer's block", () => {
        const accepter = hub.one(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`, /oregon/);
        expect(accepter.inputs.transitGatewayAttachmentId).to.equal(ACCEPTED.attachmentId);
        expect(accepter.provider).to.equal(hub.one(`${TGW}transitGateway:TransitGateway`).provider);
        const devTable = hub.one(`${TGW}routeTable:RouteTable`, /-rt-dev$/).id;
        const tables = hub
            .all(`${TGW}route:Route`)
            .filter((r) => r.inputs.destinationCidrBlock === "10.80.0.0/16" && !r.inputs.blackhole)
            .map((r) => r.inputs.transitGatewayRouteTableId)
            .sort();
        expect(tables).to.deep.equal([devTable, sharedTable()].sort());
    });
});
