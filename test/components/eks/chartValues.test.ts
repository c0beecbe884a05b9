import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ResourceRecord } from "../../../automation/plan/types";
import { PROJECT_DIR, discoverStacks, plannedStacks } from "../../harness";
import {
    ChartDefinition,
    JsonSchema,
    commentedKeys,
    parseValuesYaml,
    unknownKeyProblems,
    unknownValuePaths,
} from "./chartKeys";

const CHARTS_DIR = path.join(PROJECT_DIR, "test", "fixtures", "charts");
const RELEASE = "kubernetes:helm.sh/v3:Release";
const VENDORED = /^(.+)-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** The vendored charts, one per `test/fixtures/charts/<chart>-<version>/` directory. */
function vendoredCharts(): ChartDefinition[] {
    return fs
        .readdirSync(CHARTS_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => {
            const m = VENDORED.exec(e.name);
            if (!m) throw new Error(`test/fixtures/charts/${e.name} is not named <chart>-<version>`);
            const dir = path.join(CHARTS_DIR, e.name);
            const schemaFile = path.join(dir, "values.schema.json");
            return {
                chart: m[1],
                version: m[2],
                defaults: parseValuesYaml(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")),
                schema: fs.existsSync(schemaFile)
                    ? (JSON.parse(fs.readFileSync(schemaFile, "utf8")) as JsonSchema)
                    : undefined,
            };
        });
}

interface PlannedRelease {
    stack: string;
    release: ResourceRecord;
    chart: string;
    version: string;
}

async function plannedReleases(): Promise<PlannedRelease[]> {
    return (await plannedStacks()).flatMap((rec) =>
        rec.all(RELEASE).map((release) => ({
            stack: rec.plan.name,
            release,
            chart: String(release.inputs.chart),
            version: String(release.inputs.version),
        })),
    );
}

describe("Helm chart key walker", () => {
    const chart = (yaml: string, schema?: JsonSchema) => ({ defaults: parseValuesYaml(yaml), schema });
    const nginx = [
        "controller:",
        "  config: {}",
        "  replicaCount: 1",
        "  minAvailable: 1",
        "  # maxUnavailable: 1",
        "  affinity: {}",
        "  # affinity:",
        "  #   podAntiAffinity:",
        "  #     preferredDuringSchedulingIgnoredDuringExecution: []",
        "  tolerations: []",
        "  image:",
        "    tag: v1",
        "  script: |",
        "    # inBlock: 1",
        "  # Ref: https://example.com/docs",
        "  # ref: https://example.com/docs",
        "podAnnotations: {}",
        "serviceAccount:",
        "  annotations: {}",
        '  name: ""',
        "extraEnv:",
        "  - name: A",
        "    # value: x",
    ].join("\n");
    const schema: JsonSchema = {
        type: "object",
        properties: {
            installCRDs: { type: "boolean" },
            webhook: { type: "object", properties: { replicaCount: { type: "integer" } } },
            nodeSelector: { type: "object" },
            extraObjects: { type: "array", items: { type: "object", properties: { kind: { type: "string" } } } },
            labels: { $ref: "#/$defs/labels" },
            open: { type: "object", properties: { a: { type: "string" } }, additionalProperties: true },
        },
        $defs: { labels: { type: "object", patternProperties: { "^[a-z]+$": { type: "string" } } } },
    };
    const cases: [string, unknown, ReturnType<typeof chart>, string[]][] = [
        ["a known key is ok", { controller: { replicaCount: 2 } }, chart(nginx), []],
        [
            "a misspelt key fails with its path",
            { controller: { confg: { a: "1" } } },
            chart(nginx),
            ["controller.confg"],
        ],
        ["a misspelt top-level key fails", { podAnnotation: {} }, chart(nginx), ["podAnnotation"]],
        [
            "below an empty map (`config: {}`) anything goes",
            { controller: { config: { "use-proxy-protocol": "true", x: { y: 1 } } }, podAnnotations: { a: "b" } },
            chart(nginx),
            [],
        ],
        [
            "a key with a dot or slash under a free-form map is ok",
            { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn" } } },
            chart(nginx),
            [],
        ],
        [
            "list items below a list default are free-form",
            { controller: { tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule", typo: 1 }] } },
            chart(nginx),
            [],
        ],
        [
            "a key values.yaml documents as a commented-out example is ok",
            { controller: { maxUnavailable: 1 } },
            chart(nginx),
            [],
        ],
        [
            "deeper commented lines, block scalar content and prose don't define keys",
            { controller: { podAntiAffinity: {}, inBlock: 1, Ref: "x", ref: "x" }, extraEnv: [{ value: "x" }] },
            chart(nginx),
            ["controller.podAntiAffinity", "controller.inBlock", "controller.Ref", "controller.ref"],
        ],
        [
            "a map set where the chart has a scalar names its keys as unknown",
            { controller: { image: { tag: { major: 1 } } } },
            chart(nginx),
            ["controller.image.tag.major"],
        ],
        [
            "every unknown path is reported at once, in order",
            { controller: { confg: {}, replicas: 2, image: { tga: "v2" } }, serviceAcount: {} },
            chart(nginx),
            ["controller.confg", "controller.replicas", "controller.image.tga", "serviceAcount"],
        ],
        [
            "the schema defines keys values.yaml lacks",
            { installCRDs: true, webhook: { replicaCount: 2 }, nodeSelector: { "a/b": "c" } },
            chart("{}\n", schema),
            [],
        ],
        [
            "the schema's listed properties catch a typo",
            { webhook: { replicas: 2 }, installCRD: true },
            chart("webhook: {}\n", schema),
            ["installCRD"],
        ],
        [
            "a schema property list catches a typo where values.yaml has no default",
            { webhook: { replicas: 2 } },
            chart("{}\n", schema),
            ["webhook.replicas"],
        ],
        [
            "list items are checked where the schema describes them",
            { extraObjects: [{ kind: "ConfigMap" }, { kidn: "Secret" }] },
            chart("{}\n", schema),
            ["extraObjects[1].kidn"],
        ],
        [
            "$ref, patternProperties and additionalProperties: true are followed",
            { labels: { team: "payments", "bad.key": "x" }, open: { a: "1", anything: { deep: 1 } } },
            chart("{}\n", schema),
            ['labels["bad.key"]'],
        ],
    ];
    for (const [label, values, c, expected] of cases) {
        it(label, () => {
            expect(unknownValuePaths(values, c)).to.deep.equal(expected);
        });
    }

    it("reads commented-out keys at their map's key column, under their map's path, never under list items", () => {
        expect(commentedKeys(nginx)).to.deep.equal([
            { parent: ["controller"], key: "maxUnavailable" },
            { parent: ["controller"], key: "affinity" },
        ]);
    });

    it("names the chart, its version and the file in each problem", () => {
        const c = { chart: "ingress-nginx", version: "4.15.1", ...chart(nginx) };
        expect(unknownKeyProblems({ controller: { confg: {} } }, c)).to.deep.equal([
            "ingress-nginx 4.15.1: controller.confg is not a key of the chart's values.yaml",
        ]);
        expect(unknownKeyProblems({ x: 1 }, { chart: "es", version: "1.0.0", ...chart("{}\n", schema) })).to.deep.equal(
            ["es 1.0.0: x is not a key of the chart's values.yaml or values.schema.json"],
        );
    });
});

describe("Helm releases in every planned stack match their pinned charts", function () {
    this.timeout(300000);

    it("every workload stack installs Helm releases (the rules below are not vacuous)", async () => {
        const releases = await plannedReleases();
        const workloads = discoverStacks().filter((s) => s.role === "workload");
        expect(workloads).to.not.be.empty;
        for (const s of workloads) {
            expect(
                releases.filter((r) => r.stack === s.name),
                `${s.name} has no ${RELEASE}`,
            ).to.not.be.empty;
        }
    });

    it("every release pins an exact chart version, a bare chart name and an https repositoryOpts.repo", async () => {
        const problems = (await plannedReleases()).flatMap(({ stack, release }) => {
            const i = release.inputs;
            const repo = (i.repositoryOpts as { repo?: unknown } | undefined)?.repo;
            const where = `${stack} ${release.name}`;
            return [
                ...(typeof i.version === "string" && /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(i.version)
                    ? []
                    : [`${where}: version is ${JSON.stringify(i.version)}, must be an exact chart version (x.y.z)`]),
                ...(typeof i.chart === "string" && /^[a-z0-9][a-z0-9-]*$/.test(i.chart)
                    ? []
                    : [
                          `${where}: chart is ${JSON.stringify(i.chart)}, must be a chart name (the repo comes from repositoryOpts.repo)`,
                      ]),
                ...(typeof repo === "string" && /^https:\/\/[^\s/]+/.test(repo)
                    ? []
                    : [
                          `${where}: repositoryOpts.repo is ${JSON.stringify(repo)}, must be the chart repository's https URL`,
                      ]),
            ];
        });
        expect(problems).to.deep.equal([]);
    });

    it("every release's chart version is the vendored one (a bump without re-vendoring fails)", async () => {
        const vendored = vendoredCharts();
        const problems = (await plannedReleases()).flatMap(({ stack, release, chart, version }) => {
            const have = vendored.filter((v) => v.chart === chart);
            if (have.some((v) => v.version === version)) return [];
            const got = have.map((v) => `${v.chart}-${v.version}`).join(", ") || "nothing";
            return [
                `${stack} ${release.name}: ${chart} ${version} is not vendored (test/fixtures/charts has ${got}); vendor its values.yaml at ${version}`,
            ];
        });
        expect(problems).to.deep.equal([]);
    });

    it("every vendored chart is one a release installs (no stale fixtures)", async () => {
        const used = new Set((await plannedReleases()).map((r) => `${r.chart}-${r.version}`));
        const stale = vendoredCharts()
            .map((v) => `${v.chart}-${v.version}`)
            .filter((d) => !used.has(d));
        expect(stale).to.deep.equal([]);
    });

    it("every release's values use only keys its pinned chart defines", async () => {
        const vendored = vendoredCharts();
        const stacksOf = new Map<string, string[]>();
        for (const { stack, chart, version, release } of await plannedReleases()) {
            const def = vendored.find((v) => v.chart === chart && v.version === version);
            // A missing fixture is the version test's failure; this one checks keys.
            for (const p of def ? unknownKeyProblems(release.inputs.values ?? {}, def) : []) {
                stacksOf.set(p, [...(stacksOf.get(p) ?? []), stack]);
            }
        }
        expect([...stacksOf].map(([p, stacks]) => `${p} (in ${stacks.join(", ")})`)).to.deep.equal([]);
    });
});
