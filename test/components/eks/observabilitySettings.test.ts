/**
 * The in-cluster observability settings: their rules as a table, the same rules on the stack config
 * in config words (before any resource), and the component's own check.
 */
import { expect } from "chai";
import { EksCluster } from "../../../components/eks/eksCluster";
import { logShippingPolicy } from "../../../components/eks/observabilityPolicies";
import {
    ClusterObservabilitySettings,
    clusterObservabilityProblems,
    prometheusRetention,
} from "../../../components/eks/observabilitySettings";
import { loadStackSettings } from "../../../stacks/config";
import { PROJECT, Recorded, json, record, rejection, stackFileConfig, projectConfigOf } from "../../harness";
import { validArgs } from "./fixtures";
import { mockArnOf } from "./records";

const OK: ClusterObservabilitySettings = {
    retentionDays: 15,
    retentionSizeGiB: 40,
    storageGiB: 50,
    logRetentionDays: 90,
};

describe("clusterObservabilityProblems", () => {
    const rows: [string, Partial<ClusterObservabilitySettings>, string[]][] = [
        ["the defaults are fine", {}, []],
        ["a retention size of exactly 80% of the volume is fine", { retentionSizeGiB: 80, storageGiB: 100 }, []],
        [
            "a retention size that leaves compaction no room",
            { retentionSizeGiB: 50, storageGiB: 50 },
            [
                "c.retentionSizeGiB is 50, must be at most 80% of storageGiB (50), i.e. 40: compaction and the WAL need the rest",
            ],
        ],
        [
            "a fractional retention",
            { retentionDays: 1.5 },
            ["c.retentionDays is 1.5, must be a whole number of days from 1 to 3650"],
        ],
        [
            "no retention at all",
            { retentionDays: 0 },
            ["c.retentionDays is 0, must be a whole number of days from 1 to 3650"],
        ],
        [
            "a volume larger than gp3 allows",
            { storageGiB: 20000, retentionSizeGiB: 100 },
            ["c.storageGiB is 20000, must be a whole number of GiB from 1 to 16384"],
        ],
        [
            "a log retention CloudWatch does not offer",
            { logRetentionDays: 45 },
            ["c.logRetentionDays is 45, CloudWatch Logs allows 1, 3, 5, 7"],
        ],
        [
            "every problem at once",
            { retentionDays: -1, retentionSizeGiB: 0, logRetentionDays: 2 },
            [
                "c.retentionDays is -1",
                "c.retentionSizeGiB is 0, must be a whole number of GiB from 1 to 16384",
                "c.logRetentionDays is 2",
            ],
        ],
    ];
    for (const [why, over, expected] of rows) {
        it(why, () => {
            const got = clusterObservabilityProblems("c", { ...OK, ...over });
            expect(got).to.have.length(expected.length);
            expected.forEach((m, i) => expect(got[i]).to.include(m));
        });
    }

    it("spells retention as Prometheus's flags do (GB is a power of two there)", () => {
        expect(prometheusRetention(OK)).to.deep.equal({ retention: "15d", retentionSize: "40GB" });
    });
});

describe("logShippingPolicy", () => {
    const G = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/eks/dev-eks/containers";
    const rows: [string, string[], string[]][] = [
        ["a bare group ARN gets its streams", [G], [`${G}:*`]],
        ["an ARN already ending in :* is not doubled", [`${G}:*`], [`${G}:*`]],
        ["several groups, in order", [G, `${G}-b`], [`${G}:*`, `${G}-b:*`]],
    ];
    for (const [why, arns, resources] of rows) {
        it(why, () => {
            const doc = logShippingPolicy(arns);
            expect(doc.Statement).to.deep.equal([
                {
                    Sid: "WriteContainerLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: resources,
                },
            ]);
        });
    }
});

