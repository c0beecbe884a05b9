/**
 * The Kubernetes objects of one Django service: its ServiceAccount, settings ConfigMap, Deployment,
 * Service, Ingress, HPA and PDB.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CACHE_PORT } from "../../data/PaymentsCache";
import { AppContext } from "../context";
import { gunicornArgs, podLabels, podTemplate, tlsSettings } from "./pod";
import { ResolvedService, WebService } from "./settings";

export interface ServiceInputs {
    svc: WebService;
    settings: ResolvedService;
    /** The host its Ingress answers for. */
    host: string;
    /** What the pods need first (e.g. the database users' bootstrap and the secrets). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export interface ServiceObjects {
    deployment: k8s.apps.v1.Deployment;
    service: k8s.core.v1.Service;
    ingress: k8s.networking.v1.Ingress;
}

export function serviceObjects(ctx: AppContext, i: ServiceInputs): ServiceObjects {
    const opts = { parent: ctx.parent, provider: ctx.provider };
    const deployment = deploymentFor(ctx, i, opts);
    const service = new k8s.core.v1.Service(
        `${ctx.name}-${i.svc}-service`,
        {
            metadata: { name: i.svc, namespace: ctx.namespace.metadata.name, labels: podLabels(i.svc) },
            spec: {
                type: "ClusterIP",
                selector: podLabels(i.svc),
                ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
            },
        },
        opts,
    );
    const ingress = ingressFor(ctx, i, service, opts);
    autoscaler(ctx, i, deployment, opts);
    disruptionBudget(ctx, i, opts);
    return { deployment, service, ingress };
}

/** The non-secret settings the pods read (auto-named: a change is a new ConfigMap, and the Deployment rolls to it). */
function settingsMap(ctx: AppContext, i: ServiceInputs, opts: pulumi.CustomResourceOptions): k8s.core.v1.ConfigMap {
    return new k8s.core.v1.ConfigMap(
        `${ctx.name}-${i.svc}-settings`,
        {
            metadata: { namespace: ctx.namespace.metadata.name, labels: podLabels(i.svc) },
            data: {
                SERVICE: i.svc,
                DJANGO_ALLOWED_HOSTS: i.host,
                GUNICORN_CMD_ARGS: gunicornArgs(i.settings),
                ...tlsSettings(ctx.data.proxyEndpoint !== undefined),
                REDIS_HOST: ctx.data.cache.primaryEndpoint,
                REDIS_PORT: String(CACHE_PORT),
                // The cache has in-transit encryption on: rediss://, certificate verified.
                REDIS_TLS: "true",
            },
        },
        opts,
    );
}

function deploymentFor(ctx: AppContext, i: ServiceInputs, opts: pulumi.CustomResourceOptions): k8s.apps.v1.Deployment {
    const namespace = ctx.namespace.metadata.name;
    // No IRSA role: neither service calls an AWS API (the database and cache credentials arrive as
    // Secrets, Celery tasks go to Redis), so neither gets AWS credentials it would never use.
    const sa = new k8s.core.v1.ServiceAccount(
        `${ctx.name}-${i.svc}-sa`,
        { metadata: { name: i.svc, namespace, labels: podLabels(i.svc) }, automountServiceAccountToken: false },
        opts,
    );
    const config = settingsMap(ctx, i, opts);
    return new k8s.apps.v1.Deployment(
        `${ctx.name}-${i.svc}-deployment`,
        {
            metadata: { name: i.svc, namespace, labels: podLabels(i.svc) },
            spec: {
                // No `replicas`: the HPA owns it, and an update must not reset it to a fixed count.
                selector: { matchLabels: podLabels(i.svc) },
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
                revisionHistoryLimit: 5,
                template: podTemplate({
                    svc: i.svc,
                    host: i.host,
                    settings: i.settings,
                    image: ctx.image(i.svc),
                    serviceAccountName: sa.metadata.name,
                    configMapName: config.metadata.name,
                    prod: ctx.prod,
                }),
            },
        },
        // The cluster component includes the apps node groups, the VPC CNI's policy agent and
        // external-secrets: without them the rollout Pulumi awaits could not finish.
        { ...opts, dependsOn: [ctx.cluster, ...i.dependsOn] },
    );
}

