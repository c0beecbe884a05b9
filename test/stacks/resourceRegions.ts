/**
 * The region rule over a recorded stack (pure): every AWS resource is created through an explicit
 * provider whose region is the stack's, except global services, the peer-side halves of the
 * links a hub owns, and the vault (and its key) a backup plan copies to. A resource on the wrong provider is created in the wrong region without any
 * error from AWS, and a default provider takes its region from whatever `aws:region` or AWS_REGION
 * the deploying machine has, and none of the stack's default tags.
 */
import { ResourceRecord, StackPlan } from "../../automation/plan/types";

/**
 * Types whose API is global, so the provider's region does not decide where they live: IAM; Route 53's
 * hosted zones, records, health checks and zone-VPC associations (the association names the VPC's
 * region itself; Route 53 Resolver is regional and NOT here); CloudFront; Global Accelerator (its
 * API is in us-west-2 whatever the accelerator serves, as its developer guide says); Organizations;
 * Budgets: the services the AWS General Reference gives one global endpoint. WAF for CloudFront and
 * its ACM certificate are not global but bound to us-east-1, so they belong in a stack of that region.
 */
export const GLOBAL_TYPE_PREFIXES: readonly string[] = [
    "aws:iam/",
    "aws:route53/zone:",
    "aws:route53/record:",
    "aws:route53/healthCheck:",
    "aws:route53/zoneAssociation:",
    "aws:route53/vpcAssociationAuthorization:",
    "aws:cloudfront/",
    "aws:globalaccelerator/",
    "aws:organizations/",
    "aws:budgets/",
];

/**
 * What a hub may create in a peer's region: the accepting half of a peering it requested, and for a
 * link it owns whole (TgwLink) the peer side's association and static routes.
 */
export const PEER_SIDE_TYPES: readonly string[] = [
    "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    "aws:ec2transitgateway/route:Route",
];

const PEERING = "aws:ec2transitgateway/peeringAttachment:PeeringAttachment";

/** What a stack may create in the region its AWS Backup plan copies to: the copy vault and its key. */
export const BACKUP_COPY_TYPES: readonly string[] = ["aws:backup/vault:Vault", "aws:kms/key:Key"];

/** The regions of the vaults this stack's backup plans copy to (from the copy actions' vault ARNs). */
export function backupCopyRegions(resources: ResourceRecord[]): Set<string> {
    const arns = resources
        .filter((r) => r.type === "aws:backup/plan:Plan")
        .flatMap((r) => (r.inputs.rules as { copyActions?: { destinationVaultArn?: unknown }[] }[] | undefined) ?? [])
        .flatMap((rule) => rule.copyActions ?? [])
        .map((c) => c.destinationVaultArn);
    return new Set(arns.filter((a): a is string => typeof a === "string").map((a) => a.split(":")[3]));
}

export const isGlobalType = (type: string): boolean => GLOBAL_TYPE_PREFIXES.some((p) => type.startsWith(p));

/** The regions of the peerings this stack requests (its configured peerings, as recorded). */
export function peerRegions(resources: ResourceRecord[]): Set<string> {
    return new Set(
        resources
            .filter((r) => r.type === PEERING && typeof r.inputs.peerRegion === "string")
            .map((r) => r.inputs.peerRegion as string),
    );
}

/** Every AWS resource of the stack that is not where the rule says, one line each (empty: all in place). */
export function resourceRegionProblems(plan: StackPlan): string[] {
    const providers = new Map<string, ResourceRecord>();
    for (const r of plan.resources) if (r.type === "pulumi:providers:aws") providers.set(`${r.urn}::${r.id}`, r);
    const peers = peerRegions(plan.resources);
    const copies = backupCopyRegions(plan.resources);
    const problems: string[] = [];
    for (const p of providers.values())
        if (typeof p.inputs.region !== "string")
            problems.push(`provider ${p.name} has no region: it would take the deploying machine's`);
    for (const r of plan.resources) {
        if (!r.custom || !r.type.startsWith("aws:")) continue;
        const at = `${r.type} ${r.name}`;
        const provider = providers.get(r.provider);
        if (!provider) {
            problems.push(`${at} is on the default provider, not the stack's explicit provider in ${plan.region}`);
            continue;
        }
        const region = provider.inputs.region;
        if (typeof region !== "string" || region === plan.region || isGlobalType(r.type)) continue;
        if (peers.has(region) && PEER_SIDE_TYPES.includes(r.type)) continue;
        if (copies.has(region) && BACKUP_COPY_TYPES.includes(r.type)) continue;
        const why = peers.has(region)
            ? `a peer's region, where only ${PEER_SIDE_TYPES.join(", ")} may be`
            : `neither the stack's region ${plan.region} nor a configured peering's`;
        problems.push(`${at} is on provider ${provider.name} in ${region}, ${why}`);
    }
    return problems;
}
