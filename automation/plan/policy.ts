/**
 * The plan's policy step: runs the project's CrossGuard pack over each stack's recording through the
 * Analyzer protocol (automation/policy) and decides which config file applies to which stack.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyAnalyzer, Violation } from "../policy/analyzer";
import { StackPlan } from "./types";

/** Where the pack and its per-environment configs are; from package.json's `offlinePlan`. */
export interface PolicySettings {
    /** The pack's directory. */
    packDir: string;
    /** A config file for every stack (the CLI's --policy-pack-config), or undefined. */
    configFile?: string;
    /** Config path with `{<key>}` placeholders filled from each stack's project config, e.g. "policies/config/{environment}.json". */
    configTemplate?: string;
}

/** The policy settings a project declares in package.json (`offlinePlan.policyPack`, `offlinePlan.policyConfig`). */
export function projectPolicySettings(dir: string): PolicySettings | undefined {
    const pkgFile = path.join(dir, "package.json");
    if (!fs.existsSync(pkgFile)) return undefined;
    const o = JSON.parse(fs.readFileSync(pkgFile, "utf8"))?.offlinePlan;
    if (typeof o?.policyPack !== "string") return undefined;
    return {
        packDir: path.resolve(dir, o.policyPack),
        configTemplate: typeof o.policyConfig === "string" ? path.resolve(dir, o.policyConfig) : undefined,
    };
}

/** The config file for one stack: the explicit one, else the template filled from the stack's config. */
export function configFileFor(settings: PolicySettings, stack: StackPlan): string | undefined {
    if (settings.configFile) return settings.configFile;
    if (!settings.configTemplate) return undefined;
    const file = settings.configTemplate.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, key: string) => {
        const v = stack.config?.[`${stack.project}:${key}`];
        if (v === undefined)
            throw new Error(
                `stack ${stack.name}: policy config ${settings.configTemplate} needs ${stack.project}:${key}, which is unset`,
            );
        return v;
    });
    if (!fs.existsSync(file))
        throw new Error(`stack ${stack.name}: no policy config ${path.relative(process.cwd(), file)} for this stack`);
    return file;
}

/** The violations of every stack, the pack started once (start it early: it boots in the background). */
export async function analyzePlan(
    analyzer: PolicyAnalyzer,
    settings: PolicySettings,
    stacks: StackPlan[],
): Promise<Map<string, Violation[]>> {
    const out = new Map<string, Violation[]>();
    for (const s of stacks) out.set(s.name, await analyzer.analyze(s, configFileFor(settings, s)));
    return out;
}

/** The JSON shape other tools read: `policy.violations[]` per stack. */
export function policyJson(violations: Violation[] | undefined): Record<string, unknown> {
    if (!violations) return {};
    return {
        policy: {
            violations: violations.map((v) => ({
                policy: v.policy,
                enforcement: v.enforcement,
                urn: v.urn,
                message: v.message,
            })),
        },
    };
}
