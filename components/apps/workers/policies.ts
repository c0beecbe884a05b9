/**
 * The paths the workers part's pods need through the namespace's default-deny, each opened
 * exactly: the cache and the RDS Proxy live in the spoke's isolated subnets (layoutSubnets'
 * isolated tier of the VPC CIDR), so egress goes to those CIDRs on their ports only. Kubelet probes
 * need no rule: the VPC CNI's network-policy agent always admits the pod's own node IP
 * (aws/aws-network-policy-agent PR #65; #636 names the namespaced path that adds it).
 * KEDA's operator runs in `keda`, a namespace without default-deny, and reaches the cache through
 * the node security group the cache admits: nothing here is in its path.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { PolicySpec, networkPolicy } from "../namespace";
import { tierCidrs } from "../network";
import { LEDGER } from "./ledgerAccess";
import { NAME_LABEL } from "./pod";
import { TCP_GATEWAY } from "./tcpGateway";

type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** Pods opt in as the tcp-gateway's clients with this label (namespace `payments`). */
export const TCP_CLIENT_LABEL = { key: "payments-platform/tcp-gateway-client", value: "true" } as const;

const pods = (name: string): { podSelector: { matchLabels: Record<string, string> } } => ({
    podSelector: { matchLabels: { [NAME_LABEL]: name } },
});

/** The `kubernetes` Service's ClusterIP in either of EKS's default service ranges. */
export const KUBERNETES_SERVICE_IPS = ["10.100.0.1/32", "172.20.0.1/32"];

/** A tier of the spoke's subnets as policy peers (components/apps/network.ts). */
const tierPeers = (ctx: AppContext, tier: "isolated" | "private"): Peer[] =>
    tierCidrs(ctx.network, tier).map((cidr) => ({ ipBlock: { cidr } }));

function egressOnly(name: string, to: Peer[], ports: pulumi.Input<number>[]): PolicySpec {
    return {
        ...pods(name),
        policyTypes: ["Egress"],
        egress: [{ to, ports: ports.map((port) => ({ protocol: "TCP", port })) }],
    };
}

export function workersPolicies(ctx: AppContext, ledgerPort: number, tcpPort: number): void {
    const isolated = tierPeers(ctx, "isolated");
    const cache = ctx.data.cache.port;
    networkPolicy(ctx, ctx.namespace, "worker-egress", egressOnly("worker", isolated, [cache, ctx.data.port]));
    networkPolicy(ctx, ctx.namespace, "beat-egress", egressOnly("beat", isolated, [cache]));
    // The standby's MySQL replicates the active's; leader election goes to the API server, and the
    // sidecar is on localhost: 3306 between the two pods is all they exchange.
    networkPolicy(ctx, ctx.namespace, "ledger-peers", {
        ...pods(LEDGER),
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [pods(LEDGER)], ports: [{ protocol: "TCP", port: 3306 }] }],
        egress: [{ to: [pods(LEDGER)], ports: [{ protocol: "TCP", port: 3306 }] }],
    });
    // The Lease and the leader label are API calls. EKS's API endpoints behind the `kubernetes`
    // Service are the control plane's ENIs in the cluster's (private) subnets, on 443. The agent's
    // hook sits on the pod's veth, before kube-proxy translates the Service address, and the
    // `kubernetes` Service has no selector the agent could resolve: so the Service's own ClusterIP
    // is allowed too. EKS gives it the first address of the service range, which (unset, as here)
    // is 10.100.0.0/16 or 172.20.0.0/16 by the VPC's range (EKS API, KubernetesNetworkConfigRequest
    // serviceIpv4Cidr): both /32s, which hold nothing but that Service.
    networkPolicy(
        ctx,
        ctx.namespace,
        "ledger-api-server",
        egressOnly(
            LEDGER,
            [...tierPeers(ctx, "private"), ...KUBERNETES_SERVICE_IPS.map((cidr) => ({ ipBlock: { cidr } }))],
            [443],
        ),
    );
    networkPolicy(ctx, ctx.namespace, "ledger-from-tcp-gateway", {
        ...pods(LEDGER),
        policyTypes: ["Ingress"],
        ingress: [{ from: [pods(TCP_GATEWAY)], ports: [{ protocol: "TCP", port: ledgerPort }] }],
    });
    // The gateway's clients are in-cluster: pods of this namespace that wear the client label.
    networkPolicy(ctx, ctx.namespace, "tcp-gateway", {
        ...pods(TCP_GATEWAY),
        policyTypes: ["Ingress", "Egress"],
        ingress: [
            {
                from: [{ podSelector: { matchLabels: { [TCP_CLIENT_LABEL.key]: TCP_CLIENT_LABEL.value } } }],
                ports: [{ protocol: "TCP", port: tcpPort }],
            },
        ],
        egress: [{ to: [pods(LEDGER)], ports: [{ protocol: "TCP", port: ledgerPort }] }],
    });
}
