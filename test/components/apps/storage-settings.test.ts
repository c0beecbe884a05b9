import { expect } from "chai";
import { defaultCopyRegion, resolveStorage, storageProblems } from "../../../components/apps/storage/settings";
import { KNOWN_REGIONS, REGION_PARTITIONS } from "../../../components/regions";
import { loadStackSettings } from "../../../stacks/config";
import { discoverStacks, record, rejection, stackFileConfig, projectConfigOf } from "../../harness";

describe("apps storage settings (pure)", () => {
    it("the default copy region is never the stack's own, always a known region of its partition", () => {
        for (const region of KNOWN_REGIONS) {
            const copy = defaultCopyRegion(region);
            expect(copy, region).to.not.equal(region);
            expect(REGION_PARTITIONS[copy], `${region} → ${copy}`).to.equal(REGION_PARTITIONS[region]);
        }
    });

    it("keeps EU data in the EU and pairs each planned prod region with a default-enabled neighbour", () => {
        const rows: [string, string][] = [
            ["eu-central-1", "eu-west-1"],
            ["eu-west-2", "eu-west-1"],
            ["us-east-1", "us-west-2"],
            ["us-west-2", "us-east-1"],
            ["ap-northeast-1", "ap-northeast-3"],
            ["ap-southeast-1", "ap-southeast-2"],
            ["sa-east-1", "us-east-1"],
            ["eu-south-1", "eu-central-1"],
            ["ap-east-1", "ap-northeast-1"],
            ["me-south-1", "us-east-1"],
        ];
        for (const [region, copy] of rows) expect(defaultCopyRegion(region), region).to.equal(copy);
    });

    it("defaults: prod keeps 35 days and copies, dev 7 days without a copy or a bucket", () => {
        const prod = resolveStorage({}, true, "eu-central-1");
        expect(prod.backup).to.deep.equal({
            schedule: "cron(0 3 * * ? *)",
            retentionDays: 35,
            copy: { region: "eu-west-1", retentionDays: 35 },
        });
        expect(prod.onPremBackup?.objectLock).to.deep.equal({ mode: "GOVERNANCE", days: 35 });
        const dev = resolveStorage({}, false, "eu-central-1");
        expect(dev.backup).to.deep.equal({ schedule: "cron(0 3 * * ? *)", retentionDays: 7, copy: undefined });
        expect(dev.onPremBackup).to.equal(undefined);
    });

    it("a valid prod override has no problems", () => {
        expect(
            storageProblems(
                "k",
                {
                    backup: { copyRegion: "eu-north-1", schedule: "cron(30 1 * * ? *)" },
                    onPremBackup: {
                        trustAnchorArn:
                            "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/0f6a3b2c-1d4e-4f5a-8b9c-0d1e2f3a4b5c",
                    },
                },
                "prod",
                "eu-central-1",
            ),
        ).to.deep.equal([]);
    });
});

describe("apps storage config is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const K = "payments-platform:apps.storage";
    const configOf = (stack: string) => projectConfigOf(stack);
    const prodStack = discoverStacks().find((s) => s.role === "workload" && s.environment === "prod")!.name;
    const devStack = discoverStacks().find((s) => s.role === "workload" && s.environment !== "prod")!.name;
    const rows: { why: string; stack: string; storage: Record<string, unknown>; messages: string[] }[] = [
        {
            why: "a copy region on a dev stack, and an on-prem bucket there",
            stack: devStack,
            storage: { backup: { copyRegion: "eu-west-1" }, onPremBackup: { enabled: true, objectLockDays: 10 } },
            messages: [
                `${K}.backup.copyRegion is set on a dev stack: only prod copies backups to a second region`,
                `${K}.onPremBackup.enabled is true on a dev stack: the SQL Server backups go to prod only`,
                `${K}.onPremBackup.objectLockDays is set on a dev stack: only prod has the bucket`,
            ],
        },
        {
            why: "a copy to the stack's own region",
            stack: prodStack,
            storage: { backup: { copyRegion: "REGION" } },
            messages: [`${K}.backup.copyRegion is REGION, the stack's own region: a copy must survive its loss`],
        },
        {
            why: "an unknown copy region",
            stack: prodStack,
            storage: { backup: { copyRegion: "eu-middle-9" } },
            messages: [`${K}.backup.copyRegion is "eu-middle-9", not a known AWS region`],
        },
        {
            why: "a copy region in another partition",
            stack: prodStack,
            storage: { backup: { copyRegion: "cn-north-1" } },
            messages: [`${K}.backup.copyRegion is cn-north-1, outside`],
        },
        {
            why: "a five-field cron and an EFS transition EFS doesn't offer",
            stack: prodStack,
            storage: { backup: { schedule: "0 3 * * *" }, efs: { transitionToIaDays: 45 } },
            messages: [
                `${K}.backup.schedule is "0 3 * * *", must be an AWS Backup cron in UTC such as "cron(0 3 * * ? *)"`,
                `${K}.efs.transitionToIaDays is 45, must be one of 1, 7, 14, 30, 60, 90, 180, 270, 365`,
            ],
        },
        {
            why: "a lock longer than the expiry, an expiry inside Glacier IR's minimum, a bad prefix",
            stack: prodStack,
            storage: { onPremBackup: { coldAfterDays: 30, expireAfterDays: 60, objectLockDays: 90, prefix: "sql" } },
            messages: [
                `${K}.onPremBackup.expireAfterDays is 60, must be at least coldAfterDays (30) + 90: Glacier Instant Retrieval bills 90 days per object`,
                `${K}.onPremBackup.objectLockDays is 90, must not exceed expireAfterDays (60)`,
                `${K}.onPremBackup.prefix is "sql", must be a key prefix ending in "/"`,
            ],
        },
        {
            why: "a trust anchor ARN that isn't one",
            stack: prodStack,
            storage: { onPremBackup: { trustAnchorArn: "arn:aws:iam::123456789012:role/x" } },
            messages: [
                `${K}.onPremBackup.trustAnchorArn is "arn:aws:iam::123456789012:role/x", must be an IAM Roles Anywhere trust anchor ARN`,
            ],
        },
        {
            why: "a trust anchor in another region",
            stack: prodStack,
            storage: {
                onPremBackup: {
                    trustAnchorArn:
                        "arn:aws:rolesanywhere:ap-south-1:123456789012:trust-anchor/0f6a3b2c-1d4e-4f5a-8b9c-0d1e2f3a4b5c",
                },
            },
            messages: [`${K}.onPremBackup.trustAnchorArn is in ap-south-1, must be in the stack's region REGION`],
        },
    ];
    for (const row of rows) {
        it(`refuses ${row.why}`, async () => {
            const config = configOf(row.stack);
            const region = stackFileConfig(row.stack)["aws:region"] as string;
            const storage = JSON.parse(JSON.stringify(row.storage).replace(/REGION/g, region));
            const apps = { ...(config.apps as Record<string, unknown>), storage };
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: row.stack,
                    config: JSON.parse(JSON.stringify({ ...config, apps })),
                    rawConfig: { "aws:region": region },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey", "edgeOriginSecret"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m.replace(/REGION/g, region));
        });
    }
});
