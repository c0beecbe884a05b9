import { expect } from "chai";
import { Plan, ResourceRecord } from "../../automation/plan/types";
import { Recorded, planProject, planned, plannedStacks, record, rejection } from "../harness";
import { loadStackSettings } from "../../stacks/config";
import { qualifyStackName, stackNameProblem } from "../../stacks/config/network";
import { ec2TextProblem } from "../../components/network/ec2Text";
import { cidrContains, cidrsOverlap } from "../../components/network/cidr";
import { reachable, tgwGraph } from "../components/network/walk";
import { ENDPOINT_DNS, expectEndpointDns } from "../components/network/endpointDns";

const TGW = "aws:ec2transitgateway/";
const STACKS = ["network-frankfurt", "dev", "prod-frankfurt"];

async function three(): Promise<Recorded[]> {
    return Promise.all(STACKS.map((s) => planned(s)));
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
        expect(dev.plan.references).to.deep.equal(["network-frankfurt"]);
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

    it("spoke VPCs span 3 AZs with public, private and isolated tiers and DNS on", async () => {
        for (const rec of [await planned("dev"), await planned("prod-frankfurt")]) {
            const vpc = rec.one("awsx:ec2:Vpc");
            expect(vpc.inputs.availabilityZoneNames).to.deep.equal(["eu-central-1a", "eu-central-1b", "eu-central-1c"]);
            expect(vpc.inputs).to.deep.include({ enableDnsHostnames: true, enableDnsSupport: true });
            expect((vpc.inputs.subnetSpecs as any[]).map((s) => s.type)).to.deep.equal([
                "Public",
                "Private",
                "Isolated",
            ]);
            const azs = rec.all("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
            expect(new Set(azs).size).to.equal(3);
        }
    });

    it("the hub has the interface endpoints with private DNS (its zones, in the hub and every spoke), admitting 443 from the region's VPCs only", async () => {
        const [hub, dev, prod] = await three();
        const eps = hub.all("aws:ec2/vpcEndpoint:VpcEndpoint");
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
        const rules = hub.all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
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
            expect([...routed].sort()).to.deep.equal([...hubPlan.values()].filter((c) => c !== own).sort());
        }
    });

    it("spoke routes: every private and isolated route table sends the region's other blocks to the TGW", async () => {
        const dev = await planned("dev");
        const tgwId = (await planned("network-frankfurt")).outputs.transitGatewayId;
        const inner = dev
            .all("aws:ec2/routeTable:RouteTable")
            .filter((t) => /-(private|isolated)-\d$/.test(t.name))
            .map((t) => t.id)
            .sort();
        expect(inner).to.have.length(6);
        for (const cidr of ["10.0.0.0/20", "10.32.0.0/16", "10.128.0.0/16"]) {
            const tables = dev
                .all("aws:ec2/route:Route")
                .filter((r) => r.inputs.destinationCidrBlock === cidr && r.inputs.transitGatewayId === tgwId)
                .map((r) => r.inputs.routeTableId)
                .sort();
            expect(tables, cidr).to.deep.equal(inner);
        }
        const gw = dev.all("aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(gw.map((e) => e.inputs.serviceName).sort()).to.deep.equal([
            "com.amazonaws.eu-central-1.dynamodb",
            "com.amazonaws.eu-central-1.s3",
        ]);
        for (const e of gw) expect([...(e.inputs.routeTableIds as string[])].sort()).to.deep.equal(inner);
    });
});

/** Every security group name and (rule) description a resource of the plan sends to EC2, by field. */
function ec2Texts(r: ResourceRecord): { field: string; value: string }[] {
    const i = r.inputs as Record<string, any>;
    const out: { field: string; value: string }[] = [];
    const add = (field: string, v: unknown) => {
        if (typeof v === "string") out.push({ field, value: v });
    };
    switch (r.type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            add("name", i.name);
            add("namePrefix", i.namePrefix);
            // Without name/namePrefix, Pulumi autonames the group `<logical name>-<7 hex>`.
            if (i.name === undefined && i.namePrefix === undefined) add("name (autonamed)", `${r.name}-0000000`);
            add("description", i.description);
            (i.ingress ?? []).forEach((x: any, n: number) => add(`ingress[${n}].description`, x.description));
            (i.egress ?? []).forEach((x: any, n: number) => add(`egress[${n}].description`, x.description));
            break;
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
            add("description", i.description);
            break;
    }
    return out;
}

describe("EC2 text in every planned stack", function () {
    this.timeout(180_000);

    it("every security group name, namePrefix, description and rule description fits EC2's charset and 255 characters", async () => {
        const offenders: string[] = [];
        let checked = 0;
        for (const rec of await plannedStacks()) {
            for (const r of rec.resources) {
                for (const { field, value } of ec2Texts(r)) {
                    checked++;
                    const problem = ec2TextProblem(field, value);
                    if (problem) offenders.push(`${rec.plan.name} ${r.type} ${r.name}: ${problem}`);
                }
            }
        }
        expect(checked).to.be.greaterThan(20);
        expect(offenders).to.deep.equal([]);
    });
});

