import { expect } from "chai";
import { strictCrdNode, untemplate } from "./crdSchema";
import { staleCrdCharts } from "./planObjects";
import { Schema, strictNode } from "./schemaGen";

describe("Structural CRD schema → strict JSON Schema", () => {
    const rows: [string, Schema, Schema][] = [
        [
            "an object with properties is closed",
            { type: "object", properties: { a: { type: "string", description: "d" } } },
            { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
        ],
        [
            "an object without properties is closed too (the API server prunes every field)",
            { type: "object" },
            { type: "object", additionalProperties: false },
        ],
        [
            "a map stays a map",
            { type: "object", additionalProperties: { type: "string" } },
            { type: "object", additionalProperties: { type: "string" } },
        ],
        [
            "x-kubernetes-preserve-unknown-fields stays open",
            { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { a: { type: "object" } } },
            { type: "object", properties: { a: { type: "object", additionalProperties: false } } },
        ],
        [
            "x-kubernetes-int-or-string takes an integer or a string",
            { "x-kubernetes-int-or-string": true },
            { anyOf: [{ type: "integer" }, { type: "string" }] },
        ],
        [
            "objects inside anyOf/oneOf/allOf are not closed (they constrain values, pruning ignores them)",
            { type: "object", properties: { a: { type: "string" } }, oneOf: [{ type: "object", required: ["a"] }] },
            {
                type: "object",
                properties: { a: { type: "string" } },
                oneOf: [{ type: "object", required: ["a"] }],
                additionalProperties: false,
            },
        ],
        [
            "an embedded resource keeps apiVersion, kind and metadata",
            { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "string" } } },
            {
                type: "object",
                properties: {
                    apiVersion: { type: "string" },
                    kind: { type: "string" },
                    metadata: { type: "object" },
                    spec: { type: "string" },
                },
                additionalProperties: false,
            },
        ],
    ];
    for (const [title, input, want] of rows) it(title, () => expect(strictCrdNode(input)).to.deep.equal(want));
});

describe("Kubernetes OpenAPI v2 node → strict JSON Schema", () => {
    const rows: [string, Schema, Schema][] = [
        [
            "properties close the object; descriptions and x-kubernetes-* go",
            {
                type: "object",
                description: "d",
                "x-kubernetes-map-type": "atomic",
                properties: { description: { type: "string" } },
            },
            { type: "object", properties: { description: { type: "string" } }, additionalProperties: false },
        ],
        [
            "int-or-string takes an integer or a string",
            { type: "string", format: "int-or-string" },
            { anyOf: [{ type: "integer" }, { type: "string" }] },
        ],
        ["a free-form object stays open", { type: "object" }, { type: "object" }],
        [
            "items and maps are converted too",
            { type: "array", items: { type: "object", properties: { a: { $ref: "#/definitions/X" } } } },
            {
                type: "array",
                items: { type: "object", properties: { a: { $ref: "#/definitions/X" } }, additionalProperties: false },
            },
        ],
        [
            "a listType=map list keeps its keys, a set gets unique items, atomic nothing",
            {
                type: "object",
                properties: {
                    m: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] },
                    s: { type: "array", "x-kubernetes-list-type": "set" },
                    a: { type: "array", "x-kubernetes-list-type": "atomic" },
                },
            },
            {
                type: "object",
                properties: {
                    m: { type: "array", "x-kubernetes-list-map-keys": ["name"] },
                    s: { type: "array", uniqueItems: true },
                    a: { type: "array" },
                },
                additionalProperties: false,
            },
        ],
    ];
    for (const [title, input, want] of rows) it(title, () => expect(strictNode(input)).to.deep.equal(want));
});

describe("Chart CRD templates as YAML", () => {
    const rows: [string, string, string][] = [
        ["whole-line actions go", "{{- if .Values.crds.install }}\nkind: X\n{{- end -}}", "kind: X"],
        [
            "inline actions become a placeholder",
            "  app.kubernetes.io/name: {{ .Values.operator.name }}",
            "  app.kubernetes.io/name: templated",
        ],
        ["plain YAML is unchanged", "a:\n  b: 1", "a:\n  b: 1"],
    ];
    for (const [title, input, want] of rows) it(title, () => expect(untemplate(input)).to.equal(want));
});

describe("CRD fixtures against the chart pins", () => {
    const vendored = [{ chart: "keda", version: "2.18.3" }];
    const rows: [string, { chart: string; version: string; by: string }[], string[]][] = [
        ["the pinned version is vendored", [{ chart: "keda", version: "2.18.3", by: "versions.ts" }], []],
        [
            "a bumped pin fails until its CRDs are vendored",
            [{ chart: "keda", version: "2.19.0", by: "versions.ts" }],
            ["versions.ts has keda 2.19.0, test/fixtures/crds has keda-2.18.3: vendor the CRDs of 2.19.0"],
        ],
        [
            "a release installing another version fails too",
            [{ chart: "keda", version: "2.17.0", by: "dev: dev-eks-keda" }],
            ["dev: dev-eks-keda has keda 2.17.0, test/fixtures/crds has keda-2.18.3: vendor the CRDs of 2.17.0"],
        ],
        [
            "another chart is not this one's business",
            [{ chart: "metrics-server", version: "3.13.1", by: "versions.ts" }],
            [],
        ],
    ];
    for (const [title, pins, want] of rows) it(title, () => expect(staleCrdCharts(pins, vendored)).to.deep.equal(want));
});
