/**
 * Bad Aurora Global Database config stops the real stack program before any AWS resource exists,
 * in config-key words. Each row runs the first discovered global secondary's own stack file with
 * one change; the rows that need the primary's outputs hand the program a copy of the primary's
 * planned outputs with one change (what a stale or wrong primary stack would export).
 */
import { expect } from "chai";
import { PlanError } from "../../../automation/plan/engine";
import { globalRoleOf } from "../../../stacks/config/database";
import main from "../../../stacks/index";
import { PROJECT, planned, record, rejection, stackFileConfig } from "../../harness";
import { awsRecords } from "../../stacks/fixtures";
import { stackDatabase, workloadStacks } from "./stackConfig";

const K = `${PROJECT}:database`;
const secondary = workloadStacks().find((s) => globalRoleOf(stackDatabase(s.name).global) === "secondary")!;
const P = stackDatabase(secondary.name).global!.primaryStack!;
const S = secondary.name;

/** The secondary's stack config with `database.global` (and optionally `database.aurora`) replaced or extended. */
function secondaryConfig(global: Record<string, unknown>, aurora: Record<string, unknown> = {}) {
    const config: Record<string, unknown> = {};
    const rawConfig: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stackFileConfig(S))) {
        if (k.startsWith(`${PROJECT}:`)) config[k.slice(PROJECT.length + 1)] = v;
        else rawConfig[k] = v;
    }
    const db = config.database as Record<string, Record<string, unknown>>;
    config.database = { ...db, aurora: { ...db.aurora, ...aurora }, global };
    return {
        stack: S,
        config,
        rawConfig,
        secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
    };
}

const configRows: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
    [
        "a primary that names a primary stack",
        { role: "primary", primaryStack: P },
        {},
        [
            `${K}.global.primaryStack is "${P}", a primary reads no other stack: leave it out, or set ${K}.global.role to secondary`,
        ],
    ],
    [
        "a secondary that names no primary stack",
        { role: "secondary" },
        {},
        [`${K}.global.primaryStack is missing, a secondary names its primary's stack (e.g. prod-frankfurt)`],
    ],
    [
        "a secondary that sets the global cluster's id",
        { primaryStack: P, globalClusterIdentifier: "payments-global" },
        {},
        [
            `${K}.global.globalClusterIdentifier is "payments-global", a secondary reads it from its primary's stack (output dbGlobalClusterIdentifier): leave it out`,
        ],
    ],
    [
        "a secondary that sets the RPO bound",
        { primaryStack: P, rpoSeconds: 60 },
        {},
        [
            `${K}.global.rpoSeconds is 60, only the primary sets the RPO bound (rds.global_db_rpo applies on the writing cluster)`,
        ],
    ],
    [
        "an RPO bound below what rds.global_db_rpo accepts",
        { role: "primary", rpoSeconds: 5 },
        {},
        [`${K}.global.rpoSeconds is 5, must be an integer from 20 to 2147483647 seconds`],
    ],
    [
        "a global cluster id RDS refuses",
        { role: "primary", globalClusterIdentifier: "payments--global-" },
        {},
        [
            `${K}.global.globalClusterIdentifier is "payments--global-", must start with a letter and hold only letters, digits and single hyphens, not end in a hyphen (max 63)`,
        ],
    ],
    [
        "a burstable instance class on a global member",
        { primaryStack: P },
        { instanceClass: "db.t4g.medium" },
        [
            `${K}.aurora.instanceClass is "db.t4g.medium", a global database member (secondary) needs a memory-optimised class: db.r6g/r6i/r7g/r7i/r8g .large/.xlarge/.<n>xlarge`,
        ],
    ],
    [
        "a secondary restored from a snapshot",
        { primaryStack: P },
        { restoreFromSnapshot: "snap-1" },
        [
            `${K}.aurora.restoreFromSnapshot is "snap-1", it can't be combined with ${K}.global (secondary): restore a regional cluster, then add it to a global database`,
        ],
    ],
];

