/**
 * The shape of the offline plan's recording. Other tools (policies, cost and deploy-time models,
 * tests) read it, so a field keeps its meaning once it ships; new fields may be added.
 */

/** What printing a secret value shows, in text and in JSON. */
export const SECRET_MARK = "[secret]";
/** What a value that is unknown until deploy time (a preview's `output<T>`) shows. */
export const UNKNOWN_MARK = "[unknown]";

/** One registered resource, as `pulumi preview` would create it. */
export interface ResourceRecord {
    urn: string;
    type: string;
    name: string;
    /** The mock id: deterministic, derived from type and name. Empty for components. */
    id: string;
    /** The parent's URN; empty for the root stack resource. */
    parent: string;
    /** URNs of resources this one depends on (explicit dependsOn plus those implied by inputs). */
    dependencies: string[];
    /** Per input property, the URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** true for custom (provider-managed) resources, false for components. */
    custom: boolean;
    /** true for remote (multi-language) components such as eks:index:Cluster or awsx:ec2:Vpc. */
    remote: boolean;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    /** Explicit provider reference (`urn::id`), or empty for the default provider. */
    provider: string;
    /** Providers a component passes to its children, by package (`{ aws: "urn::id" }`). */
    providers: Record<string, string>;
    /** Inputs as plain JSON; secrets are SECRET_MARK, unknowns UNKNOWN_MARK. */
    inputs: Record<string, unknown>;
}

/**
 * A custom resource's options when nothing set them: no dependencies, no protection, no replacement
 * or ignore settings, no providers passed on (a fresh object each call: records are built on it).
 */
export function defaultRecordOptions(): Pick<
    ResourceRecord,
    | "dependencies"
    | "propertyDependencies"
    | "custom"
    | "remote"
    | "protect"
    | "retainOnDelete"
    | "deleteBeforeReplace"
    | "ignoreChanges"
    | "providers"
> {
    return {
        dependencies: [],
        propertyDependencies: {},
        custom: true,
        remote: false,
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        providers: {},
    };
}

/** The plan of one stack. */
export interface StackPlan {
    name: string;
    project: string;
    region: string;
    resources: ResourceRecord[];
    /** Stack outputs as plain JSON; secret outputs are SECRET_MARK. */
    outputs: Record<string, unknown>;
    /** Stacks this one read through stack references, by stack name. */
    references: string[];
    /** Declared secret config keys that were unset and got a placeholder. */
    secretPlaceholders: string[];
    /** The stack's non-secret config ("ns:key" → value as the program got it); not written to JSON. */
    config?: Record<string, string>;
}

/** A whole plan run. */
export interface Plan {
    stacks: StackPlan[];
}
