/**
 * Validates Kubernetes objects, as the plan records them, against the vendored schemas: built-in
 * kinds against `test/fixtures/k8s-schemas/v<minor>/`, custom resources against the CRDs in
 * `test/fixtures/crds/<chart>-<version>/` at the version the object's apiVersion names.
 */
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { SECRET_MARK, UNKNOWN_MARK } from "../../../automation/plan/types";
import { PROJECT_DIR } from "../../harness";
import { CrdVersion, crdObjectSchema, crdVersions } from "./crdSchema";
import { GroupVersionKind, apiVersionOf, schemaFileName } from "./kinds";
import { nameProblems } from "./names";
import { LIST_MAP_KEYS, Schema } from "./schemaGen";

export const SCHEMAS_DIR = path.join(PROJECT_DIR, "test", "fixtures", "k8s-schemas");
export const CRDS_DIR = path.join(PROJECT_DIR, "test", "fixtures", "crds");
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** A vendored CRD directory, `<chart>-<version>`. */
export interface CrdChart {
    chart: string;
    version: string;
    dir: string;
}

/** Where an object comes from, for messages. */
export interface Origin {
    stack: string;
    name: string;
    /** The cluster's Kubernetes minor ("1.34"). */
    minor: string;
}

/** The vendored CRD directories. */
export function crdCharts(dir: string = CRDS_DIR): CrdChart[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => {
            const m = /^(.+)-(\d+\.\d+\.\d+)$/.exec(e.name);
            if (!m) throw new Error(`test/fixtures/crds/${e.name} is not named <chart>-<version>`);
            return { chart: m[1], version: m[2], dir: path.join(dir, e.name) };
        });
}

/** The Kubernetes minors with a vendored schema set (`v1.34/` → "1.34"). */
export function schemaMinors(dir: string = SCHEMAS_DIR): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && /^v\d+\.\d+$/.test(e.name))
        .map((e) => e.name.slice(1));
}

