/**
 * Where the Transit Gateway attachment subnets go (pure). AWS recommends a small dedicated subnet per
 * AZ for the attachment's ENIs (Transit Gateway design best practices): it gets its own route table
 * and network ACL, so workload rules never shape transit traffic and the workload subnets keep their
 * addresses. A /28 is the smallest subnet AWS allows and is enough (one ENI per AZ; AWS reserves 5).
 *
 * Each goes into the free space that layoutSubnets leaves at the end of every AZ slice (an eighth of
 * the slice with the default tiers), so no existing subnet moves.
 */
import { SubnetLayout, cidrRange, formatCidr, parseCidr } from "./cidr";

/** The attachment subnets' size. */
export const TRANSIT_PREFIX = 28;

function nextPowerOfTwo(n: number): number {
    let p = 1;
    while (p < n) p *= 2;
    return p;
}

/**
 * One /28 per AZ right after that AZ's tiers in `layout` (as layoutSubnets cut `vpcCidr` into
 * `azSlots` slices). Throws `Invalid subnet layout:\n - ...` when an AZ slice has no room left.
 */
export function transitSubnetCidrs(vpcCidr: string, layout: SubnetLayout, azSlots?: number): string[] {
    const vpc = parseCidr(vpcCidr);
    const azCount = layout.private.length || layout.isolated.length || layout.public.length;
    const slots = azSlots ?? nextPowerOfTwo(azCount);
    const sliceSize = 2 ** (32 - vpc.prefixLength) / slots;
    const problems: string[] = [];
    const cidrs: string[] = [];
    for (let az = 0; az < azCount; az++) {
        const sliceStart = vpc.network + az * sliceSize;
        const used = [layout.public[az], layout.private[az], layout.isolated[az]].filter((c) => c !== undefined);
        // Tiers are placed largest first from the slice start, each aligned, so their end is /28-aligned.
        const end = Math.max(sliceStart, ...used.map((c) => cidrRange(c).last + 1));
        if (end + 2 ** (32 - TRANSIT_PREFIX) > sliceStart + sliceSize) {
            problems.push(
                `AZ ${az + 1} of ${vpcCidr} has no free /${TRANSIT_PREFIX} after its tiers for the Transit Gateway attachment`,
            );
        } else {
            cidrs.push(formatCidr({ network: end, prefixLength: TRANSIT_PREFIX }));
        }
    }
    if (problems.length > 0) throw new Error(`Invalid subnet layout:\n - ${problems.join("\n - ")}`);
    return cidrs;
}
