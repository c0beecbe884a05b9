/**
 * Config keys of the eks area (see components/eks/args.ts for what each controls). One structured
 * key, `payments-platform:eks`; cross-field rules (min <= desired <= max, prod restrictions) are the
 * component's own validation, so they hold for every caller.
 */
import { z } from "zod";

const pool = z
    .object({
        /** EC2 instance types of the pool. */
        instanceTypes: z.array(z.string().min(1)).min(1),
        /** On-demand or spot. @default "ON_DEMAND" */
        capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
        /** Minimum nodes per AZ. */
        minSize: z.number().int().min(0),
        /** Nodes per AZ at creation. */
        desiredSize: z.number().int().min(0),
        /** Maximum nodes per AZ. */
        maxSize: z.number().int().min(1),
        /** Root volume GiB. @default 50 */
        diskSizeGiB: z.number().int().min(20).default(50),
        /** Share of nodes replaced at once during updates. @default 33 */
        maxUnavailablePercentage: z.number().int().min(1).max(100).default(33),
        /** IMDSv2 hop limit of the pool's nodes (2 lets pods reach instance metadata). @default 1 */
        imdsHopLimit: z.literal([1, 2]).default(1),
    })
    .strict();

export const eksSchema = z
    .object({
        /** Kubernetes minor, pinned. @default "1.34" */
        kubernetesVersion: z.string().default("1.34"),
        /** Public API endpoint (private access is always on). @default false */
        endpointPublicAccess: z.boolean().default(false),
        /** CIDRs allowed to the public endpoint when it is on. @default [] */
        publicAccessCidrs: z.array(z.string()).default([]),
        /**
         * Ranges that reach the private API endpoint on 443, each inside the region's CIDR plan.
         * @default the plan's on-prem/ and shared/ ranges
         */
        apiAccessCidrs: z.array(z.string()).optional(),
        /**
         * `pulumi up` runs as eksAdminRoleArn itself: EKS's creator entry already makes it
         * cluster-admin, and a second entry for the same role would fail. @default false
         */
        adminRoleIsDeployer: z.boolean().default(false),
        /** Control-plane log retention in days. @default 90 */
        logRetentionDays: z.number().int().default(90),
        /** Worker pools (sizes are per AZ). */
        nodeGroups: z.object({ system: pool, apps: pool }).strict(),
        ingress: z
            .object({
                /** Per-client rate limit: sustained requests/second and burst. @default { requestsPerSecond: 50, burst: 100 } */
                rateLimit: z
                    .object({ requestsPerSecond: z.number().int().min(1), burst: z.number().int().min(0) })
                    .strict()
                    .default({ requestsPerSecond: 50, burst: 100 }),
            })
            .strict(),
        /**
         * Whether this stack creates the account's Auto Scaling service-linked role (the volume key's
         * policy names it, and KMS refuses a policy naming a role that does not exist yet). "auto"
         * looks the role up at every preview and creates it only where the account lacks it, so a
         * second stack in the account, or dev re-created after its weekend teardown, does not collide
         * with it; true or false override the look-up. @default "auto"
         */
        createAutoscalingServiceLinkedRole: z.union([z.boolean(), z.literal("auto")]).default("auto"),
        /** SSM path external-secrets may read. @default "/payments/<environment>/" */
        parameterPath: z.string().optional(),
    })
    .strict();

export type EksConfig = z.infer<typeof eksSchema>;

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const eksKeys = {
    /** The region's EKS platform; required on workload stacks. @default unset */
    eks: eksSchema.optional(),
} satisfies z.ZodRawShape;
