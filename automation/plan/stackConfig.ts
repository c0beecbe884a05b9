/**
 * Reads a project's Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a
 * program: project-namespaced keys, structured values as JSON strings, `secure:` values as secrets,
 * project-level declarations (type, default, secret) applied and enforced.
 *
 * Real ciphertexts can't be decrypted here (no CLI, no secrets provider), so every secret value,
 * set or unset, is replaced by a marked placeholder that only ever prints as "[secret]".
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SECRET_MARK } from "./types";

/** The project file's parts the plan needs. */
export interface ProjectFile {
    name: string;
    main?: string;
    /** Project-level config declarations, keyed by fully-qualified key ("proj:key"). */
    declarations: Record<string, ConfigDeclaration>;
}

/** A `config:` declaration in Pulumi.yaml. */
export interface ConfigDeclaration {
    type?: "string" | "integer" | "boolean" | "array" | "object";
    secret?: boolean;
    default?: unknown;
    description?: string;
}

/** One stack's config as the program receives it. */
export interface StackConfig {
    stack: string;
    /** "ns:key" → value, as PULUMI_CONFIG carries it (objects JSON-encoded). */
    values: Record<string, string>;
    /** Keys whose values are secrets. */
    secretKeys: string[];
    /** Secret keys given the offline placeholder because the declared secret was unset. */
    placeholders: string[];
    /** The AWS region (`aws:region`), or "" when unset. */
    region: string;
    /** "ns:key" → the value as YAML parsed it (defaults applied); secrets are "[secret]". For plan-level checks. */
    parsed?: Record<string, unknown>;
}

/** Raised for a config file that the Pulumi CLI would also refuse. */
export class ConfigFileError extends Error {}

/** The value a secret gets under the offline plan. It never prints: it is always wrapped as secret. */
export function placeholderFor(key: string): string {
    return `offline-placeholder:${key}`;
}

/** Parses a YAML file; a syntax error names the file (the yaml package's message names only line and column). */
export function readYaml(file: string): unknown {
    const text = fs.readFileSync(file, "utf8");
    try {
        return YAML.parse(text);
    } catch (e) {
        throw new ConfigFileError(`${file} is not valid YAML: ${(e as Error).message}`);
    }
}

export function readProject(dir: string): ProjectFile {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new ConfigFileError(`no Pulumi.yaml in ${dir}`);
    const doc = readYaml(file) as Record<string, unknown>;
    if (typeof doc?.name !== "string") throw new ConfigFileError(`${file}: "name" must be a string`);
    const name = doc.name;
    const declarations: Record<string, ConfigDeclaration> = {};
    const cfg = (doc.config ?? {}) as Record<string, unknown>;
    for (const [rawKey, decl] of Object.entries(cfg)) {
        const key = qualify(rawKey, name);
        if (
            typeof decl === "object" &&
            decl !== null &&
            !Array.isArray(decl) &&
            ("type" in decl || "secret" in decl || "default" in decl)
        ) {
            declarations[key] = decl as ConfigDeclaration;
        } else {
            // A bare value in the project file is a project-wide default (e.g. "aws:skipMetadataApiCheck": false).
            declarations[key] = { default: decl };
        }
    }
    return { name, main: typeof doc.main === "string" ? doc.main : undefined, declarations };
}

/** Every stack that has a Pulumi.<stack>.yaml in dir, sorted. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** `key` → `project:key`; namespaced keys are kept. */
export function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(v: unknown): boolean {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}

/** Replaces nested `secure:` values by placeholders; reports whether any were found. */
function scrubNested(v: unknown, key: string): { value: unknown; secret: boolean } {
    if (isSecure(v)) return { value: placeholderFor(key), secret: true };
    if (Array.isArray(v)) {
        const parts = v.map((x) => scrubNested(x, key));
        return { value: parts.map((p) => p.value), secret: parts.some((p) => p.secret) };
    }
    if (typeof v === "object" && v !== null) {
        let secret = false;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            const p = scrubNested(x, key);
            out[k] = p.value;
            secret ||= p.secret;
        }
        return { value: out, secret };
    }
    return { value: v, secret: false };
}

function encode(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

function typeProblem(key: string, value: unknown, decl: ConfigDeclaration): string | undefined {
    const t = decl.type;
    if (!t) return undefined;
    const ok =
        (t === "string" && typeof value === "string") ||
        (t === "integer" && Number.isInteger(value)) ||
        (t === "boolean" && typeof value === "boolean") ||
        (t === "array" && Array.isArray(value)) ||
        (t === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
    return ok ? undefined : `${key} is ${JSON.stringify(value)}, the project declares it as ${t}`;
}

/** Secrets a project declares in code: given a stack's values, the fully-qualified secret keys it needs. */
export type SecretsHook = (project: string, values: Record<string, string>) => string[];

/** Reads Pulumi.<stack>.yaml against the project's declarations. Throws one error listing every problem. */
export function readStackConfig(
    dir: string,
    project: ProjectFile,
    stack: string,
    secretsHook?: SecretsHook,
): StackConfig {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new ConfigFileError(`stack ${stack}: no ${path.basename(file)} in ${dir}`);
    const doc = (readYaml(file) ?? {}) as Record<string, unknown>;
    const raw = (doc.config ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    const parsed: Record<string, unknown> = {};
    const secretKeys = new Set<string>();
    const placeholders: string[] = [];
    const problems: string[] = [];

    for (const [rawKey, v] of Object.entries(raw)) {
        const key = qualify(rawKey, project.name);
        const decl = project.declarations[key];
        const { value, secret } = scrubNested(v, key);
        parsed[key] = secret ? SECRET_MARK : value;
        if (secret) secretKeys.add(key);
        else if (decl?.secret)
            problems.push(
                `${key} is declared secret but is set in plaintext; set it with \`pulumi config set --secret ${rawKey.replace(`${project.name}:`, "")} <value>\``,
            );
        else if (decl) {
            const p = typeProblem(key, value, decl);
            if (p) problems.push(p);
        }
        values[key] = encode(value);
    }
    for (const [key, decl] of Object.entries(project.declarations).sort(([a], [b]) => a.localeCompare(b))) {
        if (key in values) continue;
        if (decl.secret) {
            values[key] = placeholderFor(key);
            secretKeys.add(key);
            placeholders.push(key);
        } else if (decl.default !== undefined) {
            values[key] = encode(decl.default);
            parsed[key] = decl.default;
        }
    }
    for (const key of secretsHook?.(project.name, values) ?? []) {
        if (!(key in values)) {
            values[key] = placeholderFor(key);
            secretKeys.add(key);
            placeholders.push(key);
        } else if (!secretKeys.has(key)) {
            problems.push(
                `${key} is a secret but is set in plaintext; set it with \`pulumi config set --secret ${key.split(":")[1]} <value>\``,
            );
        }
    }
    if (problems.length > 0)
        throw new ConfigFileError(`Invalid config in ${path.basename(file)}:\n - ${problems.join("\n - ")}`);
    for (const key of secretKeys) parsed[key] = SECRET_MARK;
    return {
        stack,
        values,
        secretKeys: [...secretKeys].sort(),
        placeholders,
        region: values["aws:region"] ?? "",
        parsed,
    };
}
