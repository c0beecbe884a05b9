/**
 * "A region is added by its two Pulumi.<stack>.yaml files and nothing else": a scratch copy of the
 * project gets a seventh region's files, written by the README's recipe (newRegion.ts), and the
 * real CLI plans it with the policy pack on. No code, test, policy or other region's file changes.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../harness";
import { runCli } from "../automation/plan/cliProcess";
import { NewRegion, projectWithRegion } from "./newRegion";
import { isGlobalType } from "./resourceRegions";

const SAO_PAULO: NewRegion = {
    city: "saopaulo",
    region: "sa-east-1",
    sharedServicesCidr: "10.0.96.0/20",
    prodCidr: "10.144.0.0/16",
    template: "prod-frankfurt",
};

interface PlanJson {
    stacks: {
        name: string;
        region: string;
        resources: { type: string; provider?: string; inputs: Record<string, unknown> }[];
        outputs: Record<string, unknown>;
        policy?: { violations: unknown[] };
    }[];
}

describe("a seventh region, added by its two stack files alone", function () {
    this.timeout(180_000);
    let dir: string;
    let run: Awaited<ReturnType<typeof runCli>>;
    let plan: PlanJson;

    before(async () => {
        dir = projectWithRegion(SAO_PAULO, fs.mkdtempSync(path.join(os.tmpdir(), "seventh-region-")));
        run = await runCli(["--dir", dir, "--stack", "prod-saopaulo", "--json", "-"]);
        plan = JSON.parse(run.stdout) as PlanJson;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("changes nothing in the project but adds the two files", () => {
        const added = fs.readdirSync(dir).filter((f) => !fs.existsSync(path.join(PROJECT_DIR, f)));
        expect(added.sort()).to.deep.equal(["Pulumi.network-saopaulo.yaml", "Pulumi.prod-saopaulo.yaml"]);
        for (const f of fs.readdirSync(PROJECT_DIR).filter((e) => /^Pulumi\..+\.yaml$/.test(e)))
            expect(fs.readFileSync(path.join(dir, f), "utf8"), f).to.equal(
                fs.readFileSync(path.join(PROJECT_DIR, f), "utf8"),
            );
    });

    it("plans the new hub and prod stack with the policy pack on, with no violation", () => {
        expect(run.code, run.stderr).to.equal(0);
        const names = plan.stacks.map((s) => s.name);
        expect(names).to.include.members(["network-saopaulo", "prod-saopaulo"]);
        for (const s of plan.stacks) expect(s.policy?.violations ?? [], s.name).to.deep.equal([]);
    });

    it("builds everything of the new stacks in the new region", () => {
        for (const name of ["network-saopaulo", "prod-saopaulo"]) {
            const s = plan.stacks.find((x) => x.name === name)!;
            expect(s.region).to.equal("sa-east-1");
            const providers = s.resources.filter((r) => r.type === "pulumi:providers:aws");
            expect(providers.map((p) => p.inputs.region)).to.deep.equal(["sa-east-1"]);
            expect(s.resources.filter((r) => r.type.startsWith("aws:") && !isGlobalType(r.type)).length).to.be.above(
                50,
            );
        }
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
