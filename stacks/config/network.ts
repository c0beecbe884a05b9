/**
 * Config keys of the network area (see NetworkHub / NetworkSpoke args for what each controls).
 * One structured key, `payments-platform:network`: the hub stack (role "network") sets the region's
 * plan, a workload stack sets its spoke and the hub stack it attaches to.
 */
import { z } from "zod";
import { ROUTE_DOMAINS } from "../../components/network/domains";

const cidr = () => z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
const owned = z.object({ owner: z.string().min(1), cidr: cidr() }).strict();

/** The hub's part: the region's CIDR plan and the hub's options. */
export const hubConfig = z
    .object({
        /** The shared-services VPC's CIDR. */
        sharedServicesCidr: cidr(),
        /** The region's spokes (built by their own stacks), for the CIDR plan, endpoint rules and blackholes. @default [] */
        spokes: z
            .array(z.object({ name: z.string().min(1), domain: z.enum(ROUTE_DOMAINS), cidr: cidr() }).strict())
            .default([]),
        /** On-premises ranges. @default [] */
        onPremCidrs: z.array(owned).default([]),
        /** Every CIDR must lie inside it. @default none */
        supernet: cidr().optional(),
        /** TGW Amazon-side ASN. @default 64512 */
        amazonSideAsn: z.number().int().default(64512),
        /** Interface endpoint services. @default the component's list */
        interfaceEndpoints: z.array(z.string().min(1)).optional(),
        /** Centralized egress VPC CIDR. @default none (off) */
        egressCidr: cidr().optional(),
        /** SSM-only bastion in the shared-services VPC. @default false */
        bastion: z.boolean().default(false),
    })
    .strict();

/** The spoke's part. */
export const spokeConfig = z
    .object({
        /** The hub stack to attach to, e.g. "network-frankfurt". */
        hubStack: z.string().min(1),
        /** The spoke VPC's CIDR. */
        vpcCidr: cidr(),
        /** NAT strategy. @default "OnePerAz" in prod, "Single" elsewhere */
        natStrategy: z.enum(["OnePerAz", "Single", "None"]).optional(),
        /** The rest of the region's plan (must match the hub's), routed to the TGW and checked disjoint. @default {} */
        regionCidrs: z.record(z.string(), cidr()).default({}),
    })
    .strict();

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const networkKeys = {
    /** The network area's settings. @default undefined (a stack without network settings builds no network) */
    network: z
        .object({
            /** AZs per VPC (the first N of the region). @default 3 */
            azCount: z.number().int().min(1).max(6).default(3),
            /** Flow-log retention in days. @default 365 */
            flowLogRetentionDays: z.number().int().positive().default(365),
            /** Hub settings (role "network"). @default undefined */
            hub: hubConfig.optional(),
            /** Spoke settings (role "workload"). @default undefined */
            spoke: spokeConfig.optional(),
        })
        .strict()
        .optional(),
} satisfies z.ZodRawShape;

export type NetworkConfig = z.infer<typeof networkKeys.network>;

/** The first `count` AZ names of a region ("eu-central-1a", ...): awsx needs plain names. */
export function azNames(region: string, count: number): string[] {
    return "abcdef"
        .slice(0, count)
        .split("")
        .map((l) => `${region}${l}`);
}