describe("Aurora Global Database config is checked before any resource, in config-key words", () => {
    for (const [what, global, aurora, lines] of configRows) {
        it(what, async () => {
            const err = await rejection(record(() => main(), secondaryConfig(global, aurora)));
            expect(err.message.split("\n")[0]).to.equal(`stack ${S}: Invalid stack config:`);
            expect(err.message.split("\n").slice(1)).to.deep.equal(lines.map((l) => ` - ${l}`));
            expect((err as PlanError).records.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        });
    }

    it("a primary stack name of a shape no stack reference takes", async () => {
        const err = await rejection(record(() => main(), secondaryConfig({ primaryStack: "acme/prod-frankfurt" })));
        expect(err.message).to.include(`${K}.global.primaryStack is "acme/prod-frankfurt"`);
        expect(err.message).to.include("it has 2 parts");
        expect((err as PlanError).records.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
    });
});

describe("a global secondary checks its primary's outputs before any resource, naming both stacks", () => {
    const fix = `run stack ${P}'s \`pulumi up\` with database.global.role primary first`;
    const at = `${K}.global.primaryStack is "${P}"`;
    const rows: [string, (o: Record<string, unknown>) => void, Record<string, unknown>, string[]][] = [
        [
            "the primary exports no dbGlobalRole (its stack predates the global database)",
            (o) => delete o.dbGlobalRole,
            {},
            [`${at}, but stack ${P} exports no dbGlobalRole (read by stack ${S}): ${fix}`],
        ],
        [
            "the primary's cluster is regional",
            (o) => (o.dbGlobalRole = "regional"),
            {},
            [`${at}, but stack ${P} exports dbGlobalRole "regional" (read by stack ${S}): ${fix}`],
        ],
        [
            "the primary exports no global cluster id",
            (o) => delete o.dbGlobalClusterIdentifier,
            {},
            [`${at}, but stack ${P} exports no dbGlobalClusterIdentifier (read by stack ${S}): ${fix}`],
        ],
        [
            "the primary is in the secondary's own region",
            (o) => (o.region = secondary.region),
            {},
            [
                `${at}, in this stack's own region ${secondary.region}: a global database holds one cluster per region, so a secondary lives in another`,
            ],
        ],
        [
            "the primary is another environment's",
            (o) => (o.environment = "dev"),
            {},
            [`${at}, a dev stack: a prod stack never holds a copy of another environment's data`],
        ],
        [
            "the secondary pins another engine version than the global cluster runs",
            () => undefined,
            { engineVersion: "17.4" },
            [
                `${K}.aurora.engineVersion is "17.4", the global cluster runs "16.10" (stack ${P}'s dbEngineVersion): leave it out to follow the primary, or upgrade the global cluster from stack ${P}`,
            ],
        ],
    ];

    const hubOf = () => (stackFileConfig(S)[`${PROJECT}:network`] as { spoke: { hubStack: string } }).spoke.hubStack;
    const references = async (change: (o: Record<string, unknown>) => void) => {
        const hub = hubOf();
        const primary = { ...(await planned(P)).outputs };
        change(primary);
        return { [hub]: (await planned(hub)).outputs, [P]: primary };
    };

    for (const [what, change, aurora, lines] of rows) {
        it(what, async () => {
            const opts = { ...secondaryConfig({ primaryStack: P }, aurora), references: await references(change) };
            const err = await rejection(record(() => main(), opts));
            expect(err.message.split("\n").slice(1)).to.deep.equal(lines.map((l) => ` - ${l}`));
            expect(awsRecords(err), "no AWS resource or provider yet").to.deep.equal([]);
        });
    }

    it("a secondary that names itself as its primary", async () => {
        const opts = { ...secondaryConfig({ primaryStack: S }), references: await references(() => undefined) };
        const err = await rejection(record(() => main(), opts));
        expect(err.message.split("\n").slice(1)).to.deep.equal([
            ` - ${K}.global.primaryStack is "${S}", this stack itself: name the primary's stack`,
        ]);
        expect(awsRecords(err)).to.deep.equal([]);
    });

    it("the primary's real outputs pass, and the secondary takes its engine version from them", async () => {
        const rec = await record(() => main(), {
            ...secondaryConfig({ primaryStack: P }),
            references: await references(() => undefined),
        });
        const primary = await planned(P);
        expect(rec.one("aws:rds/cluster:Cluster").inputs).to.deep.include({
            globalClusterIdentifier: primary.outputs.dbGlobalClusterIdentifier,
            engineVersion: primary.outputs.dbEngineVersion,
        });
    });
});
