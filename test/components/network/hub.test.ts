import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { NetworkHub, NetworkHubArgs } from "../../../components/network/hub";
import { json, record, rejection } from "../../harness";
import { expectEndpointDns } from "./endpointDns";
import { TGW, base, hub, table } from "./hubFixtures";

describe("NetworkHub", function () {
    this.timeout(60_000);

    it("creates a TGW with default association/propagation disabled, DNS on, the ASN from args, one table per domain", async () => {
        const rec = await hub();
        const tgw = rec.one(`${TGW}transitGateway:TransitGateway`);
        expect(tgw.inputs).to.deep.include({
            defaultRouteTableAssociation: "disable",
            defaultRouteTablePropagation: "disable",
            dnsSupport: "enable",
            amazonSideAsn: 64600,
        });
        const tables = rec.all(`${TGW}routeTable:RouteTable`);
        expect(tables.map((t) => (t.inputs.tags as any)["route-domain"]).sort()).to.deep.equal([
            "dev",
            "prod",
            "qa",
            "shared",
        ]);
        for (const t of tables) expect(t.inputs.transitGatewayId).to.equal(tgw.id);
    });

    it("puts the shared-services VPC in `shared`, propagating into every domain", async () => {
        const rec = await hub();
        const att = rec.one(`${TGW}vpcAttachment:VpcAttachment`);
        expect(att.inputs).to.deep.include({
            transitGatewayDefaultRouteTableAssociation: false,
            transitGatewayDefaultRouteTablePropagation: false,
        });
        expect(rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`).inputs.transitGatewayRouteTableId).to.equal(
            table(rec, "shared"),
        );
        const props = rec
            .all(`${TGW}routeTablePropagation:RouteTablePropagation`)
            .map((p) => p.inputs.transitGatewayRouteTableId)
            .sort();
        expect(props).to.deep.equal(["dev", "qa", "prod", "shared"].map((d) => table(rec, d)).sort());
        expect(rec.one("awsx:ec2:Vpc").inputs).to.deep.include({ cidrBlock: "10.0.0.0/20" });
    });

    it("endpoints: private DNS for every default service through our own zone (exact name, alias to its endpoint) on the shared-services VPC", async () => {
        const rec = await hub();
        expectEndpointDns(rec, rec.one("aws:ec2/vpc:Vpc").id);
    });

    it("endpoints: configurable list (one zone each), SG admitting 443 from the region's VPC CIDRs only (not on-prem)", async () => {
        const rec = await hub({ interfaceEndpoints: ["sts", "kms"] });
        const eps = rec.all("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => !e.name.endsWith("-s3-interface"));
        expect(eps.map((e) => e.inputs.serviceName).sort()).to.deep.equal([
            "com.amazonaws.eu-central-1.kms",
            "com.amazonaws.eu-central-1.sts",
        ]);
        expect(
            rec
                .all("aws:route53/zone:Zone")
                .map((z) => z.inputs.name)
                .sort(),
        ).to.deep.equal(["kms.eu-central-1.amazonaws.com", "sts.eu-central-1.amazonaws.com"]);
        const sg = rec.one("aws:ec2/securityGroup:SecurityGroup", /-endpoints-sg$/);
        for (const e of eps) {
            expect(e.inputs.privateDnsEnabled).to.equal(false);
            expect(e.inputs.securityGroupIds).to.deep.equal([sg.id]);
            expect(e.inputs.subnetIds).to.deep.equal(rec.all("aws:ec2/subnet:Subnet", /-private-/).map((s) => s.id));
        }
        const rules = rec
            .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === sg.id);
        expect(
            rules.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort, r.inputs.securityGroupId]),
        ).to.deep.equal(["10.0.0.0/20", "10.16.0.0/16", "10.32.0.0/16"].map((c) => [c, 443, 443, sg.id]));
    });

    it("endpoints: on-premises ranges get an S3 interface endpoint (no zone: VPCs keep their gateway endpoints) admitting only them", async () => {
        const rec = await hub({ interfaceEndpoints: ["sts"] });
        const s3 = rec.one("aws:ec2/vpcEndpoint:VpcEndpoint", /-s3-interface$/);
        expect(s3.inputs).to.deep.include({
            serviceName: "com.amazonaws.eu-central-1.s3",
            vpcEndpointType: "Interface",
            privateDnsEnabled: false,
        });
        expect(s3.inputs.subnetIds).to.deep.equal(rec.all("aws:ec2/subnet:Subnet", /-private-/).map((s) => s.id));
        const sg = rec.one("aws:ec2/securityGroup:SecurityGroup", /-s3-onprem-sg$/);
        expect(s3.inputs.securityGroupIds).to.deep.equal([sg.id]);
        const rules = rec
            .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === sg.id);
        expect(rules.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort])).to.deep.equal([
            ["10.128.0.0/16", 443, 443],
        ]);
        expect(rec.all("aws:route53/zone:Zone").map((z) => z.inputs.name)).to.deep.equal([
            "sts.eu-central-1.amazonaws.com",
        ]);
        const none = await hub({ interfaceEndpoints: ["sts"], onPremCidrs: [] });
        expect(none.all("aws:ec2/vpcEndpoint:VpcEndpoint", /-s3-interface$/)).to.deep.equal([]);
    });

    it("flow logs: KMS-encrypted group (rotating key), retention from args, role trusted only by vpc-flow-logs for this account", async () => {
        const rec = await hub();
        const key = rec.one("aws:kms/key:Key", "hub-flow-logs-key");
        expect(key.inputs.enableKeyRotation).to.equal(true);
        const group = rec.one("aws:cloudwatch/logGroup:LogGroup");
        expect(group.inputs.retentionInDays).to.equal(90);
        expect(group.propertyDependencies.kmsKeyId).to.deep.equal([key.urn]);
        const fl = rec.one("aws:ec2/flowLog:FlowLog");
        expect(fl.inputs.vpcId).to.equal(rec.one("aws:ec2/vpc:Vpc").id);
        expect(fl.propertyDependencies.logDestination).to.deep.equal([group.urn]);
        const trust = json(rec.one("aws:iam/role:Role").inputs.assumeRolePolicy);
        expect(trust.Statement).to.deep.equal([
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ]);
    });

    it("creates no VPN, DX, peering, egress VPC or bastion when args omit them", async () => {
        const rec = await hub();
        for (const t of [
            "aws:ec2/customerGateway:CustomerGateway",
            "aws:ec2/vpnConnection:VpnConnection",
            "aws:directconnect/gatewayAssociation:GatewayAssociation",
            `${TGW}peeringAttachment:PeeringAttachment`,
            `${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`,
            "aws:ec2/instance:Instance",
            "aws:ec2/natGateway:NatGateway",
        ]) {
            expect(rec.all(t), t).to.deep.equal([]);
        }
        expect(rec.all("awsx:ec2:Vpc")).to.have.length(1);
        // The only TGW routes are the blackholes between environments.
        expect(rec.all(`${TGW}route:Route`).filter((r) => r.inputs.blackhole !== true)).to.deep.equal([]);
    });

    it("VPN: customer gateway from args, two IKEv2 tunnels with modern ciphers, AWS-generated PSKs, attached in `shared`", async () => {
        const rec = await hub({ vpn: { customerGatewayIp: "203.0.113.10", bgpAsn: 65010 } });
        const cgw = rec.one("aws:ec2/customerGateway:CustomerGateway");
        expect(cgw.inputs).to.deep.include({ ipAddress: "203.0.113.10", bgpAsn: "65010", type: "ipsec.1" });
        const vpn = rec.one("aws:ec2/vpnConnection:VpnConnection");
        expect(vpn.inputs).to.deep.include({
            customerGatewayId: cgw.id,
            transitGatewayId: rec.one(`${TGW}transitGateway:TransitGateway`).id,
            presharedKeyStorage: "SecretsManager",
            staticRoutesOnly: false,
        });
        for (const t of [1, 2]) {
            expect(vpn.inputs[`tunnel${t}IkeVersions`]).to.deep.equal(["ikev2"]);
            expect(vpn.inputs[`tunnel${t}Phase1EncryptionAlgorithms`]).to.deep.equal(["AES256-GCM-16"]);
            expect(vpn.inputs[`tunnel${t}Phase2EncryptionAlgorithms`]).to.deep.equal(["AES256-GCM-16"]);
            expect(vpn.inputs[`tunnel${t}Phase1IntegrityAlgorithms`]).to.deep.equal([
                "SHA2-256",
                "SHA2-384",
                "SHA2-512",
            ]);
            expect(vpn.inputs[`tunnel${t}Phase2IntegrityAlgorithms`]).to.deep.equal([
                "SHA2-256",
                "SHA2-384",
                "SHA2-512",
            ]);
            expect(vpn.inputs[`tunnel${t}StartupAction`]).to.equal("start");
            expect(vpn.inputs[`tunnel${t}Phase1DhGroupNumbers`]).to.deep.equal([19, 20, 21]);
            expect(vpn.inputs[`tunnel${t}Phase2DhGroupNumbers`]).to.deep.equal([19, 20, 21]);
            expect(vpn.inputs).to.not.have.property(`tunnel${t}PresharedKey`);
        }
        const assoc = rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`, "hub-vpn-assoc-shared");
        expect(assoc.propertyDependencies.transitGatewayAttachmentId).to.deep.equal([vpn.urn]);
        expect(assoc.inputs.transitGatewayRouteTableId).to.equal(table(rec, "shared"));
        expect(
            rec
                .all(`${TGW}routeTablePropagation:RouteTablePropagation`, /^hub-vpn-prop-/)
                .map((p) => p.inputs.transitGatewayRouteTableId)
                .sort(),
        ).to.deep.equal(["dev", "qa", "prod", "shared"].map((d) => table(rec, d)).sort());
    });

    it("VPN: PSKs given as secrets stay secret in the plan", async () => {
        const rec = await hub({
            vpn: { customerGatewayIp: "203.0.113.10", bgpAsn: 65010, presharedKeys: ["k1-abcdefgh", "k2-abcdefgh"] },
        });
        const vpn = rec.one("aws:ec2/vpnConnection:VpnConnection");
        expect([vpn.inputs.tunnel1PresharedKey, vpn.inputs.tunnel2PresharedKey]).to.deep.equal([
            "[secret]",
            "[secret]",
        ]);
        expect(vpn.inputs).to.not.have.property("presharedKeyStorage");
    });

    it("Direct Connect: gateway association with the allowed prefixes, attached in `shared`", async () => {
        const rec = await hub({ directConnect: { dxGatewayId: "dxgw-1234", allowedPrefixes: ["10.0.0.0/8"] } });
        const dx = rec.one("aws:directconnect/gatewayAssociation:GatewayAssociation");
        expect(dx.inputs).to.deep.include({
            dxGatewayId: "dxgw-1234",
            associatedGatewayId: rec.one(`${TGW}transitGateway:TransitGateway`).id,
            allowedPrefixes: ["10.0.0.0/8"],
        });
        const assoc = rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`, "hub-dx-assoc-shared");
        expect(assoc.inputs.transitGatewayRouteTableId).to.equal(table(rec, "shared"));
        expect(assoc.propertyDependencies.transitGatewayAttachmentId).to.deep.equal([dx.urn]);
    });

    it("peering: requester + accepter (peer provider), static routes for peer CIDRs in their domain's table and shared", async () => {
        const rec = await record(() => {
            const peer = new aws.Provider("ireland", { region: "eu-west-1" });
            new NetworkHub("hub", {
                ...base,
                peerings: [
                    {
                        name: "ireland",
                        peerTransitGatewayId: "tgw-0peer",
                        peerRegion: "eu-west-1",
                        peerAccountId: "210987654321",
                        accepterProvider: peer,
                        routes: [
                            { cidr: "10.64.0.0/16", domain: "prod" },
                            { cidr: "10.80.0.0/16", domain: "dev" },
                        ],
                    },
                ],
            });
        });
        const pa = rec.one(`${TGW}peeringAttachment:PeeringAttachment`);
        expect(pa.inputs).to.deep.include({
            peerTransitGatewayId: "tgw-0peer",
            peerRegion: "eu-west-1",
            peerAccountId: "210987654321",
        });
        const acc = rec.one(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`);
        expect(acc.inputs.transitGatewayAttachmentId).to.equal(pa.id);
        expect(acc.provider).to.match(/::ireland::/);
        const routes = rec
            .all(`${TGW}route:Route`)
            .filter((r) => r.inputs.blackhole !== true)
            .map((r) => [
                r.inputs.destinationCidrBlock,
                r.inputs.transitGatewayRouteTableId,
                r.inputs.transitGatewayAttachmentId,
            ]);
        expect(routes).to.have.deep.members([
            ["10.64.0.0/16", table(rec, "prod"), pa.id],
            ["10.64.0.0/16", table(rec, "shared"), pa.id],
            ["10.80.0.0/16", table(rec, "dev"), pa.id],
            ["10.80.0.0/16", table(rec, "shared"), pa.id],
        ]);
        expect(routes).to.have.length(4);
        expect(rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`, /peer-ireland/).dependencies).to.include(
            acc.urn,
        );
    });

    it("peering accepted by the peer's own stack: the attachment alone until `accepted`, then association and routes", async () => {
        const peering = {
            name: "ireland",
            peerTransitGatewayId: "tgw-0peer",
            peerRegion: "eu-west-1",
            routes: [{ cidr: "10.64.0.0/16", domain: "prod" as const }],
        };
        const pending = await hub({ peerings: [peering] });
        const pa = pending.one(`${TGW}peeringAttachment:PeeringAttachment`);
        // AWS refuses to associate or route a pendingAcceptance attachment (IncorrectState).
        const wired = (rec: Awaited<ReturnType<typeof hub>>, id: string) =>
            rec.resources
                .filter((r) => r.inputs.transitGatewayAttachmentId === id)
                .map((r) => r.type)
                .sort();
        expect(wired(pending, pa.id)).to.deep.equal([]);
        const accepted = await hub({ peerings: [{ ...peering, accepted: true }] });
        const pa2 = accepted.one(`${TGW}peeringAttachment:PeeringAttachment`);
        expect(wired(accepted, pa2.id)).to.deep.equal([
            `${TGW}route:Route`,
            `${TGW}route:Route`,
            `${TGW}routeTableAssociation:RouteTableAssociation`,
        ]);
        expect(accepted.all(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`)).to.deep.equal([]);
    });

    it("accepted peering: accepter for the reverse direction and its routes", async () => {
        const rec = await hub({
            acceptedPeerings: [
                { name: "paris", attachmentId: "tgw-attach-0abc", routes: [{ cidr: "10.96.0.0/16", domain: "qa" }] },
            ],
        });
        const acc = rec.one(`${TGW}peeringAttachmentAccepter:PeeringAttachmentAccepter`);
        expect(acc.inputs.transitGatewayAttachmentId).to.equal("tgw-attach-0abc");
        expect(
            rec
                .all(`${TGW}route:Route`)
                .filter((r) => r.inputs.blackhole !== true)
                .map((r) => r.inputs.transitGatewayRouteTableId)
                .sort(),
        ).to.deep.equal([table(rec, "qa"), table(rec, "shared")].sort());
    });

    it("bastion: private subnet, no public IP, IMDSv2, encrypted root, SSM role, AL2023 AMI, no inbound rule", async () => {
        const rec = await hub({ bastion: {} });
        const i = rec.one("aws:ec2/instance:Instance");
        expect(i.inputs).to.deep.include({
            associatePublicIpAddress: false,
            subnetId: rec.one("aws:ec2/subnet:Subnet", "hub-shared-private-1").id,
        });
        expect(i.inputs.metadataOptions).to.deep.include({ httpTokens: "required" });
        expect(i.inputs.rootBlockDevice).to.deep.include({ encrypted: true });
        expect(i.inputs.ami).to.match(/^ami-/);
        expect(rec.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).to.equal(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        );
        const sg = rec.one("aws:ec2/securityGroup:SecurityGroup", "hub-bastion-sg");
        expect(
            rec
                .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter((r) => r.inputs.securityGroupId === sg.id),
        ).to.deep.equal([]);
        expect(
            rec
                .all("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                .map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4, r.inputs.description]),
        ).to.deep.equal([
            [443, 443, "10.0.0.0/20", "SSM endpoints in 10.0.0.0/20"],
            [443, 443, "10.16.0.0/16", "EKS API of dev/workloads in 10.16.0.0/16"],
            [443, 443, "10.32.0.0/16", "EKS API of prod/workloads in 10.32.0.0/16"],
        ]);
        // The SSM agent's endpoints admit the bastion's VPC (it has no NAT).
        expect(
            rec
                .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter(
                    (r) =>
                        r.inputs.securityGroupId ===
                        rec.one("aws:ec2/securityGroup:SecurityGroup", "hub-endpoints-sg").id,
                )
                .map((r) => r.inputs.cidrIpv4),
        ).to.include("10.0.0.0/20");
    });

    it("bastion: an unpinned AMI is read at creation and ignored after; a pinned one is used and replaces on change", async () => {
        const unpinned = (await hub({ bastion: {} })).one("aws:ec2/instance:Instance");
        expect(unpinned.ignoreChanges).to.deep.equal(["ami"]);
        const pinned = (await hub({ bastion: { ami: "ami-0123456789abcdef0" } })).one("aws:ec2/instance:Instance");
        expect(pinned.inputs.ami).to.equal("ami-0123456789abcdef0");
        expect(pinned.ignoreChanges).to.deep.equal([]);
    });

    describe("validation (before any resource)", () => {
        const fails = async (args: Partial<NetworkHubArgs>) => (await rejection(hub(args))).message;

        it("lists every overlapping pair with both CIDRs and owners", async () => {
            const msg = await fails({
                onPremCidrs: [
                    { owner: "on-prem/dc1", cidr: "10.16.128.0/17" },
                    { owner: "on-prem/dc2", cidr: "10.0.8.0/21" },
                ],
            });
            expect(msg).to.contain("Invalid NetworkHub args:");
            expect(msg).to.contain("10.16.0.0/16 (dev/workloads) overlaps 10.16.128.0/17 (on-prem/dc1)");
            expect(msg).to.contain("10.0.0.0/20 (shared/shared-services) overlaps 10.0.8.0/21 (on-prem/dc2)");
        });
        it("needs at least 2 AZs (the hub serves prod)", async () => {
            expect(await fails({ availabilityZones: ["eu-central-1a"] })).to.contain(
                "availabilityZones has 1 AZ (eu-central-1a), the hub (it serves prod) needs at least 2",
            );
        });
        it("rejects an unknown route domain", async () => {
            expect(
                await fails({ spokes: [{ name: "stg", domain: "staging" as any, cidr: "10.48.0.0/16" }] }),
            ).to.contain('spokes[0].domain is "staging", an unknown route domain; allowed: dev, qa, prod, shared');
        });
        it("rejects a peer without a region", async () => {
            expect(
                await fails({ peerings: [{ name: "ireland", peerTransitGatewayId: "tgw-0peer", routes: [] } as any] }),
            ).to.contain('peerings[0].peerRegion is missing, a peer needs its AWS region, e.g. "eu-west-1"');
        });
        it("rejects a peer region that is not an AWS region", async () => {
            expect(
                await fails({
                    peerings: [
                        { name: "ireland", peerTransitGatewayId: "tgw-0peer", peerRegion: "eu-wset-1", routes: [] },
                    ],
                }),
            ).to.contain('peerings[0].peerRegion is "eu-wset-1", a peer needs its AWS region');
        });
        it("rejects a VPN without a customer gateway IP", async () => {
            expect(await fails({ vpn: { bgpAsn: 65010 } as any })).to.contain(
                "vpn.customerGatewayIp is missing, a VPN needs the customer gateway's public IPv4 address",
            );
        });
        it("rejects a flow-log retention CloudWatch Logs doesn't accept", async () => {
            expect(await fails({ flowLogRetentionDays: 100 })).to.contain(
                "flowLogRetentionDays is 100, CloudWatch Logs allows: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400",
            );
        });
        it("rejects malformed, duplicate and colliding endpoint services", async () => {
            const msg = await fails({ interfaceEndpoints: ["sts", "ECR API", "sts", "ecr.api", "ecr-api"] });
            expect(msg).to.contain(
                'interfaceEndpoints[1] is "ECR API", must be a service short name as in com.amazonaws.<region>.<service>, e.g. "ecr.api"',
            );
            expect(msg).to.contain('interfaceEndpoints[2] is "sts", listed twice');
            expect(msg).to.contain('interfaceEndpoints[4] is "ecr-api", its resource names collide with "ecr.api"');
        });
        const rows: { why: string; args: Partial<NetworkHubArgs>; message: string }[] = [
            {
                why: "a spoke name EC2 rejects in the bastion's rule descriptions",
                args: { spokes: [{ name: "dev's/workloads", domain: "dev", cidr: "10.16.0.0/16" }] },
                message: `spokes[0].name is "dev's/workloads", it has "'"; EC2 allows`,
            },
            {
                why: "a bastion without the SSM endpoints",
                args: { bastion: {}, interfaceEndpoints: ["sts", "ssm"] },
                message:
                    'interfaceEndpoints is ["sts","ssm"], the bastion (SSM only, no NAT) needs ssmmessages, ec2messages too',
            },
            {
                why: "a pinned bastion AMI that is not an AMI id",
                args: { bastion: { ami: "al2023" } },
                message: 'bastion.ami is "al2023", must be an AMI id',
            },
        ];
        for (const row of rows) {
            it(`rejects ${row.why}`, async () => {
                expect(await fails(row.args)).to.contain(row.message);
            });
        }
        it("reports every problem at once", async () => {
            const msg = await fails({
                availabilityZones: ["eu-central-1a"],
                vpn: { bgpAsn: 65010 } as any,
                amazonSideAsn: 100,
            });
            expect(msg.split("\n - ")).to.have.length(4);
        });
    });
});
