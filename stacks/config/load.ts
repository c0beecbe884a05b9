/**
 * Reads the stack's config through one typed schema and fails before any resource exists, with one
 * message that lists every problem: the key, the value, and what is allowed.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** Raised for bad stack config; the message lists every problem. */
export class ConfigError extends Error {}

/** A config string that YAML may have typed as a number (cost centres, account ids). */
export const str = () => z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().min(1));

/** Parses a raw config string the way YAML typed it: objects, lists, numbers and booleans come back typed. */
export function parseRaw(raw: string): unknown {
    const t = raw.trim();
    if (/^[[{]/.test(t) || t === "true" || t === "false" || /^-?\d+(\.\d+)?$/.test(t)) {
        try {
            return JSON.parse(t);
        } catch {
            return raw;
        }
    }
    return raw;
}

function show(v: unknown): string {
    return v === undefined ? "missing" : JSON.stringify(v);
}

function valueAt(obj: unknown, path: PropertyKey[]): unknown {
    let cur: unknown = obj;
    for (const p of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<PropertyKey, unknown>)[p];
    }
    return cur;
}

/** One line per zod issue: `<ns:key.path> is <value>, <what is allowed>`. */
export function describeIssue(ns: string, raw: Record<string, unknown>, issue: z.core.$ZodIssue): string {
    const key = `${ns}:${issue.path.map(String).join(".")}`;
    const value = valueAt(raw, issue.path);
    const i = issue as unknown as Record<string, unknown>;
    switch (issue.code) {
        case "invalid_value":
            return `${key} is ${show(value)}, allowed: ${(i.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        case "invalid_type":
            return value === undefined
                ? `${key} is missing, it is required (${i.expected})`
                : `${key} is ${show(value)}, expected ${i.expected}`;
        case "too_small":
            return `${key} is ${show(value)}, must be ${i.inclusive === false ? "above" : "at least"} ${i.minimum}${i.origin === "array" ? " items" : i.origin === "string" ? " characters" : ""}`;
        case "too_big":
            return `${key} is ${show(value)}, must be ${i.inclusive === false ? "below" : "at most"} ${i.maximum}${i.origin === "array" ? " items" : ""}`;
        case "invalid_format":
            return `${key} is ${show(value)}, must ${i.pattern ? `match ${i.pattern}` : `be a valid ${i.format}`}`;
        case "unrecognized_keys":
            return `${key === `${ns}:` ? ns : key} has unknown keys ${(i.keys as string[]).join(", ")}`;
        default:
            return `${key} is ${show(value)}, ${issue.message}`;
    }
}

/**
 * Reads every key of `schema` from the project namespace and validates it. Unknown keys in the
 * namespace are problems too: a typo would otherwise silently fall back to a default.
 */
export function loadConfig<S extends z.ZodObject>(
    schema: S,
    secretKeys: readonly string[] = [],
    ns = pulumi.getProject(),
): z.infer<S> {
    const cfg = new pulumi.Config(ns);
    const raw: Record<string, unknown> = {};
    const known = Object.keys(schema.shape);
    for (const key of known) {
        const v = cfg.get(key);
        if (v !== undefined) raw[key] = parseRaw(v);
    }
    const problems: string[] = [];
    for (const full of Object.keys(pulumi.runtime.allConfig())) {
        const [keyNs, key] = full.split(":");
        if (keyNs === ns && !known.includes(key) && !secretKeys.includes(key))
            problems.push(`${full} is not a known key (known: ${[...known, ...secretKeys].sort().join(", ")})`);
    }
    const result = schema.safeParse(raw);
    if (!result.success) problems.push(...result.error.issues.map((i) => describeIssue(ns, raw, i)));
    if (problems.length > 0) throw new ConfigError(`Invalid stack config:\n - ${problems.join("\n - ")}`);
    return result.data as z.infer<S>;
}

/**
 * A secret key's value as a secret Output, or undefined when unset. Secret keys are declared
 * `secret: true` in Pulumi.yaml and set with `pulumi config set --secret`; they are read only as
 * Outputs so their values never reach validation messages, logs or the plan.
 */
export function secretConfig(key: string, ns = pulumi.getProject()): pulumi.Output<string> | undefined {
    return new pulumi.Config(ns).getSecret(key);
}
