/**
 * The stack's whole typed config: the base keys plus one section per component area. Read once by
 * the entry point; nothing else reads `pulumi.Config` directly.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { baseSchema } from "./base";
import { databaseKeys, databaseSecretKeys } from "./database";
import { eksKeys, eksSecretKeys } from "./eks";
import { ConfigError, loadConfig } from "./load";
import { networkKeys, networkSecretKeys } from "./network";

export * from "./base";
export { ConfigError, secretConfig } from "./load";

/** Every key of the project namespace, validated together. */
export const stackSchema = baseSchema.extend({ ...networkKeys, ...eksKeys, ...databaseKeys });

/** Secret keys (declared `secret: true` in Pulumi.yaml). Never read except through secretConfig. */
export const SECRET_KEYS: readonly string[] = [...networkSecretKeys, ...eksSecretKeys, ...databaseSecretKeys];

export type StackSettings = z.infer<typeof stackSchema> & {
    /** The stack's name, e.g. "dev". */
    stack: string;
    /** The AWS region, from `aws:region`. */
    region: string;
};

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Reads and validates the stack's config; throws one ConfigError listing every problem. */
export function loadStackSettings(): StackSettings {
    const region = new pulumi.Config("aws").get("region");
    let problems: string[] = [];
    if (!region || !REGION.test(region)) problems.push(`aws:region is ${region === undefined ? "missing" : JSON.stringify(region)}, must be an AWS region such as "eu-central-1"`);
    let cfg: z.infer<typeof stackSchema> | undefined;
    try {
        cfg = loadConfig(stackSchema, SECRET_KEYS);
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        problems = [...e.message.split("\n - ").slice(1), ...problems];
    }
    if (problems.length > 0 || !cfg) throw new ConfigError(`Invalid stack config:\n - ${problems.join("\n - ")}`);
    return { ...cfg, stack: pulumi.getStack(), region: region! };
}
