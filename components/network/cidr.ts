/**
 * Pure IPv4 CIDR planning (parsing, overlap checks, VPC allocation from a supernet, per-AZ subnet
 * layout): no resources, no Pulumi imports, so callers can plan and validate before creating any.
 * IPv4 only (IPv6 is rejected). Addresses are unsigned 32-bit integers in JS numbers; bitwise
 * operators yield signed 32-bit values, so each bitwise result is normalised with `>>> 0`, and
 * anything that can reach 2^32 (block sizes, `last + 1`) uses plain arithmetic instead. README:
 *     planVpcCidrs({ supernet: "10.0.0.0/8", requests: [{ owner: "dev/eu-central-1/workloads", prefixLength: 16 },
 *         { owner: "network-frankfurt/shared-services", prefixLength: 22 }] });
 *     // { "dev/eu-central-1/workloads": "10.0.0.0/16", "network-frankfurt/shared-services": "10.1.0.0/22" }
 *     layoutSubnets("10.0.0.0/16", { azCount: 3 });  // private 10.0.0.0/19, 10.0.64.0/19, 10.0.128.0/19; ...
 *     assertDisjoint(ownedCidrs, "NetworkHub args", { supernet: "10.0.0.0/8" });
 *     // Invalid NetworkHub args:\n - 10.1.0.0/16 (dev/workloads) overlaps 10.1.128.0/17 (on-prem/dc1)
 */

/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
    /** The network (first) address as an unsigned 32-bit integer, 0 to 2^32 - 1. */
    readonly network: number;
    /** The prefix length, 0 to 32. */
    readonly prefixLength: number;
}

/** The addresses a block covers, as inclusive unsigned 32-bit integers. */
export interface CidrRange {
    /** The first (network) address. */
    readonly first: number;
    /** The last address. */
    readonly last: number;
    /** 2^(32 - prefixLength) addresses; up to 2^32, so never use bitwise maths on it. */
    readonly size: number;
}

/** A block and who holds it (a VPC, an on-premises range, a peer), named in error messages. */
export interface OwnedCidr {
    /** Who holds the block, e.g. "dev/eu-central-1/workloads" or "on-prem/dc1". */
    readonly owner: string;
    /** The block, as "a.b.c.d/n". */
    readonly cidr: string;
}

/** Two owned blocks that share at least one address. */
export interface CidrOverlap {
    /** The block that sorts first (lower first address; at the same address, the larger). */
    readonly a: OwnedCidr;
    /** The other block. */
    readonly b: OwnedCidr;
}

/** AWS's largest VPC or subnet block is a /16. */
export const AWS_MIN_PREFIX = 16;
/** AWS's smallest VPC or subnet block is a /28 (16 addresses, 5 reserved by AWS in a subnet). */
export const AWS_MAX_PREFIX = 28;

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const ALLOWED = 'expected IPv4 "a.b.c.d/n" with octets 0-255 and n 0-32, in plain decimal';

function compareStrings(a: string, b: string): number {
    // Code-unit order, so the result never depends on the machine's locale.
    return a < b ? -1 : a > b ? 1 : 0;
}

function isIntIn(n: number, lo: number, hi: number): boolean {
    return Number.isInteger(n) && n >= lo && n <= hi;
}

function invalid(context: string, problems: readonly string[]): Error {
    return new Error(`Invalid ${context}:\n${problems.map((p) => ` - ${p}`).join("\n")}`);
}

/** Formats an unsigned 32-bit integer as dotted-quad IPv4: 167772160 → "10.0.0.0". */
export function formatIpv4(address: number): string {
    if (!isIntIn(address, 0, 0xffffffff)) {
        throw new Error(`Invalid IPv4 address ${address}: expected an integer from 0 to 4294967295`);
    }
    return [address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff].join(".");
}

