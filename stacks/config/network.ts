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
        /** The bastion's pinned AMI id: set or change it to roll the bastion. @default the latest AL2023 at creation, kept after */
        bastionAmi: z.string().optional(),
    })
    .strict();

/** The spoke's part. */
export const spokeConfig = z
    .object({
        /**
         * The hub stack to attach to: a stack of this project ("network-frankfurt", prefixed with this
         * organization and project) or fully qualified ("<org>/<project>/<stack>", used as given).
         */
        hubStack: z.string().superRefine((v, ctx) => {
            const problem = stackNameProblem(v);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
        /** The spoke VPC's CIDR. */
        vpcCidr: cidr(),
        /** NAT strategy. @default "OnePerAz" in prod, "Single" elsewhere */
        natStrategy: z.enum(["OnePerAz", "Single", "None"]).optional(),
        /**
         * Blocks the hub's plan doesn't hold that this spoke must route to the TGW (owner → CIDR), checked
         * disjoint from the hub's plan. The hub's plan itself (its `cidrPlan` output) is read through the
         * stack reference: it is never repeated here. @default {}
         */
        regionCidrs: z.record(z.string(), cidr()).default({}),
    })
    .strict();

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const networkKeys = {
    /** The network area's settings. @default undefined (a stack without network settings builds no network) */
    network: z
        .object({
            /** AZs per VPC (the first N the region offers, unless pinned). @default 3 */
            azCount: z.number().int().min(1).max(6).default(3),
            /**
             * The hub's AZs, pinned by name (azCount of them, each offered to this account). Pin them
             * once the hub is deployed: an AZ that later turns unavailable would otherwise shift the
             * first-N choice and plan to replace the hub's subnets. Spokes always take their hub's.
             * @default the first azCount the region offers
             */
            availabilityZones: z.array(z.string().min(1)).min(1).optional(),
            /**
             * AZ ids (account-independent, unlike the letters) never chosen: EKS refuses cluster subnets in
             * use1-az3, usw1-az2 and cac1-az3 (UnsupportedAvailabilityZoneException; listed in the EKS
             * user guide's VPC and subnet requirements), and use1-az3 lacks current instance families.
             * @default ["use1-az3", "usw1-az2", "cac1-az3"]
             */
            excludeZoneIds: z.array(z.string().min(1)).default(["use1-az3", "usw1-az2", "cac1-az3"]),
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

/** Pulumi's charset for organization, project and stack names. */
const NAME_PART = /^[A-Za-z0-9_.-]+$/;
const STACK_NAME_ALLOWED =
    'must be a stack of this project ("network-frankfurt") or fully qualified ("<org>/<project>/<stack>")';

/** Why `value` can't name a stack to reference, or undefined when it can (pure). */
export function stackNameProblem(value: string): string | undefined {
    const parts = value.split("/");
    if (parts.length !== 1 && parts.length !== 3) return `it has ${parts.length} parts, ${STACK_NAME_ALLOWED}`;
    const bad = parts.findIndex((p) => !NAME_PART.test(p));
    if (bad === -1) return undefined;
    const which = parts.length === 1 ? "the name" : ["the organization", "the project", "the stack"][bad];
    return `${which} ${parts[bad] === "" ? "is empty" : `${JSON.stringify(parts[bad])} has characters outside A-Z a-z 0-9 _ . -`}, ${STACK_NAME_ALLOWED}`;
}

/**
 * The fully qualified name of a stack reference: a bare stack name gets this organization and
 * project (with a self-managed backend, the organization is "organization"); "<org>/<project>/<stack>"
 * is kept as given, so a Pulumi Cloud user may spell it out without it being prefixed twice.
 */
export function qualifyStackName(value: string, organization: string, project: string): string {
    const problem = stackNameProblem(value);
    if (problem) throw new Error(`stack name ${JSON.stringify(value)}: ${problem}`);
    return value.includes("/") ? value : `${organization}/${project}/${value}`;
}
