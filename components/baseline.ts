/**
 * What every stack has before any component: a stack-wide KMS key for shared encrypted things
 * (log groups of the stack, SNS topics), with rotation on.
 */
import * as pulumi from "@pulumi/pulumi";
import { encryptionKey } from "./kms";

export interface PlatformBaselineArgs {
    /** The environment this stack belongs to, used in the key's description. */
    environment: string;
    /** Extra tags on the key (merged under Name). @default {} */
    tags?: Record<string, string>;
}

export class PlatformBaseline extends pulumi.ComponentResource {
    /** ARN of the stack's KMS key. */
    public readonly keyArn: pulumi.Output<string>;
    /** Id of the stack's KMS key. */
    public readonly keyId: pulumi.Output<string>;
    /** The key's alias, e.g. "alias/dev-platform". */
    public readonly keyAlias: pulumi.Output<string>;

    constructor(name: string, args: PlatformBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:core:PlatformBaseline", name, {}, opts);
        const { key, alias } = encryptionKey(
            name,
            {
                description: `${args.environment} platform key for stack-wide logs and topics`,
                allowCloudWatchLogs: true,
                servicePrincipals: ["sns.amazonaws.com", "events.amazonaws.com"],
                tags: args.tags,
                // Dev is destroyed every weekend; prod's key, and the shared hub's that prod's traffic
                // logs go through, outlive any edit of this program.
                protect: args.environment === "prod" || args.environment === "shared",
            },
            this,
        );
        this.keyArn = key.arn;
        this.keyId = key.keyId;
        this.keyAlias = alias.name;
        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, keyAlias: this.keyAlias });
    }
}
