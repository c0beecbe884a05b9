/**
 * Shared plumbing for the policy files: reading properties without tripping the unknown-value proxy,
 * config with schema defaults, and the two policy builders every concern file uses.
 */
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * A value that is not known until deploy time. During `pulumi preview` the engine sends these for
 * outputs of resources that don't exist yet (a new KMS key's ARN, a bucket's id). A policy that
 * reads one through `args.props` would throw and be reported as "can't run during preview", so the
 * helpers below read the raw values and hand back this marker instead.
 */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

// The engine's unknown sentinels (mirrors @pulumi/policy's internal proxy.ts).
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN || (typeof v === "string" && UNKNOWN_SENTINELS.has(v));
}

/**
 * Copies the top level of a (possibly proxied) property bag into a plain object. Property
 * descriptors bypass the proxy's `get` trap, so nested values come back raw and never throw.
 */
export function unwrap(props: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
        out[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
    }
    return out;
}

/** Follows `path` through objects and arrays; UNKNOWN as soon as an unknown is met. */
export function get(obj: unknown, ...path: (string | number)[]): unknown {
    let cur: unknown = obj;
    for (const key of path) {
        if (isUnknown(cur)) {
            return UNKNOWN;
        }
        if (cur === null || typeof cur !== "object") {
            return undefined;
        }
        cur = (cur as Record<string | number, unknown>)[key];
    }
    return isUnknown(cur) ? UNKNOWN : cur;
}

/** The elements of a list property; [] when absent, UNKNOWN when the list itself is unknown. */
export function list(v: unknown): unknown[] | Unknown {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (v === undefined || v === null) {
        return [];
    }
    return Array.isArray(v) ? v : [v];
}

/** Booleans arrive as true or (for older string-typed inputs such as launch-template EBS) "true". */
export function isTrue(v: unknown): boolean {
    return v === true || v === "true";
}

/** A flag that must be on and, as far as a preview can tell, is not (an unknown value gets the benefit of the doubt). */
export function isOffOrMissing(v: unknown): boolean {
    return !isUnknown(v) && !isTrue(v);
}

/** Set to something: an unknown value counts, because it will be a real value at deploy time. */
export function isSet(v: unknown): boolean {
    return isUnknown(v) || (v !== undefined && v !== null && v !== "");
}

/** A tags map as plain strings; unknown values are dropped. */
export function tagsOf(v: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (v && typeof v === "object" && !isUnknown(v)) {
        for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
            if (typeof val === "string" && !isUnknown(val)) {
                out[k] = val;
            }
        }
    }
    return out;
}

/** Case-sensitive glob with `*` only, as used by the allow-lists in policy config. */
export function globMatch(pattern: string, value: string): boolean {
    const re = new RegExp("^" + pattern.split("*").map(escapeRegExp).join(".*") + "$");
    return re.test(value);
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------------
// IAM-style policy documents (bucket policies, IAM policies).
// ---------------------------------------------------------------------------------------------

export interface Statement {
    Effect?: unknown;
    Principal?: unknown;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    Condition?: unknown;
    Sid?: unknown;
}

/**
 * The statements of a policy document given as a JSON string or an object; UNKNOWN when the
 * document (or its JSON) can't be read at preview, e.g. it interpolates a bucket ARN.
 */
export function statementsOf(doc: unknown): Statement[] | Unknown {
    if (isUnknown(doc)) {
        return UNKNOWN;
    }
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        if (doc === "" || doc === "[secret]") {
            return UNKNOWN;
        }
        try {
            parsed = JSON.parse(doc);
        } catch {
            return UNKNOWN;
        }
    }
    const st = get(parsed, "Statement");
    if (isUnknown(st)) {
        return UNKNOWN;
    }
    const items = st === undefined || st === null ? [] : Array.isArray(st) ? st : [st];
    return items.filter((s): s is Statement => !!s && typeof s === "object");
}

/** The string values of a string-or-list field ("Action", "Resource", CIDR lists, ...). */
export function strings(v: unknown): string[] {
    const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return items.filter((s): s is string => typeof s === "string");
}

// ---------------------------------------------------------------------------------------------
// Policy builders.
// ---------------------------------------------------------------------------------------------

/** A config property: JSON schema with a mandatory default, so the pack runs unconfigured. */
export type ConfigSpec<C> = { [K in keyof C]: PolicyConfigJSONSchema & { default: C[K] } };

/** What a resource check sees: raw props, never the throwing proxy. */
export interface Subject {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    /** The resource's provider (explicit or default) as the engine reports it. */
    provider?: { type: string; urn: string; name: string; props: Record<string, unknown> };
}

/** A resource in a stack check, with its graph edges as URNs. */
export interface StackNode extends Subject {
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

/** The schema-declared defaults overlaid with whatever the engine configured. */
export function configOf<C extends object>(spec: ConfigSpec<C>, args: { getConfig<T extends object>(): T }): C {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(spec) as [string, { default: unknown }][]) {
        out[k] = s.default;
    }
    return { ...out, ...(args.getConfig<Partial<C>>() ?? {}) } as C;
}

/** Every policy accepts documented, reviewed exemptions through its config. */
interface Exemptions {
    exemptResources: string[];
}

