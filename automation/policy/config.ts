/**
 * Policy pack config the way the CLI's `--policy-pack-config FILE` treats it: parse the file,
 * overlay it on the schema defaults and declared enforcement levels the pack reports, and validate
 * the result before it goes to Configure. Mirrors pulumi's ReconcilePolicyPackConfig, except that a
 * config naming a policy the pack doesn't have is an error here (a typo would otherwise silently
 * leave a policy at its default level).
 */
import * as fs from "fs";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One policy's config: its level plus properties (everything but `enforcementLevel`). */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** What GetAnalyzerInfo says about a policy. */
export interface PolicyMeta {
    name: string;
    enforcementLevel: EnforcementLevel;
    /** JSON schema per config property. */
    configSchema: Record<string, Record<string, unknown>>;
    required: string[];
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

/** Parses the CLI's policy config format: `{ "<policy>|all": level | { enforcementLevel?, ...props } }`. */
export function parsePolicyPackConfig(json: string, source = "policy config"): Record<string, PolicyConfig> {
    if (json.trim() === "") {
        return {};
    }
    const raw: unknown = JSON.parse(json);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
        throw new Error(`${source}: must be a JSON object keyed by policy name`);
    }
    const out: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof value === "string") {
            if (!isLevel(value)) {
                throw new Error(
                    `${source}: ${name}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`,
                );
            }
            out[name] = { enforcementLevel: value, properties: {} };
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new Error(`${source}: ${name}: enforcementLevel "${String(enforcementLevel)}" is not valid`);
            }
            out[name] = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties };
        } else {
            throw new Error(`${source}: ${name}: must be an enforcement level or an object`);
        }
    }
    return out;
}

export function loadPolicyPackConfig(file: string): Record<string, PolicyConfig> {
    return parsePolicyPackConfig(fs.readFileSync(file, "utf8"), file);
}

/** Defaults from each policy's schema and declared level, then "all", then per-policy entries. */
export function reconcilePolicyPackConfig(
    policies: PolicyMeta[],
    given: Record<string, PolicyConfig>,
): Record<string, Required<PolicyConfig>> {
    const known = new Set(policies.map((p) => p.name));
    const unknown = Object.keys(given).filter((k) => k !== "all" && !known.has(k));
    if (unknown.length > 0) {
        throw new Error(`Policy config names policies the pack does not have: ${unknown.join(", ")}`);
    }
    const result: Record<string, Required<PolicyConfig>> = {};
    for (const p of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema)) {
            if ("default" in schema) {
                defaults[k] = schema.default;
            }
        }
        const mine = given[p.name];
        result[p.name] = {
            enforcementLevel: mine?.enforcementLevel ?? given.all?.enforcementLevel ?? p.enforcementLevel,
            properties: { ...defaults, ...(mine?.properties ?? {}) },
        };
    }
    const errors = policies.flatMap((p) => validateProperties(p, result[p.name].properties));
    if (errors.length > 0) {
        throw new Error(`Invalid policy config:\n - ${errors.join("\n - ")}`);
    }
    return result;
}

/** The subset of JSON schema the pack's configSchemas use: type, items.type, enum, bounds. */
function validateProperties(p: PolicyMeta, props: Record<string, unknown>): string[] {
    const errors: string[] = [];
    for (const req of p.required) {
        if (!(req in props)) {
            errors.push(`${p.name}: ${req} is required`);
        }
    }
    for (const [k, v] of Object.entries(props)) {
        const schema = p.configSchema[k];
        if (!schema) {
            errors.push(
                `${p.name}: ${k} is not a config property (allowed: ${Object.keys(p.configSchema).join(", ")})`,
            );
            continue;
        }
        errors.push(...checkValue(`${p.name}: ${k}`, v, schema));
    }
    return errors;
}

function checkValue(where: string, v: unknown, schema: Record<string, unknown>): string[] {
    const type = schema.type;
    if (typeof type === "string" && !hasType(v, type)) {
        return [`${where} is ${JSON.stringify(v)}, expected ${type}`];
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) {
        return [`${where} is ${JSON.stringify(v)}, expected one of ${schema.enum.join(", ")}`];
    }
    if (typeof v === "number") {
        if (typeof schema.minimum === "number" && v < schema.minimum) {
            return [`${where} is ${v}, minimum ${schema.minimum}`];
        }
        if (typeof schema.maximum === "number" && v > schema.maximum) {
            return [`${where} is ${v}, maximum ${schema.maximum}`];
        }
    }
    const items = schema.items;
    if (Array.isArray(v) && items && typeof items === "object" && !Array.isArray(items)) {
        return v.flatMap((e, i) => checkValue(`${where}[${i}]`, e, items as Record<string, unknown>));
    }
    return [];
}

function hasType(v: unknown, type: string): boolean {
    switch (type) {
        case "array":
            return Array.isArray(v);
        case "integer":
            return Number.isInteger(v);
        case "object":
            return !!v && typeof v === "object" && !Array.isArray(v);
        case "null":
            return v === null;
        default:
            return typeof v === type;
    }
}

/**
 * The environment whose policy config a stack falls back to when its own environment has none: a new
 * environment must not stop the plan, and must not get a laxer bar than it should. Prod-like names
 * (containing "prod", "prd", "live", "stag", or exactly "dr") get prod's config; every other
 * environment (qa, test, sandbox, …) gets dev's.
 */
export function fallbackPolicyEnvironment(environment: string): "prod" | "dev" {
    return /prod|prd|live|stag|^dr$/i.test(environment) ? "prod" : "dev";
}
