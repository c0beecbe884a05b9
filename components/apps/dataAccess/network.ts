/** The address ranges the data-access pods may reach (pure, from the spoke's plain CIDRs). */
import { layoutSubnets } from "../../network/cidr";
import { AppNetwork } from "../context";

/**
 * The spoke's isolated subnets (Aurora, the proxy, the cache), as NetworkSpoke lays them out: the
 * same layoutSubnets call platformVpc makes (components/network/vpc.ts, default tier prefixes, one
 * slice per AZ). Plain values: a NetworkPolicy's ipBlock must be known before deploy.
 */
export function isolatedCidrs(network: Pick<AppNetwork, "vpcCidr" | "availabilityZones">): string[] {
    return layoutSubnets(network.vpcCidr, { azCount: network.availabilityZones.length }).isolated;
}

/** The region's on-premises ranges (owners `on-prem/...` in the CIDR plan). */
export function onPremCidrs(network: Pick<AppNetwork, "cidrPlan">): string[] {
    return network.cidrPlan.filter((c) => c.owner.startsWith("on-prem/")).map((c) => c.cidr);
}

/** An egress rule to these ranges on one TCP port. */
export function egressTo(cidrs: readonly string[], port: number) {
    return { to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port }] };
}
