/**
 * Rules over every planned stack (discovered from the Pulumi.*.yaml files): what EC2 accepts in
 * security group text, the load balancer subnet tags, the TGW attachments' own subnets.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../automation/plan/types";
import { cidrContains, cidrsOverlap } from "../../components/network/cidr";
import { ec2TextProblem } from "../../components/ec2Text";
import { plannedStacks } from "../harness";

const TGW = "aws:ec2transitgateway/";

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
