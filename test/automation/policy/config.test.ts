import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import {
    fallbackPolicyEnvironment,
    loadPolicyPackConfig,
    parsePolicyPackConfig,
    PolicyMeta,
    reconcilePolicyPackConfig,
} from "../../../automation/policy/config";
import { allPolicies } from "../../../policies/pack";

const metas: PolicyMeta[] = [
    {
        name: "kms-key-rotation",
        enforcementLevel: "mandatory",
        configSchema: { exemptResources: { type: "array", items: { type: "string" }, default: [] } },
        required: [],
    },
    {
        name: "rds-backup-retention",
        enforcementLevel: "advisory",
        configSchema: {
            minimumRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: 7 },
            exemptResources: { type: "array", items: { type: "string" }, default: [] },
        },
        required: [],
    },
];

/** The pack's own policies as GetAnalyzerInfo reports them. */
function packMetas(): PolicyMeta[] {
    return allPolicies.map((p) => ({
        name: p.name,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        configSchema: (p.configSchema?.properties ?? {}) as PolicyMeta["configSchema"],
        required: [],
    }));
}

describe("policy config (--policy-pack-config format)", () => {
    it("parses levels given as strings and as objects with properties", () => {
        expect(
            parsePolicyPackConfig(
                '{"all": "mandatory", "rds-backup-retention": {"enforcementLevel": "advisory", "minimumRetentionDays": 3}}',
            ),
        ).to.deep.equal({
            all: { enforcementLevel: "mandatory", properties: {} },
            "rds-backup-retention": { enforcementLevel: "advisory", properties: { minimumRetentionDays: 3 } },
        });
        expect(parsePolicyPackConfig("  ")).to.deep.equal({});
    });

    it("rejects invalid levels and shapes, naming the entry", () => {
        expect(() => parsePolicyPackConfig('{"x": "strict"}')).to.throw('x: "strict" is not an enforcement level');
        expect(() => parsePolicyPackConfig('{"x": {"enforcementLevel": "hard"}}')).to.throw(
            'x: enforcementLevel "hard" is not valid',
        );
        expect(() => parsePolicyPackConfig('{"x": 3}')).to.throw("x: must be an enforcement level or an object");
        expect(() => parsePolicyPackConfig("[]")).to.throw("must be a JSON object");
    });

    it("starts from declared levels and schema defaults", () => {
        expect(reconcilePolicyPackConfig(metas, {})).to.deep.equal({
            "kms-key-rotation": { enforcementLevel: "mandatory", properties: { exemptResources: [] } },
            "rds-backup-retention": {
                enforcementLevel: "advisory",
                properties: { minimumRetentionDays: 7, exemptResources: [] },
            },
        });
    });

    it('applies "all" to every policy, then per-policy levels and properties on top', () => {
        const r = reconcilePolicyPackConfig(
            metas,
            parsePolicyPackConfig(
                '{"all": "disabled", "rds-backup-retention": {"enforcementLevel": "mandatory", "minimumRetentionDays": 14}}',
            ),
        );
        expect(r["kms-key-rotation"].enforcementLevel).to.equal("disabled");
        expect(r["rds-backup-retention"]).to.deep.equal({
            enforcementLevel: "mandatory",
            properties: { minimumRetentionDays: 14, exemptResources: [] },
        });
        const propsOnly = reconcilePolicyPackConfig(
            metas,
            parsePolicyPackConfig('{"all": "mandatory", "rds-backup-retention": {"minimumRetentionDays": 2}}'),
        );
        expect(propsOnly["rds-backup-retention"].enforcementLevel).to.equal("mandatory");
    });

    it("rejects unknown policies and properties, and values that break the schema, all at once", () => {
        expect(() => reconcilePolicyPackConfig(metas, parsePolicyPackConfig('{"kms-rotation": "mandatory"}'))).to.throw(
            "Policy config names policies the pack does not have: kms-rotation",
        );
        const bad = parsePolicyPackConfig(
            '{"rds-backup-retention": {"minimumRetentionDays": 0, "days": 3}, "kms-key-rotation": {"exemptResources": [1]}}',
        );
        expect(() => reconcilePolicyPackConfig(metas, bad)).to.throw(
            "Invalid policy config:\n - kms-key-rotation: exemptResources[0] is 1, expected string\n - rds-backup-retention: minimumRetentionDays is 0, minimum 1\n - rds-backup-retention: days is not a config property (allowed: minimumRetentionDays, exemptResources)",
        );
        expect(() =>
            reconcilePolicyPackConfig(
                metas,
                parsePolicyPackConfig('{"rds-backup-retention": {"minimumRetentionDays": 1.5}}'),
            ),
        ).to.throw("minimumRetentionDays is 1.5, expected integer");
    });

    describe("the environment files", () => {
        const dir = path.join(__dirname, "../../../policies/config");

        it("has a file per environment that has stacks (dev, prod, shared), each valid for the pack", () => {
            expect(fs.readdirSync(dir).sort()).to.deep.equal(["dev.json", "prod.json", "shared.json"]);
            for (const f of ["dev.json", "prod.json", "shared.json"]) {
                expect(
                    () => reconcilePolicyPackConfig(packMetas(), loadPolicyPackConfig(path.join(dir, f))),
                    f,
                ).not.to.throw();
            }
        });

        it("makes every policy mandatory in prod and in the shared network hub that prod depends on", () => {
            for (const f of ["prod.json", "shared.json"]) {
                const prod = reconcilePolicyPackConfig(packMetas(), loadPolicyPackConfig(path.join(dir, f)));
                expect(
                    Object.values(prod).map((c) => c.enforcementLevel),
                    f,
                ).to.deep.equal(allPolicies.map(() => "mandatory"));
                expect(prod["rds-backup-retention"].properties.minimumRetentionDays, f).to.equal(7);
            }
        });

        it("keeps mandatory policies mandatory in dev and turns off deletion protection for the weekend teardown", () => {
            const dev = reconcilePolicyPackConfig(packMetas(), loadPolicyPackConfig(path.join(dir, "dev.json")));
            for (const p of allPolicies.filter((x) => x.enforcementLevel === "mandatory")) {
                expect(dev[p.name].enforcementLevel, p.name).to.equal("mandatory");
            }
            expect(dev["rds-deletion-protection"].enforcementLevel).to.equal("disabled");
            expect(dev["security-group-no-public-ingress"].enforcementLevel).to.equal("advisory");
        });
    });
});

describe("policy config fallback for an environment without its own file", () => {
    const cases: [string, "prod" | "dev"][] = [
        ["qa", "dev"],
        ["test", "dev"],
        ["sandbox", "dev"],
        ["dev2", "dev"],
        ["prod", "prod"],
        ["preprod", "prod"],
        ["production", "prod"],
        ["prd", "prod"],
        ["staging", "prod"],
        ["live", "prod"],
        ["dr", "prod"],
        ["drill", "dev"],
    ];
    for (const [environment, expected] of cases) {
        it(`${environment} → ${expected}`, () => expect(fallbackPolicyEnvironment(environment)).to.equal(expected));
    }
});
