/**
 * The long-lived TCP service: clients hold connections open for minutes, so a release must not cut
 * them. On a pod's deletion the kubelet runs preStop first: the image's `drain` command closes the
 * listener (new connections go to the other pods: a terminating pod also leaves the Service's
 * endpoints) and waits for open connections to close, up to drainSeconds, closing the idle ones;
 * then SIGTERM, and the process closes what is left within TCP_SHUTDOWN_MARGIN_SECONDS. The grace
 * period counts from the start of preStop, hence grace ≥ drainSeconds + margin (checks.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { TcpGatewayArgs } from "./args";
import { LEDGER } from "./ledgerAccess";
import { TMP_MOUNT, TMP_VOLUME, appLabels, resources } from "./pod";

export const TCP_GATEWAY = "tcp-gateway";

/** The command the preStop hook runs: stop accepting, wait for connections to close, up to `drainSeconds`. */
export function drainCommand(drainSeconds: number): string[] {
    return ["tcp-gateway", "drain", `--timeout=${drainSeconds}s`];
}

const opts = (ctx: AppContext): pulumi.CustomResourceOptions => ({ parent: ctx.parent, provider: ctx.provider });

/** The gateway and its Service; it forwards to the ledger's leader Service on `ledgerPort`. */
export function buildTcpGateway(ctx: AppContext, t: TcpGatewayArgs, ledgerPort: number): k8s.apps.v1.Deployment {
    const labels = appLabels(TCP_GATEWAY);
    const ns = ctx.namespace.metadata.name;
    new k8s.core.v1.ServiceAccount(
        `${ctx.name}-sa-${TCP_GATEWAY}`,
        { metadata: { name: TCP_GATEWAY, namespace: ns, labels }, automountServiceAccountToken: false },
        opts(ctx),
    );
    new k8s.core.v1.Service(
        `${ctx.name}-svc-${TCP_GATEWAY}`,
        {
            metadata: { name: TCP_GATEWAY, namespace: ns, labels },
            spec: {
                type: "ClusterIP",
                selector: labels,
                ports: [{ name: "tcp", protocol: "TCP", port: t.port, targetPort: t.port }],
            },
        },
        opts(ctx),
    );
    // Node drains (upgrades, the autoscaler) evict one gateway at a time: each eviction runs the
    // drain, and the others keep serving the connections that move.
    new k8s.policy.v1.PodDisruptionBudget(
        `${ctx.name}-${TCP_GATEWAY}-pdb`,
        {
            metadata: { name: TCP_GATEWAY, namespace: ns, labels },
            spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
        },
        opts(ctx),
    );
    return new k8s.apps.v1.Deployment(
        `${ctx.name}-${TCP_GATEWAY}`,
        {
            metadata: { name: TCP_GATEWAY, namespace: ns, labels },
            spec: {
                replicas: t.replicas,
                // A new pod is up before an old one starts draining: capacity never drops in a release.
                strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: TCP_GATEWAY,
                        automountServiceAccountToken: false,
                        securityContext: podSecurityContext(),
                        terminationGracePeriodSeconds: t.terminationGracePeriodSeconds,
                        containers: [
                            {
                                name: TCP_GATEWAY,
                                image: ctx.image("tcp-gateway"),
                                ports: [{ name: "tcp", containerPort: t.port, protocol: "TCP" }],
                                env: [
                                    { name: "LISTEN_PORT", value: String(t.port) },
                                    { name: "UPSTREAM_ADDRESS", value: `${LEDGER}:${ledgerPort}` },
                                    { name: "DRAIN_SECONDS", value: String(t.drainSeconds) },
                                ],
                                lifecycle: { preStop: { exec: { command: drainCommand(t.drainSeconds) } } },
                                readinessProbe: { tcpSocket: { port: t.port }, periodSeconds: 5 },
                                livenessProbe: { tcpSocket: { port: t.port }, periodSeconds: 20, failureThreshold: 3 },
                                resources: resources(t.resources),
                                securityContext: containerSecurityContext(),
                                volumeMounts: [TMP_MOUNT],
                            },
                        ],
                        volumes: [TMP_VOLUME],
                    },
                },
            },
        },
        opts(ctx),
    );
}
