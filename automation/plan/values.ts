/**
 * Conversions between Pulumi's wire format (what the SDK sends the resource monitor) and the plain,
 * redacted JSON the recording keeps. Secrets never leave this module in plaintext.
 */
import { SECRET_MARK, UNKNOWN_MARK } from "./types";

/** Pulumi's wire-format signatures (see @pulumi/pulumi runtime/rpc). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Wire = unknown;

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Wire value → plain JSON for the recording: secrets become SECRET_MARK, unknowns UNKNOWN_MARK,
 * resource references their URN, assets and archives a short description. Keys are sorted so
 * that two runs serialise byte-identically.
 */
export function toRecorded(v: Wire): unknown {
    if (v === UNKNOWN_VALUE) return UNKNOWN_MARK;
    if (Array.isArray(v)) return v.map(toRecorded);
    if (!isObject(v)) return v;
    switch (v[SIG_KEY]) {
        case SECRET_SIG:
            return SECRET_MARK;
        case RESOURCE_SIG:
            return v["urn"];
        case OUTPUT_SIG:
            if (v["secret"] === true) return SECRET_MARK;
            return "value" in v ? toRecorded(v["value"]) : UNKNOWN_MARK;
        case ASSET_SIG:
        case ARCHIVE_SIG:
            return {
                asset:
                    v["path"] ??
                    v["uri"] ??
                    (typeof v["text"] === "string" ? `text(${(v["text"] as string).length} chars)` : "archive"),
            };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
        if (v[k] === undefined) continue;
        out[k] = toRecorded(v[k]);
    }
    return out;
}

/** Wire value → plain JS value with secrets unwrapped, for the mock table (which never prints). */
export function unwrap(v: Wire): unknown {
    if (Array.isArray(v)) return v.map(unwrap);
    if (!isObject(v)) return v;
    switch (v[SIG_KEY]) {
        case SECRET_SIG:
            return unwrap(v["value"]);
        case RESOURCE_SIG:
            return v["id"] !== undefined && v["id"] !== "" ? v["id"] : v["urn"];
        case OUTPUT_SIG:
            return "value" in v ? unwrap(v["value"]) : UNKNOWN_VALUE;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = unwrap(v[k]);
    return out;
}

/** true when the wire value is, or contains, a secret. */
export function containsSecret(v: Wire): boolean {
    if (Array.isArray(v)) return v.some(containsSecret);
    if (!isObject(v)) return false;
    if (v[SIG_KEY] === SECRET_SIG) return true;
    if (v[SIG_KEY] === OUTPUT_SIG && v["secret"] === true) return true;
    return Object.values(v).some(containsSecret);
}

/** Wraps a plain value as a wire-format secret. */
export function wireSecret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** Stable JSON: object keys sorted at every depth. */
export function stableStringify(value: unknown, indent = 2): string {
    return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
}
