/**
 * CustomResourceDefinitions as JSON Schema: the CRD YAMLs vendored from the charts (some are chart
 * templates), read per served version, and each version's `openAPIV3Schema` turned into a schema
 * that fails where the API server would prune. A structural schema's API server silently drops
 * unknown fields (and the controller then never sees a misspelt one), so for us an unknown field is
 * an error, except below `x-kubernetes-preserve-unknown-fields`.
 */
import * as YAML from "yaml";
import { Schema, listSemantics } from "./schemaGen";

/** One version of a CRD. */
export interface CrdVersion {
    group: string;
    kind: string;
    version: string;
    served: boolean;
    /** The version's `openAPIV3Schema`, as written. */
    schema: Schema;
    /** Where it came from (`keda-2.18.3/crd-scaledobjects.yaml`), for messages. */
    source: string;
}

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A chart template's text as plain YAML: the CRD templates wrap the document in `{{- if … }}` and
 * template a few labels and annotations, never the schema. Whole-line actions go, inline ones become
 * a placeholder string.
 */
export function untemplate(text: string): string {
    return text
        .split("\n")
        .filter((line) => !/^\s*\{\{.*\}\}\s*$/.test(line))
        .map((line) => line.replace(/\{\{.*?\}\}/g, "templated"))
        .join("\n");
}

/** Every version of every CRD in a (possibly templated) multi-document YAML. */
export function crdVersions(text: string, source: string): CrdVersion[] {
    return YAML.parseAllDocuments(untemplate(text)).flatMap((doc) => {
        const crd = doc.toJS() as Schema | null;
        if (!crd || crd.kind !== "CustomResourceDefinition") return [];
        const spec = crd.spec as { group: string; names: { kind: string }; versions: Schema[] };
        return spec.versions.map((v) => ({
            group: spec.group,
            kind: spec.names.kind,
            version: String(v.name),
            served: v.served === true,
            schema: ((v.schema as Schema | undefined)?.openAPIV3Schema as Schema | undefined) ?? {},
            source,
        }));
    });
}

const JUNCTORS = ["anyOf", "oneOf", "allOf"];
// Implicit in an embedded resource (x-kubernetes-embedded-resource), even when not listed.
const EMBEDDED: Schema = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } };

/**
 * One structural-schema node as a strict JSON Schema. Pruning is decided by the node's own
 * `properties`/`additionalProperties` only, never by those inside anyOf/oneOf/allOf (which may
 * only constrain values there), so objects are closed outside junctors only.
 */
export function strictCrdNode(node: Schema, inJunctor = false): Schema {
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) {
        if (k === "description" || k.startsWith("x-kubernetes-")) continue;
        if (k === "properties" && isSchema(v))
            out[k] = Object.fromEntries(
                Object.entries(v).map(([p, s]) => [p, isSchema(s) ? strictCrdNode(s, inJunctor) : s]),
            );
        else if ((k === "items" || k === "additionalProperties" || k === "not") && isSchema(v))
            out[k] = strictCrdNode(v, inJunctor || k === "not");
        else if (JUNCTORS.includes(k) && Array.isArray(v))
            out[k] = v.map((s) => (isSchema(s) ? strictCrdNode(s, true) : s));
        else out[k] = v;
    }
    Object.assign(out, listSemantics(node));
    if (node["x-kubernetes-int-or-string"] === true && out.anyOf === undefined) {
        delete out.type;
        out.anyOf = [{ type: "integer" }, { type: "string" }];
    }
    if (node["x-kubernetes-embedded-resource"] === true)
        out.properties = { ...EMBEDDED, ...((out.properties as Schema | undefined) ?? {}) };
    const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
    if (!inJunctor && !preserve && out.type === "object" && out.additionalProperties === undefined)
        out.additionalProperties = false;
    return out;
}

/**
 * The schema a custom object of this version is checked against: its spec and status as the CRD
 * says, `metadata` as the cluster's ObjectMeta (the API server validates it, not the CRD's
 * `type: object`), apiVersion and kind fixed.
 */
export function crdObjectSchema(v: CrdVersion, objectMeta: { ref: string; definitions: Schema }): Schema {
    const root = strictCrdNode(v.schema);
    const props = { ...((root.properties as Schema | undefined) ?? {}) };
    const ownMeta = (v.schema.properties as Schema | undefined)?.metadata;
    const meta: Schema = { $ref: objectMeta.ref };
    props.metadata =
        isSchema(ownMeta) && ownMeta.properties !== undefined ? { allOf: [meta, strictCrdNode(ownMeta, true)] } : meta;
    props.apiVersion = { type: "string", enum: [`${v.group}/${v.version}`] };
    props.kind = { type: "string", enum: [v.kind] };
    const required = [...new Set([...((root.required as string[] | undefined) ?? []), "apiVersion", "kind"])];
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        ...root,
        type: "object",
        properties: props,
        required,
        additionalProperties: false,
        definitions: objectMeta.definitions,
    };
}
