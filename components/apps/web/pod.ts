/**
 * The pod template of a Django Deployment (web or API): gunicorn behind ingress-nginx, hardened,
 * on the apps node pool, spread over zones and nodes, draining before it stops.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POOL_LABEL } from "../../eks/nodeGroups";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { dbEnv } from "../dbEnv";
import { CACHE_SECRET } from "../secrets";

export { RDS_CA_BUNDLE, tlsSettings } from "../dbEnv";
import { APP_PORT, NGINX_UPSTREAM_KEEPALIVE_SECONDS, ResolvedService, WebService } from "./settings";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type EnvVar = k8s.types.input.core.v1.EnvVar;

/** The node pool the payments apps run on (components/eks node groups label every node with its pool). */
export const APPS_POOL = "apps";

/**
 * gunicorn keeps an idle connection longer than nginx does (its upstream-keepalive-timeout, 60 s),
 * so nginx is always the side that closes an idle one: the other way round, nginx may send a request
 * on a connection gunicorn is closing and answer 502.
 */
export const GUNICORN_KEEPALIVE_SECONDS = NGINX_UPSTREAM_KEEPALIVE_SECONDS + 15;

/** The labels of a service's pods (selector of its Deployment, Service, PDB and policies). */
export function podLabels(svc: WebService): Record<string, string> {
    return { "app.kubernetes.io/name": svc, "app.kubernetes.io/part-of": "payments" };
}

/**
 * gunicorn's flags (GUNICORN_CMD_ARGS, read by gunicorn itself). gthread because on SIGTERM its
 * workers stop accepting and answer every request they still hold with `Connection: close`
 * (gthread.py: `if not self.alive …: resp.force_close()`), so no keep-alive outlives the drain;
 * `--graceful-timeout` is the longest request, after which the master kills what is left.
 */
export function gunicornArgs(s: ResolvedService): string {
    return [
        `--bind=0.0.0.0:${APP_PORT}`,
        "--worker-class=gthread",
        `--workers=${s.workers}`,
        `--threads=${s.threads}`,
        `--graceful-timeout=${s.maxRequestSeconds}`,
        `--keep-alive=${GUNICORN_KEEPALIVE_SECONDS}`,
        "--worker-tmp-dir=/tmp",
    ].join(" ");
}

/** Secret-sourced env: the service's own database user (`db-<service>`) and the cache AUTH token. */
export function secretEnv(svc: WebService): EnvVar[] {
    return [
        ...dbEnv(svc),
        { name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: CACHE_SECRET.name, key: CACHE_SECRET.key } } },
    ];
}

/**
 * The kubelet sends the pod IP as Host, which Django's ALLOWED_HOSTS refuses with 400: the probes
 * name the service's host instead, so the app needs no exemption for them.
 */
function probes(s: ResolvedService, host: string) {
    const get = (path: string) => ({ httpGet: { path, port: "http", httpHeaders: [{ name: "Host", value: host }] } });
    return {
        readinessProbe: { ...get(s.readinessPath), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
        livenessProbe: { ...get(s.livenessPath), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
        // Django's start (imports, checks) may take a while: up to 2 minutes before liveness counts.
        startupProbe: { ...get(s.livenessPath), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24 },
    };
}

/** Zones first (a zone's loss takes at most a third), then nodes, counted per ReplicaSet during a rollout. */
function spread(svc: WebService, prod: boolean): k8s.types.input.core.v1.TopologySpreadConstraint[] {
    return [
        ["topology.kubernetes.io/zone", prod ? "DoNotSchedule" : "ScheduleAnyway"],
        ["kubernetes.io/hostname", "ScheduleAnyway"],
    ].map(([topologyKey, whenUnsatisfiable]) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable,
        labelSelector: { matchLabels: podLabels(svc) },
        matchLabelKeys: ["pod-template-hash"],
    }));
}

export interface PodInputs {
    svc: WebService;
    /** The host the service answers for (its Ingress's, and Django's ALLOWED_HOSTS). */
    host: string;
    settings: ResolvedService;
    image: pulumi.Input<string>;
    serviceAccountName: pulumi.Input<string>;
    configMapName: pulumi.Input<string>;
    prod: boolean;
}

export function podTemplate(i: PodInputs): PodTemplate {
    const s = i.settings;
    return {
        metadata: { labels: podLabels(i.svc) },
        spec: {
            serviceAccountName: i.serviceAccountName,
            // Neither service calls the Kubernetes API.
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: podSecurityContext(),
            nodeSelector: { [POOL_LABEL]: APPS_POOL },
            topologySpreadConstraints: spread(i.svc, i.prod),
            terminationGracePeriodSeconds: s.draining.terminationGracePeriodSeconds,
            containers: [
                {
                    name: i.svc,
                    image: i.image,
                    ports: [{ name: "http", containerPort: APP_PORT, protocol: "TCP" }],
                    envFrom: [{ configMapRef: { name: i.configMapName } }],
                    env: secretEnv(i.svc),
                    resources: {
                        requests: { cpu: s.cpuRequest, memory: s.memoryRequest },
                        limits: { cpu: s.cpuLimit, memory: s.memoryLimit },
                    },
                    ...probes(s, i.host),
                    // The kubelet's own sleep (GA in 1.34, KEP-3960; on by default since 1.30): no
                    // `sleep` binary needed in the image.
                    lifecycle: { preStop: { sleep: { seconds: s.draining.preStopSeconds } } },
                    securityContext: containerSecurityContext(),
                    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                },
            ],
            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
        },
    };
}