/** Formats a parsed block as "a.b.c.d/n". */
export function formatCidr(cidr: Ipv4Cidr): string {
    return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

/** The parsed block, or a sentence saying why `value` is not a valid CIDR. */
function parseOrReason(value: string): Ipv4Cidr | string {
    if (typeof value !== "string") return ALLOWED;
    if (value.includes(":")) return `IPv6 is not supported; ${ALLOWED}`;
    const match = CIDR_SHAPE.exec(value);
    if (!match) return ALLOWED;
    const parts = match.slice(1);
    // "010" is octal to some tools and decimal to others; refuse to guess.
    const zeroLed = parts.find((p) => p.length > 1 && p.startsWith("0"));
    if (zeroLed !== undefined) return `"${zeroLed}" has a leading zero; ${ALLOWED}`;
    const octets = parts.slice(0, 4).map(Number);
    const big = octets.find((o) => o > 255);
    if (big !== undefined) return `octet ${big} is out of range; ${ALLOWED}`;
    const prefixLength = Number(parts[4]);
    if (prefixLength > 32) return `prefix length /${prefixLength} is out of range; ${ALLOWED}`;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    // `x << 32` is `x << 0` in JS, so /0 needs its own case.
    const network = prefixLength === 0 ? 0 : (address & (0xffffffff << (32 - prefixLength))) >>> 0;
    if (network !== address) {
        return `host bits must be zero for a /${prefixLength} (did you mean ${formatIpv4(network)}/${prefixLength}?)`;
    }
    return { network, prefixLength };
}

/**
 * Parses "a.b.c.d/n" (IPv4 only): octets 0-255 in plain decimal, n 0-32, host bits zero, so a
 * valid input is already canonical. Otherwise throws `Invalid CIDR "<value>": <why>; expected ...`.
 */
export function parseCidr(value: string): Ipv4Cidr {
    const parsed = parseOrReason(value);
    if (typeof parsed === "string") throw new Error(`Invalid CIDR ${JSON.stringify(value)}: ${parsed}`);
    return parsed;
}

/** The parsed block, or a problem line naming `label`, the value and why it is invalid. */
function checkCidr(label: string, cidr: string): Ipv4Cidr | string {
    const parsed = parseOrReason(cidr);
    return typeof parsed === "string" ? `${label} has an invalid CIDR ${JSON.stringify(cidr)}: ${parsed}` : parsed;
}

function rangeOf(cidr: Ipv4Cidr): CidrRange {
    const size = 2 ** (32 - cidr.prefixLength);
    return { first: cidr.network, last: cidr.network + size - 1, size };
}

/** First and last address and size of a block: "10.0.0.0/24" → 167772160..167772415, 256. */
export function cidrRange(cidr: string): CidrRange {
    return rangeOf(parseCidr(cidr));
}

/** Whether two blocks share any address (for CIDRs, whether one contains the other). */
export function cidrsOverlap(a: string, b: string): boolean {
    const ra = cidrRange(a);
    const rb = cidrRange(b);
    return ra.first <= rb.last && rb.first <= ra.last;
}

/** Whether every address of `inner` lies in `outer` (a block contains itself). */
export function cidrContains(outer: string, inner: string): boolean {
    const ro = cidrRange(outer);
    const ri = cidrRange(inner);
    return ro.first <= ri.first && ri.last <= ro.last;
}

function splitProblems(base: Ipv4Cidr, newBits: number): string[] {
    const most = 32 - base.prefixLength;
    return isIntIn(newBits, 0, most) ? [] : [`newBits is ${newBits}; a /${base.prefixLength} allows 0 to ${most}`];
}

/** Subnet `netNum` of `cidr` extended by `newBits` bits, like Terraform's cidrsubnet: 10.0.0.0/16, 8, 2 → 10.0.2.0/24. */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
    const base = parseCidr(cidr);
    const problems = splitProblems(base, newBits);
    if (problems.length === 0 && !isIntIn(netNum, 0, 2 ** newBits - 1)) {
        problems.push(
            `netNum is ${netNum}; ${formatCidr(base)} split by ${newBits} bits has subnets 0 to ${2 ** newBits - 1}`,
        );
    }
    if (problems.length > 0) throw invalid("cidrSubnet args", problems);
    const prefixLength = base.prefixLength + newBits;
    return formatCidr({ network: base.network + netNum * 2 ** (32 - prefixLength), prefixLength });
}

/** The first `count` consecutive subnets of `cidr` extended by `newBits` bits. */
export function subnetCidrs(cidr: string, newBits: number, count: number): string[] {
    const base = parseCidr(cidr);
    const problems = splitProblems(base, newBits);
    if (problems.length === 0 && !isIntIn(count, 0, 2 ** newBits)) {
        problems.push(`count is ${count}; ${formatCidr(base)} split by ${newBits} bits has ${2 ** newBits} subnets`);
    }
    if (problems.length > 0) throw invalid("subnetCidrs args", problems);
    return Array.from({ length: count }, (_, i) => cidrSubnet(cidr, newBits, i));
}

interface RangedCidr {
    readonly item: OwnedCidr;
    readonly range: CidrRange;
}

function compareRanged(x: RangedCidr, y: RangedCidr): number {
    return x.range.first - y.range.first || y.range.size - x.range.size || compareStrings(x.item.owner, y.item.owner);
}

