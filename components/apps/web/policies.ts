/**
 * The paths the web and API pods may use, on top of the namespace's deny-all and DNS: in from
 * ingress-nginx's controller pods only, on the app port; out to the database proxy and the cache,
 * in the spoke's isolated subnets only. Nothing else (no 443: neither service calls an AWS API).
 * The kubelet's probes need no rule: the VPC CNI's policy agent always admits the node's own IP to
 * pods selected by namespaced policies (aws/aws-network-policy-agent #56, fixed by #65).
 */
import { POSTGRES_PORT } from "../../data/aurora";
import { CACHE_PORT } from "../../data/PaymentsCache";
import { AppContext } from "../context";
import { networkPolicy } from "../namespace";
import { egressTo, isolatedCidrs } from "../network";
import { APP_PORT, WebService } from "./settings";
import { podLabels } from "./pod";

/**
 * ingress-nginx's controller pods (chart 4.15.1, templates/_helpers.tpl `ingress-nginx.selectorLabels`
 * plus controller-deployment.yaml's component label; the release is named "ingress-nginx" in
 * components/eks/helmAddons.ts). The component label keeps the chart's admission-webhook Jobs out.
 */
export const INGRESS_NGINX = {
    namespace: "ingress-nginx",
    podLabels: {
        "app.kubernetes.io/name": "ingress-nginx",
        "app.kubernetes.io/instance": "ingress-nginx",
        "app.kubernetes.io/component": "controller",
    },
};

/** The ports the pods reach the data stores on (RDS Proxy listens on the engine's port, 5432). */
export const DATA_PORTS = [POSTGRES_PORT, CACHE_PORT];

export function webPolicies(ctx: AppContext, svc: WebService): void {
    const podSelector = { matchLabels: podLabels(svc) };
    networkPolicy(ctx, ctx.namespace, `${svc}-from-ingress-nginx`, {
        podSelector,
        policyTypes: ["Ingress"],
        ingress: [
            {
                from: [
                    {
                        namespaceSelector: {
                            matchLabels: { "kubernetes.io/metadata.name": INGRESS_NGINX.namespace },
                        },
                        podSelector: { matchLabels: INGRESS_NGINX.podLabels },
                    },
                ],
                ports: [{ protocol: "TCP", port: APP_PORT }],
            },
        ],
    });
    // The proxy and the cache put their interfaces in the isolated subnets, where nothing of ours runs.
    networkPolicy(ctx, ctx.namespace, `${svc}-to-data`, {
        podSelector,
        policyTypes: ["Egress"],
        egress: [egressTo(isolatedCidrs(ctx.network), ...DATA_PORTS)],
    });
}
