/**
 * Tags every resource carries. They are set once as the AWS provider's default tags, so a resource
 * only adds its own `Name`.
 */

/** The tag keys the policy pack requires on every taggable resource. */
export const REQUIRED_TAG_KEYS = ["environment", "owner", "cost-center"] as const;

export interface DefaultTagsArgs {
    environment: string;
    stack: string;
    owner: string;
    costCenter: string;
    /** Extra tags; the required ones win on a clash. @default {} */
    extra?: Record<string, string>;
}

/** The provider-level default tags of a stack. */
export function defaultTags(args: DefaultTagsArgs): Record<string, string> {
    return {
        ...(args.extra ?? {}),
        environment: args.environment,
        stack: args.stack,
        owner: args.owner,
        "cost-center": args.costCenter,
        "managed-by": "pulumi",
    };
}

/** Tags for one resource: `{ ...tags, Name }`. */
export function nameTag(name: string, tags: Record<string, string> = {}): Record<string, string> {
    return { ...tags, Name: name };
}