/** Overlapping pairs of blocks already sorted by compareRanged, in that order. */
function overlapsOf(sorted: readonly RangedCidr[]): CidrOverlap[] {
    const overlaps: CidrOverlap[] = [];
    for (let i = 0; i < sorted.length; i++) {
        // Sorted by first address, so a later block overlaps block i exactly when it starts inside it.
        for (let j = i + 1; j < sorted.length && sorted[j].range.first <= sorted[i].range.last; j++) {
            overlaps.push({ a: sorted[i].item, b: sorted[j].item });
        }
    }
    return overlaps;
}

/**
 * Every pair of blocks that share an address. Deterministic: blocks are ordered by first address,
 * then larger first, then owner, and pairs follow that order. Throws on an invalid CIDR.
 */
export function findOverlaps(cidrs: readonly OwnedCidr[]): CidrOverlap[] {
    return overlapsOf(cidrs.map((item) => ({ item, range: cidrRange(item.cidr) })).sort(compareRanged));
}

/** Options for validateCidrs and assertDisjoint. */
export interface CidrCheckOptions {
    /** When given, every block must also lie inside this one. @default undefined (no containment check) */
    readonly supernet?: string;
}

/**
 * Every problem with a set of owned blocks, one line each (empty when valid), for callers that
 * collect problems before throwing: invalid CIDRs, then overlapping pairs in findOverlaps' order
 * ("10.1.0.0/16 (dev) overlaps 10.1.128.0/17 (dc1)"), then blocks outside the supernet.
 */
export function validateCidrs(cidrs: readonly OwnedCidr[], options: CidrCheckOptions = {}): string[] {
    const problems: string[] = [];
    const ranged: RangedCidr[] = [];
    for (const item of cidrs) {
        const parsed = checkCidr(item.owner, item.cidr);
        if (typeof parsed === "string") problems.push(parsed);
        else ranged.push({ item, range: rangeOf(parsed) });
    }
    ranged.sort(compareRanged);
    for (const { a, b } of overlapsOf(ranged)) problems.push(`${a.cidr} (${a.owner}) overlaps ${b.cidr} (${b.owner})`);
    if (options.supernet === undefined) return problems;
    const supernet = checkCidr("supernet", options.supernet);
    if (typeof supernet === "string") return [...problems, supernet];
    const outer = rangeOf(supernet);
    const outside = ranged.filter(({ range }) => range.first < outer.first || range.last > outer.last);
    return [
        ...problems,
        ...outside.map(({ item }) => `${item.cidr} (${item.owner}) is outside the supernet ${options.supernet}`),
    ];
}

/**
 * Throws one error listing every problem validateCidrs finds, in the house style:
 * `Invalid <context>:\n - 10.1.0.0/16 (dev/workloads) overlaps 10.1.128.0/17 (on-prem/dc1)`.
 */
export function assertDisjoint(cidrs: readonly OwnedCidr[], context: string, options: CidrCheckOptions = {}): void {
    const problems = validateCidrs(cidrs, options);
    if (problems.length > 0) throw invalid(context, problems);
}

/** One VPC that needs a block. */
export interface VpcCidrRequest {
    /** Who the block is for, unique in the plan, e.g. "<env>/<region>/<spoke>". */
    readonly owner: string;
    /** The block's prefix length: AWS allows /16 (65,536 addresses) to /28, inside the supernet. */
    readonly prefixLength: number;
}

/** What planVpcCidrs allocates. */
export interface VpcCidrPlanArgs {
    /** The block every VPC is carved from, e.g. "10.0.0.0/8". */
    readonly supernet: string;
    /** The VPCs, in any order: the result does not depend on it. */
    readonly requests: readonly VpcCidrRequest[];
    /** Blocks already in use that no VPC may overlap (on-premises ranges, legacy VPCs). @default [] */
    readonly reserved?: readonly OwnedCidr[];
}

function planProblems(args: VpcCidrPlanArgs): string[] {
    const problems: string[] = [];
    const supernet = checkCidr("supernet", args.supernet);
    if (typeof supernet === "string") problems.push(supernet);
    const min = Math.max(AWS_MIN_PREFIX, typeof supernet === "string" ? 0 : supernet.prefixLength);
    if (min > AWS_MAX_PREFIX)
        problems.push(`supernet ${args.supernet} is a /${min}; a VPC needs a /${AWS_MAX_PREFIX} or larger`);
    const seen = new Map<string, number>();
    for (const { owner, prefixLength } of args.requests) {
        seen.set(owner, (seen.get(owner) ?? 0) + 1);
        if (typeof owner !== "string" || owner === "")
            problems.push(`owner ${JSON.stringify(owner)} is not a non-empty string`);
        if (min <= AWS_MAX_PREFIX && !isIntIn(prefixLength, min, AWS_MAX_PREFIX)) {
            problems.push(
                `${owner} asks for a /${prefixLength}; allowed: /${min} to /${AWS_MAX_PREFIX} (AWS VPCs are /16 to /28, inside the supernet)`,
            );
        }
    }
    for (const [owner, count] of seen)
        if (count > 1) problems.push(`${owner} is requested ${count} times; owners must be unique`);
    const reserved = (args.reserved ?? []).map((r) => checkCidr(`reserved ${r.owner}`, r.cidr));
    return [...problems, ...reserved.filter((r): r is string => typeof r === "string")];
}

