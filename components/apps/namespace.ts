/**
 * An application namespace that denies by default: the "restricted" Pod Security Standard, and a
 * NetworkPolicy selecting every pod with no rule, so a pod reaches (and is reached by) only what an
 * explicit allow names. The VPC CNI enforces these once its network-policy agent is on
 * (components/eks/managedAddons.ts, `enableNetworkPolicy`); without it they are silently ignored,
 * and every pod could reach the database through the node security group.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** What every Kubernetes object of the apps needs: its provider and its parent. */
export interface AppK8sContext {
    /** Prefix of child resource names. */
    name: string;
    provider: k8s.Provider;
    parent: pulumi.Resource;
}

/** One NetworkPolicy's spec, without the namespace (the namespace's own). */
export type PolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/** Labels CoreDNS's pods carry on EKS (the coredns add-on keeps the upstream `k8s-app: kube-dns`). */
export const KUBE_DNS = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };

/** An egress rule to CoreDNS on 53 (UDP and TCP), and nowhere else. */
export const DNS_EGRESS: k8s.types.input.networking.v1.NetworkPolicyEgressRule = {
    to: [
        {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": KUBE_DNS.namespace } },
            podSelector: { matchLabels: KUBE_DNS.podLabels },
        },
    ],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

/** The namespace and its two base policies: deny everything, then DNS to CoreDNS only. */
export function appNamespace(
    ctx: AppK8sContext,
    ns: string,
    dependsOn: pulumi.Input<pulumi.Resource>[] = [],
): k8s.core.v1.Namespace {
    const namespace = new k8s.core.v1.Namespace(
        `${ctx.name}-ns-${ns}`,
        {
            metadata: {
                name: ns,
                labels: {
                    "pod-security.kubernetes.io/enforce": "restricted",
                    "pod-security.kubernetes.io/warn": "restricted",
                },
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn },
    );
    networkPolicy(ctx, namespace, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    networkPolicy(ctx, namespace, "allow-dns", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [DNS_EGRESS],
    });
    return namespace;
}

/** An allow policy `<policy>` in the namespace (policies are additive: each opens one path). */
export function networkPolicy(
    ctx: AppK8sContext,
    namespace: k8s.core.v1.Namespace,
    policy: string,
    spec: PolicySpec,
): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(
        `${ctx.name}-netpol-${policy}`,
        { metadata: { name: policy, namespace: namespace.metadata.name }, spec },
        { parent: ctx.parent, provider: ctx.provider },
    );
}
