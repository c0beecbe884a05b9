import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegionalProviderArgs {
    /** The AWS region this provider deploys to. */
    region: string;
    /** Tags applied to every taggable resource through the provider. */
    defaultTags: Record<string, string>;
    /** Restrict deployments to these account ids (guards against deploying with the wrong credentials). @default any */
    allowedAccountIds?: string[];
}

/**
 * The explicit AWS provider of a stack. Explicit rather than the default provider so the default
 * tags come from typed config (and show in the plan), and so a second region can sit beside it.
 */
export function regionalProvider(
    name: string,
    args: RegionalProviderArgs,
    opts?: pulumi.CustomResourceOptions,
): aws.Provider {
    return new aws.Provider(
        name,
        {
            region: args.region as aws.Region,
            defaultTags: { tags: args.defaultTags },
            allowedAccountIds: args.allowedAccountIds,
        },
        opts,
    );
}

/**
 * The AWS provider `parent` inherits, as an explicit `providers` option for a remote (multi-language)
 * component. Engines before pulumi/pulumi#10640's fix gave such a component's children the DEFAULT
 * provider (wrong region, no default tags) unless it was handed providers explicitly.
 */
export function remoteProviders(parent: pulumi.Resource): Record<string, pulumi.ProviderResource> | undefined {
    const aws = parent.getProvider("aws::");
    return aws ? { aws } : undefined;
}