/** The lowest block of `size` addresses, aligned to its size, inside `within` and clear of `used`. */
function firstFit(within: CidrRange, size: number, used: readonly CidrRange[]): number | undefined {
    let candidate = within.first;
    while (candidate + size - 1 <= within.last) {
        const clash = used.find((u) => u.first <= candidate + size - 1 && candidate <= u.last);
        if (clash === undefined) return candidate;
        candidate = Math.ceil((clash.last + 1) / size) * size;
    }
    return undefined;
}

/**
 * Allocates one non-overlapping VPC block per request from `supernet`, clear of `reserved`.
 * Deterministic and independent of input order: requests are placed largest first (prefix length,
 * then owner), each at the lowest free block aligned to its size. Largest-first packing of
 * power-of-two blocks wastes nothing, so without reservations a plan fits whenever the sizes add
 * up to no more than the supernet. Returns `{ owner: cidr }`, keys in owner order. Throws every
 * problem at once: `Invalid CIDR plan:\n - <owner> needs a /16 but <supernet> has no free /16 left`.
 */
export function planVpcCidrs(args: VpcCidrPlanArgs): Record<string, string> {
    const problems = planProblems(args);
    if (problems.length > 0) throw invalid("CIDR plan", problems);
    const supernet = cidrRange(args.supernet);
    const used = (args.reserved ?? []).map((r) => cidrRange(r.cidr));
    const sorted = [...args.requests].sort(
        (x, y) => x.prefixLength - y.prefixLength || compareStrings(x.owner, y.owner),
    );
    const allocated: [string, string][] = [];
    for (const { owner, prefixLength } of sorted) {
        const network = firstFit(supernet, 2 ** (32 - prefixLength), used);
        if (network === undefined) {
            problems.push(`${owner} needs a /${prefixLength} but ${args.supernet} has no free /${prefixLength} left`);
        } else {
            used.push(rangeOf({ network, prefixLength }));
            allocated.push([owner, formatCidr({ network, prefixLength })]);
        }
    }
    if (problems.length > 0) throw invalid("CIDR plan", problems);
    return Object.fromEntries(allocated.sort(([x], [y]) => compareStrings(x, y)));
}

/**
 * A subnet tier: `public` (NAT gateways, load balancers), `private` (nodes and, with the VPC CNI,
 * every EKS pod) or `isolated` (no route to the internet: Aurora, Redis).
 */
export type SubnetTier = "public" | "private" | "isolated";

/** All tiers, in the order equal-sized tiers are placed inside an AZ slice. */
export const SUBNET_TIERS: readonly SubnetTier[] = ["private", "isolated", "public"];

/** How layoutSubnets cuts a VPC. */
export interface SubnetLayoutOptions {
    /** How many AZs get subnets; the seeds spread node groups over 3. @default 3 */
    readonly azCount?: number;
    /**
     * How many equal AZ slices the VPC is cut into: a power of two, at least azCount. Slices past
     * azCount stay free, so an AZ can be added later without renumbering existing subnets.
     * @default the smallest power of two ≥ azCount (4 for 3 AZs)
     */
    readonly azSlots?: number;
    /**
     * Each tier's prefix length, the same in every AZ, e.g. `{ private: 19, isolated: 20, public: 21 }`.
     * @default private: slice + 1 (half the AZ slice), isolated: slice + 2 (a quarter), public: slice + 3 (an eighth)
     */
    readonly tiers?: Partial<Readonly<Record<SubnetTier, number>>>;
}

/** Each tier's subnet CIDRs, indexed by AZ (0 to azCount - 1). */
export type SubnetLayout = Record<SubnetTier, string[]>;

function nextPowerOfTwo(n: number): number {
    let p = 1;
    while (p < n) p *= 2;
    return p;
}

type TierPrefixes = Readonly<Record<SubnetTier, number>>;

