/**
 * The stack's AWS providers: one per region it deploys to (its own, and a peer hub's for the
 * accepter half of a peering it owns), all named `<stack>-<region>` and carrying the stack's
 * default tags from config, so every resource is tagged alike whichever region it lands in.
 */
import * as aws from "@pulumi/aws";
import { regionalProvider } from "../components/provider";
import { defaultTags } from "../components/tags";
import { StackSettings } from "./config";

export function stackProvider(cfg: StackSettings, region: string = cfg.region): aws.Provider {
    return regionalProvider(`${cfg.stack}-${region}`, {
        region,
        defaultTags: defaultTags({
            environment: cfg.environment,
            stack: cfg.stack,
            owner: cfg.owner,
            costCenter: cfg.costCenter,
            extra: cfg.tags,
        }),
    });
}
