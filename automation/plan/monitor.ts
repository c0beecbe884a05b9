/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's generated gRPC/protobuf classes are untyped JavaScript */
/**
 * The recording resource monitor: stands where the Pulumi engine would, answers registrations from
 * the mock table, and records everything a registration carries (type, name, parent, dependencies,
 * options, inputs). The SDK's own MockMonitor keeps only the state, so this one records itself.
 */
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceRecord, defaultRecordOptions } from "./types";
import { MOCK_ACCOUNT, MockContext, MockResourceArgs, baseOutputs, callMocks, resourceMocks } from "./mocks";
import { RESOURCE_SIG, SIG_KEY, toRecorded, unwrap } from "./values";

type Callback<T> = (err: Error | null, resp?: T) => void;

/** Answers a stack reference: the referenced stack's outputs in wire format, planned on demand. */
export type StackReferenceResolver = (
    stackName: string,
) => Promise<{ outputs: Record<string, unknown>; secretOutputNames: string[] }>;

/** The SDK reads a failed RPC's message from `details`, as gRPC sets it. */
function asGrpcError(err: unknown): Error {
    const e = err instanceof Error ? err : new Error(String(err));
    (e as Error & { details?: string }).details ??= e.message;
    return e;
}

/** Raised for an invoke, call or remote component that the mock table doesn't know. */
export class UnmockedError extends Error {}

interface Stored {
    urn: string;
    id: string;
    state: Record<string, unknown>;
}

export class RecordingMonitor {
    /** Every registration, in the order the program made it. */
    public readonly records: ResourceRecord[] = [];
    /** Outputs registered for each URN (the root stack's outputs among them), wire format. */
    public readonly registeredOutputs = new Map<string, Record<string, unknown>>();
    private readonly stored = new Map<string, Stored>();
    private readonly providerRegions = new Map<string, string>();
    /** Provider references per package that each component passes down (urn → package → ref). */
    private readonly providersOf = new Map<string, Map<string, string>>();

    constructor(
        private readonly stackName: string,
        private readonly project: string,
        private readonly defaultRegion: string,
        private readonly resolveReference: StackReferenceResolver,
    ) {}

    private ctxFor(providerRef: string): MockContext {
        const region = this.providerRegions.get(providerRef.split("::").slice(0, 4).join("::")) ?? this.defaultRegion;
        return { stack: this.stackName, project: this.project, region, account: MOCK_ACCOUNT, partition: "aws" };
    }

    newUrn(parent: string, type: string, name: string): string {
        const chain = parent ? `${parent.split("::")[2]}$${type}` : type;
        return `urn:pulumi:${this.stackName}::${this.project}::${chain}::${name}`;
    }

