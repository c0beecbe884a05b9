/**
 * The address ranges the payments pods' NetworkPolicies name (pure, from the spoke's plain CIDRs:
 * an ipBlock must be known before deploy).
 */
import * as pulumi from "@pulumi/pulumi";
import { layoutSubnets } from "../network/cidr";
import { AppNetwork } from "./context";

/**
 * A tier of the spoke's subnets, as NetworkSpoke lays them out: the same layoutSubnets call
 * platformVpc makes (components/network/vpc.ts, default tier prefixes, one slice per AZ). The
 * isolated tier holds Aurora, the RDS Proxy and the cache (and nothing of ours runs there), the
 * private tier the nodes and the EKS API's endpoints. Narrower than the VPC's CIDR, so a rule to a
 * data store's port can't reach another pod or node.
 */
export function tierCidrs(
    network: Pick<AppNetwork, "vpcCidr" | "availabilityZones">,
    tier: "private" | "isolated",
): string[] {
    return layoutSubnets(network.vpcCidr, { azCount: network.availabilityZones.length })[tier];
}

/** The spoke's isolated subnets (Aurora, the proxy, the cache). */
export function isolatedCidrs(network: Pick<AppNetwork, "vpcCidr" | "availabilityZones">): string[] {
    return tierCidrs(network, "isolated");
}

/** The region's on-premises ranges (owners `on-prem/...` in the CIDR plan). */
export function onPremCidrs(network: Pick<AppNetwork, "cidrPlan">): string[] {
    return network.cidrPlan.filter((c) => c.owner.startsWith("on-prem/")).map((c) => c.cidr);
}

/** An egress rule to these ranges on these TCP ports. */
export function egressTo(cidrs: readonly string[], ...ports: pulumi.Input<number>[]) {
    return {
        to: cidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: ports.map((port) => ({ protocol: "TCP", port })),
    };
}
