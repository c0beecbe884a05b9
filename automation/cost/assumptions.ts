/**
 * Usage the plan can't see (traffic, log volume, stored data, requests) priced from stated
 * assumptions, per environment. The defaults below are overridden by package.json's
 * `offlinePlan.costAssumptions.<environment>.<key>`; the report prints the ones in force.
 */

export interface Assumptions {
    /** GiB processed per NAT gateway per month. @default prod 100, other 10 */
    natDataGiB: number;
    /** GiB through each Transit Gateway attachment per month. @default prod 200, other 10 */
    tgwDataGiB: number;
    /** GiB through each interface endpoint per month. @default prod 20, other 2 */
    endpointDataGiB: number;
    /** GiB ingested per month by a VPC flow-log group. @default prod 50, other 5 */
    flowLogGiB: number;
    /** GiB ingested per month by any other log group (control plane, database). @default prod 10, other 1 */
    logGiB: number;
    /** Aurora cluster storage, GiB. @default prod 100, other 10 */
    auroraStorageGiB: number;
    /** Aurora I/O requests per month, millions (Aurora Standard bills them). @default prod 200, other 5 */
    auroraIoMillion: number;
    /** SQS requests per queue per month, millions. @default prod 10, other 0.5 */
    sqsRequestsMillion: number;
    /** Custom events per event bus per month, millions. @default prod 1, other 0.1 */
    eventsMillion: number;
    /** Load balancer capacity units used per hour, per load balancer. @default prod 2, other 0.2 */
    lcuPerHour: number;
    /** CloudFront data out per distribution per month, GiB. @default 1000 */
    cloudfrontGiB: number;
    /** Requests per month through CloudFront and WAF, millions. @default 20 */
    edgeRequestsMillion: number;
    /** Stored GiB for EFS file systems and AWS Backup vaults. @default prod 50, other 5 */
    storedGiB: number;
    /** Discount of spot over on-demand for SPOT node groups (0 to 1). @default 0.6 */
    spotDiscount: number;
}

export const ASSUMPTION_KEYS = [
    "natDataGiB",
    "tgwDataGiB",
    "endpointDataGiB",
    "flowLogGiB",
    "logGiB",
    "auroraStorageGiB",
    "auroraIoMillion",
    "sqsRequestsMillion",
    "eventsMillion",
    "lcuPerHour",
    "cloudfrontGiB",
    "edgeRequestsMillion",
    "storedGiB",
    "spotDiscount",
] as const satisfies readonly (keyof Assumptions)[];

const PROD: Assumptions = {
    natDataGiB: 100,
    tgwDataGiB: 200,
    endpointDataGiB: 20,
    flowLogGiB: 50,
    logGiB: 10,
    auroraStorageGiB: 100,
    auroraIoMillion: 200,
    sqsRequestsMillion: 10,
    eventsMillion: 1,
    lcuPerHour: 2,
    cloudfrontGiB: 1000,
    edgeRequestsMillion: 20,
    storedGiB: 50,
    // The Spot Advisor shows 60-90% savings for these families; the low end keeps the estimate honest.
    spotDiscount: 0.6,
};

const OTHER: Assumptions = {
    ...PROD,
    natDataGiB: 10,
    tgwDataGiB: 10,
    endpointDataGiB: 2,
    flowLogGiB: 5,
    logGiB: 1,
    auroraStorageGiB: 10,
    auroraIoMillion: 5,
    sqsRequestsMillion: 0.5,
    eventsMillion: 0.1,
    lcuPerHour: 0.2,
    storedGiB: 5,
};

/** The built-in assumptions of an environment. */
export function defaultAssumptions(environment: string): Assumptions {
    return { ...(environment === "prod" ? PROD : OTHER) };
}

export type AssumptionOverrides = Record<string, Partial<Assumptions>>;

const WHERE = "package.json offlinePlan.costAssumptions";

/**
 * Checks `offlinePlan.costAssumptions` as written: an object of environments, each an object of
 * known keys with numbers ≥ 0 (spotDiscount below 1). Every problem, in one error.
 */
export function parseOverrides(raw: unknown): AssumptionOverrides {
    if (raw === undefined) return {};
    const problems: string[] = [];
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        throw new Error(
            `Invalid cost assumptions:\n - ${WHERE} is ${JSON.stringify(raw)}, must be an object of environments`,
        );
    const out: AssumptionOverrides = {};
    for (const [env, value] of Object.entries(raw)) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            problems.push(`${WHERE}.${env} is ${JSON.stringify(value)}, must be an object of assumptions`);
            continue;
        }
        out[env] = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const problem = overrideProblem(k, v);
            if (problem) problems.push(`${WHERE}.${env}.${k} ${problem}`);
            else out[env][k as keyof Assumptions] = v as number;
        }
    }
    if (problems.length > 0) throw new Error(`Invalid cost assumptions:\n - ${problems.join("\n - ")}`);
    return out;
}

function overrideProblem(key: string, v: unknown): string | undefined {
    if (!(ASSUMPTION_KEYS as readonly string[]).includes(key))
        return `is not a known assumption (known: ${ASSUMPTION_KEYS.join(", ")})`;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return `is ${JSON.stringify(v)}, must be a number ≥ 0`;
    if (key === "spotDiscount" && v >= 1) return `is ${v}, must be below 1 (a fraction of the on-demand price)`;
    return undefined;
}

/** An environment's assumptions: the defaults, then the overrides for it. */
export function assumptionsFor(environment: string, overrides: AssumptionOverrides = {}): Assumptions {
    return { ...defaultAssumptions(environment), ...(overrides[environment] ?? {}) };
}