    async registerResource(req: any, callback: Callback<any>): Promise<void> {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            const urn = this.newUrn(req.getParent(), type, name);
            const wireInputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const remote: boolean = req.getRemote();
            const custom: boolean = req.getCustom();
            const args: MockResourceArgs = {
                type,
                name,
                urn,
                inputs: unwrap(wireInputs) as Record<string, any>,
                custom,
            };
            const ctx = this.ctxFor(req.getProvider());
            const base = baseOutputs(args, ctx);
            const mock = resourceMocks[type];
            if (remote && !mock)
                throw new UnmockedError(
                    `no mock for remote component ${type} (${name}); add one to automation/plan/mocks`,
                );
            const result = mock ? mock(args, ctx, base) : {};
            const id = result.id ?? base.id;
            if (type.startsWith("pulumi:providers:"))
                this.providerRegions.set(urn, String(args.inputs.region ?? this.defaultRegion));

            const state: Record<string, unknown> = {
                ...wireInputs,
                ...(base.arn ? { arn: base.arn } : {}),
                ...(result.outputs ?? {}),
            };
            if (custom) state.id = id;
            this.record(req, { urn, type, name, id, custom, remote, inputs: wireInputs });
            // Like the engine, a component's providers are its own over those it inherits from its
            // parent; the plugin gives its children the ones for their package.
            const providers = new Map<string, string>([
                ...(this.providersOf.get(req.getParent()) ?? []),
                ...(req.getProvidersMap?.()?.entries() ?? []),
            ]);
            if (req.getProvider()) providers.set(type.split(":")[0], req.getProvider());
            if (!custom) this.providersOf.set(urn, providers);
            for (const child of result.children ?? [])
                this.recordChild(urn, child, ctx, providers.get(child.type.split(":")[0]) ?? "");
            this.stored.set(urn, { urn, id, state });

            const resp = new resproto.RegisterResourceResponse();
            resp.setUrn(urn);
            resp.setId(id);
            resp.setObject(structproto.Struct.fromJavaScript(state as any));
            callback(null, resp);
        } catch (err) {
            callback(asGrpcError(err));
        }
    }

    /** A child the remote component's plugin would register; recorded so policies see real types. */
    private recordChild(
        parentUrn: string,
        child: { type: string; name: string; inputs: Record<string, unknown> },
        ctx: MockContext,
        provider: string,
    ): void {
        const urn = this.newUrn(parentUrn, child.type, child.name);
        const args: MockResourceArgs = {
            type: child.type,
            name: child.name,
            urn,
            inputs: child.inputs as Record<string, any>,
            custom: true,
        };
        const base = baseOutputs(args, ctx);
        const extra = resourceMocks[child.type]?.(args, ctx, base) ?? {};
        const id = extra.id ?? base.id;
        this.records.push({
            urn,
            type: child.type,
            name: child.name,
            id,
            parent: parentUrn,
            ...defaultRecordOptions(),
            provider,
            inputs: toRecorded(child.inputs) as Record<string, unknown>,
        });
        this.stored.set(urn, { urn, id, state: { ...child.inputs, arn: base.arn, id, ...(extra.outputs ?? {}) } });
    }

    /** The wire-format reference to a recorded resource, for remote components' outputs. */
    public referenceTo(urn: string): Record<string, unknown> {
        const s = this.stored.get(urn);
        return { [SIG_KEY]: RESOURCE_SIG, urn, id: s?.id ?? "" };
    }

    private record(
        req: any,
        r: {
            urn: string;
            type: string;
            name: string;
            id: string;
            custom: boolean;
            remote: boolean;
            inputs: Record<string, unknown>;
        },
    ): void {
        const propertyDependencies: Record<string, string[]> = {};
        const pd = req.getPropertydependenciesMap?.();
        if (pd) {
            for (const [k, v] of pd.entries()) {
                const urns: string[] = v.getUrnsList();
                if (urns.length > 0) propertyDependencies[k] = [...urns].sort();
            }
        }
        this.records.push({
            urn: r.urn,
            type: r.type,
            name: r.name,
            id: r.id,
            parent: req.getParent() ?? "",
            dependencies: [...new Set<string>(req.getDependenciesList())].sort(),
            propertyDependencies,
            custom: r.custom,
            remote: r.remote,
            protect: req.getProtect?.() === true,
            retainOnDelete: req.getRetainondelete?.() === true,
            deleteBeforeReplace: req.getDeletebeforereplace?.() === true,
            ignoreChanges: [...(req.getIgnorechangesList?.() ?? [])],
            provider: req.getProvider() ?? "",
            providers: Object.fromEntries(
                [...(req.getProvidersMap?.()?.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b)),
            ),
            inputs: toRecorded(r.inputs) as Record<string, unknown>,
        });
    }

    async readResource(req: any, callback: Callback<any>): Promise<void> {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            const urn = this.newUrn(req.getParent(), type, name);
            const wireInputs = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
            let state: Record<string, unknown>;
            if (type === "pulumi:pulumi:StackReference") {
                const target = String(unwrap(wireInputs.name) ?? req.getId());
                const ref = await this.resolveReference(target);
                state = { name: target, outputs: ref.outputs, secretOutputNames: ref.secretOutputNames };
            } else {
                throw new UnmockedError(`no mock for reading existing resource ${type} (${name}, id ${req.getId()})`);
            }
            this.record(req, { urn, type, name, id: req.getId(), custom: true, remote: false, inputs: wireInputs });
            this.stored.set(urn, { urn, id: req.getId(), state });
            const resp = new resproto.ReadResourceResponse();
            resp.setUrn(urn);
            resp.setProperties(structproto.Struct.fromJavaScript(state as any));
            callback(null, resp);
        } catch (err) {
            callback(asGrpcError(err));
        }
    }

    async registerResourceOutputs(req: any, callback: Callback<any>): Promise<void> {
        const outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        this.registeredOutputs.set(req.getUrn(), outputs);
        callback(null, {});
    }

    async invoke(req: any, callback: Callback<any>): Promise<void> {
        try {
            const tok: string = req.getTok();
            const args = unwrap(req.getArgs()?.toJavaScript() ?? {}) as Record<string, any>;
            let result: Record<string, unknown>;
            if (tok === "pulumi:pulumi:getResource") {
                const s = this.stored.get(args.urn);
                if (!s) throw new UnmockedError(`unknown resource ${args.urn}`);
                result = { urn: s.urn, id: s.id, state: s.state };
            } else {
                const mock = callMocks[tok];
                if (!mock) throw new UnmockedError(`no mock for data source ${tok}; add one to automation/plan/mocks`);
                result = mock(args, this.ctxFor(req.getProvider?.() ?? ""));
            }
            const resp = new resproto.ResourceInvokeResponse();
            resp.setReturn(structproto.Struct.fromJavaScript(result as any));
            callback(null, resp);
        } catch (err) {
            callback(asGrpcError(err));
        }
    }

    /** Method calls on remote components (e.g. a cluster's getKubeconfig). */
    async call(req: any, callback: Callback<any>): Promise<void> {
        try {
            const tok: string = req.getTok();
            const mock = callMocks[tok];
            if (!mock) throw new UnmockedError(`no mock for method call ${tok}; add one to automation/plan/mocks`);
            const args = unwrap(req.getArgs()?.toJavaScript() ?? {}) as Record<string, any>;
            const resp = new provproto.CallResponse();
            resp.setReturn(structproto.Struct.fromJavaScript(mock(args, this.ctxFor("")) as any));
            callback(null, resp);
        } catch (err) {
            callback(asGrpcError(err));
        }
    }

    supportsFeature(req: any, callback: Callback<any>): void {
        // Output values stay off, as in the SDK's own mocks, so inputs arrive as plain values.
        const has = req.getId() !== "outputValues";
        callback(null, { getHassupport: () => has });
    }

    getDeploymentInfo(_req: any, callback: Callback<any>): void {
        const F = resproto.ResourceMonitorFeature;
        const resp = new resproto.DeploymentInfo();
        resp.setSupportedfeaturesList([
            F.RESOURCE_MONITOR_FEATURE_SECRETS,
            F.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
            F.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
            F.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
            F.RESOURCE_MONITOR_FEATURE_TRANSFORMS,
            F.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS,
            F.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
        ]);
        callback(null, resp);
    }

    registerPackage(_req: any, callback: Callback<any>): void {
        const resp = new resproto.RegisterPackageResponse();
        resp.setRef("offline-plan-package");
        callback(null, resp);
    }

    registerStackTransform(_req: any, callback: Callback<any>): void {
        // Transforms don't run under mocks (DESIGN.md): the program must not rely on them.
        callback(null, {});
    }

    registerStackInvokeTransform(_req: any, callback: Callback<any>): void {
        callback(null, {});
    }

    signalAndWaitForShutdown(_req: any, callback: Callback<any>): void {
        callback(null, {});
    }
}
