/**
 * Checks an EksCluster's arguments before any resource exists, and reports every problem at once:
 * the field, its value, and what is allowed.
 */
import { EksClusterArgs, NodePoolArgs } from "./args";
import { NODE_AMI_TYPE } from "./nodeGroups";
import { KUBERNETES_VERSIONS } from "./versions";

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const K8S_VERSION = /^1\.\d{2}$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

const show = (v: unknown) => JSON.stringify(v);

/** Graviton families carry a "g" after the generation digit (m7g, c6gn, r7gd, is4gen); a1 is the first. */
export function isArm64InstanceType(instanceType: string): boolean {
    return /^a1\./.test(instanceType) || /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}

/** AZs a cluster needs: node groups and the control plane survive a zone's loss only with 3 in prod. */
export function minAvailabilityZones(prod: boolean): number {
    return prod ? 3 : 2;
}

/** Whether a string is an IPv4 CIDR with valid octets and prefix. */
export function isCidr(s: string): boolean {
    const m = CIDR.exec(s);
    return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** Problems of one node pool's sizing (pure; also used for config checks). */
export function validateNodePool(field: string, pool: NodePoolArgs): string[] {
    const p: string[] = [];
    const { minSize, desiredSize, maxSize } = pool;
    for (const [k, v] of Object.entries({ minSize, desiredSize, maxSize })) {
        if (!Number.isInteger(v) || v < 0) p.push(`${field}.${k} is ${show(v)}, must be a whole number >= 0`);
    }
    if (maxSize < 1) p.push(`${field}.maxSize is ${maxSize}, must be at least 1`);
    // min <= desired <= max; a min above max always breaks one of the two, so it needs no line of its own.
    if (minSize > desiredSize) p.push(`${field}.minSize is ${minSize}, must be <= desiredSize ${desiredSize}`);
    if (desiredSize > maxSize) p.push(`${field}.desiredSize is ${desiredSize}, must be <= maxSize ${maxSize}`);
    if (pool.instanceTypes.length === 0) p.push(`${field}.instanceTypes is [], must name at least one instance type`);
    // EKS rejects the node group at create time when an instance type doesn't match the AMI's architecture.
    for (const t of pool.instanceTypes.filter(isArm64InstanceType))
        p.push(
            `${field}.instanceTypes has ${show(t)}, an arm64 (Graviton) type; node groups run ${NODE_AMI_TYPE}, so only x86_64 types are allowed`,
        );
    const disk = pool.diskSizeGiB ?? 50;
    if (!Number.isInteger(disk) || disk < 20 || disk > 16384)
        p.push(`${field}.diskSizeGiB is ${show(disk)}, must be a whole number from 20 to 16384`);
    const hops = pool.imdsHopLimit ?? 1;
    if (hops !== 1 && hops !== 2) p.push(`${field}.imdsHopLimit is ${show(hops)}, must be 1 or 2`);
    const mu = pool.maxUnavailablePercentage ?? 33;
    if (!Number.isInteger(mu) || mu < 1 || mu > 100)
        p.push(`${field}.maxUnavailablePercentage is ${show(mu)}, must be a whole number from 1 to 100`);
    return p;
}

function validateEndpoint(args: EksClusterArgs, prod: boolean): string[] {
    const p: string[] = [];
    const cidrs = args.publicAccessCidrs ?? [];
    for (const c of cidrs)
        if (!isCidr(c)) p.push(`publicAccessCidrs has ${show(c)}, must be an IPv4 CIDR such as "203.0.113.0/24"`);
    const api = (args.apiAccessCidrs ?? []).map((a) => a.cidr);
    api.forEach((c, i) => {
        if (!isCidr(c)) p.push(`apiAccessCidrs[${i}].cidr is ${show(c)}, must be an IPv4 CIDR such as "10.128.0.0/16"`);
        else if (api.indexOf(c) < i)
            p.push(`apiAccessCidrs[${i}].cidr is ${show(c)}, repeats apiAccessCidrs[${api.indexOf(c)}]`);
    });
    if (!args.endpointPublicAccess) return p;
    if (cidrs.length === 0)
        p.push(
            `publicAccessCidrs is [], must list the allowed CIDRs when endpointPublicAccess is true (EKS would otherwise open it to 0.0.0.0/0)`,
        );
    if (prod && cidrs.some((c) => c.endsWith("/0")))
        p.push(
            `publicAccessCidrs is ${show(cidrs)}, prod must not open the public endpoint to ${cidrs.filter((c) => c.endsWith("/0")).join(", ")}`,
        );
    return p;
}

function validatePools(args: EksClusterArgs, prod: boolean): string[] {
    const p = [
        ...validateNodePool("nodeGroups.system", args.nodeGroups.system),
        ...validateNodePool("nodeGroups.apps", args.nodeGroups.apps),
    ];
    for (const pool of ["system", "apps"] as const) {
        const cap = args.nodeGroups[pool].capacityType ?? "ON_DEMAND";
        if (prod && cap !== "ON_DEMAND")
            p.push(`nodeGroups.${pool}.capacityType is ${show(cap)}, prod needs "ON_DEMAND"`);
    }
    return p;
}

function validateIngress(args: EksClusterArgs): string[] {
    const p: string[] = [];
    const { rateLimit } = args.ingress;
    if (!Number.isInteger(rateLimit.requestsPerSecond) || rateLimit.requestsPerSecond < 1)
        p.push(
            `ingress.rateLimit.requestsPerSecond is ${show(rateLimit.requestsPerSecond)}, must be a whole number >= 1`,
        );
    if (!Number.isInteger(rateLimit.burst) || rateLimit.burst < 0)
        p.push(`ingress.rateLimit.burst is ${show(rateLimit.burst)}, must be a whole number >= 0`);
    return p;
}

/** Every problem with the arguments; empty when they are valid. */
export function validateEksClusterArgs(args: EksClusterArgs): string[] {
    const prod = args.environment === "prod";
    const p: string[] = [];
    if (!K8S_VERSION.test(args.kubernetesVersion))
        p.push(`kubernetesVersion is ${show(args.kubernetesVersion)}, must look like 1.xx (e.g. "1.34")`);
    else if (!KUBERNETES_VERSIONS[args.kubernetesVersion])
        p.push(
            `kubernetesVersion is ${show(args.kubernetesVersion)}, add-on versions are pinned for ${Object.keys(KUBERNETES_VERSIONS).join(", ")}`,
        );
    const minAzs = minAvailabilityZones(prod);
    if (args.availabilityZones.length < minAzs)
        p.push(
            `availabilityZones is ${show(args.availabilityZones)}, ${prod ? "prod" : "a cluster"} needs at least ${minAzs}`,
        );
    if (new Set(args.availabilityZones).size !== args.availabilityZones.length)
        p.push(`availabilityZones is ${show(args.availabilityZones)}, must not repeat a zone`);
    const retention = args.logRetentionDays ?? 90;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention))
        p.push(`logRetentionDays is ${retention}, allowed: ${LOG_RETENTION_DAYS.join(", ")}`);
    if (args.clusterName !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(args.clusterName))
        p.push(
            `clusterName is ${show(args.clusterName)}, must be 1-100 letters, digits, "-" or "_", starting with a letter or digit`,
        );
    if (args.parameterPath !== undefined && !/^\/([A-Za-z0-9_.-]+\/)+$/.test(args.parameterPath))
        p.push(
            `parameterPath is ${show(args.parameterPath)}, must be an SSM path such as "/payments/dev/" (leading and trailing "/")`,
        );
    if (prod && args.deletionProtection === false) p.push(`deletionProtection is false, prod clusters must keep it on`);
    return [...p, ...validateEndpoint(args, prod), ...validatePools(args, prod), ...validateIngress(args)];
}

/** Throws one error listing every problem. */
export function assertValidEksClusterArgs(name: string, args: EksClusterArgs): void {
    const problems = validateEksClusterArgs(args);
    if (problems.length > 0) throw new Error(`Invalid EksCluster args (${name}):\n - ${problems.join("\n - ")}`);
}
