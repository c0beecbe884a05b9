/**
 * Which key paths of a Helm release's values a chart does not define, judged from the chart's own
 * `values.yaml` (its defaults) and, where it ships one, its `values.schema.json`.
 *
 * Helm ignores unknown keys silently, so a misspelt key (`controller.confg`) deploys the chart's
 * default instead of our setting with no error anywhere. A path is defined when values.yaml has it as
 * a map key (or documents it as a commented-out example key, see `commentedKeys`) or the schema
 * allows it. Below a key whose default is `{}` or a list (`podAnnotations: {}`, `tolerations: []`,
 * lb-controller's `podDisruptionBudget: {}`) the chart passes the content through free-form, so
 * nothing below it is checked; the same holds for a schema object that lists no properties. List
 * items are free-form unless the schema describes them.
 */

import * as YAML from "yaml";

/** Stands for a key that values.yaml documents only as a commented-out example: its shape is unknown. */
export const DOCUMENTED = Symbol("documented in a values.yaml comment");

/** The subset of JSON Schema that charts' values.schema.json files use to describe keys. */
export interface JsonSchema {
    $ref?: string;
    type?: string | string[];
    properties?: Record<string, SchemaNode>;
    patternProperties?: Record<string, SchemaNode>;
    additionalProperties?: SchemaNode;
    items?: SchemaNode;
    allOf?: SchemaNode[];
    anyOf?: SchemaNode[];
    oneOf?: SchemaNode[];
    [other: string]: unknown;
}
export type SchemaNode = JsonSchema | boolean;

/** A chart at one version: its default values and optional schema. */
export interface ChartDefinition {
    chart: string;
    version: string;
    /** values.yaml, parsed by `parseValuesYaml` (commented-out keys included). */
    defaults: unknown;
    schema?: JsonSchema;
}