function ingressFor(
    ctx: AppContext,
    i: ServiceInputs,
    service: k8s.core.v1.Service,
    opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.Ingress {
    const seconds = String(i.settings.maxRequestSeconds);
    return new k8s.networking.v1.Ingress(
        `${ctx.name}-${i.svc}-ingress`,
        {
            metadata: {
                name: i.svc,
                namespace: ctx.namespace.metadata.name,
                labels: podLabels(i.svc),
                annotations: {
                    // nginx gives up on a silent upstream after the longest request, not its 60 s default.
                    "nginx.ingress.kubernetes.io/proxy-read-timeout": seconds,
                    "nginx.ingress.kubernetes.io/proxy-send-timeout": seconds,
                },
            },
            spec: {
                ingressClassName: ctx.cluster.ingressClassName,
                rules: [
                    {
                        host: i.host,
                        http: {
                            paths: i.settings.paths.map((path) => ({
                                path,
                                pathType: "Prefix",
                                backend: { service: { name: service.metadata.name, port: { name: "http" } } },
                            })),
                        },
                    },
                ],
            },
        },
        // ingress-nginx's admission webhook (failurePolicy Fail) must answer before an Ingress can be
        // created: the cluster component includes its Helm release. Pulumi then awaits the Ingress's
        // status address, which nginx fills with its ClusterIP Service's IP (publishService on by
        // default; internal/ingress/status/status.go at helm-chart-4.15.1).
        { ...opts, dependsOn: [ctx.cluster] },
    );
}

function autoscaler(
    ctx: AppContext,
    i: ServiceInputs,
    deployment: k8s.apps.v1.Deployment,
    opts: pulumi.CustomResourceOptions,
): void {
    const s = i.settings;
    const namespace = ctx.namespace.metadata.name;
    const utilization = (name: string, averageUtilization: number) => ({
        type: "Resource",
        resource: { name, target: { type: "Utilization", averageUtilization } },
    });
    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        `${ctx.name}-${i.svc}-hpa`,
        {
            metadata: { name: i.svc, namespace, labels: podLabels(i.svc) },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
                minReplicas: s.minReplicas,
                maxReplicas: s.maxReplicas,
                metrics: [utilization("cpu", s.targetCpuPercent), utilization("memory", s.targetMemoryPercent)],
                behavior: {
                    // Up fast (double, or 4 pods, per 30 s); down slowly (a quarter per minute).
                    scaleUp: {
                        stabilizationWindowSeconds: s.scaleUpStabilizationSeconds,
                        selectPolicy: "Max",
                        policies: [
                            { type: "Percent", value: 100, periodSeconds: 30 },
                            { type: "Pods", value: 4, periodSeconds: 30 },
                        ],
                    },
                    scaleDown: {
                        stabilizationWindowSeconds: s.scaleDownStabilizationSeconds,
                        selectPolicy: "Max",
                        policies: [{ type: "Percent", value: 25, periodSeconds: 60 }],
                    },
                },
            },
        },
        opts,
    );
}

function disruptionBudget(ctx: AppContext, i: ServiceInputs, opts: pulumi.CustomResourceOptions): void {
    const s = i.settings;
    new k8s.policy.v1.PodDisruptionBudget(
        `${ctx.name}-${i.svc}-pdb`,
        {
            metadata: { name: i.svc, namespace: ctx.namespace.metadata.name, labels: podLabels(i.svc) },
            spec: {
                minAvailable: s.pdbMinAvailable,
                selector: { matchLabels: podLabels(i.svc) },
                // A crash-looping pod must not block node drains (GA since 1.31).
                unhealthyPodEvictionPolicy: "AlwaysAllow",
            },
        },
        opts,
    );
}
