/**
 * Checks of the eks config that need more than its schema, as pure functions reporting in the
 * config's own words (`payments-platform:eks.<key> is <value>, <what is allowed>`).
 */
import { EksClusterArgs } from "../../components/eks/args";
import { minAvailabilityZones, validateEksClusterArgs } from "../../components/eks/validation";
import { cidrContains, parseCidr } from "../../components/network/cidr";
import { EksConfig } from "./eks";

/** One block of the region's CIDR plan. */
export interface PlannedCidr {
    owner: string;
    cidr: string;
}

const PROJECT = "payments-platform";
/** The plan's owners whose machines run `pulumi up` and kubectl: on-premises and shared services. */
const OPERATOR_OWNERS = /^(on-prem|shared)\//;

const showPlan = (plan: PlannedCidr[]) => plan.map((p) => `${p.owner} ${p.cidr}`).join(", ");

/** The default of eks.apiAccessCidrs: the plan's on-prem and shared-services ranges. */
export function defaultApiAccessCidrs(plan: PlannedCidr[]): string[] {
    return plan.filter((p) => OPERATOR_OWNERS.test(p.owner)).map((p) => p.cidr);
}

/** The owner of the smallest plan block holding `cidr` (the rule's description names it). */
export function ownerOf(cidr: string, plan: PlannedCidr[]): string | undefined {
    const holders = plan.filter((p) => cidrContains(p.cidr, cidr));
    holders.sort((a, b) => parseCidr(b.cidr).prefixLength - parseCidr(a.cidr).prefixLength);
    return holders[0]?.owner;
}

function cidrProblem(key: string, c: string): string | undefined {
    try {
        parseCidr(c);
        return undefined;
    } catch (e) {
        const why = (e as Error).message.replace(/^Invalid CIDR "[^"]*": /, "");
        return `${key} is ${JSON.stringify(c)}, must be an IPv4 CIDR such as "10.128.0.0/16" (${why})`;
    }
}

/**
 * Problems of eks.apiAccessCidrs against the region's plan: each must be a CIDR lying inside one of
 * the plan's blocks (the API is private: only routed, planned ranges can reach it), none repeated.
 * `given` false means the list is the default, which is then reported as such when empty.
 */
export function apiAccessCidrProblems(
    cidrs: string[],
    plan: PlannedCidr[],
    opts: { given?: boolean; publicEndpoint?: boolean } = {},
): string[] {
    const key = `${PROJECT}:eks.apiAccessCidrs`;
    const problems: string[] = [];
    if (cidrs.length === 0 && !opts.publicEndpoint)
        problems.push(
            opts.given === false
                ? `${key} is unset and the region's CIDR plan (${showPlan(plan)}) has no on-prem/ or shared/ range to default to; list the ranges that run \`pulumi up\` (the API endpoint is private)`
                : `${key} is [], must list the ranges that run \`pulumi up\` (the API endpoint is private, nothing else reaches it)`,
        );
    cidrs.forEach((c, i) => {
        const at = `${key}[${i}]`;
        const bad = cidrProblem(at, c);
        if (bad) problems.push(bad);
        else if (!plan.some((p) => cidrContains(p.cidr, c)))
            problems.push(`${at} is ${JSON.stringify(c)}, must lie inside the region's CIDR plan (${showPlan(plan)})`);
        else if (cidrs.indexOf(c) < i)
            problems.push(`${at} is ${JSON.stringify(c)}, repeats ${key}[${cidrs.indexOf(c)}]`);
    });
    return problems;
}

/** What the eks checks read of the stack's settings. */
export interface EksSettings {
    role: string;
    environment: string;
    /** The stack's region; undefined when aws:region itself is invalid (reported on its own). */
    region?: string;
    eks?: EksConfig;
    network?: { azCount: number };
}

/** Component checks whose field is not an eks config key (set by the stack, or checked elsewhere). */
const NOT_EKS_KEYS = /^(availabilityZones|clusterName|deletionProtection|apiAccessCidrs)\b/;

/**
 * Every problem the eks config would make EksCluster (or AWS) refuse, as config keys: the
 * component's own validation, run on the config's values before any resource exists.
 */
export function eksConfigProblems(s: EksSettings): string[] {
    // A workload stack without eks is reported by its builder, like one without network.spoke.
    if (s.role !== "workload" || !s.eks) return [];
    const e = s.eks;
    const args: EksClusterArgs = {
        environment: s.environment,
        kubernetesVersion: e.kubernetesVersion,
        vpcId: "",
        privateSubnetIds: [],
        availabilityZones: [],
        endpointPublicAccess: e.endpointPublicAccess,
        publicAccessCidrs: e.publicAccessCidrs,
        logRetentionDays: e.logRetentionDays,
        nodeGroups: e.nodeGroups,
        ingress: e.ingress,
        parameterPath: e.parameterPath,
    };
    const problems = validateEksClusterArgs(args)
        .filter((p) => !NOT_EKS_KEYS.test(p))
        .map((p) => `${PROJECT}:eks.${p}`);
    const prod = s.environment === "prod";
    const azs = s.network?.azCount;
    if (azs !== undefined && azs < minAvailabilityZones(prod))
        problems.push(
            `${PROJECT}:network.azCount is ${azs}, ${prod ? "a prod" : "an"} EKS cluster needs at least ${minAvailabilityZones(prod)} AZs`,
        );
    (e.apiAccessCidrs ?? []).forEach((c, i) => {
        const bad = cidrProblem(`${PROJECT}:eks.apiAccessCidrs[${i}]`, c);
        if (bad) problems.push(bad);
    });
    return problems;
}
