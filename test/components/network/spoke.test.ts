import { expect } from "chai";
import { layoutSubnets } from "../../../components/network/cidr";
import { NetworkSpoke, NetworkSpokeArgs } from "../../../components/network/spoke";
import { record, rejection } from "../../harness";

const TGW = "aws:ec2transitgateway/";
const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
const HUB = {
    transitGatewayId: "tgw-0hub",
    routeTableIds: { dev: "tgw-rtb-dev", qa: "tgw-rtb-qa", prod: "tgw-rtb-prod", shared: "tgw-rtb-shared" },
};
const base: NetworkSpokeArgs = {
    domain: "prod",
    cidr: "10.32.0.0/16",
    availabilityZones: AZS,
    hub: HUB,
    regionCidrs: [
        { owner: "shared/shared-services", cidr: "10.0.0.0/20" },
        { owner: "on-prem/dc1", cidr: "10.128.0.0/16" },
    ],
};
const spoke = (args: Partial<NetworkSpokeArgs> = {}) =>
    record(() => {
        new NetworkSpoke("s", { ...base, ...args });
    });

describe("NetworkSpoke", function () {
    this.timeout(60_000);

    it("builds the awsx VPC from the CIDR module's layout: 3 tiers, explicit per-AZ CIDRs, DNS on", async () => {
        const rec = await spoke();
        const vpc = rec.one("awsx:ec2:Vpc");
        const layout = layoutSubnets("10.32.0.0/16", { azCount: 3 });
        expect(vpc.inputs).to.deep.include({
            cidrBlock: "10.32.0.0/16",
            availabilityZoneNames: AZS,
            enableDnsHostnames: true,
            enableDnsSupport: true,
        });
        expect(vpc.inputs.subnetSpecs).to.deep.equal([
            { type: "Public", name: "public", cidrBlocks: layout.public, tags: { "kubernetes.io/role/elb": "1" } },
            {
                type: "Private",
                name: "private",
                cidrBlocks: layout.private,
                tags: { "kubernetes.io/role/internal-elb": "1" },
            },
            { type: "Isolated", name: "isolated", cidrBlocks: layout.isolated },
        ]);
        // The plugin's children carry those CIDRs, one subnet per tier per AZ.
        expect(
            rec
                .all("aws:ec2/subnet:Subnet", /-private-\d$/)
                .map((s) => [s.inputs.cidrBlock, s.inputs.availabilityZone]),
        ).to.deep.equal(layout.private.map((c, i) => [c, AZS[i]]));
    });

    for (const [strategy, nats] of [
        ["OnePerAz", 3],
        ["Single", 1],
        ["None", 0],
    ] as const) {
        it(`NAT strategy ${strategy}: awsx input and ${nats} NAT gateway(s) with EIPs in public subnets`, async () => {
            const rec = await spoke({ natStrategy: strategy, domain: "dev", cidr: "10.16.0.0/16" });
            expect((rec.one("awsx:ec2:Vpc").inputs.natGateways as any).strategy).to.equal(strategy);
            const gws = rec.all("aws:ec2/natGateway:NatGateway");
            expect(gws).to.have.length(nats);
            expect(rec.all("aws:ec2/eip:Eip")).to.have.length(nats);
            const publicIds = rec.all("aws:ec2/subnet:Subnet", /-public-/).map((s) => s.id);
            for (const g of gws) expect(publicIds).to.include(g.inputs.subnetId);
        });
    }

    it("attaches to the hub in dedicated /28 subnets per AZ, associates with its domain and propagates into its domain and shared", async () => {
        const rec = await spoke();
        const att = rec.one(`${TGW}vpcAttachment:VpcAttachment`);
        expect(att.inputs).to.deep.include({
            transitGatewayId: "tgw-0hub",
            vpcId: rec.one("aws:ec2/vpc:Vpc").id,
            transitGatewayDefaultRouteTableAssociation: false,
        });
        const tgwSubnets = rec.all("aws:ec2/subnet:Subnet", /-tgw-\d$/);
        expect(att.inputs.subnetIds).to.deep.equal(tgwSubnets.map((s) => s.id));
        expect(tgwSubnets.map((s) => [s.inputs.cidrBlock, s.inputs.availabilityZone])).to.deep.equal([
            ["10.32.56.0/28", AZS[0]],
            ["10.32.120.0/28", AZS[1]],
            ["10.32.184.0/28", AZS[2]],
        ]);
        // Their own route table: the local route only (no NAT, no TGW route), so workload routes never shape transit.
        const rtb = rec.one("aws:ec2/routeTable:RouteTable", "s-vpc-tgw");
        expect(
            rec
                .all("aws:ec2/routeTableAssociation:RouteTableAssociation", /-tgw-\d$/)
                .map((a) => [a.inputs.subnetId, a.inputs.routeTableId]),
        ).to.deep.equal(tgwSubnets.map((s) => [s.id, rtb.id]));
        expect(rec.all("aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === rtb.id)).to.deep.equal([]);
        for (const s of tgwSubnets)
            expect(Object.keys(s.inputs.tags as object).filter((k) => k.startsWith("kubernetes.io/"))).to.deep.equal(
                [],
            );
        expect(rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`).inputs).to.deep.equal({
            transitGatewayAttachmentId: att.id,
            transitGatewayRouteTableId: "tgw-rtb-prod",
        });
        expect(
            rec
                .all(`${TGW}routeTablePropagation:RouteTablePropagation`)
                .map((p) => p.inputs.transitGatewayRouteTableId)
                .sort(),
        ).to.deep.equal(["tgw-rtb-prod", "tgw-rtb-shared"]);
    });

    it("routes every private and isolated route table to the TGW for the region's other blocks, with S3/DynamoDB gateway endpoints there", async () => {
        const rec = await spoke();
        const inner = rec
            .all("aws:ec2/routeTable:RouteTable", /-(private|isolated)-\d$/)
            .map((t) => t.id)
            .sort();
        expect(inner).to.have.length(6);
        for (const cidr of ["10.0.0.0/20", "10.128.0.0/16"]) {
            const r = rec.all("aws:ec2/route:Route").filter((x) => x.inputs.destinationCidrBlock === cidr);
            expect(r.map((x) => x.inputs.routeTableId).sort()).to.deep.equal(inner);
            for (const x of r) expect(x.inputs.transitGatewayId).to.equal("tgw-0hub");
        }
        for (const e of rec.all("aws:ec2/vpcEndpoint:VpcEndpoint")) {
            expect(e.inputs.vpcEndpointType).to.equal("Gateway");
            expect([...(e.inputs.routeTableIds as string[])].sort()).to.deep.equal(inner);
        }
    });

    it("associates each of the hub's endpoint zones with this VPC (and none without them)", async () => {
        const zones = { sts: "Z0STS", "ecr.dkr": "Z0DKR", "ecr.api": "Z0API" };
        const rec = await spoke({ hub: { ...HUB, endpointZoneIds: zones } });
        const vpcId = rec.one("aws:ec2/vpc:Vpc").id;
        const assoc = rec.all("aws:route53/zoneAssociation:ZoneAssociation").map((a) => a.inputs);
        expect(assoc).to.have.deep.members(Object.values(zones).map((zoneId) => ({ zoneId, vpcId })));
        expect(assoc).to.have.length(3);
        expect((await spoke()).all("aws:route53/zoneAssociation:ZoneAssociation")).to.deep.equal([]);
    });

    it("peering mode: VPC peering and routes, no TGW attachment", async () => {
        const rec = await spoke({
            connectivity: "peering",
            hub: undefined,
            regionCidrs: [],
            peers: [{ name: "shared", peerVpcId: "vpc-0shared", peerCidr: "10.0.0.0/20" }],
        });
        expect(rec.all(`${TGW}vpcAttachment:VpcAttachment`)).to.deep.equal([]);
        const pcx = rec.one("aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
        expect(pcx.inputs).to.deep.include({
            peerVpcId: "vpc-0shared",
            autoAccept: true,
            vpcId: rec.one("aws:ec2/vpc:Vpc").id,
        });
        const routes = rec.all("aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId === pcx.id);
        expect(routes.map((r) => r.inputs.destinationCidrBlock)).to.deep.equal(Array(6).fill("10.0.0.0/20"));
    });

    describe("validation (before any resource)", () => {
        const fails = async (args: Partial<NetworkSpokeArgs>) => (await rejection(spoke(args))).message;
        it("prod needs at least 2 AZs", async () => {
            expect(await fails({ availabilityZones: ["eu-central-1a"] })).to.contain(
                "Invalid NetworkSpoke args:\n - availabilityZones has 1 AZ (eu-central-1a), a prod spoke needs at least 2",
            );
        });
        it("rejects a VPC too small for its AZs' tiers and TGW subnets", async () => {
            expect(await fails({ cidr: "10.32.0.0/24" })).to.contain(
                'cidr is "10.32.0.0/24", too small for 3 AZs: tiers.public is 29 (the default for a /26 AZ slice)',
            );
        });
        it("dev may run in 1 AZ", async () => {
            const rec = await spoke({
                domain: "dev",
                cidr: "10.16.0.0/16",
                availabilityZones: ["eu-central-1a"],
                natStrategy: "Single",
            });
            expect(rec.all("aws:ec2/subnet:Subnet")).to.have.length(4);
        });
        it("rejects an unknown route domain", async () => {
            expect(await fails({ domain: "uat" as any })).to.contain(
                'domain is "uat", an unknown route domain; allowed: dev, qa, prod, shared',
            );
        });
        it("lists overlapping CIDRs with owners", async () => {
            expect(await fails({ cidr: "10.0.0.0/16" })).to.contain(
                "10.0.0.0/16 (prod/spoke) overlaps 10.0.0.0/20 (shared/shared-services)",
            );
        });
        it("rejects a flow-log retention CloudWatch Logs doesn't accept", async () => {
            expect(await fails({ flowLogRetentionDays: 45 })).to.contain(
                "flowLogRetentionDays is 45, CloudWatch Logs allows: 1, 3, 5, 7, 14, 30, 60, 90",
            );
        });
        it("rejects a malformed endpoint service in the hub's zone ids", async () => {
            expect(await fails({ hub: { ...HUB, endpointZoneIds: { sts: "Z1", "Bad Name": "Z2" } } })).to.contain(
                'hub.endpointZoneIds[1] is "Bad Name", must be a service short name',
            );
        });
        it("needs the hub in transitGateway mode", async () => {
            expect(await fails({ hub: undefined })).to.contain("hub is missing");
        });
    });
});
