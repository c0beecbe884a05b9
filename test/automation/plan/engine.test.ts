import { execFile } from "child_process";
import { expect } from "chai";
import * as path from "path";
import * as fs from "fs";
import * as os from "os";
import { promisify } from "util";
import { readProject, readStackConfig } from "../../../automation/plan/stackConfig";
import { PlanError, planStacks } from "../../../automation/plan/engine";
import { planJson } from "../../../automation/plan/report";
import { rejection } from "../../harness";
import { NODE_ARGS } from "./cliProcess";

const FIXTURE = path.resolve(__dirname, "../../fixtures/refs");
const run = promisify(execFile);
const CLI = path.resolve(__dirname, "../../../automation/plan/cli.ts");

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        // As `npm run plan` runs it.
        const { stdout, stderr } = await run(process.execPath, [...NODE_ARGS, CLI, "--dir", FIXTURE, ...args]);
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
}

describe("offline plan engine", () => {
    describe("recording", () => {
        let plan: Awaited<ReturnType<typeof planStacks>>;
        before(async () => {
            plan = await planStacks({ dir: FIXTURE, stacks: ["consumer"] });
        });

        it("plans a referenced stack first and hands the reference its outputs", () => {
            expect(plan.stacks.map((s) => s.name)).to.deep.equal(["producer", "consumer"]);
            const [producer, consumer] = plan.stacks;
            expect(consumer.references).to.deep.equal(["producer"]);
            expect(consumer.outputs.upstreamUrl).to.equal(producer.outputs.queueUrl);
            const mirror = consumer.resources.find((r) => r.name === "mirror")!;
            expect((mirror.inputs.tags as Record<string, string>).upstream).to.equal(producer.outputs.queueUrl);
        });

        it("keeps a secret output of the referenced stack secret in the consumer", () => {
            const consumer = plan.stacks[1];
            expect(consumer.outputs.upstreamToken).to.equal("[secret]");
            const mirror = consumer.resources.find((r) => r.name === "mirror")!;
            expect(mirror.inputs.tags).to.deep.include({ token: "[secret]" });
        });

        it("records parent, dependencies, property dependencies and resource options", () => {
            const producer = plan.stacks[0];
            const box = producer.resources.find((r) => r.type === "fixture:index:Box")!;
            const key = producer.resources.find((r) => r.type === "aws:kms/key:Key")!;
            const queue = producer.resources.find((r) => r.type === "aws:sqs/queue:Queue")!;
            expect(box.parent).to.equal("urn:pulumi:producer::fixture::pulumi:pulumi:Stack::fixture-producer");
            expect(key.parent).to.equal(box.urn);
            expect(key.urn).to.equal(
                "urn:pulumi:producer::fixture::pulumi:pulumi:Stack$fixture:index:Box$aws:kms/key:Key::box-key",
            );
            expect([key.protect, key.retainOnDelete, key.custom, box.custom]).to.deep.equal([true, true, true, false]);
            expect(queue.protect).to.equal(false);
            expect(queue.dependencies).to.include(key.urn);
            expect(queue.propertyDependencies.kmsMasterKeyId).to.deep.equal([key.urn]);
            expect(queue.ignoreChanges).to.deep.equal(["tags"]);
            expect(queue.deleteBeforeReplace).to.equal(true);
            expect(queue.inputs.kmsMasterKeyId).to.equal(`arn:aws:kms:eu-west-1:123456789012:key/${key.id}`);
        });

        it("reads config as the CLI hands it over: defaults, typed and structured values", () => {
            const producer = plan.stacks[0];
            expect(producer.outputs.size).to.equal(2);
            expect(producer.outputs.tags).to.deep.equal({ team: "payments", tier: 1 });
            expect(producer.secretPlaceholders).to.deep.equal(["fixture:apiToken"]);
        });

        it("never prints a secret: placeholders and ciphertexts are absent from the JSON", () => {
            const text = planJson(plan);
            expect(text).to.not.include("offline-placeholder");
            expect(text).to.not.include("v1:AAAA");
            expect(text).to.include('"token": "[secret]"');
        });

        it("writes byte-identical JSON on two runs", async () => {
            const again = await planStacks({ dir: FIXTURE, stacks: ["consumer"] });
            expect(planJson(again)).to.equal(planJson(plan));
        });
    });

    describe("failures name the stacks involved", () => {
        it("a reference to a stack that is not planned", async () => {
            const err = await rejection(planStacks({ dir: FIXTURE, stacks: ["missing-stack"] }));
            expect(err).to.be.instanceOf(PlanError);
            expect(err.message).to.match(/^stack missing-stack: references stack nowhere, which is not planned/);
        });

        it("a required output the referenced stack doesn't have", async () => {
            const err = await rejection(planStacks({ dir: FIXTURE, stacks: ["missing-output"] }));
            expect(err.message).to.include("stack missing-output");
            expect(err.message).to.include("Required output 'doesNotExist' does not exist on stack 'producer'");
        });

        it("a cycle between stacks, with the cycle spelled out", async () => {
            const err = await rejection(planStacks({ dir: FIXTURE, stacks: ["cycle-a"] }));
            expect(err.message).to.include("stack reference cycle: cycle-a → cycle-b → cycle-a");
        });

        it("a data source without a mock, by token", async () => {
            const err = await rejection(planStacks({ dir: FIXTURE, stacks: ["unmocked"] }));
            expect(err.message).to.equal(
                "stack unmocked: no mock for data source aws:organizations/getOrganization:getOrganization; add one to automation/plan/mocks",
            );
        });

        it("a secret set in plaintext and a value of the wrong type, together", async () => {
            const err = await rejection(planStacks({ dir: FIXTURE, stacks: ["plaintext-secret"] }));
            expect(err.message).to.include("fixture:apiToken is declared secret but is set in plaintext");
            expect(err.message).to.include('fixture:size is "many", the project declares it as integer');
            expect(err.message).to.not.include("hunter2");
        });
    });

    describe("command line", function () {
        this.timeout(60000);

        // Without --verbose (no trace, exit 1): test/automation/plan/cli.test.ts's table.
        it("with --verbose, a throwing program's stack trace, pointing into the program", async () => {
            const verbose = await cli("--stack", "throws", "--verbose");
            expect(verbose.code).to.equal(1);
            expect(verbose.stderr).to.match(/\n\s+at .*program\.ts/);
        });

        it("prints a preview-like tree with counts per type and the outputs", async () => {
            const out = await cli("--stack", "producer");
            expect(out.code).to.equal(0);
            expect(out.stdout).to.include(" +   └─ fixture:index:Box");
            expect(out.stdout).to.match(/\+ 4 to create/);
            expect(out.stdout).to.match(/ {9}1 {2}aws:kms\/key:Key/);
            expect(out.stdout).to.include('token: "[secret]"');
        });

        it("refuses an unknown argument with exit code 2", async () => {
            const out = await cli("--stacks", "x");
            expect(out.code).to.equal(2);
            expect(out.stderr).to.include("plan: unknown option --stacks\n");
        });
    });
});

describe("offline plan secrets declared in code", () => {
    it("gives a needed, unset secret a placeholder and refuses one set in plaintext", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-hook-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  p:role: workload\n");
        fs.writeFileSync(path.join(dir, "Pulumi.b.yaml"), "config:\n  p:role: workload\n  p:token: plain\n");
        const hook = (project: string, values: Record<string, string>) =>
            values[`${project}:role`] === "workload" ? [`${project}:token`] : [];
        const a = readStackConfig(dir, readProject(dir), "a", hook);
        expect(a.placeholders).to.deep.equal(["p:token"]);
        expect(a.secretKeys).to.deep.equal(["p:token"]);
        expect(() => readStackConfig(dir, readProject(dir), "b", hook)).to.throw(
            "p:token is a secret but is set in plaintext",
        );
    });
});
