import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformBaseline } from "../components/baseline";
import { StackSettings } from "./config";

/** What every role builder gets from the entry point. */
export interface StackContext {
    cfg: StackSettings;
    /** The stack's explicit AWS provider (default tags from config). */
    provider: aws.Provider;
    /** Pass to every top-level component: children inherit the provider. */
    opts: pulumi.ComponentResourceOptions;
    baseline: PlatformBaseline;
}
