/**
 * When the tool refuses: it destroys only a stack that asked for it (`weekendTeardown: true`), that
 * is not prod, and whose state holds no protected resource. Checked before anything is touched,
 * every time, on the stack's own config and state (never on what the repository says it should be).
 */
import { StateResource } from "./workspace";

export const PROJECT = "payments-platform";
export const KEYS = {
    weekendTeardown: `${PROJECT}:weekendTeardown`,
    environment: `${PROJECT}:environment`,
    timeZone: `${PROJECT}:teardownTimeZone`,
    restoreFromSnapshot: `${PROJECT}:database.aurora.restoreFromSnapshot`,
    region: "aws:region",
} as const;

/** How many protected URNs a refusal names before it counts the rest. */
const SHOWN = 5;

/** Why a stack may not be torn down (or restored); empty when it may. */
export function configRefusals(config: Record<string, string>): string[] {
    const problems: string[] = [];
    const teardown = config[KEYS.weekendTeardown];
    if (teardown !== "true")
        problems.push(
            `${KEYS.weekendTeardown} is ${teardown === undefined ? "unset" : JSON.stringify(teardown)}, only a stack with weekendTeardown: true is torn down`,
        );
    const environment = config[KEYS.environment];
    if (environment === undefined || environment === "prod")
        problems.push(
            `${KEYS.environment} is ${environment === undefined ? "unset" : `"${environment}"`}, a prod stack (or one that doesn't say) is never torn down`,
        );
    return problems;
}

/** Config refusals plus the state's protected resources. */
export function teardownRefusals(config: Record<string, string>, resources: StateResource[]): string[] {
    const problems = configRefusals(config);
    const protectedUrns = resources.filter((r) => r.protect === true).map((r) => r.urn);
    if (protectedUrns.length > 0) {
        const more = protectedUrns.length > SHOWN ? ` and ${protectedUrns.length - SHOWN} more` : "";
        problems.push(
            `${protectedUrns.length} resource(s) in the state are protected, a teardown never unprotects: ${protectedUrns.slice(0, SHOWN).join(", ")}${more}`,
        );
    }
    return problems;
}
