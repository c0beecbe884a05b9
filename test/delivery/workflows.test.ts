import { validateWorkflow } from "@action-validator/core";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { deliveryStacks } from "../../automation/delivery/graph";
import { workflowFiles } from "../../automation/delivery/render";
import { ciRoleName } from "../../automation/delivery/roles";
import { weekendCrons } from "../../automation/delivery/weekend";
import { PROJECT_DIR, discoverStacks, planProject } from "../harness";

type Job = {
    needs?: string[];
    environment?: string;
    permissions?: Record<string, string>;
    concurrency?: { group: string; "cancel-in-progress": boolean };
    steps: { uses?: string; with?: Record<string, unknown>; run?: string; if?: string }[];
};
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

const read = (f: string) => fs.readFileSync(path.join(PROJECT_DIR, ".github/workflows", f), "utf8");
const parse = (f: string) => YAML.parse(read(f)) as Workflow;
const FILES = ["pull-request.yml", "deploy.yml", "drift.yml", "weekend-teardown.yml"];

describe("delivery: the committed workflows", () => {
    it("equal the generator's output from the plan's stack graph (npm run workflows)", async () => {
        const generated = workflowFiles(deliveryStacks(await planProject(), PROJECT_DIR));
        expect(Object.keys(generated).map((f) => path.basename(f))).to.have.members(FILES);
        for (const [f, text] of Object.entries(generated))
            expect(fs.readFileSync(path.join(PROJECT_DIR, f), "utf8"), `${f}: run npm run workflows`).to.equal(text);
    });

    for (const f of FILES)
        it(`${f} passes @action-validator/core`, () => {
            expect(validateWorkflow(read(f)).errors).to.deep.equal([]);
        });

    it("the validator does reject a broken workflow (so a pass means something)", () => {
        const broken = read("drift.yml").replace("runs-on:", "runs_on:");
        expect(validateWorkflow(broken).errors).to.not.be.empty;
    });

    it("deploy: every stack's up job waits for the up jobs of the stacks it references in the plan, and prod waits for dev", async () => {
        const plan = await planProject();
        const jobs = parse("deploy.yml").jobs;
        const dev = discoverStacks().filter((s) => s.environment === "dev");
        for (const s of plan.stacks) {
            const job = jobs[`up-${s.name}`];
            expect(job, s.name).to.not.equal(undefined);
            expect(job.needs).to.include.members(["checks", "changes", ...s.references.map((r) => `up-${r}`)]);
            if (discoverStacks().find((d) => d.name === s.name)?.environment === "prod")
                expect(job.needs).to.include.members(dev.map((d) => `up-${d.name}`));
        }
        expect(Object.keys(jobs).filter((j) => j.startsWith("up-"))).to.have.length(plan.stacks.length);
    });

    it("pull request: previews follow the same graph, with the pack and the stack's environment's policy config, one edited comment per stack", async () => {
        const plan = await planProject();
        const jobs = parse("pull-request.yml").jobs;
        for (const s of plan.stacks) {
            const job = jobs[`preview-${s.name}`];
            expect(job.needs).to.include.members(["checks", ...s.references.map((r) => `preview-${r}`)]);
            const step = job.steps.find((x) => x.uses?.startsWith("pulumi/actions@"))!;
            const env = discoverStacks().find((d) => d.name === s.name)!.environment;
            expect(step.with).to.include({
                command: "preview",
                policyPacks: "policies",
                "comment-on-pr": true,
                "edit-pr-comment": true,
            });
            expect(step.with!.policyPackConfigs).to.match(new RegExp(`^policies/config/(${env}|dev|prod)\\.json$`));
            expect(fs.existsSync(path.join(PROJECT_DIR, step.with!.policyPackConfigs as string))).to.equal(true);
        }
    });

    it("drift: every stack runs pulumi preview --refresh --expect-no-changes", async () => {
        const jobs = parse("drift.yml").jobs;
        for (const s of (await planProject()).stacks) {
            const step = jobs[`drift-${s.name}`].steps.find((x) => x.uses?.startsWith("pulumi/actions@"))!;
            expect(step.with).to.include({ command: "preview", refresh: true, "expect-no-changes": true });
        }
    });

    it("every action is pinned to a full commit SHA", () => {
        for (const f of FILES)
            for (const job of Object.values(parse(f).jobs))
                for (const step of job.steps.filter((s) => s.uses))
                    expect(step.uses, `${f}`).to.match(/^[a-z0-9-]+\/[a-z0-9-]+@[0-9a-f]{40}$/);
    });

    it("least permissions: none at workflow level; id-token only where a role is assumed, pull-requests only for previews", () => {
        for (const f of FILES) {
            const w = parse(f);
            expect(w.permissions, f).to.deep.equal({});
            for (const [id, job] of Object.entries(w.jobs)) {
                expect(job.permissions, `${f} ${id}`).to.be.an("object");
                const assumes = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
                expect(job.permissions!["id-token"] === "write", `${f} ${id}`).to.equal(assumes);
                expect(job.permissions!["pull-requests"] === "write", `${f} ${id}`).to.equal(id.startsWith("preview-"));
                expect(Object.values(job.permissions!).filter((v) => v === "write").length).to.be.at.most(2);
            }
        }
    });

    it("deploys use the environment's deploy role inside that GitHub environment; previews and drift the read-only role", () => {
        for (const f of FILES)
            for (const [id, job] of Object.entries(parse(f).jobs)) {
                const creds = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
                if (!creds) continue;
                const stack = discoverStacks().find((s) => id.endsWith(`-${s.name}`))!;
                const access = id.startsWith("up-") || id.startsWith("weekend-") ? "deploy" : "preview";
                expect(creds.with!["role-to-assume"]).to.equal(
                    `arn:aws:iam::\${{ vars.AWS_ACCOUNT_ID }}:role/${ciRoleName(stack.environment, access)}`,
                );
                if (access === "deploy") expect(job.environment, id).to.equal(stack.environment);
            }
    });

    it("one run at a time per stack: up, drift and the weekend job share the stack's concurrency group and never cancel it", () => {
        for (const f of ["deploy.yml", "drift.yml", "weekend-teardown.yml"])
            for (const [id, job] of Object.entries(parse(f).jobs)) {
                const stack = discoverStacks().find((s) => id.endsWith(`-${s.name}`));
                if (!stack) continue;
                expect(job.concurrency, `${f} ${id}`).to.deep.equal({
                    group: `pulumi-${stack.name}`,
                    "cancel-in-progress": false,
                });
            }
    });

    it("the weekend workflow runs at both candidate UTC hours of every torn-down stack's zone, and its deploy and drift jobs skip inside the window", async () => {
        const torn = deliveryStacks(await planProject(), PROJECT_DIR).filter((s) => s.weekendTeardown);
        expect(torn.map((s) => s.environment)).to.not.include("prod");
        expect(torn.map((s) => s.name)).to.include.members(
            discoverStacks()
                .filter((s) => s.environment === "dev")
                .map((s) => s.name),
        );
        const on = parse("weekend-teardown.yml").on as { schedule: { cron: string }[] };
        expect(on.schedule.map((s) => s.cron)).to.deep.equal(weekendCrons(torn));
        expect(weekendCrons(torn.filter((s) => s.timeZone === "Europe/Berlin"))).to.include.members([
            "0 18 * * 5",
            "0 19 * * 5",
            "0 4 * * 1",
            "0 5 * * 1",
        ]);
        for (const s of torn)
            for (const [f, prefix] of [
                ["deploy.yml", "up"],
                ["drift.yml", "drift"],
            ]) {
                const pulumiStep = parse(f).jobs[`${prefix}-${s.name}`].steps.find((x) =>
                    x.uses?.startsWith("pulumi/actions@"),
                )!;
                expect(pulumiStep.if, `${f} ${s.name}`).to.equal("steps.window.outputs.in-window != 'true'");
            }
    });
});
