/**
 * Turns the plan's records into the Analyzer requests the engine would send for them
 * (pulumi's step generator for Analyze, analyzer_plugin.go for AnalyzeStack).
 */
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceRecord, SECRET_MARK, UNKNOWN_MARK } from "../plan/types";

// Wire constants of the Pulumi property protocol (sdk/nodejs/runtime/rpc.ts).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SPECIAL_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The engine marshals every unknown as the string-typed sentinel. */
export const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The plan's JSON back to wire values: "[unknown]" becomes the engine's unknown sentinel (so
 * policies see exactly what a preview shows them) and "[secret]" a secret-wrapped placeholder.
 */
export function toWireValue(v: unknown): unknown {
    if (v === UNKNOWN_MARK) {
        return UNKNOWN_STRING_SENTINEL;
    }
    if (v === SECRET_MARK) {
        return { [SPECIAL_SIG_KEY]: SPECIAL_SECRET_SIG, value: SECRET_MARK };
    }
    if (Array.isArray(v)) {
        return v.map(toWireValue);
    }
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
            if (e !== undefined) {
                out[k] = toWireValue(e);
            }
        }
        return out;
    }
    return v;
}

/** Inputs as wire values for a Struct; like the engine (SkipInternalKeys) it drops `__`-prefixed keys. */
export function visibleWireInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    const visible: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (!k.startsWith("__") && v !== undefined) {
            visible[k] = v;
        }
    }
    return toWireValue(visible) as Record<string, unknown>;
}

/** Inputs as a Struct (see visibleWireInputs). */
export function toStruct(inputs: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(visibleWireInputs(inputs) as Record<string, JavaScriptValue>);
}

function options(r: ResourceRecord): analyzerpb.AnalyzerResourceOptions {
    const o = new analyzerpb.AnalyzerResourceOptions();
    o.setProtect(r.protect);
    o.setIgnorechangesList(r.ignoreChanges ?? []);
    o.setDeletebeforereplace(r.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(r.deleteBeforeReplace);
    o.setAdditionalsecretoutputsList([]);
    o.setAliasesList([]);
    o.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    o.setParent(r.parent ?? "");
    return o;
}

/** A provider reference is `<provider urn>::<id>`; URNs contain `::` themselves. */
export function providerUrn(ref: string): string {
    const i = ref.lastIndexOf("::");
    return i < 0 ? ref : ref.slice(0, i);
}

function provider(
    r: ResourceRecord,
    byUrn: Map<string, ResourceRecord>,
): analyzerpb.AnalyzerProviderResource | undefined {
    if (!r.provider) {
        return undefined;
    }
    const p = byUrn.get(providerUrn(r.provider));
    if (!p) {
        return undefined;
    }
    const pr = new analyzerpb.AnalyzerProviderResource();
    pr.setUrn(p.urn);
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setProperties(toStruct(p.inputs));
    return pr;
}

export function analyzeRequest(r: ResourceRecord, byUrn: Map<string, ResourceRecord>): analyzerpb.AnalyzeRequest {
    const req = new analyzerpb.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(toStruct(r.inputs));
    req.setOptions(options(r));
    const p = provider(r, byUrn);
    if (p) {
        req.setProvider(p);
    }
    return req;
}

export function analyzerResource(r: ResourceRecord, byUrn: Map<string, ResourceRecord>): analyzerpb.AnalyzerResource {
    const res = new analyzerpb.AnalyzerResource();
    res.setUrn(r.urn);
    res.setType(r.type);
    res.setName(r.name);
    res.setProperties(toStruct(r.inputs));
    res.setOptions(options(r));
    const p = provider(r, byUrn);
    if (p) {
        res.setProvider(p);
    }
    res.setParent(r.parent ?? "");
    res.setDependenciesList(r.dependencies ?? []);
    const deps = res.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length > 0) {
            deps.set(k, new analyzerpb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
    }
    return res;
}

export function byUrnOf(resources: ResourceRecord[]): Map<string, ResourceRecord> {
    return new Map(resources.map((r) => [r.urn, r]));
}
