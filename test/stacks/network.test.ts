import { expect } from "chai";
import { Plan, ResourceRecord } from "../../automation/plan/types";
import { Recorded, discoverStacks, planProject, planned, plannedStacks } from "../harness";
import { reachable, tgwGraph } from "../components/network/walk";
import { ENDPOINT_DNS, expectEndpointDns } from "../components/network/endpointDns";

const TGW = "aws:ec2transitgateway/";
/** The primary region's hub and its dev and prod spokes, found from the stack files. */
async function three(): Promise<Recorded[]> {
    const stacks = discoverStacks();
    const hub = stacks.find((s) => s.role === "network" && s.region === "eu-central-1")!;
    const spoke = (env: string) =>
        stacks.find((s) => s.role === "workload" && s.environment === env && s.region === hub.region)!;
    return Promise.all([hub, spoke("dev"), spoke("prod")].map((s) => planned(s.name)));
}

describe("network stacks (the real plan)", function () {
    this.timeout(120_000);

    it("dev can never reach prod, nor prod dev, across the hub's and spokes' route tables", async () => {
        const [hub, dev, prod] = await three();
        const g = tgwGraph([hub, dev, prod]);
        const devAtt = dev.one(`${TGW}vpcAttachment:VpcAttachment`).id;
        const prodAtt = prod.one(`${TGW}vpcAttachment:VpcAttachment`).id;
        const sharedAtt = hub.one(`${TGW}vpcAttachment:VpcAttachment`, /shared/).id;
        expect(reachable(g, devAtt, prodAtt, "10.32.0.0/16")).to.equal(false);
        expect(reachable(g, prodAtt, devAtt, "10.16.0.0/16")).to.equal(false);
        // The walk is live: the paths the domains allow are found.
        expect(reachable(g, devAtt, sharedAtt, "10.0.0.0/20")).to.equal(true);
        expect(reachable(g, prodAtt, sharedAtt, "10.0.0.0/20")).to.equal(true);
        expect(reachable(g, sharedAtt, devAtt, "10.16.0.0/16")).to.equal(true);
        expect(reachable(g, sharedAtt, prodAtt, "10.32.0.0/16")).to.equal(true);
    });

    it("the isolation walk detects a leak when one propagation puts prod into the dev table and its blackhole is gone", async () => {
        const [hub, dev, prod] = await three();
        const g = tgwGraph([hub, dev, prod]);
        const devAtt = dev.one(`${TGW}vpcAttachment:VpcAttachment`).id;
        const prodAtt = prod.one(`${TGW}vpcAttachment:VpcAttachment`).id;
        const devTable = hub.one(`${TGW}routeTable:RouteTable`, /-rt-dev$/).id;
        g.propagations.set(devTable, [...(g.propagations.get(devTable) ?? []), prodAtt]);
        // The static blackhole of prod's CIDR in the dev table still wins over the stray propagation ...
        expect(reachable(g, devAtt, prodAtt, "10.32.0.0/16")).to.equal(false);
        // ... and without it the walk sees the leak.
        g.routes.set(
            devTable,
            (g.routes.get(devTable) ?? []).filter((r) => !r.blackhole),
        );
        expect(reachable(g, devAtt, prodAtt, "10.32.0.0/16")).to.equal(true);
    });

    it("each spoke associates with its domain's hub table and propagates into its domain and shared only", async () => {
        const [hub, dev, prod] = await three();
        const table = (d: string) => hub.one(`${TGW}routeTable:RouteTable`, new RegExp(`-rt-${d}$`)).id;
        for (const [rec, domain] of [
            [dev, "dev"],
            [prod, "prod"],
        ] as const) {
            const att = rec.one(`${TGW}vpcAttachment:VpcAttachment`).id;
            const assoc = rec.one(`${TGW}routeTableAssociation:RouteTableAssociation`);
            expect(assoc.inputs).to.deep.include({
                transitGatewayAttachmentId: att,
                transitGatewayRouteTableId: table(domain),
            });
            const props = rec
                .all(`${TGW}routeTablePropagation:RouteTablePropagation`)
                .map((p) => p.inputs.transitGatewayRouteTableId)
                .sort();
            expect(props).to.deep.equal([table(domain), table("shared")].sort());
        }
    });

    it("the dev spoke's resources live in the dev stack only", async () => {
        const [hub, dev, prod] = await three();
        const devAtt = dev.one(`${TGW}vpcAttachment:VpcAttachment`);
        const devVpc = dev.one("aws:ec2/vpc:Vpc");
        for (const other of [hub, prod]) {
            const mentions = other.resources.filter(
                (r) =>
                    JSON.stringify(r.inputs).includes(devAtt.id) ||
                    JSON.stringify(r.inputs).includes(devVpc.id) ||
                    r.name.startsWith("dev-"),
            );
            expect(
                mentions.map((r) => r.urn),
                other.plan.name,
            ).to.deep.equal([]);
        }
        // Everything dev's spoke wires into the hub (association, propagations) is in dev's stack.
        const wiring = dev.resources.filter(
            (r) => r.type.startsWith(TGW) && r.inputs.transitGatewayAttachmentId === devAtt.id,
        );
        expect(wiring.map((r) => r.type).sort()).to.deep.equal([
            `${TGW}routeTableAssociation:RouteTableAssociation`,
            `${TGW}routeTablePropagation:RouteTablePropagation`,
            `${TGW}routeTablePropagation:RouteTablePropagation`,
        ]);
        expect(dev.plan.references).to.deep.equal([hub.plan.name]);
    });

    it("NAT gateways follow the strategy: 3 in prod-frankfurt (OnePerAz), 1 in dev (Single)", async () => {
        const [hub, dev, prod] = await three();
        for (const [rec, strategy, count] of [
            [prod, "OnePerAz", 3],
            [dev, "Single", 1],
            [hub, "None", 0],
        ] as const) {
            const vpcs = rec.all("awsx:ec2:Vpc");
            expect(
                vpcs.map((v) => (v.inputs.natGateways as any).strategy),
                rec.plan.name,
            ).to.deep.equal([strategy]);
            expect(rec.all("aws:ec2/natGateway:NatGateway"), rec.plan.name).to.have.length(count);
            // One NAT per AZ really means one per distinct public subnet.
            const subnets = new Set(rec.all("aws:ec2/natGateway:NatGateway").map((n) => n.inputs.subnetId));
            expect(subnets.size).to.equal(count);
        }
    });

    it("every spoke VPC spans its hub's AZs with public, private and isolated tiers and DNS on", async () => {
        const spokes = await plannedStacks((s) => s.role === "workload");
        expect(spokes).to.not.be.empty;
        for (const rec of spokes) {
            const hub = await planned(rec.plan.references[0]);
            const hubAzs = hub.outputs.availabilityZones as string[];
            expect(hubAzs.length, hub.plan.name).to.be.at.least(2);
            const vpc = rec.one("awsx:ec2:Vpc");
            expect(vpc.inputs.availabilityZoneNames, rec.plan.name).to.deep.equal(hubAzs);
            expect(vpc.inputs).to.deep.include({ enableDnsHostnames: true, enableDnsSupport: true });
            expect((vpc.inputs.subnetSpecs as any[]).map((s) => s.type)).to.deep.equal([
                "Public",
                "Private",
                "Isolated",
            ]);
            const azs = rec.all("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
            expect([...new Set(azs)].sort(), rec.plan.name).to.deep.equal([...hubAzs].sort());
        }
    });

    it("the hub has the interface endpoints with private DNS (its zones, in the hub and every spoke), admitting 443 from the region's VPCs only", async () => {
        const [hub, dev, prod] = await three();
        // Less the on-prem S3 endpoint (no zone, its own group: test/components/apps/storage.test.ts).
        const eps = hub.all("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => !e.name.endsWith("-s3-interface"));
        expect(eps.map((e) => e.inputs.serviceName).sort()).to.deep.equal(
            ["ecr.api", "ecr.dkr", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "secretsmanager", "kms"]
                .map((s) => `com.amazonaws.eu-central-1.${s}`)
                .sort(),
        );
        for (const e of eps) expect(e.inputs).to.deep.include({ vpcEndpointType: "Interface" });
        // Each service's exact DNS name resolves to its endpoint in the hub VPC ...
        const zoneIds = expectEndpointDns(hub, hub.one("aws:ec2/vpc:Vpc").id);
        expect(hub.outputs.endpointZoneIds).to.deep.equal(zoneIds);
        // ... and in every spoke, which associates every zone (read through the stack reference) from its own stack.
        for (const rec of [dev, prod]) {
            const vpcId = rec.one("aws:ec2/vpc:Vpc").id;
            const assoc = rec.all("aws:route53/zoneAssociation:ZoneAssociation");
            expect(
                assoc.map((a) => a.inputs).sort((a, b) => String(a.zoneId).localeCompare(String(b.zoneId))),
                rec.plan.name,
            ).to.deep.equal(
                Object.keys(ENDPOINT_DNS)
                    .map((s) => ({ zoneId: zoneIds[s], vpcId }))
                    .sort((a, b) => a.zoneId.localeCompare(b.zoneId)),
            );
            expect(rec.all("aws:route53/zone:Zone"), rec.plan.name).to.deep.equal([]);
        }
        expect(hub.all("aws:route53/zoneAssociation:ZoneAssociation")).to.deep.equal([]);
        const endpointSg = hub.one("aws:ec2/securityGroup:SecurityGroup", /-endpoints-sg$/).id;
        const rules = hub
            .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === endpointSg);
        expect(rules.map((r) => r.inputs.cidrIpv4).sort()).to.deep.equal([
            "10.0.0.0/20",
            "10.16.0.0/16",
            "10.32.0.0/16",
        ]);
        for (const r of rules) expect(r.inputs).to.deep.include({ fromPort: 443, toPort: 443, ipProtocol: "tcp" });
    });

    it("every VPC in every stack has ALL-traffic flow logs into a KMS-encrypted log group", async () => {
        for (const rec of await three()) {
            const vpcs = rec.all("aws:ec2/vpc:Vpc");
            const logs = rec.all("aws:ec2/flowLog:FlowLog");
            expect(logs.map((l) => l.inputs.vpcId).sort(), rec.plan.name).to.deep.equal(vpcs.map((v) => v.id).sort());
            for (const l of logs) {
                expect(l.inputs.trafficType).to.equal("ALL");
                const group = rec
                    .all("aws:cloudwatch/logGroup:LogGroup")
                    .find((g) => l.propertyDependencies.logDestination?.includes(g.urn))!;
                const key = rec.byUrn(group.propertyDependencies.kmsKeyId[0]);
                expect(key.type).to.equal("aws:kms/key:Key");
                expect(key.inputs.enableKeyRotation).to.equal(true);
            }
        }
    });

    it("no security group rule in any stack admits port 22 from anywhere", async () => {
        const plan: Plan = await planProject();
        const open = (cidrs: unknown[], from: unknown, to: unknown, proto: unknown) =>
            cidrs.some((c) => c === "0.0.0.0/0" || c === "::/0") &&
            (proto === "-1" || proto === "all" || (Number(from ?? 0) <= 22 && 22 <= Number(to ?? 65535)));
        let checked = 0;
        const offenders: string[] = [];
        for (const s of plan.stacks) {
            for (const r of s.resources as ResourceRecord[]) {
                const i = r.inputs as Record<string, any>;
                const rules: { cidrs: unknown[]; from: unknown; to: unknown; proto: unknown }[] = [];
                if (r.type === "aws:ec2/securityGroup:SecurityGroup") {
                    for (const x of i.ingress ?? [])
                        rules.push({
                            cidrs: [...(x.cidrBlocks ?? []), ...(x.ipv6CidrBlocks ?? [])],
                            from: x.fromPort,
                            to: x.toPort,
                            proto: x.protocol,
                        });
                    checked++;
                }
                if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule" && i.type === "ingress")
                    rules.push({
                        cidrs: [...(i.cidrBlocks ?? []), ...(i.ipv6CidrBlocks ?? [])],
                        from: i.fromPort,
                        to: i.toPort,
                        proto: i.protocol,
                    });
                if (r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                    rules.push({
                        cidrs: [i.cidrIpv4, i.cidrIpv6],
                        from: i.fromPort,
                        to: i.toPort,
                        proto: i.ipProtocol,
                    });
                checked += rules.length;
                if (rules.some((x) => open(x.cidrs, x.from, x.to, x.proto))) offenders.push(r.urn);
            }
        }
        expect(checked).to.be.greaterThan(0);
        expect(offenders).to.deep.equal([]);
    });

    it("the hub's outputs follow NetworkStackOutputs, and the spokes' CIDR plans match the hub's", async () => {
        const [hub, dev, prod] = await three();
        const o = hub.outputs as Record<string, any>;
        const table = (d: string) => hub.one(`${TGW}routeTable:RouteTable`, new RegExp(`-rt-${d}$`)).id;
        expect(o.transitGatewayId).to.equal(hub.one(`${TGW}transitGateway:TransitGateway`).id);
        expect(o.routeTableIds).to.deep.equal({
            dev: table("dev"),
            qa: table("qa"),
            prod: table("prod"),
            shared: table("shared"),
        });
        expect(o.sharedServicesVpcId).to.equal(hub.one("aws:ec2/vpc:Vpc").id);
        expect(o.bastionInstanceId).to.equal(hub.one("aws:ec2/instance:Instance").id);
        expect(o.availabilityZones).to.deep.equal(hub.one("awsx:ec2:Vpc").inputs.availabilityZoneNames);
        expect(o.endpointSecurityGroupId).to.equal(hub.one("aws:ec2/securityGroup:SecurityGroup", /endpoints-sg$/).id);
        expect(Object.values(o.flowLogGroupNames)).to.deep.equal(
            hub.all("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name),
        );
        const hubPlan = new Map((o.cidrPlan as { owner: string; cidr: string }[]).map((c) => [c.owner, c.cidr]));
        for (const rec of [dev, prod]) {
            const own = rec.outputs.vpcCidr as string;
            expect([...hubPlan.values()]).to.include(own);
            // Every route the spoke sends to the TGW is a block of the hub's plan, and every other block is routed.
            const routed = new Set(
                rec
                    .all("aws:ec2/route:Route")
                    .filter((r) => r.inputs.transitGatewayId)
                    .map((r) => r.inputs.destinationCidrBlock),
            );
            // A prod spoke also routes the hub's interRegionCidrs (the supernet): its links decide the rest.
            const interRegion = rec.outputs.environment === "prod" ? (o.interRegionCidrs as string[]) : [];
            expect([...routed].sort()).to.deep.equal(
                [...[...hubPlan.values()].filter((c) => c !== own), ...interRegion].sort(),
            );
        }
    });

    it("spoke routes: every private and isolated route table sends the region's other blocks to the TGW", async () => {
        const spokes = await plannedStacks((s) => s.role === "workload");
        expect(spokes).to.not.be.empty;
        for (const dev of spokes) {
            const hub = await planned(dev.plan.references[0]);
            const tgwId = hub.outputs.transitGatewayId;
            const own = String(dev.outputs.vpcCidr);
            const others = (hub.outputs.cidrPlan as { cidr: string }[]).map((c) => c.cidr).filter((c) => c !== own);
            expect(others, dev.plan.name).to.not.be.empty;
            const inner = dev
                .all("aws:ec2/routeTable:RouteTable")
                .filter((t) => /-(private|isolated)-\d$/.test(t.name))
                .map((t) => t.id)
                .sort();
            expect(inner, dev.plan.name).to.have.length(2 * (hub.outputs.availabilityZones as string[]).length);
            for (const cidr of others) {
                const tables = dev
                    .all("aws:ec2/route:Route")
                    .filter((r) => r.inputs.destinationCidrBlock === cidr && r.inputs.transitGatewayId === tgwId)
                    .map((r) => r.inputs.routeTableId)
                    .sort();
                expect(tables, `${dev.plan.name}: ${cidr}`).to.deep.equal(inner);
            }
            checkGatewayEndpoints(dev, inner);
        }
    });
});

/** S3 and DynamoDB gateway endpoints of the spoke's region, on every inner route table. */
function checkGatewayEndpoints(dev: Recorded, inner: string[]): void {
    const gw = dev.all("aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(gw.map((e) => e.inputs.serviceName).sort()).to.deep.equal([
        `com.amazonaws.${dev.plan.region}.dynamodb`,
        `com.amazonaws.${dev.plan.region}.s3`,
    ]);
    for (const e of gw) expect([...(e.inputs.routeTableIds as string[])].sort()).to.deep.equal(inner);
}
