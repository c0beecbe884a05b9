/**
 * The AWS CLI queries of the leftovers check: what the controllers create outside Pulumi's state and
 * how they tag it. The tag keys are the controllers' own (checked against their docs as far as
 * reachable here: the EBS CSI driver's tagging table; the others from the controllers' READMEs):
 * the load balancer controller tags its NLBs, ALBs and their security groups
 * `elbv2.k8s.aws/cluster=<cluster>`; the VPC CNI tags the ENIs it attaches
 * `cluster.k8s.amazonaws.com/name=<cluster>`; EKS's own control-plane ENIs say
 * `Amazon EKS <cluster>` in their description; the EBS CSI driver (run with `--k8s-tag-cluster-id`,
 * as the EKS add-on does) tags volumes `KubernetesCluster=<cluster>`, and the legacy in-tree
 * provider `kubernetes.io/cluster/<cluster>`.
 */
import { Leftover } from "./workspace";

/** One `aws ec2 describe-*` call and where its ids are. */
export interface Ec2Query {
    kind: Leftover["kind"];
    args: string[];
}

/** The EC2 queries (ENIs, security groups, volumes) for a cluster; load balancers go through elbv2 tags. */
export function ec2Queries(cluster: string): Ec2Query[] {
    const q = (kind: Leftover["kind"], command: string, filter: string, ids: string): Ec2Query => ({
        kind,
        args: ["ec2", command, "--filters", filter, "--query", ids, "--output", "json"],
    });
    const eni = "NetworkInterfaces[].NetworkInterfaceId";
    const sg = "SecurityGroups[].GroupId";
    const vol = "Volumes[].VolumeId";
    return [
        q(
            "network interface",
            "describe-network-interfaces",
            `Name=tag:cluster.k8s.amazonaws.com/name,Values=${cluster}`,
            eni,
        ),
        q("network interface", "describe-network-interfaces", `Name=description,Values=Amazon EKS ${cluster}`, eni),
        q("security group", "describe-security-groups", `Name=tag:elbv2.k8s.aws/cluster,Values=${cluster}`, sg),
        q("security group", "describe-security-groups", `Name=tag-key,Values=kubernetes.io/cluster/${cluster}`, sg),
        q("EBS volume", "describe-volumes", `Name=tag:KubernetesCluster,Values=${cluster}`, vol),
        q("EBS volume", "describe-volumes", `Name=tag-key,Values=kubernetes.io/cluster/${cluster}`, vol),
    ];
}

/** Whether a load balancer's tags (elbv2 describe-tags) name the cluster. */
export function taggedWithCluster(tags: { Key?: string; Value?: string }[], cluster: string): boolean {
    return tags.some(
        (t) =>
            (t.Key === "elbv2.k8s.aws/cluster" && t.Value === cluster) || t.Key === `kubernetes.io/cluster/${cluster}`,
    );
}

/** Distinct leftovers, in a stable order (two queries may find one resource). */
export function distinctLeftovers(found: Leftover[]): Leftover[] {
    const seen = new Map<string, Leftover>();
    for (const l of found) seen.set(`${l.kind} ${l.id}`, l);
    return [...seen.values()].sort((a, b) => `${a.kind} ${a.id}`.localeCompare(`${b.kind} ${b.id}`));
}