describe("observability.cluster is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const config = projectConfigOf("dev");
    const K = `${PROJECT}:observability.cluster`;
    const rows: { why: string; cluster: unknown; messages: string[] }[] = [
        {
            why: "a retention size as large as the volume",
            cluster: { storageGiB: 20, retentionSizeGiB: 20 },
            messages: [`${K}.retentionSizeGiB is 20, must be at most 80% of storageGiB (20), i.e. 16`],
        },
        {
            why: "a log retention CloudWatch refuses and a fractional retention",
            cluster: { logRetentionDays: 10, retentionDays: 2.5 },
            messages: [`${K}.logRetentionDays is 10, CloudWatch Logs allows`, `${K}.retentionDays is 2.5`],
        },
        { why: "an unknown key", cluster: { retention: 15 }, messages: [`${K}`, "retention"] },
    ];
    for (const row of rows) {
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: { ...config, observability: { cluster: row.cluster } },
                    rawConfig: { "aws:region": stackFileConfig("dev")["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });
    }
});

describe("EksCluster.addObservability", function () {
    this.timeout(120_000);

    it("refuses bad settings, each named, in one error", async () => {
        let created = 0;
        const err = await rejection(
            record(() => {
                const c = new EksCluster("plat", validArgs({ parameterKmsKeyArns: [] }));
                created = -1;
                c.addObservability({
                    settings: { ...OK, retentionSizeGiB: 60 },
                    pagerDutyIntegrationKey: "k",
                    logKmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/1",
                });
                created = 1;
            }),
        );
        expect(created).to.equal(-1);
        expect(err.message).to.include("Invalid cluster observability args (plat):");
        expect(err.message).to.include("settings.retentionSizeGiB is 60, must be at most 80% of storageGiB (50)");
        expect(err.message).to.include(
            "parameterKmsKeyArns is [], external-secrets could decrypt no PagerDuty key parameter",
        );
    });
});

describe("Amazon Managed Prometheus (observability.cluster.managedPrometheus)", function () {
    this.timeout(120_000);
    const KEY = "arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    const build = (managedPrometheus: boolean) =>
        record(() => {
            new EksCluster("plat", validArgs({ parameterKmsKeyArns: [KEY] })).addObservability({
                settings: { ...OK, managedPrometheus },
                pagerDutyIntegrationKey: "k",
                logKmsKeyArn: KEY,
            });
        });
    const stackValues = (rec: Recorded) =>
        rec.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!;

    it("on: Prometheus remote-writes to the cluster's workspace with SigV4, as a role allowed aps:RemoteWrite on it alone", async () => {
        const rec = await build(true);
        const ws = rec.one("aws:amp/workspace:Workspace");
        expect(ws.inputs.alias).to.equal("prod-eu");
        const release = stackValues(rec);
        const prom = (release.inputs.values as any).prometheus;
        expect(prom.prometheusSpec.remoteWrite).to.deep.equal([
            {
                url: `https://aps-workspaces.eu-central-1.amazonaws.com/workspaces/${ws.id}/api/v1/remote_write`,
                sigv4: { region: "eu-central-1" },
            },
        ]);
        const role = rec
            .all("aws:iam/role:Role")
            .find((r) => mockArnOf(rec, r) === prom.serviceAccount.annotations["eks.amazonaws.com/role-arn"])!;
        const sub = Object.entries(
            json<any>(role.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals as Record<string, string>,
        ).find(([k]) => k.endsWith(":sub"))![1];
        expect(sub).to.equal(`system:serviceaccount:monitoring:${prom.serviceAccount.name}`);
        const policy = rec
            .all("aws:iam/rolePolicy:RolePolicy")
            .find((p) => (p.propertyDependencies.role ?? []).includes(role.urn))!;
        expect(json<any>(policy.inputs.policy).Statement).to.deep.equal([
            { Sid: "RemoteWrite", Effect: "Allow", Action: "aps:RemoteWrite", Resource: mockArnOf(rec, ws) },
        ]);
        expect(release.dependencies).to.include(policy.urn);
    });

    it("off (the default): no workspace, no remote write, no role on Prometheus", async () => {
        const rec = await build(false);
        expect(rec.all("aws:amp/workspace:Workspace")).to.deep.equal([]);
        const prom = (stackValues(rec).inputs.values as any).prometheus;
        expect(prom.prometheusSpec.remoteWrite).to.deep.equal([]);
        expect(prom.serviceAccount.annotations).to.deep.equal({});
    });
});
