/**
 * "A region is added by its two Pulumi.<stack>.yaml files and nothing else": a scratch copy of the
 * project gets a seventh region's files, written by the README's recipe (newRegion.ts), and the
 * real CLI plans it with the policy pack on. No code, test, policy or other region's file changes.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR, stackFileConfig } from "../harness";
import { runCli } from "../automation/plan/cliProcess";
import { EDGE_STACK, NewRegion, projectWithRegion } from "./newRegion";
import { StackPlan } from "../../automation/plan/types";
import { resourceRegionProblems, backupCopyRegions } from "./resourceRegions";

const SAO_PAULO: NewRegion = {
    city: "saopaulo",
    region: "sa-east-1",
    sharedServicesCidr: "10.0.96.0/20",
    prodCidr: "10.144.0.0/16",
    template: "prod-frankfurt",
};

/** The CLI's --json: the recorded stacks, each with its policy verdict. */
interface PlanJson {
    stacks: (StackPlan & { policy?: { violations: unknown[] } })[];
}

describe("a seventh region, added by its two stack files alone", function () {
    this.timeout(180_000);
    let dir: string;
    let run: Awaited<ReturnType<typeof runCli>>;
    let plan: PlanJson;

    before(async () => {
        dir = projectWithRegion(SAO_PAULO, fs.mkdtempSync(path.join(os.tmpdir(), "seventh-region-")));
        run = await runCli(["--dir", dir, "--stack", EDGE_STACK, "--json", "-"]);
        plan = JSON.parse(run.stdout) as PlanJson;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("changes nothing in the project but adds the two files and one entry in the edge's list of regions", () => {
        const added = fs.readdirSync(dir).filter((f) => !fs.existsSync(path.join(PROJECT_DIR, f)));
        expect(added.sort()).to.deep.equal(["Pulumi.network-saopaulo.yaml", "Pulumi.prod-saopaulo.yaml"]);
        const edgeFile = `Pulumi.${EDGE_STACK}.yaml`;
        for (const f of fs.readdirSync(PROJECT_DIR).filter((e) => /^Pulumi\..+\.yaml$/.test(e) && e !== edgeFile))
            expect(fs.readFileSync(path.join(dir, f), "utf8"), f).to.equal(
                fs.readFileSync(path.join(PROJECT_DIR, f), "utf8"),
            );
        const regions = (d: string) =>
            (stackFileConfig(EDGE_STACK, d)["payments-platform:edge"] as { regions: { stack: string }[] }).regions;
        expect(regions(dir)).to.deep.equal([...regions(PROJECT_DIR), { stack: "prod-saopaulo" }]);
    });

    it("plans the new hub and prod stack with the policy pack on, with no violation", () => {
        expect(run.code, run.stderr).to.equal(0);
        const names = plan.stacks.map((s) => s.name);
        expect(names).to.include.members(["network-saopaulo", "prod-saopaulo", EDGE_STACK]);
        for (const s of plan.stacks) expect(s.policy?.violations ?? [], s.name).to.deep.equal([]);
    });

    it("builds everything of the new stacks in the new region (the hub's peer-side link halves aside)", () => {
        for (const name of ["network-saopaulo", "prod-saopaulo"]) {
            const s = plan.stacks.find((x) => x.name === name)!;
            expect(s.region).to.equal("sa-east-1");
            expect(resourceRegionProblems(s), name).to.deep.equal([]);
        }
        const prod = plan.stacks.find((x) => x.name === "prod-saopaulo")!;
        const regions = prod.resources.filter((r) => r.type === "pulumi:providers:aws").map((p) => p.inputs.region);
        // Plus the one region AWS Backup copies prod's recovery points to (components/apps/storage): the
        // default pairing of a region no stack file names, never the stack's own.
        const copies = [...backupCopyRegions(prod.resources)];
        expect(copies).to.have.length(1);
        expect(copies[0]).to.not.equal("sa-east-1");
        expect([...regions].sort()).to.deep.equal(["sa-east-1", ...copies].sort());
    });

    it("links the new hub to every earlier hub, on a provider of each peer's region", () => {
        const hubs = plan.stacks.filter((s) => s.name.startsWith("network-") && s.name !== "network-saopaulo");
        expect(hubs.length).to.be.at.least(6);
        const hub = plan.stacks.find((x) => x.name === "network-saopaulo")!;
        const accepters = hub.resources.filter(
            (r) => r.type === "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
        );
        const requesters = hub.resources.filter(
            (r) => r.type === "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
        );
        expect(requesters.map((r) => r.inputs.peerRegion).sort()).to.deep.equal(hubs.map((h) => h.region).sort());
        expect(accepters).to.have.length(hubs.length);
        const providerRegion = new Map(
            hub.resources
                .filter((r) => r.type === "pulumi:providers:aws")
                .map((p) => [`${p.urn}::${p.id}`, p.inputs.region as string] as [string, string]),
        );
        const accepterRegions = accepters.map((a) => providerRegion.get(a.provider));
        expect(accepterRegions.sort()).to.deep.equal(hubs.map((h) => h.region).sort());
    });

    it("puts the new region behind the global edge: an accelerator endpoint group and a latency record", () => {
        const edge = plan.stacks.find((x) => x.name === EDGE_STACK)!;
        const groups = edge.resources.filter((r) => r.type === "aws:globalaccelerator/endpointGroup:EndpointGroup");
        expect(groups.map((g) => g.inputs.endpointGroupRegion)).to.include("sa-east-1");
        const latency = edge.resources.filter(
            (r) =>
                r.type === "aws:route53/record:Record" &&
                JSON.stringify(r.inputs.latencyRoutingPolicies ?? []).includes("sa-east-1"),
        );
        expect(latency, "a latency record for sa-east-1").to.have.length.above(0);
    });

    it("puts the new prod VPC in the new hub's CIDR plan, read through the stack reference", () => {
        const hub = plan.stacks.find((x) => x.name === "network-saopaulo")!;
        const prod = plan.stacks.find((x) => x.name === "prod-saopaulo")!;
        expect(hub.outputs.cidrPlan).to.deep.include({ owner: "prod/workloads", cidr: "10.144.0.0/16" });
        expect(prod.outputs.vpcCidr).to.equal("10.144.0.0/16");
        const vpc = prod.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
        expect(vpc.inputs.cidrBlock).to.equal("10.144.0.0/16");
    });
});

describe("a seventh region whose blocks collide with an existing region's", function () {
    this.timeout(180_000);
    const rows: { what: string; region: Partial<NewRegion>; says: RegExp[] }[] = [
        {
            what: "prod block = virginia's prod block",
            region: { prodCidr: "10.48.0.0/16" },
            says: [/prod-virginia/, /prod-saopaulo/, /10\.48\.0\.0\/16/],
        },
        {
            what: "shared services inside frankfurt's",
            region: { sharedServicesCidr: "10.0.0.0/22" },
            says: [/network-frankfurt/, /network-saopaulo/, /10\.0\.0\.0\/22/],
        },
    ];
    for (const row of rows) {
        it(`${row.what}: fails before any program, naming both stacks and the block`, async () => {
            const dir = projectWithRegion(
                { ...SAO_PAULO, ...row.region },
                fs.mkdtempSync(path.join(os.tmpdir(), "seventh-region-bad-")),
            );
            try {
                const run = await runCli(["--dir", dir, "--no-policy", "--quiet"]);
                expect(run.code).to.equal(1);
                for (const re of row.says) expect(run.stderr).to.match(re);
                expect(run.stderr).not.to.match(/\n\s+at /);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }
});
