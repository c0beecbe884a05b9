/**
 * The database config of a real stack, read from its Pulumi.<stack>.yaml and parsed by the stack
 * schema's own database section, so rules over discovered stacks compare the plan with what each
 * stack asked for.
 */
import { DatabaseConfig, databaseKeys } from "../../../stacks/config/database";
import { DiscoveredStack, discoverStacks, projectConfigOf } from "../../harness";

export function stackDatabase(stack: string): DatabaseConfig {
    return databaseKeys.database.parse(projectConfigOf(stack).database);
}

/** The discovered workload stacks (the ones that build PaymentsDatabase), optionally of one environment. */
export function workloadStacks(environment?: string): DiscoveredStack[] {
    return discoverStacks().filter(
        (s) => s.role === "workload" && (environment === undefined || s.environment === environment),
    );
}
