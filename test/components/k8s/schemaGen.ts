/**
 * Builds the vendored, standalone-strict JSON schemas of built-in kinds from a Kubernetes release's
 * OpenAPI v2 document (`api/openapi-spec/swagger.json` of a release branch), the same conversion the
 * published "standalone-strict" sets make: every `$ref` resolved inside the file, every object with
 * listed properties closed (`additionalProperties: false`), int-or-string and quantities accepting
 * both JSON forms the API server decodes. Descriptions and `x-kubernetes-*` annotations are dropped:
 * they don't validate anything and make up most of the size.
 *
 * Run (see test/fixtures/k8s-schemas/README.md for where the input came from):
 *   node --require ./scripts/register.js test/components/k8s/schemaGen.ts swagger.json test/fixtures/k8s-schemas/v1.34
 */
import * as fs from "fs";
import * as path from "path";
import { GroupVersionKind, VENDORED_KINDS, apiVersionOf, schemaFileName } from "./kinds";

export type Schema = { [key: string]: unknown };

const REF = "#/definitions/";
export const LIST_MAP_KEYS = "x-kubernetes-list-map-keys";
// resource.Quantity's UnmarshalJSON takes a JSON number as well as a string ("cpu: 1"), and
// intstr.IntOrString an integer or a string; the v2 document types both as plain strings.
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const NUMBER_OR_STRING: Schema = { anyOf: [{ type: "number" }, { type: "string" }] };
const INT_OR_STRING: Schema = { anyOf: [{ type: "integer" }, { type: "string" }] };

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** The definition name of a kind: the one whose `x-kubernetes-group-version-kind` names it. */
export function definitionOf(defs: Record<string, Schema>, g: GroupVersionKind): string | undefined {
    return Object.keys(defs).find((name) => {
        const tags = defs[name]["x-kubernetes-group-version-kind"];
        return (
            Array.isArray(tags) &&
            tags.some((t: Schema) => t.group === g.group && t.version === g.version && t.kind === g.kind)
        );
    });
}

/**
 * A list's merge semantics as checks: `x-kubernetes-list-type: map` keeps its keys (the validator
 * fails duplicate entries: server-side apply, which the provider uses, rejects them), `set` means
 * unique items.
 */
export function listSemantics(node: Schema): Schema {
    const keys = node["x-kubernetes-list-map-keys"];
    if (node["x-kubernetes-list-type"] === "map" && Array.isArray(keys)) return { [LIST_MAP_KEYS]: keys };
    if (node["x-kubernetes-list-type"] === "set") return { uniqueItems: true };
    return {};
}

/** One OpenAPI v2 node as strict JSON Schema (draft-07). */
export function strictNode(node: Schema): Schema {
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) {
        if (k === "description" || k.startsWith("x-")) continue;
        if (k === "properties" && isSchema(v))
            out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, isSchema(s) ? strictNode(s) : s]));
        else if ((k === "items" || k === "additionalProperties") && isSchema(v)) out[k] = strictNode(v);
        else out[k] = v;
    }
    Object.assign(out, listSemantics(node));
    if (out.format === "int-or-string") {
        delete out.type;
        delete out.format;
        Object.assign(out, INT_OR_STRING);
    }
    if (out.properties !== undefined && out.additionalProperties === undefined) {
        if (node["x-kubernetes-preserve-unknown-fields"] !== true) out.additionalProperties = false;
    }
    return out;
}

function refsIn(v: unknown, into: Set<string>): void {
    if (Array.isArray(v)) v.forEach((x) => refsIn(x, into));
    else if (isSchema(v)) {
        if (typeof v.$ref === "string" && v.$ref.startsWith(REF)) into.add(v.$ref.slice(REF.length));
        Object.values(v).forEach((x) => refsIn(x, into));
    }
}

function definitionSchema(defs: Record<string, Schema>, name: string): Schema {
    const def = defs[name];
    if (!def) throw new Error(`the OpenAPI document has no definition ${name}`);
    return name === QUANTITY ? { ...NUMBER_OR_STRING } : strictNode(def);
}

/** A kind's standalone schema: the kind's definition at the top, everything it references beside it. */
export function standaloneSchema(defs: Record<string, Schema>, g: GroupVersionKind): Schema {
    const root = definitionOf(defs, g);
    if (!root) throw new Error(`the OpenAPI document defines no ${apiVersionOf(g)} ${g.kind}`);
    const top = definitionSchema(defs, root);
    const seen = new Set<string>();
    const queue = [root];
    while (queue.length > 0) {
        const found = new Set<string>();
        refsIn(definitionSchema(defs, queue.pop()!), found);
        for (const f of found) if (!seen.has(f)) (seen.add(f), queue.push(f));
    }
    const props = { ...(top.properties as Schema) };
    props.apiVersion = { type: "string", enum: [apiVersionOf(g)] };
    props.kind = { type: "string", enum: [g.kind] };
    const required = [...new Set([...((top.required as string[] | undefined) ?? []), "apiVersion", "kind"])];
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        ...top,
        properties: props,
        required,
        definitions: Object.fromEntries([...seen].sort().map((n) => [n, definitionSchema(defs, n)])),
    };
}

/** JSON with one definition per line: small, and a version bump diffs per type. */
export function serialise(schema: Schema): string {
    const { definitions, ...top } = schema;
    const lines = Object.entries(top).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
    const defs = Object.entries(definitions as Schema).map(
        ([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
    );
    return ["{", ...lines, '  "definitions": {', defs.join(",\n"), "  }", "}", ""].join("\n");
}

function main(swaggerFile: string, outDir: string): void {
    const doc = JSON.parse(fs.readFileSync(swaggerFile, "utf8")) as { definitions: Record<string, Schema> };
    fs.mkdirSync(outDir, { recursive: true });
    for (const g of VENDORED_KINDS) {
        fs.writeFileSync(path.join(outDir, schemaFileName(g)), serialise(standaloneSchema(doc.definitions, g)));
    }
}

if (require.main === module) {
    const [swaggerFile, outDir] = process.argv.slice(2);
    if (!swaggerFile || !outDir) throw new Error("usage: schemaGen.ts <swagger.json> <output directory>");
    main(swaggerFile, outDir);
}