/** Where the walk stands in the chart: the default at this path (if any) and the schemas that apply. */
interface Place {
    hasDefault: boolean;
    defaults: unknown;
    schemas: JsonSchema[];
    /** A schema said anything goes here (`additionalProperties: true`, `true`). */
    open: boolean;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Resolves a local `$ref` (`#/definitions/x`, `#/$defs/x`) against the schema's root. */
function deref(node: JsonSchema, root: JsonSchema, seen: Set<string> = new Set()): JsonSchema {
    if (!node.$ref) return node;
    if (!node.$ref.startsWith("#/") || seen.has(node.$ref)) throw new Error(`unsupported $ref ${node.$ref}`);
    seen.add(node.$ref);
    let target: unknown = root;
    for (const part of node.$ref.slice(2).split("/")) {
        target = isMap(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    }
    if (!isMap(target)) throw new Error(`$ref ${node.$ref} points at nothing`);
    return deref(target as JsonSchema, root, seen);
}

/** A schema node with its combinators flattened: every branch that may describe the value. */
function branches(node: SchemaNode | undefined, root: JsonSchema): { schemas: JsonSchema[]; open: boolean } {
    if (node === undefined || node === false) return { schemas: [], open: false };
    if (node === true) return { schemas: [], open: true };
    const n = deref(node, root);
    const out = { schemas: [n], open: false };
    for (const sub of [...(n.allOf ?? []), ...(n.anyOf ?? []), ...(n.oneOf ?? [])]) {
        const b = branches(sub, root);
        out.schemas.push(...b.schemas);
        out.open ||= b.open;
    }
    return out;
}

/** A schema object that names no keys at all is a free-form map (`nodeSelector: {type: object}`). */
function namesNoKeys(s: JsonSchema): boolean {
    return !s.properties && !s.patternProperties && s.additionalProperties === undefined;
}

function isFreeForm(place: Place): boolean {
    if (place.open || place.defaults === DOCUMENTED) return true;
    const d = place.defaults;
    if (place.hasDefault && (Array.isArray(d) || (isMap(d) && Object.keys(d).length === 0))) return true;
    // Only the schema's object nodes say something about keys; a `type: string` node doesn't.
    const objects = place.schemas.filter((s) => s.type === undefined || [s.type].flat().includes("object"));
    return objects.some(namesNoKeys);
}

/**
 * The schema side of one key. The generated schemas charts ship (helm-schema and the like) list
 * `properties` without `additionalProperties: false`, so by JSON Schema's letter every key would be
 * allowed and a typo could never be caught; a listed `properties` is therefore read as the keys the
 * chart knows, and only an explicit `additionalProperties` opens the map.
 */
function schemaChild(
    place: Place,
    key: string,
    root: JsonSchema,
): { found: boolean; schemas: JsonSchema[]; open: boolean } {
    const out = { found: false, schemas: [] as JsonSchema[], open: false };
    const add = (node: SchemaNode) => {
        const b = branches(node, root);
        out.found = true;
        out.schemas.push(...b.schemas);
        out.open ||= b.open;
    };
    for (const s of place.schemas) {
        const prop = s.properties?.[key];
        if (prop !== undefined && prop !== false) add(prop);
        for (const [re, node] of Object.entries(s.patternProperties ?? {})) if (new RegExp(re).test(key)) add(node);
        if (prop === undefined && s.additionalProperties !== undefined && s.additionalProperties !== false) {
            add(s.additionalProperties);
        }
    }
    return out;
}

/** How a key is shown in a path: dotted like `--set`, quoted when it holds a dot or slash. */
export function keyPath(parent: string, key: string): string {
    if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
    return `${parent}[${JSON.stringify(key)}]`;
}

function walk(value: unknown, place: Place, path: string, root: JsonSchema, out: string[]): void {
    if (isFreeForm(place)) return;
    if (Array.isArray(value)) {
        const items = place.schemas.flatMap((s) => (s.items === undefined ? [] : [s.items]));
        const b = items.map((i) => branches(i, root));
        const itemPlace: Place = {
            hasDefault: false,
            defaults: undefined,
            schemas: b.flatMap((x) => x.schemas),
            open: items.length === 0 || b.some((x) => x.open),
        };
        value.forEach((item, i) => walk(item, itemPlace, `${path}[${i}]`, root, out));
        return;
    }
    if (!isMap(value)) return;
    for (const [key, child] of Object.entries(value)) {
        const inDefaults = isMap(place.defaults) && Object.prototype.hasOwnProperty.call(place.defaults, key);
        const fromSchema = schemaChild(place, key, root);
        const p = keyPath(path, key);
        if (!inDefaults && !fromSchema.found) {
            out.push(p);
            continue;
        }
        const next: Place = {
            hasDefault: inDefaults,
            defaults: inDefaults ? (place.defaults as Record<string, unknown>)[key] : undefined,
            schemas: fromSchema.schemas,
            open: fromSchema.open,
        };
        walk(child, next, p, root, out);
    }
}

/** Every key path of `values` that the chart defines nowhere, in the order they appear. */
export function unknownValuePaths(values: unknown, chart: Pick<ChartDefinition, "defaults" | "schema">): string[] {
    const root = chart.schema ?? {};
    const top = branches(chart.schema, root);
    const out: string[] = [];
    // The root is never free-form, even for a chart whose values.yaml is empty.
    walk(
        values,
        { hasDefault: false, defaults: chart.defaults ?? {}, schemas: top.schemas, open: false },
        "",
        root,
        out,
    );
    return out;
}

/** One line per unknown path, naming the chart and version: `ingress-nginx 4.15.1: controller.confg is not a key …`. */
export function unknownKeyProblems(values: unknown, chart: ChartDefinition): string[] {
    const where = chart.schema ? "values.yaml or values.schema.json" : "values.yaml";
    return unknownValuePaths(values, chart).map(
        (p) => `${chart.chart} ${chart.version}: ${p} is not a key of the chart's ${where}`,
    );
}

/** A key line (`  key: value`, `  - key: value`), a comment line, and a block scalar's indicator. */
const KEY_LINE = /^( *)(- +)?("[^"]*"|'[^']*'|[^\s#'"-][^:#]*?|-[^\s:#][^:#]*?):(?: +(.*))?$/;
const COMMENT_KEY = /^( *)# ("[^"]+"|[A-Za-z0-9_][\w./-]*):(?: +(.*))?$/;
// Helm's convention is camelCase keys starting lowercase, so `# Note: …`, `# Warning: …` are prose;
// so is a "key" whose value is a link or a command line (`# ref: https://…`, `# example: --set …`).
const PROSE_WORD = /^[A-Z][a-z]/;
const PROSE_VALUE = /^(https?:\/\/|--set\b)/;

/**
 * The keys values.yaml documents as commented-out examples directly under a map, as charts do for
 * optional keys whose absence matters (`controller: … # maxUnavailable: 1`, cluster-autoscaler's
 * `extraArgs: … # expander: random`): the templates read them, so setting one is not a typo.
 * A comment counts only with `# ` exactly at the map's key column; deeper-indented commented lines
 * (`#   podAntiAffinity:`) are the example's own content. Keys under list items and inside block
 * scalars are skipped.
 */
export function commentedKeys(text: string): { parent: string[]; key: string }[] {
    const out: { parent: string[]; key: string }[] = [];
    const stack: { indent: number; key: string | null }[] = [];
    let block: number | undefined;
    const unquote = (k: string) => (/^["']/.test(k) ? k.slice(1, -1) : k.trim());
    for (const line of text.split(/\r?\n/)) {
        const indent = line.length - line.trimStart().length;
        if (line.trim() === "") continue;
        if (block !== undefined && indent > block) continue;
        block = undefined;
        const c = COMMENT_KEY.exec(line);
        if (c) {
            const parents = stack.filter((s) => s.indent < indent);
            const key = unquote(c[2]);
            if (!PROSE_WORD.test(key) && !PROSE_VALUE.test(c[3] ?? "") && parents.every((s) => s.key !== null)) {
                out.push({ parent: parents.map((s) => s.key as string), key });
            }
            continue;
        }
        if (line.trimStart().startsWith("#")) continue;
        const m = KEY_LINE.exec(line);
        const dash = m?.[2] ?? (/^ *- /.test(line) ? "- " : undefined);
        while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
        if (dash !== undefined) stack.push({ indent, key: null });
        if (!m) continue;
        stack.push({ indent: indent + (dash?.length ?? 0), key: unquote(m[3]) });
        if (/^[|>]/.test(m[4] ?? "")) block = indent;
    }
    return out;
}

/** values.yaml parsed, with each commented-out documented key added as `DOCUMENTED` where its map exists. */
export function parseValuesYaml(text: string): unknown {
    const defaults: unknown = YAML.parse(text) ?? {};
    for (const { parent, key } of commentedKeys(text)) {
        let map: unknown = defaults;
        for (const k of parent) map = isMap(map) ? map[k] : undefined;
        if (isMap(map) && !Object.prototype.hasOwnProperty.call(map, key)) map[key] = DOCUMENTED;
    }
    return defaults;
}