const INT32 = 2 ** 31;
// The formats the vendored schemas use, checked as the API server decodes them.
const FORMATS = {
    int32: { type: "number" as const, validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
    int64: { type: "number" as const, validate: (n: number) => Number.isSafeInteger(n) },
    double: { type: "number" as const, validate: () => true },
    byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i,
};

// CRD patterns are Go (RE2) regular expressions, which the API server runs; some start with the
// inline flag (?i), which JavaScript lacks: they run case-insensitive as a whole (as wide or wider).
const goRegExp = Object.assign(
    (pattern: string, flags: string) =>
        pattern.includes("(?i)")
            ? new RegExp(pattern.replace(/\(\?i\)/g, ""), `${flags}i`)
            : new RegExp(pattern, flags),
    { code: "new RegExp" },
);

/**
 * A listType=map list must not repeat a key: server-side apply (the provider's default, and this
 * project's) fails the whole object with "duplicate entries for key [name=…]"
 * (kubernetes/kubernetes#113482), even where a plain create would only warn. Entries whose key
 * fields are unknown at plan time are left out; SSA defaults a missing key field (protocol → TCP)
 * before comparing, which this does not, so it can miss a duplicate but never invents one.
 */
function uniqueListKeys(keys: string[], data: unknown[]): boolean {
    const seen = new Map<string, number>();
    const errors: Partial<ErrorObject>[] = [];
    data.forEach((item, i) => {
        if (typeof item !== "object" || item === null) return;
        const values = keys.map((k) => (item as Record<string, unknown>)[k]);
        if (values.some((v) => v === UNKNOWN_MARK || v === SECRET_MARK)) return;
        const key = keys.map((k, j) => `${k}=${JSON.stringify(values[j] ?? null)}`).join(",");
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else errors.push({ keyword: LIST_MAP_KEYS, params: { key, first, index: i }, message: "duplicate key" });
    });
    uniqueListKeys.errors = errors;
    return errors.length === 0;
}
uniqueListKeys.errors = [] as Partial<ErrorObject>[];

function newAjv(): Ajv {
    // strictTypes/strictRequired off: real CRDs list `required` inside anyOf branches and omit
    // `type` next to `properties` there, which structural schemas allow.
    const ajv = new Ajv({
        allErrors: true,
        verbose: true,
        strict: true,
        strictTypes: false,
        strictRequired: false,
        formats: FORMATS,
        code: { regExp: goRegExp },
    });
    ajv.addKeyword({ keyword: "example" });
    ajv.addKeyword({
        keyword: LIST_MAP_KEYS,
        type: "array",
        schemaType: "array",
        errors: true,
        validate: uniqueListKeys,
    });
    return ajv;
}

/** The vendored schemas, compiled on first use. */
export class ManifestValidator {
    private readonly ajv = newAjv();
    private readonly compiled = new Map<string, ValidateFunction>();
    private readonly crds = new Map<string, CrdVersion[]>();

    constructor(
        private readonly schemasDir: string = SCHEMAS_DIR,
        crdsDir: string = CRDS_DIR,
    ) {
        for (const c of crdCharts(crdsDir))
            for (const f of fs.readdirSync(c.dir).filter((x) => /\.ya?ml$/.test(x)))
                for (const v of crdVersions(
                    fs.readFileSync(path.join(c.dir, f), "utf8"),
                    `${path.basename(c.dir)}/${f}`,
                )) {
                    const key = `${v.group}:${v.kind}`;
                    const have = this.crds.get(key) ?? [];
                    if (have.some((h) => h.version === v.version && h.source !== v.source))
                        throw new Error(`${key} ${v.version} is vendored twice (${v.source})`);
                    this.crds.set(key, [...have, v]);
                }
    }

    /** Problems of one object, each naming the stack, the resource and the field path. */
    validate(object: Record<string, unknown>, g: GroupVersionKind, at: Origin): string[] {
        const head = `${at.stack}: ${at.name} (${apiVersionOf(g)} ${g.kind}, Kubernetes ${at.minor})`;
        const found = this.validatorFor(g, at.minor);
        if (typeof found === "string") return [`${head}: ${found}`];
        const schemaProblems = found(object) ? [] : readable(found.errors ?? [], object);
        return [...schemaProblems, ...nameProblems(object, g, at.name)].map((m) => `${head}: ${m}`);
    }

    private validatorFor(g: GroupVersionKind, minor: string): ValidateFunction | string {
        const key = `${minor} ${apiVersionOf(g)} ${g.kind}`;
        const cached = this.compiled.get(key);
        if (cached) return cached;
        const schema = this.schemaFor(g, minor);
        if (typeof schema === "string") return schema;
        const fn = this.ajv.compile(schema);
        this.compiled.set(key, fn);
        return fn;
    }

    private schemaFor(g: GroupVersionKind, minor: string): Schema | string {
        const setDir = path.join(this.schemasDir, `v${minor}`);
        if (!fs.existsSync(setDir))
            return `no schema set for Kubernetes ${minor}: vendor test/fixtures/k8s-schemas/v${minor} (see its README)`;
        const versions = this.crds.get(`${g.group}:${g.kind}`);
        if (versions) {
            const v = versions.find((x) => x.version === g.version && x.served);
            if (v) return crdObjectSchema(v, this.objectMeta(setDir));
            const served = versions.filter((x) => x.served).map((x) => x.version);
            return `${g.group} ${g.kind} ${g.version} is not a served version of the vendored CRD (${versions[0].source} serves ${served.join(", ") || "none"})`;
        }
        const file = path.join(setDir, schemaFileName(g));
        if (!fs.existsSync(file))
            return `no schema for ${apiVersionOf(g)} ${g.kind} at ${minor}: vendor it (a built-in kind: add it to test/components/k8s/kinds.ts and regenerate; a custom resource: its CRD into test/fixtures/crds/<chart>-<version>/)`;
        return JSON.parse(fs.readFileSync(file, "utf8")) as Schema;
    }

    private objectMeta(setDir: string): { ref: string; definitions: Schema } {
        const ns = JSON.parse(fs.readFileSync(path.join(setDir, "namespace-v1.json"), "utf8")) as Schema;
        return { ref: `#/definitions/${OBJECT_META}`, definitions: ns.definitions as Schema };
    }
}

/** The value at a JSON pointer. */
function valueAt(object: unknown, pointer: string): unknown {
    let v = object;
    for (const part of pointer.split("/").slice(1)) {
        const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
        v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    }
    return v;
}

/** `/spec/ports/0/port` → `spec.ports[0].port`; keys that aren't identifiers in brackets. */
export function fieldPath(pointer: string, child?: string): string {
    const parts = pointer
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (child !== undefined) parts.push(child);
    const out = parts
        .map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`))
        .join("")
        .replace(/^\./, "");
    return out || "(the object)";
}

const show = (v: unknown) => JSON.stringify(v);

/**
 * ajv's errors as one line each. A value unknown at plan time (UNKNOWN_MARK: an output not resolved
 * before deploy) or a secret (SECRET_MARK) is accepted wherever it stands, whatever the schema
 * wants there (a string, an integer, an object): its real value exists only at deploy time. The
 * fields around it, and the keys of its parent, are still checked.
 */
export function readable(errors: ErrorObject[], object: unknown): string[] {
    const opaque = (e: ErrorObject) => {
        const v = valueAt(object, e.instancePath);
        return v === UNKNOWN_MARK || v === SECRET_MARK;
    };
    const kept = errors.filter((e) => !opaque(e));
    // An anyOf/oneOf failure says it once, with the forms it allows; its branches' errors at the
    // same path would repeat it.
    const junctions = kept.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
    const inJunction = (e: ErrorObject) =>
        junctions.some((j) => j !== e && j.instancePath === e.instancePath && e.schemaPath.startsWith(j.schemaPath));
    const lines = kept.filter((e) => !inJunction(e)).map((e) => message(e, object));
    return [...new Set(lines)].sort();
}

function message(e: ErrorObject, object: unknown): string {
    const at = fieldPath(e.instancePath);
    const value = show(valueAt(object, e.instancePath));
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
        case "additionalProperties":
            return `${fieldPath(e.instancePath, String(p.additionalProperty))}: unknown field (not in the schema)`;
        case "required":
            return `${fieldPath(e.instancePath, String(p.missingProperty))}: required field missing`;
        case "type":
            return `${at}: must be ${String(p.type)}, is ${value}`;
        case "enum":
            return `${at}: must be one of ${(p.allowedValues as unknown[]).map(show).join(", ")}, is ${value}`;
        case LIST_MAP_KEYS:
            return `${at}[${String(p.index)}]: duplicate entries for key [${String(p.key)}] (also at [${String(p.first)}]): server-side apply rejects the object`;
        case "anyOf":
        case "oneOf": {
            const forms = (e.schema as Schema[]).map((s) => (typeof s.type === "string" ? s.type : "a listed form"));
            return `${at}: must be ${[...new Set(forms)].join(" or ")}, is ${value}`;
        }
        default:
            return `${at}: ${e.message ?? e.keyword}, is ${value}`;
    }
}
