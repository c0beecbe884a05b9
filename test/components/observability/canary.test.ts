/**
 * The edge canary, asserted on the recorded plan: in every prod workload stack behind the public
 * edge, it GETs the health path through CloudFront and Global Accelerator (never the origin name),
 * from code the program zipped itself, with artifacts in a private bucket encrypted with the
 * stack's key, a role scoped to that bucket, its metrics namespace and its own log group.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { EdgeCanary, runtimeAtFloor } from "../../../components/observability";
import { edgeHostnames } from "../../../stacks/config/edge";
import { DiscoveredStack, Recorded, json, plannedStacks, projectConfigOf, record, rejection } from "../../harness";
import { readZip } from "./zipRead";

const deps = (r: ResourceRecord, input: string): string[] =>
    ((r as unknown as { propertyDependencies?: Record<string, string[]> }).propertyDependencies ?? {})[input] ?? [];

type Statement = {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: unknown;
};

/** Workload stacks of prod behind the public edge (edge set, no prefix): the ones that run a canary by default. */
const behindEdge = (d: DiscoveredStack) => {
    const edge = projectConfigOf(d.name).edge as { prefix?: string } | undefined;
    return d.role === "workload" && d.environment === "prod" && !!edge && !edge.prefix;
};

/** The canary's bucket-side resources, by type, for the bucket the canary writes to. */
function bucketOf(s: Recorded, canary: ResourceRecord) {
    const bucket = s.byUrn(deps(canary, "artifactS3Location")[0]);
    const on = (type: string) => s.all(type).filter((r) => deps(r, "bucket").includes(bucket.urn));
    return { bucket, on };
}

