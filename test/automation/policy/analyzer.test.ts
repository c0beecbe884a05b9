/**
 * The pack over the real Analyzer protocol: a pack process, gRPC, Configure per environment.
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { analyzeStacks, formatViolations, PolicyAnalyzer, Violation } from "../../../automation/policy/analyzer";
import { PolicyPackProcess } from "../../../automation/policy/pack-process";
import { allPolicies } from "../../../policies/pack";
import { badPlan, compliantPlan, largePlan, PlanBuilder } from "./fixtures";

const PACK = path.join(__dirname, "../../../policies");
const DEV = path.join(PACK, "config/dev.json");
const PROD = path.join(PACK, "config/prod.json");

type Seen = Pick<Violation, "policy" | "enforcement" | "urn" | "message">;

function seen(vs: Violation[]): Seen[] {
    return vs.map(({ policy, enforcement, urn, message }) => ({ policy, enforcement, urn, message }));
}

/** Child processes of this test process that run the policy pack, except `keep`. */
function packChildren(keep?: number): number[] {
    let out = "";
    try {
        out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
    } catch {
        return []; // ps exits 1 when there are no children
    }
    return out
        .split("\n")
        .filter((l) => l.includes(path.join(PACK, "index.ts")) || l.includes("run-policy-pack"))
        .map((l) => Number.parseInt(l.trim(), 10))
        .filter((pid) => pid !== keep);
}

