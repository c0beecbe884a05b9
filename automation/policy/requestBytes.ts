/**
 * The Analyzer requests of automation/policy/marshal as bytes, written directly (./wire) rather
 * than through google-protobuf's message objects: the same bytes (wire.test.ts), at a fraction of
 * the CPU. Each resource's properties are encoded once per stack and reused by its Analyze call,
 * the AnalyzeStack request and every resource that names it as its provider.
 */
import { ResourceRecord } from "../plan/types";
import { providerUrn, visibleWireInputs } from "./marshal";
import { ProtoWriter, structBytes } from "./wire";

/** Encoded properties per record, for one stack's requests. */
export class RequestEncoder {
    private readonly properties = new WeakMap<ResourceRecord, Buffer>();
    private readonly writer = new ProtoWriter();

    constructor(private readonly byUrn: Map<string, ResourceRecord>) {}

    private propertiesOf(r: ResourceRecord): Buffer {
        let b = this.properties.get(r);
        if (!b) {
            b = structBytes(visibleWireInputs(r.inputs));
            this.properties.set(r, b);
        }
        return b;
    }

    /** pulumirpc.AnalyzeRequest: type 1, properties 2, urn 3, name 4, options 5, provider 6. */
    public analyzeRequest(r: ResourceRecord): Buffer {
        this.common(this.writer.reset(), r);
        return this.writer.finish();
    }

    /** pulumirpc.AnalyzeStackRequest: resources 1, each an AnalyzerResource. */
    public analyzeStackRequest(resources: ResourceRecord[]): Buffer {
        const w = this.writer.reset();
        for (const r of resources) w.message(1, (m) => this.analyzerResource(m, r));
        return this.writer.finish();
    }

    /** Fields 1 to 6, shared by AnalyzeRequest and AnalyzerResource. */
    private common(w: ProtoWriter, r: ResourceRecord): void {
        w.optString(1, r.type);
        w.bytes(2, this.propertiesOf(r));
        w.optString(3, r.urn);
        w.optString(4, r.name);
        w.message(5, (o) => options(o, r));
        const p = r.provider ? this.byUrn.get(providerUrn(r.provider)) : undefined;
        if (p) {
            // AnalyzerProviderResource: type 1, properties 2, urn 3, name 4.
            w.message(6, (m) => {
                m.optString(1, p.type);
                m.bytes(2, this.propertiesOf(p));
                m.optString(3, p.urn);
                m.optString(4, p.name);
            });
        }
    }

    /** AnalyzerResource: the common fields, parent 7, dependencies 8, propertyDependencies 9 (a map, keys sorted). */
    private analyzerResource(w: ProtoWriter, r: ResourceRecord): void {
        this.common(w, r);
        w.optString(7, r.parent ?? "");
        for (const d of r.dependencies ?? []) w.string(8, d);
        const deps = Object.entries(r.propertyDependencies ?? {})
            .filter(([, urns]) => urns.length > 0)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [k, urns] of deps) {
            w.message(9, (entry) => {
                entry.string(1, k);
                entry.message(2, (v) => urns.forEach((u) => v.string(1, u)));
            });
        }
    }
}

/**
 * AnalyzerResourceOptions as marshal's `options` sets it: protect 1, ignoreChanges 2,
 * deleteBeforeReplace 3 and 4 (defined), customTimeouts 7 (always present, empty), parent 8;
 * additionalSecretOutputs (5) and aliases (6) are empty lists, so absent.
 */
function options(w: ProtoWriter, r: ResourceRecord): void {
    w.optBool(1, r.protect);
    for (const s of r.ignoreChanges ?? []) w.string(2, s);
    w.optBool(3, r.deleteBeforeReplace);
    w.optBool(4, r.deleteBeforeReplace);
    w.message(7, () => undefined);
    w.optString(8, r.parent ?? "");
}
