/**
 * Calls policies the way @pulumi/policy's server does (props behind the unknown-checking proxy,
 * config from getConfig) and collects what they report.
 */
import {
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { expect } from "chai";
import { PlatformPolicy, PlatformResourcePolicy } from "../../policies/helpers";

/** The engine's unknown sentinel, as a preview sends it for not-yet-known outputs. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::payments::${type}::${name}`;
}

export interface TestResource {
    type: string;
    name?: string;
    props: Record<string, unknown>;
    provider?: { type: string; name: string; props: Record<string, unknown> };
}

/** House style: every message reads "X must ...". */
function checkedMessage(m: string): string {
    if (!/^[A-Z][^\n]* must /.test(m)) {
        throw new Error(`policy message is not of the form "X must ...": ${m}`);
    }
    return m;
}

function notApplicable(reason?: string): never {
    throw new Error(`notApplicable called: ${reason}`);
}

function stubTypeChecks(type: string) {
    return {
        isType: () => false,
        asType: () => undefined,
        type,
    };
}

/** Runs a resource policy on one resource; returns the reported messages. */
export function runResource(policy: PlatformResourcePolicy, r: TestResource, config: object = {}): string[] {
    const name = r.name ?? "res";
    const messages: string[] = [];
    const report: ReportViolation = (m) => messages.push(checkedMessage(m));
    const args: ResourceValidationArgs = {
        ...stubTypeChecks(r.type),
        props: unknownCheckingProxy(r.props),
        urn: urnOf(r.type, name),
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            additionalSecretOutputs: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        provider: r.provider && {
            ...r.provider,
            urn: urnOf(r.provider.type, r.provider.name),
            props: unknownCheckingProxy(r.provider.props),
        },
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable,
    } as ResourceValidationArgs;
    const validations = policy.validateResource;
    for (const v of Array.isArray(validations) ? validations : validations ? [validations] : []) {
        void v(args, report);
    }
    return messages;
}

export interface StackResource extends TestResource {
    name: string;
    /** property → names of the resources its value came from */
    deps?: Record<string, string[]>;
}

export interface Reported {
    message: string;
    /** The reported resource's name ("" for the stack). */
    name: string;
}

/** Runs a stack policy over resources; returns messages with the name of the resource reported. */
export function runStack(policy: StackValidationPolicy, resources: StackResource[], config: object = {}): Reported[] {
    const byName = new Map<string, PolicyResource>();
    const nodes: PolicyResource[] = resources.map((r) => {
        const node = {
            ...stubTypeChecks(r.type),
            props: unknownCheckingProxy(r.props),
            urn: urnOf(r.type, r.name),
            name: r.name,
            opts: {
                protect: false,
                ignoreChanges: [],
                aliases: [],
                additionalSecretOutputs: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            },
            dependencies: [],
            propertyDependencies: {},
        } as unknown as PolicyResource;
        byName.set(r.name, node);
        return node;
    });
    resources.forEach((r, i) => {
        for (const [prop, names] of Object.entries(r.deps ?? {})) {
            nodes[i].propertyDependencies[prop] = names.map((n) => {
                const target = byName.get(n);
                if (!target) {
                    throw new Error(`test stack: ${r.name}.${prop} depends on unknown resource ${n}`);
                }
                return target;
            });
            nodes[i].dependencies.push(...nodes[i].propertyDependencies[prop]);
        }
    });
    const out: Reported[] = [];
    const report: ReportViolation = (message, urn) =>
        out.push({ message: checkedMessage(message), name: nodes.find((n) => n.urn === urn)?.name ?? "" });
    const args: StackValidationArgs = {
        resources: nodes,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
    void policy.validateStack(args, report);
    return out;
}

/** Deep copy with one change at `path` (undefined deletes the field). */
export function mutate<T>(value: T, path: (string | number)[], to: unknown): T {
    const copy = JSON.parse(JSON.stringify(value)) as T;
    let cur: Record<string | number, unknown> = copy as Record<string, unknown>;
    for (const k of path.slice(0, -1)) {
        cur = cur[k] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (to === undefined) {
        delete cur[last];
    } else {
        cur[last] = to;
    }
    return copy;
}

export function isResourcePolicy(p: PlatformPolicy): p is PlatformResourcePolicy {
    return "validateResource" in p;
}

export interface Case {
    what: string;
    path: (string | number)[];
    to: unknown;
    message: string;
}

/**
 * Mocha cases for one resource shape: the compliant resource passes, and each mutation (one field
 * changed) is reported with exactly its message.
 */
export function resourceCases(
    policy: PlatformResourcePolicy,
    compliant: () => TestResource,
    cases: Case[],
    config: object = {},
) {
    describe(compliant().type, () => {
        it("accepts the compliant resource", () => {
            expect(runResource(policy, compliant(), config)).to.deep.equal([]);
        });
        for (const c of cases) {
            it(`reports ${c.what}`, () => {
                const r = compliant();
                r.props = mutate(r.props, c.path, c.to);
                expect(runResource(policy, r, config)).to.deep.equal([c.message]);
            });
        }
    });
}