/** CPU milliseconds a process has used (Linux /proc; undefined elsewhere). */
function processCpuMs(pid: number): number | undefined {
    try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
        return (ticks * 1000) / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    } catch {
        return undefined;
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

describe("policy analyzer (gRPC)", function () {
    this.timeout(120_000);
    let analyzer: PolicyAnalyzer;

    before(() => {
        analyzer = PolicyAnalyzer.start(PACK);
    });

    after(async () => {
        await analyzer.close();
    });

    it("reports the pack's policies through GetAnalyzerInfo", async () => {
        const policies = await analyzer.policies();
        expect(policies.map((p) => p.name)).to.deep.equal(allPolicies.map((p) => p.name));
        expect(policies.find((p) => p.name === "rds-backup-retention")!.configSchema.minimumRetentionDays).to.include({
            default: 7,
        });
    });

    describe("a deliberately bad stack", () => {
        const plan = badPlan("dev");
        const urn = (type: string, name: string) => new PlanBuilder("dev").urn(type, name);
        const bucket = urn("aws:s3/bucket:Bucket", "public");
        const mandatory: Seen[] = [
            {
                policy: "s3-no-public-acl",
                enforcement: "mandatory",
                urn: bucket,
                message: "S3 bucket ACL must not be public-read",
            },
            {
                policy: "s3-no-public-bucket-policy",
                enforcement: "mandatory",
                urn: urn("aws:s3/bucketPolicy:BucketPolicy", "public-policy"),
                message:
                    'S3 bucket policy must not allow Principal "*" without a restricting Condition (statement PublicRead)',
            },
            {
                policy: "rds-storage-encrypted",
                enforcement: "mandatory",
                urn: urn("aws:rds/cluster:Cluster", "ledger"),
                message: "RDS cluster must have storageEncrypted set to true",
            },
            {
                policy: "lb-listener-tls",
                enforcement: "mandatory",
                urn: urn("aws:lb/listener:Listener", "http"),
                message: "HTTP load balancer listener must only redirect to HTTPS",
            },
            {
                policy: "cloudfront-tls",
                enforcement: "mandatory",
                urn: urn("aws:cloudfront/distribution:Distribution", "cdn"),
                message:
                    "CloudFront viewer certificate must set minimumProtocolVersion TLSv1.2_2021 or newer (got TLSv1)",
            },
            {
                policy: "s3-bucket-encryption",
                enforcement: "mandatory",
                urn: bucket,
                message: "S3 bucket must have server-side encryption configured",
            },
            {
                policy: "s3-bucket-public-access-block",
                enforcement: "mandatory",
                urn: bucket,
                message: "S3 bucket must have a BucketPublicAccessBlock",
            },
            {
                policy: "s3-bucket-secure-transport",
                enforcement: "mandatory",
                urn: bucket,
                message: 'S3 bucket must have a bucket policy that denies aws:SecureTransport "false"',
            },
        ];
        const imds = (enforcement: Violation["enforcement"]): Seen => ({
            policy: "ec2-imdsv2-required",
            enforcement,
            urn: urn("aws:ec2/launchTemplate:LaunchTemplate", "nodes"),
            message: 'Launch template must require IMDSv2 (metadataOptions.httpTokens "required", got unset)',
        });

        it("comes back with every violation, policy and level under the dev config", async () => {
            const got = seen(await analyzer.analyze(plan, DEV));
            expect(got).to.have.deep.members([...mandatory, imds("advisory")]);
        });

        it("turns the advisory finding mandatory under the prod config (re-Configure in the same process)", async () => {
            const got = seen(await analyzer.analyze(plan, PROD));
            expect(got).to.have.deep.members([...mandatory, imds("mandatory")]);
            const back = seen(await analyzer.analyze(plan, DEV));
            expect(back).to.deep.include(imds("advisory"));
        });

        it("carries the policy description and pack identity", async () => {
            const v = (await analyzer.analyze(plan, DEV)).find((x) => x.policy === "cloudfront-tls")!;
            expect(v.description).to.equal(allPolicies.find((p) => p.name === "cloudfront-tls")!.description);
            expect(v.policyPack).to.equal("payments-platform");
            expect(v.policyPackVersion).to.equal("0.1.0");
        });
    });

    describe("a compliant stack", () => {
        it("has no violations at all under prod, where every policy is mandatory", async () => {
            expect(await analyzer.analyze(compliantPlan(), PROD)).to.deep.equal([]);
        });

        it("has no mandatory violations under dev or without a config", async () => {
            for (const config of [DEV, undefined]) {
                const vs = await analyzer.analyze(compliantPlan("dev"), config);
                expect(
                    vs.filter((v) => v.enforcement === "mandatory"),
                    String(config),
                ).to.deep.equal([]);
            }
        });
    });

    it("applies environment config: deletion protection is disabled in dev, advisory by default, mandatory in prod", async () => {
        const b = new PlanBuilder("dev");
        b.add("aws:rds/cluster:Cluster", "db", {
            engine: "aurora-postgresql",
            storageEncrypted: true,
            backupRetentionPeriod: 7,
            dbClusterParameterGroupName: "p",
            tags: { environment: "dev", owner: "o", "cost-center": "c" },
        });
        const level = async (config?: string) =>
            (await analyzer.analyze(b.plan(), config))
                .filter((v) => v.policy === "rds-deletion-protection")
                .map((v) => v.enforcement);
        expect(await level(DEV)).to.deep.equal([]);
        expect(await level(undefined)).to.deep.equal(["advisory"]);
        expect(await level(PROD)).to.deep.equal(["mandatory"]);
    });

    it("treats [unknown] as a preview's unknown and [secret] as a secret", async () => {
        const b = new PlanBuilder("dev");
        const tags = { environment: "dev", owner: "o", "cost-center": "c" };
        b.add("aws:cloudwatch/logGroup:LogGroup", "unknown-key", { kmsKeyId: "[unknown]", tags });
        b.add("aws:cloudwatch/logGroup:LogGroup", "no-key", { tags });
        b.add("aws:rds/proxy:Proxy", "proxy", { requireTls: "[unknown]", auths: [{ secretArn: "[secret]" }], tags });
        const got = seen(await analyzer.analyze(b.plan(), PROD));
        expect(got).to.deep.equal([
            {
                policy: "cloudwatch-log-group-kms",
                enforcement: "mandatory",
                urn: b.urn("aws:cloudwatch/logGroup:LogGroup", "no-key"),
                message: "CloudWatch log group must be encrypted with a KMS key (kmsKeyId)",
            },
        ]);
    });

    it("checks tags against the explicit provider's defaultTags sent with each resource", async () => {
        const b = new PlanBuilder("dev");
        const prov = b.add("pulumi:providers:aws", "eu", {
            region: "eu-central-1",
            defaultTags: JSON.stringify({ tags: { environment: "dev", owner: "o" } }),
        });
        b.add("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }, {}, { provider: `${prov}::id` });
        expect(seen(await analyzer.analyze(b.plan(), PROD))).to.deep.equal([
            {
                policy: "required-tags",
                enforcement: "mandatory",
                urn: b.urn("aws:ec2/vpc:Vpc", "vpc"),
                message: "AWS resource must carry tags cost-center (own tags or provider defaultTags)",
            },
        ]);
    });

    /**
     * Wall time on a shared CI box swings with its load, so the guard is CPU time: client plus
     * pack process, which bounds the wall time an idle machine needs (the two mostly alternate).
     */
    it("analyzes a ~300-record stack with under 3 s of CPU once the pack is up", async () => {
        const pid = (await analyzer.processId())!;
        const plan = largePlan(300);
        const packBefore = processCpuMs(pid);
        const ownBefore = process.cpuUsage();
        const started = Date.now();
        const vs = await analyzer.analyze(plan, PROD);
        const wall = Date.now() - started;
        const own = process.cpuUsage(ownBefore);
        const packAfter = processCpuMs(pid);
        const cpu =
            (own.user + own.system) / 1000 +
            (packAfter !== undefined && packBefore !== undefined ? packAfter - packBefore : 0);
        console.log(
            `      ${plan.resources.length} records: ${wall} ms wall, ${Math.round(cpu)} ms CPU (client + pack)`,
        );
        expect(vs).to.deep.equal([]);
        expect(cpu).to.be.below(3000);
    });

    describe("analyzeStacks", () => {
        it("returns violations per stack, reusing one process, and leaves no process behind", async () => {
            const started = Date.now();
            const results = await analyzeStacks([badPlan("dev"), compliantPlan("prod-frankfurt")], {
                packDir: PACK,
                configFor: (s) => (s.name === "dev" ? DEV : PROD),
            });
            console.log(`      analyzeStacks, 2 stacks, cold start: ${Date.now() - started} ms`);
            expect([...results.keys()]).to.deep.equal(["dev", "prod-frankfurt"]);
            expect(results.get("dev")!.filter((v) => v.enforcement === "mandatory")).to.have.length(8);
            expect(results.get("prod-frankfurt")).to.deep.equal([]);
            expect(packChildren(await analyzer.processId())).to.deep.equal([]);
        });

        it("rejects a config naming unknown policies and still ends the process", async () => {
            const bad = path.join(__dirname, "bad-policy-config.json");
            let error: Error | undefined;
            try {
                await analyzeStacks([compliantPlan()], { packDir: PACK, configFor: () => bad });
            } catch (e) {
                error = e as Error;
            }
            expect(error?.message).to.contain("Policy config names policies the pack does not have: s3-encryption");
            expect(packChildren(await analyzer.processId())).to.deep.equal([]);
        });

        it("fails with the reason when the pack cannot start", async () => {
            let error: Error | undefined;
            try {
                await analyzeStacks([compliantPlan()], {
                    packDir: path.join(__dirname, "no-such-pack"),
                    configFor: () => undefined,
                });
            } catch (e) {
                error = e as Error;
            }
            expect(error?.message).to.match(/no-such-pack\/package\.json/);
        });
    });

    describe("pack process", () => {
        it("is gone after close", async () => {
            const pack = await PolicyPackProcess.start(PACK);
            const pid = pack.pid!;
            expect(isAlive(pid)).to.equal(true);
            await pack.close();
            expect(isAlive(pid)).to.equal(false);
        });

        it("boots under the CLI's own runner (run-policy-pack, ts-node with type checking)", async () => {
            const pack = await PolicyPackProcess.start(PACK, { runner: "cli", timeoutMs: 110_000 });
            try {
                const info = await pack.getAnalyzerInfo();
                expect(info.getName()).to.equal("payments-platform");
                expect(info.getPoliciesList()).to.have.length(allPolicies.length);
            } finally {
                await pack.close();
            }
            expect(isAlive(pack.pid!)).to.equal(false);
        });
    });

    describe("formatViolations", () => {
        const v = (enforcement: Violation["enforcement"]): Violation => ({
            policy: "s3-no-public-acl",
            enforcement,
            urn: "urn:pulumi:dev::payments::platform:edge:EdgeDelivery$aws:s3/bucket:Bucket::assets",
            message: "S3 bucket ACL must not be public-read",
            description: "d",
            policyPack: "payments-platform",
            policyPackVersion: "0.1.0",
        });

        it("prints the preview's Policies block", () => {
            expect(formatViolations("dev", [v("mandatory"), v("advisory")])).to.equal(
                [
                    "Policies (stack dev):",
                    "    ❌ payments-platform@v0.1.0 (local: policies)",
                    "        - [mandatory]  s3-no-public-acl  (aws:s3/bucket:Bucket: assets)",
                    "          S3 bucket ACL must not be public-read",
                    "          urn:pulumi:dev::payments::platform:edge:EdgeDelivery$aws:s3/bucket:Bucket::assets",
                    "        - [advisory]  s3-no-public-acl  (aws:s3/bucket:Bucket: assets)",
                    "          S3 bucket ACL must not be public-read",
                    "          urn:pulumi:dev::payments::platform:edge:EdgeDelivery$aws:s3/bucket:Bucket::assets",
                    "",
                ].join("\n"),
            );
        });

        it("marks advisory-only and clean results", () => {
            expect(formatViolations("dev", [v("advisory")]).split("\n")[1]).to.equal(
                "    ⚠️ payments-platform@v0.1.0 (local: policies)",
            );
            expect(formatViolations("prod", [])).to.equal(
                "Policies (stack prod):\n    ✅ payments-platform@v0.1.0 (local: policies)\n",
            );
        });
    });
});
