/**
 * Bad database config stops the real stack program before any resource exists, in config-key words.
 * Each row runs a discovered stack of the row's environment (its own Pulumi.<stack>.yaml) with one
 * change to `payments-platform:database`.
 */
import { expect } from "chai";
import { PlanError } from "../../../automation/plan/engine";
import { databaseConfigProblems } from "../../../stacks/config/database";
import { databaseKeys } from "../../../stacks/config/database";
import main from "../../../stacks/index";
import { PROJECT, record, rejection, stackFileConfig } from "../../harness";
import { workloadStacks } from "./stackConfig";

type Section = "aurora" | "proxy" | "cache" | "queue" | "legacyEvents";
type Change = Partial<Record<Section, Record<string, unknown>>>;

/** The stack's config as the CLI hands it over, with `change` merged into its database key. */
function stackConfig(stack: string, change: Change) {
    const config: Record<string, unknown> = {};
    const rawConfig: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stackFileConfig(stack))) {
        if (k.startsWith(`${PROJECT}:`)) config[k.slice(PROJECT.length + 1)] = v;
        else rawConfig[k] = v;
    }
    const db = (config.database ?? {}) as Change;
    config.database = Object.fromEntries(
        [...new Set([...Object.keys(db), ...Object.keys(change)])].map((s) => [
            s,
            { ...db[s as Section], ...change[s as Section] },
        ]),
    );
    return {
        stack,
        config,
        rawConfig,
        secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
    };
}

const K = `${PROJECT}:database`;
const rows: [string, "dev" | "prod", Change, string[]][] = [
    [
        "prod without readers",
        "prod",
        { aurora: { readers: 0, autoscaling: { enabled: false } } },
        [`${K}.aurora.readers is 0, prod needs at least 2 (in distinct AZs)`],
    ],
    [
        "prod with a week of backups",
        "prod",
        { aurora: { backupRetentionDays: 7 } },
        [`${K}.aurora.backupRetentionDays is 7, prod needs at least 14`],
    ],
    [
        "prod without a cache replica per AZ",
        "prod",
        { cache: { replicas: 1 } },
        [`${K}.cache.replicas is 1, prod needs a replica in each of the 3 AZs`],
    ],
    [
        "an engine version off the list",
        "dev",
        { aurora: { engineVersion: "13.4" } },
        [`${K}.aurora.engineVersion is "13.4", allowed: 16.6, 16.8, 16.10, 17.4, 17.6`],
    ],
    [
        "an instance class Aurora PostgreSQL doesn't offer",
        "dev",
        { aurora: { instanceClass: "db.t4g.small" } },
        [
            `${K}.aurora.instanceClass is "db.t4g.small", allowed: db.t3/db.t4g .medium/.large, or db.r6g/r6i/r7g/r7i/r8g .large/.xlarge/.<n>xlarge`,
        ],
    ],
    [
        "more readers than three AZs hold",
        "dev",
        { aurora: { readers: 7 } },
        [`${K}.aurora.readers is 7, at most 6 for 3 AZs (2 per AZ, 15 per cluster)`],
    ],
    [
        "two problems at once, reported together",
        "dev",
        { aurora: { logRetentionDays: 45 }, proxy: { maxIdleConnectionsPercent: 95, maxConnectionsPercent: 90 } },
        [
            `${K}.aurora.logRetentionDays is 45, allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653`,
            `${K}.proxy.maxIdleConnectionsPercent is 95, must be <= maxConnectionsPercent (90)`,
        ],
    ],
];

describe("database config is checked before any resource, in config-key words", () => {
    for (const [what, environment, change, lines] of rows) {
        it(`${environment}: ${what}`, async () => {
            const [stack] = workloadStacks(environment);
            const err = await rejection(record(() => main(), stackConfig(stack.name, change)));
            expect(err.message.split("\n").slice(1)).to.deep.equal(lines.map((l) => ` - ${l}`));
            expect(err.message.split("\n")[0]).to.equal(`stack ${stack.name}: Invalid stack config:`);
            expect((err as PlanError).records.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        });
    }

    it("every discovered stack's own database config passes (network and edge stacks have none to check)", () => {
        for (const s of workloadStacks()) {
            const { config, rawConfig } = stackConfig(s.name, {});
            const problems = databaseConfigProblems({
                role: s.role,
                environment: s.environment,
                region: String(rawConfig["aws:region"]),
                database: databaseKeys.database.parse(config.database),
            });
            expect(problems, s.name).to.deep.equal([]);
        }
        expect(
            databaseConfigProblems({
                role: "network",
                environment: "prod",
                region: "eu-central-1",
                database: databaseKeys.database.parse({ aurora: { readers: 0 } }),
            }),
        ).to.deep.equal([]);
    });
});
