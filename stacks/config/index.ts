/**
 * The stack's whole typed config: the base keys plus one section per component area. Read once by
 * the entry point; nothing else reads `pulumi.Config` directly.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { appsConfigProblems, appsKeys } from "./apps";
import { baseSchema, regionProblems } from "./base";
import { databaseConfigProblems, databaseKeys } from "./database";
import { isKnownRegion } from "../../components/regions";
import { edgeConfigProblems, edgeKeys } from "./edge";
import { eksKeys } from "./eks";
import { eksConfigProblems } from "./eksChecks";
import { ConfigError, loadConfig } from "./load";
import { networkKeys } from "./network";
import { observabilityConfigProblems, observabilityKeys } from "./observability";
import { SECRET_KEYS, secretKeysFor } from "./secrets";

export * from "./base";
export { ConfigError, secretConfig } from "./load";

/** Every key of the project namespace, validated together. */
export const stackSchema = baseSchema.extend({
    ...networkKeys,
    ...eksKeys,
    ...databaseKeys,
    ...edgeKeys,
    ...observabilityKeys,
    ...appsKeys,
});

export { SECRET_DECLARATIONS, SECRET_KEYS } from "./secrets";

export type StackSettings = z.infer<typeof stackSchema> & {
    /** The stack's name, e.g. "dev". */
    stack: string;
    /** The AWS region, from `aws:region`. */
    region: string;
};

/**
 * Reads and validates the stack's config; throws one ConfigError listing every problem. `areaChecks`
 * are the checks of areas that this module can't import (the network preflight imports it), run on
 * the parsed settings so that every config-only problem is reported in one message.
 */
export function loadStackSettings(areaChecks: (s: StackSettings) => string[] = () => []): StackSettings {
    const region = new pulumi.Config("aws").get("region");
    let problems: string[] = regionProblems(region);
    let cfg: z.infer<typeof stackSchema> | undefined;
    try {
        cfg = loadConfig(stackSchema, SECRET_KEYS);
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        problems = [...e.message.split("\n - ").slice(1), ...problems];
    }
    if (cfg) {
        const set: Record<string, unknown> = cfg;
        const checked = { ...cfg, region: region && isKnownRegion(region) ? region : undefined };
        problems.push(
            ...secretProblems(cfg.role, (key) => set[key] !== undefined),
            ...databaseConfigProblems({ ...cfg, region: region ?? "" }),
            ...eksConfigProblems(checked),
            ...edgeConfigProblems({ ...cfg, region }),
            ...observabilityConfigProblems(cfg.observability, cfg),
            ...appsConfigProblems(cfg.role, cfg.apps, { ...cfg, region }),
        );
        if (region && isKnownRegion(region)) problems.push(...areaChecks({ ...cfg, stack: pulumi.getStack(), region }));
    }
    if (problems.length > 0 || !cfg) throw new ConfigError(`Invalid stack config:\n - ${problems.join("\n - ")}`);
    return { ...cfg, stack: pulumi.getStack(), region: region! };
}

// The SDK's own check (internal in its typings, public in its JS since 3.x): the CLI hands the program
// the list of keys that were set with --secret.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

/** A needed secret must be set, and set as a secret. Values never appear in the message. */
function secretProblems(role: string, isSet: (key: string) => boolean): string[] {
    const ns = pulumi.getProject();
    const problems: string[] = [];
    for (const key of secretKeysFor(role, isSet)) {
        const full = `${ns}:${key}`;
        if (new pulumi.Config(ns).get(key) === undefined) {
            problems.push(`${full} is missing, a ${role} stack needs it: pulumi config set --secret ${key} <value>`);
        } else if (!isConfigSecret(full)) {
            problems.push(
                `${full} is set in plaintext, it must be a secret: pulumi config set --secret ${key} <value>`,
            );
        }
    }
    return problems;
}