function tierProblems(slicePrefix: number, prefixes: TierPrefixes, options: SubnetLayoutOptions): string[] {
    const problems: string[] = [];
    for (const tier of SUBNET_TIERS) {
        const p = prefixes[tier];
        const given = options.tiers?.[tier] !== undefined ? "" : ` (the default for a /${slicePrefix} AZ slice)`;
        if (!isIntIn(p, slicePrefix, AWS_MAX_PREFIX)) {
            problems.push(`tiers.${tier} is ${p}${given}; allowed: ${slicePrefix} (one AZ slice) to ${AWS_MAX_PREFIX}`);
        }
    }
    const need = SUBNET_TIERS.reduce((sum, tier) => sum + 2 ** (32 - prefixes[tier]), 0);
    const slice = 2 ** (32 - slicePrefix);
    if (problems.length === 0 && need > slice) {
        problems.push(`tiers need ${need} addresses per AZ but each /${slicePrefix} AZ slice holds ${slice}`);
    }
    return problems;
}

/** Validated layout inputs: the VPC, the AZ count, the AZ slice's prefix and each tier's prefix. */
function resolveLayout(vpcCidr: string, options: SubnetLayoutOptions) {
    const azCount = options.azCount ?? 3;
    const azSlots = options.azSlots ?? nextPowerOfTwo(azCount);
    const problems: string[] = [];
    const vpc = checkCidr("vpcCidr", vpcCidr);
    if (typeof vpc === "string") problems.push(vpc);
    else if (!isIntIn(vpc.prefixLength, AWS_MIN_PREFIX, AWS_MAX_PREFIX))
        problems.push(`vpcCidr ${vpcCidr} is not a /16 to /28 (AWS's VPC sizes)`);
    if (!isIntIn(azCount, 1, 2 ** 32)) problems.push(`azCount is ${azCount}; allowed: an integer of at least 1`);
    else if (!(isIntIn(azSlots, azCount, 2 ** 32) && nextPowerOfTwo(azSlots) === azSlots)) {
        problems.push(`azSlots is ${azSlots}; allowed: a power of two no smaller than azCount (${azCount})`);
    }
    if (problems.length > 0 || typeof vpc === "string") throw invalid("subnet layout", problems);
    const slicePrefix = vpc.prefixLength + Math.round(Math.log2(azSlots));
    if (slicePrefix > AWS_MAX_PREFIX - 2) {
        // Three tiers of at least a /28 (16 addresses) each need 48 addresses: a /26 per AZ.
        throw invalid("subnet layout", [
            `vpcCidr ${vpcCidr} cut into ${azSlots} AZ slices gives /${slicePrefix} slices;` +
                ` three AWS subnets (/${AWS_MAX_PREFIX} at the smallest) need a /${AWS_MAX_PREFIX - 2} per AZ`,
        ]);
    }
    const prefixes = {
        private: options.tiers?.private ?? slicePrefix + 1,
        isolated: options.tiers?.isolated ?? slicePrefix + 2,
        public: options.tiers?.public ?? slicePrefix + 3,
    };
    const problemsWithTiers = tierProblems(slicePrefix, prefixes, options);
    if (problemsWithTiers.length > 0) throw invalid("subnet layout", problemsWithTiers);
    return { vpc, azCount, sliceSize: 2 ** (32 - slicePrefix), prefixes };
}

/**
 * Splits a VPC into per-AZ subnets. The VPC is cut into `azSlots` equal AZ slices and AZ i uses
 * slice i; inside it the tiers sit largest first (ties in SUBNET_TIERS order), each aligned to its
 * size. By default each AZ gets half its slice as private (EKS pods take VPC addresses), a quarter
 * as isolated (databases, caches), an eighth as public (NAT, load balancers) and keeps an eighth
 * free for a later tier: a /16 over 3 AZs has /18 slices (the fourth spare), private /19s,
 * isolated /20s and public /21s. Throws `Invalid subnet layout:\n - ...` listing every problem.
 */
export function layoutSubnets(vpcCidr: string, options: SubnetLayoutOptions = {}): SubnetLayout {
    const { vpc, azCount, sliceSize, prefixes } = resolveLayout(vpcCidr, options);
    // Array.prototype.sort is stable, so equal sizes keep SUBNET_TIERS order.
    const order = [...SUBNET_TIERS].sort((x, y) => prefixes[x] - prefixes[y]);
    const layout: SubnetLayout = { public: [], private: [], isolated: [] };
    for (let az = 0; az < azCount; az++) {
        // Largest first: each offset is a sum of larger powers of two, so every subnet stays aligned.
        let network = vpc.network + az * sliceSize;
        for (const tier of order) {
            layout[tier].push(formatCidr({ network, prefixLength: prefixes[tier] }));
            network += 2 ** (32 - prefixes[tier]);
        }
    }
    return layout;
}