describe("EdgeCanary in every prod workload stack behind the edge", function () {
    this.timeout(300_000);
    let stacks: Recorded[];
    before(async () => {
        stacks = await plannedStacks(behindEdge);
        expect(stacks, "prod stacks behind the edge").to.not.have.length(0);
    });

    it("GETs the health path on CloudFront's apex and the accelerator's api name, never the origin", () => {
        for (const s of stacks) {
            const edge = projectConfigOf(s.plan.name).edge as { domain: string };
            const names = edgeHostnames(edge);
            const canary = s.one("aws:synthetics/canary:Canary");
            const code = s.byUrn(deps(canary, "s3Key")[0]);
            const files = readZip(Buffer.from(String(code.inputs.contentBase64), "base64"));
            expect(
                files.map((f) => f.path),
                s.plan.name,
            ).to.deep.equal(["nodejs/node_modules/edgeHealth.js"]);
            expect(canary.inputs.handler).to.equal("edgeHealth.handler");
            const script = files[0].content;
            const urls = JSON.parse(/const URLS = (.*);/.exec(script)![1]) as string[];
            expect(urls, s.plan.name).to.deep.equal([`https://${edge.domain}/healthz`, `https://${names.api}/healthz`]);
            expect(script).to.not.include(names.origin);
            expect(canary.inputs.s3Key).to.equal(code.inputs.key);
        }
    });

    it("runs on a runtime at the floor, on the default schedule, starts on create and deletes its Lambda", () => {
        for (const s of stacks) {
            const c = s.one("aws:synthetics/canary:Canary").inputs;
            expect(runtimeAtFloor(String(c.runtimeVersion)), s.plan.name).to.equal(true);
            expect(c.schedule).to.deep.equal({ expression: "rate(5 minutes)" });
            expect(c.startCanary).to.equal(true);
            expect(c.deleteLambda).to.equal(true);
            expect(String(c.name)).to.match(/^[0-9a-z_-]{1,21}$/);
            expect(c.artifactConfig).to.have.nested.property("s3Encryption.encryptionMode", "SSE_KMS");
        }
    });

    it("keeps artifacts in a private, owner-enforced, TLS-only bucket, SSE-KMS with the stack's key, runs expiring", () => {
        for (const s of stacks) {
            const canary = s.one("aws:synthetics/canary:Canary");
            const { bucket, on } = bucketOf(s, canary);
            const platformKey = s
                .all("aws:kms/key:Key")
                .find((k) => s.byUrn(k.parent).type === "platform:core:PlatformBaseline")!;
            const [block] = on("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
                expect(block.inputs[flag], `${s.plan.name} ${flag}`).to.equal(true);
            expect(on("aws:s3/bucketOwnershipControls:BucketOwnershipControls")[0].inputs.rule).to.deep.equal({
                objectOwnership: "BucketOwnerEnforced",
            });
            const sse = on("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")[0];
            expect(sse.inputs).to.have.nested.property(
                "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm",
                "aws:kms",
            );
            expect(deps(sse, "rules")).to.deep.equal([platformKey.urn]);
            expect(deps(canary, "artifactConfig")).to.deep.equal([platformKey.urn]);
            const rules = on("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0].inputs.rules as {
                filter: { prefix?: string };
                expiration?: { days: number };
            }[];
            expect(rules.find((r) => r.expiration)).to.deep.include({
                filter: { prefix: "runs/" },
                expiration: { days: 31 },
            });
            expect(canary.inputs.artifactS3Location).to.match(/^s3:\/\/[^/]+\/runs\/$/);
            const policy = on("aws:s3/bucketPolicy:BucketPolicy")[0];
            const deny = json<{ Statement: Statement[] }>(policy.inputs.policy).Statement.find(
                (x) => x.Effect === "Deny",
            );
            expect(deny).to.deep.include({ Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
            expect(policy.dependencies).to.include(block.urn);
            expect(bucket.parent).to.equal(canary.parent);
        }
    });

    it("runs as a role that writes only its runs, publishes only CloudWatchSynthetics metrics and logs only to its group", () => {
        for (const s of stacks) {
            const canary = s.one("aws:synthetics/canary:Canary");
            const { bucket } = bucketOf(s, canary);
            const role = s.byUrn(deps(canary, "executionRoleArn")[0]);
            const policy = s.all("aws:iam/rolePolicy:RolePolicy").find((p) => deps(p, "role").includes(role.urn))!;
            expect(canary.dependencies, "the canary waits for its permissions").to.include(policy.urn);
            const st = json<{ Statement: Statement[] }>(policy.inputs.policy).Statement;
            const bucketArn = `arn:aws:s3:::${bucket.id}`;
            const byAction = (a: string) => st.filter((x) => [x.Action].flat().includes(a));
            expect(byAction("s3:PutObject").map((x) => x.Resource)).to.deep.equal([`${bucketArn}/runs/*`]);
            const metrics = byAction("cloudwatch:PutMetricData");
            expect(metrics).to.have.length(1);
            expect(metrics[0].Condition).to.deep.equal({
                StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" },
            });
            const logs = byAction("logs:PutLogEvents").flatMap((x) => [x.Resource].flat());
            for (const arn of logs)
                expect(arn).to.match(
                    new RegExp(`:log-group:/aws/lambda/cwsyn-${String(canary.inputs.name)}-\\*(:\\*)?$`),
                );
            // Synthetics lists the buckets before it uploads a run (AWS's required canary permissions);
            // nothing else reaches every resource.
            expect(st.filter((x) => [x.Resource].flat().includes("*")).map((x) => x.Action)).to.deep.equal([
                "s3:ListAllMyBuckets",
                "cloudwatch:PutMetricData",
            ]);
        }
    });

    it("is absent where the public edge does not serve the stack (dev, with its edge.prefix)", async () => {
        const others = await plannedStacks((d) => d.role !== "bootstrap" && !behindEdge(d));
        for (const s of others) expect(s.all("aws:synthetics/canary:Canary"), s.plan.name).to.deep.equal([]);
    });
});

describe("EdgeCanary on its own", function () {
    this.timeout(120_000);
    const args = {
        canaryName: "t-edge",
        urls: ["https://payments.example.com/healthz"],
        kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/k",
    };

    it("records byte-identical code and inputs on every run (no clock, no temp file)", async () => {
        const run = () => record(() => void new EdgeCanary("t", args));
        const [a, b] = [await run(), await run()];
        const strip = (s: Recorded) => s.resources.map((r) => [r.type, r.name, r.inputs]);
        expect(JSON.stringify(strip(a))).to.equal(JSON.stringify(strip(b)));
        const key = String(a.one("aws:s3/bucketObjectv2:BucketObjectv2").inputs.key);
        expect(key).to.match(/^code\/[0-9a-f]{16}\.zip$/);
        const other = await record(
            () => void new EdgeCanary("t", { ...args, urls: ["https://payments.example.com/ping"] }),
        );
        expect(other.one("aws:s3/bucketObjectv2:BucketObjectv2").inputs.key, "new code, new key").to.not.equal(key);
    });

    const bad: { why: string; change: Partial<typeof args> & Record<string, unknown>; message: string }[] = [
        {
            why: "a name longer than 21 characters",
            change: { canaryName: "prod-johannesburg-edge" },
            message: 'canaryName is "prod-johannesburg-edge", must be 1 to 21 of a-z, 0-9, - and _',
        },
        { why: "no URL", change: { urls: [] }, message: "urls are [], must be at least one https:// URL" },
        {
            why: "a plain-HTTP URL",
            change: { urls: ["http://payments.example.com/healthz"] },
            message: 'urls are ["http://payments.example.com/healthz"], must be at least one https:// URL',
        },
        {
            why: "a cron schedule",
            change: { schedule: "cron(0 * * * ? *)" },
            message: 'schedule is "cron(0 * * * ? *)", must be rate(1 minute), rate(N minutes) (2-60) or rate(1 hour)',
        },
        {
            why: "a runtime below the floor",
            change: { runtimeVersion: "syn-nodejs-puppeteer-9.0" },
            message: 'runtimeVersion is "syn-nodejs-puppeteer-9.0", must be syn-nodejs-puppeteer-9.1 or newer',
        },
        {
            why: "a retention Synthetics refuses",
            change: { artifactRetentionDays: 500 },
            message: "artifactRetentionDays is 500, Synthetics keeps run data 1 to 455 days",
        },
    ];
    for (const row of bad)
        it(`refuses ${row.why}, before any resource`, async () => {
            const err = await rejection(record(() => void new EdgeCanary("t", { ...args, ...row.change })));
            expect(err.message).to.include(`Invalid EdgeCanary args:\n - ${row.message}`);
            const records = ((err as Error & { records?: ResourceRecord[] }).records ?? []).filter((r) =>
                r.type.startsWith("aws:"),
            );
            expect(records).to.deep.equal([]);
        });
});
