/**
 * The database config of a real stack, read from its Pulumi.<stack>.yaml and parsed by the stack
 * schema's own database section, so rules over discovered stacks compare the plan with what each
 * stack asked for.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { DatabaseConfig, databaseKeys } from "../../../stacks/config/database";
import { DiscoveredStack, PROJECT, PROJECT_DIR, discoverStacks } from "../../harness";

export function stackDatabase(stack: string): DatabaseConfig {
    const doc = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as {
        config?: Record<string, unknown>;
    };
    return databaseKeys.database.parse(doc.config?.[`${PROJECT}:database`]);
}

/** The discovered workload stacks (the ones that build PaymentsDatabase), optionally of one environment. */
export function workloadStacks(environment?: string): DiscoveredStack[] {
    return discoverStacks().filter(
        (s) => s.role === "workload" && (environment === undefined || s.environment === environment),
    );
}