describe("hub stack names (network.spoke.hubStack)", () => {
    const ok: [string, string][] = [
        ["network-frankfurt", "acme/payments-platform/network-frankfurt"],
        ["acme/payments-platform/network-frankfurt", "acme/payments-platform/network-frankfurt"],
        ["other-org/shared-network/network_frankfurt.v2", "other-org/shared-network/network_frankfurt.v2"],
        ["organization/payments-platform/network-frankfurt", "organization/payments-platform/network-frankfurt"],
    ];
    for (const [value, qualified] of ok) {
        it(`${value} → ${qualified}`, () => {
            expect(stackNameProblem(value)).to.equal(undefined);
            expect(qualifyStackName(value, "acme", "payments-platform")).to.equal(qualified);
        });
    }
    const ALLOWED =
        'must be a stack of this project ("network-frankfurt") or fully qualified ("<org>/<project>/<stack>")';
    const bad: [string, string][] = [
        ["payments-platform/network-frankfurt", `it has 2 parts, ${ALLOWED}`],
        ["a/b/c/d", `it has 4 parts, ${ALLOWED}`],
        ["", `the name is empty, ${ALLOWED}`],
        ["/payments-platform/network-frankfurt", `the organization is empty, ${ALLOWED}`],
        ["acme//network-frankfurt", `the project is empty, ${ALLOWED}`],
        ["acme/payments-platform/", `the stack is empty, ${ALLOWED}`],
        ["network frankfurt", `the name "network frankfurt" has characters outside A-Z a-z 0-9 _ . -, ${ALLOWED}`],
    ];
    for (const [value, problem] of bad) {
        it(`rejects ${JSON.stringify(value)}: ${problem.split(",")[0]}`, async () => {
            expect(stackNameProblem(value)).to.equal(problem);
            expect(() => qualifyStackName(value, "acme", "payments-platform")).to.throw(problem);
            // In config words, before anything is registered.
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: {
                        role: "workload",
                        environment: "dev",
                        owner: "o",
                        costCenter: "c",
                        network: { spoke: { hubStack: value, vpcCidr: "10.16.0.0/16" } },
                    },
                    secrets: ["eksAdminRoleArn"],
                }),
            );
            expect(err.message).to.contain(
                `payments-platform:network.spoke.hubStack is ${JSON.stringify(value)}, ${problem}`,
            );
        });
    }
});

describe("load balancer subnet discovery tags (every workload stack)", function () {
    this.timeout(180_000);

    it("public subnets carry kubernetes.io/role/elb=1, private internal-elb=1, isolated and TGW subnets neither", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        expect(stacks).to.not.have.length(0);
        const ELB = "kubernetes.io/role/elb";
        const INTERNAL = "kubernetes.io/role/internal-elb";
        for (const rec of stacks) {
            // The awsx component's input: the tags the plugin applies to each tier's subnets ...
            const specs = rec.one("awsx:ec2:Vpc").inputs.subnetSpecs as {
                type: string;
                tags?: Record<string, string>;
            }[];
            expect(
                specs.map((s) => [s.type, s.tags ?? {}]),
                rec.plan.name,
            ).to.deep.equal([
                ["Public", { [ELB]: "1" }],
                ["Private", { [INTERNAL]: "1" }],
                ["Isolated", {}],
            ]);
            // ... and the subnets synthesised from it.
            const subnets = rec.all("aws:ec2/subnet:Subnet");
            // Three tiers and the TGW attachment's own subnet, per AZ.
            expect(subnets, rec.plan.name).to.have.length(12);
            for (const s of subnets) {
                const tags = s.inputs.tags as Record<string, string>;
                const want = { Public: [ELB], Private: [INTERNAL], Isolated: [], TransitGateway: [] }[tags.SubnetType]!;
                expect(
                    [ELB, INTERNAL].filter((k) => tags[k] === "1"),
                    `${rec.plan.name} ${s.name}`,
                ).to.deep.equal(want);
            }
        }
    });
});

describe("TGW attachment subnets (every planned stack)", function () {
    this.timeout(180_000);

    it("every VPC attachment sits in its own /28 per AZ, inside its VPC, clear of every other subnet, nothing else in them", async () => {
        let attachments = 0;
        for (const rec of await plannedStacks()) {
            const subnets = rec.all("aws:ec2/subnet:Subnet");
            const vpcs = new Map(rec.all("aws:ec2/vpc:Vpc").map((v) => [v.id, String(v.inputs.cidrBlock)]));
            for (const att of rec.all(`${TGW}vpcAttachment:VpcAttachment`)) {
                attachments++;
                const ids = att.inputs.subnetIds as string[];
                const mine = ids.map((id) => subnets.find((s) => s.id === id)!);
                const vpcCidr = vpcs.get(String(att.inputs.vpcId))!;
                const where = `${rec.plan.name} ${att.name}`;
                expect(
                    mine.map((s) => String(s.inputs.cidrBlock).split("/")[1]),
                    where,
                ).to.deep.equal(ids.map(() => "28"));
                expect(new Set(mine.map((s) => s.inputs.availabilityZone)).size, where).to.equal(ids.length);
                const siblings = subnets.filter((s) => s.inputs.vpcId === att.inputs.vpcId && !ids.includes(s.id));
                for (const s of mine) {
                    expect(cidrContains(vpcCidr, String(s.inputs.cidrBlock)), where).to.equal(true);
                    const clash = siblings.filter((o) =>
                        cidrsOverlap(String(o.inputs.cidrBlock), String(s.inputs.cidrBlock)),
                    );
                    expect(
                        clash.map((o) => o.name),
                        where,
                    ).to.deep.equal([]);
                    // Only its route table association refers to it: no instance, endpoint or NAT lives there.
                    const users = rec.resources.filter(
                        (r) => r !== att && r !== s && JSON.stringify(r.inputs).includes(s.id),
                    );
                    expect(
                        users.map((u) => u.type),
                        where,
                    ).to.deep.equal(["aws:ec2/routeTableAssociation:RouteTableAssociation"]);
                }
            }
        }
        expect(attachments).to.be.greaterThan(2);
    });
});
