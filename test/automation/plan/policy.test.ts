import { execFile } from "child_process";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import {
    analyzePlan,
    configFileFor,
    policyConfigFor,
    policyJson,
    projectPolicySettings,
} from "../../../automation/plan/policy";
import { planJson } from "../../../automation/plan/report";
import type { StackPlan } from "../../../automation/plan/types";
import { analyse, stackJson } from "../../../automation/cost/analysis";
import { main } from "../../../automation/plan/cli";
import { PolicyAnalyzer, Violation } from "../../../automation/policy/analyzer";
import { PROJECT_DIR, discoverStacks, planProject } from "../../harness";
import { NODE_ARGS } from "./cliProcess";

const run = promisify(execFile);
const CLI = path.join(PROJECT_DIR, "automation/plan/cli.ts");

describe("offline plan: policy step", function () {
    // The whole project plan (14 stacks since edge-global) and its analysis: over 2 min on a loaded runner.
    this.timeout(300000);

    it("stops a deliberately bad stack and lists each violation, in text and JSON", async () => {
        const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bad-plan-")), "plan.json");
        const res = await run(process.execPath, [
            ...NODE_ARGS,
            CLI,
            "--dir",
            path.join(PROJECT_DIR, "test/fixtures/bad"),
            "--policy-pack",
            path.join(PROJECT_DIR, "policies"),
            "--json",
            json,
        ]).then(
            (r) => ({ code: 0, ...r }),
            (e) => e as { code: number; stdout: string; stderr: string },
        );
        expect(res.code).to.equal(1);
        expect(res.stderr).to.match(/^error: \d+ mandatory policy violations: /m);
        const expected: [string, string][] = [
            ["s3-bucket-public-access-block", "aws:s3/bucket:Bucket: public-site"],
            ["s3-no-public-acl", "aws:s3/bucketAcl:BucketAcl: public-site-acl"],
            ["rds-storage-encrypted", "aws:rds/cluster:Cluster: ledger"],
            ["lb-listener-tls", "aws:lb/listener:Listener: web-http"],
            ["cloudfront-tls", "aws:cloudfront/distribution:Distribution: cdn"],
        ];
        for (const [policy, where] of expected) expect(res.stdout).to.include(`- [mandatory]  ${policy}  (${where})`);
        const recorded = JSON.parse(fs.readFileSync(json, "utf8")).stacks[0].policy.violations as Violation[];
        for (const [policy] of expected) {
            expect(
                recorded.some(
                    (v) =>
                        v.policy === policy &&
                        v.enforcement === "mandatory" &&
                        v.urn.startsWith("urn:pulumi:bad::bad::"),
                ),
                policy,
            ).to.equal(true);
        }
        const tls = recorded.find((v) => v.policy === "cloudfront-tls" && /TLSv1/.test(v.message));
        expect(tls?.message).to.match(/must/);
    });

    it("finds no mandatory violation in any real stack, each under its environment's config", async function () {
        // The suite's heaviest test: the pack over every stack, then the whole CLI (a plan of every stack
        // and the pack again). About 15 s on a quiet machine; over 120 s while other suites load it.
        this.timeout(300_000);
        const settings = projectPolicySettings(PROJECT_DIR)!;
        const plan = await planProject();
        const analyzer = PolicyAnalyzer.start(settings.packDir);
        try {
            const results = await analyzePlan(analyzer, settings, plan.stacks);
            expect([...results.keys()]).to.have.members(discoverStacks().map((s) => s.name));
            const mandatory = [...results.values()].flat().filter((v) => v.enforcement === "mandatory");
            expect(mandatory.map((v) => `${v.policy} ${v.urn}: ${v.message}`)).to.deep.equal([]);
            // The CLI's JSON is byte for byte the plan's JSON with these violations.
            // In-process (the modules are loaded already); --verbose keeps main() off fastStacks()'s globals.
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-json-")), "plan.json");
            const sink = { write: () => true };
            expect(await main(["--verbose", "--json", file], { stdout: sink, stderr: sink })).to.equal(0);
            // (and the cost and deploy-time fields of automation/cost)
            const costed = analyse(plan);
            const extra = (s: StackPlan) => ({ ...policyJson(results.get(s.name)), ...stackJson(costed, s) });
            expect(fs.readFileSync(file, "utf8")).to.equal(planJson(plan, extra));
        } finally {
            await analyzer.close();
        }
    });

    it("picks the policy config of each stack's environment, or the one given for all", async () => {
        const settings = projectPolicySettings(PROJECT_DIR)!;
        const plan = await planProject();
        const byName = (n: string) => plan.stacks.find((s) => s.name === n)!;
        for (const s of discoverStacks()) {
            const own = path.join(PROJECT_DIR, `policies/config/${s.environment}.json`);
            if (fs.existsSync(own)) expect(configFileFor(settings, byName(s.name)), s.name).to.equal(own);
        }
        const dev = discoverStacks().find((s) => s.environment === "dev")!.name;
        expect(configFileFor({ ...settings, configFile: "/x/custom.json" }, byName(dev))).to.equal("/x/custom.json");
        const qa = {
            ...byName(dev),
            name: "qa-frankfurt",
            config: { ...byName(dev).config, "payments-platform:environment": "qa" },
        };
        // A new environment without a file of its own falls back (non-prod → dev), and says so.
        const choice = policyConfigFor(settings, qa);
        expect(path.relative(PROJECT_DIR, choice.file!)).to.equal("policies/config/dev.json");
        expect(choice.note).to.equal(
            "stack qa-frankfurt: no policies/config/qa.json for environment qa; using policies/config/dev.json (non-prod environments fall back to dev's policy config)",
        );
        const staging = {
            ...qa,
            name: "staging-frankfurt",
            config: { ...qa.config, "payments-platform:environment": "staging" },
        };
        expect(path.relative(PROJECT_DIR, configFileFor(settings, staging)!)).to.equal("policies/config/prod.json");
        const nowhere = { ...settings, configTemplate: path.join(PROJECT_DIR, "policies/missing/{environment}.json") };
        expect(() => configFileFor(nowhere, qa)).to.throw(
            "stack qa-frankfurt: no policy config policies/missing/qa.json for this stack and no fallback policies/missing/dev.json; add policies/missing/qa.json",
        );
    });
});