const exemptionSpec: ConfigSpec<Exemptions> = {
    exemptResources: {
        type: "array",
        items: { type: "string" },
        description: "Resource names or URNs (globs with *) this policy skips; each entry needs a review note.",
        default: [],
    },
};

function schemaOf<C>(spec: ConfigSpec<C>): PolicyConfigSchema {
    return { properties: { ...(spec as Record<string, PolicyConfigJSONSchema>), ...exemptionSpec } };
}

function isExempt(cfg: Exemptions, name: string, urn: string): boolean {
    return (cfg.exemptResources ?? []).some((p) => globMatch(p, name) || globMatch(p, urn));
}

export interface ResourcePolicySpec<C extends object> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** The Pulumi types this policy looks at ("*" for all); everything else is skipped unseen. */
    types: readonly string[];
    config: ConfigSpec<C>;
    check(r: Subject, cfg: C, report: (message: string) => void): void;
}

export type PlatformResourcePolicy = ResourceValidationPolicy & { readonly types: readonly string[] };
export type PlatformStackPolicy = StackValidationPolicy;
export type PlatformPolicy = PlatformResourcePolicy | PlatformStackPolicy;

export function resourcePolicy<C extends object>(spec: ResourcePolicySpec<C>): PlatformResourcePolicy {
    const types = new Set(spec.types);
    const validate = (args: ResourceValidationArgs, report: ReportViolation): void => {
        if (!types.has(args.type) && !types.has("*")) {
            return;
        }
        const subject: Subject = {
            type: args.type,
            urn: args.urn,
            name: args.name,
            props: unwrap(args.props),
            provider: args.provider && {
                type: args.provider.type,
                urn: args.provider.urn,
                name: args.provider.name,
                props: unwrap(args.provider.props),
            },
        };
        const cfg = configOf<C & Exemptions>({ ...spec.config, ...exemptionSpec } as ConfigSpec<C & Exemptions>, args);
        if (!isExempt(cfg, args.name, args.urn)) {
            spec.check(subject, cfg, (m) => report(m));
        }
    };
    // A single type lets the server skip the call entirely (it reads `__pulumiType`).
    if (spec.types.length === 1 && spec.types[0] !== "*") {
        (validate as unknown as { __pulumiType: string }).__pulumiType = spec.types[0];
    }
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        configSchema: schemaOf(spec.config),
        types: spec.types,
        validateResource: validate,
    };
}

export interface StackPolicySpec<C extends object> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    config: ConfigSpec<C>;
    check(stack: Stack, cfg: C, report: (message: string, urn: string) => void): void;
}

export function stackPolicy<C extends object>(spec: StackPolicySpec<C>): PlatformStackPolicy {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        configSchema: schemaOf(spec.config),
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const stack = new Stack(args.resources);
            const cfg = configOf<C & Exemptions>(
                { ...spec.config, ...exemptionSpec } as ConfigSpec<C & Exemptions>,
                args,
            );
            spec.check(stack, cfg, (m, urn) => {
                if (!isExempt(cfg, stack.get(urn)?.name ?? "", urn)) {
                    report(m, urn);
                }
            });
        },
    };
}

/** The resources of a stack check, indexed for the link look-ups stack policies need. */
export class Stack {
    public readonly nodes: StackNode[];
    private readonly byUrn = new Map<string, StackNode>();

    constructor(resources: PolicyResource[]) {
        this.nodes = resources.map(toNode);
        for (const n of this.nodes) {
            this.byUrn.set(n.urn, n);
        }
    }

    public ofType(...types: string[]): StackNode[] {
        return this.nodes.filter((n) => types.includes(n.type));
    }

    public get(urn: string): StackNode | undefined {
        return this.byUrn.get(urn);
    }

    /**
     * The targets `from.<prop>` points at. Property dependencies are the reliable link (ids are
     * unknown at preview); `matches` is the fallback for values the program wrote out by hand.
     */
    public linked(
        from: StackNode,
        prop: string,
        targets: StackNode[],
        matches?: (target: StackNode, value: unknown) => boolean,
    ): StackNode[] {
        const deps = new Set(from.propertyDependencies[prop] ?? []);
        const value = get(from.props, prop);
        return targets.filter(
            (t) => deps.has(t.urn) || (!!matches && value !== undefined && !isUnknown(value) && matches(t, value)),
        );
    }
}

function toNode(r: PolicyResource): StackNode {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[k] = v.map((d) => d.urn);
    }
    return {
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: unwrap(r.props),
        provider: r.provider && {
            type: r.provider.type,
            urn: r.provider.urn,
            name: r.provider.name,
            props: unwrap(r.provider.props),
        },
        parent: r.parent?.urn,
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
    };
}

// ---------------------------------------------------------------------------------------------
// S3: in aws v7 a bucket's encryption, public access block and policy are separate resources.
// ---------------------------------------------------------------------------------------------

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** A bucket-scoped resource's `bucket` input is this bucket's explicit name (fallback link). */
export function sameBucket(bucket: StackNode, value: unknown): boolean {
    return typeof value === "string" && value === get(bucket.props, "bucket");
}

/** Resources of `types` whose `bucket` input points at `bucket`. */
export function bucketResources(stack: Stack, bucket: StackNode, types: string[]): StackNode[] {
    return stack.ofType(...types).filter((r) => stack.linked(r, "bucket", [bucket], sameBucket).length > 0);
}
