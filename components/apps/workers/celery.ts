/**
 * Celery on KEDA: a worker Deployment per queue, each sized by a KEDA ScaledObject on its Redis list,
 * and one beat. KEDA 2.18.3's redis scaler (keda-scalers/redis_scaler.go at 2.18, read with `search`)
 * takes `address` (host:port), `listName`, `listLength`, `activationListLength`, `databaseIndex`
 * and `enableTLS` from the trigger's metadata and `password` from its TriggerAuthentication; TLS may
 * be set in one of the two places only ("unable to set `tls` in both"), so it is in the metadata.
 * The list is the queue's name: kombu's Redis transport pushes a queue's messages (priority 0, the
 * default) to a list named after the queue.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { CACHE_SECRET } from "../secrets";
import { CeleryArgs, QueueArgs } from "./args";
import { dbEnv, dbTlsEnv } from "../dbEnv";
import { TMP_MOUNT, TMP_VOLUME, appLabels, brokerAddress, brokerEnv, resources } from "./pod";

type Env = k8s.types.input.core.v1.EnvVar;

/** Name of the TriggerAuthentication every queue's trigger uses. */
export const CACHE_TRIGGER_AUTH = "cache-auth";

export interface CeleryWorkloads {
    workers: Record<string, k8s.apps.v1.Deployment>;
    beat: k8s.apps.v1.Deployment;
}

const opts = (ctx: AppContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({
    parent: ctx.parent,
    provider: ctx.provider,
    ...extra,
});

/** Every queue's worker and ScaledObject, the beat, and their service accounts (no API token). */
export function buildCelery(ctx: AppContext, c: CeleryArgs): CeleryWorkloads {
    const auth = triggerAuthentication(ctx);
    for (const sa of ["worker", "beat"]) serviceAccount(ctx, sa);
    const workers: Record<string, k8s.apps.v1.Deployment> = {};
    for (const [queue, q] of Object.entries(c.queues)) {
        workers[queue] = workerDeployment(ctx, c, queue, q);
        scaledObject(ctx, c, queue, q, workers[queue], auth);
    }
    return { workers, beat: beatDeployment(ctx, c) };
}

function serviceAccount(ctx: AppContext, name: string): k8s.core.v1.ServiceAccount {
    return new k8s.core.v1.ServiceAccount(
        `${ctx.name}-sa-${name}`,
        {
            metadata: { name, namespace: ctx.namespace.metadata.name, labels: appLabels(name) },
            // Neither calls the Kubernetes API: no token in the pod.
            automountServiceAccountToken: false,
        },
        opts(ctx),
    );
}

/** Celery's worker-safety settings, read by the app's Celery config from env. */
function celeryEnv(c: CeleryArgs): Env[] {
    return [
        { name: "CELERY_ACKS_LATE", value: String(c.acksLate) },
        { name: "CELERY_WORKER_PREFETCH_MULTIPLIER", value: String(c.prefetchMultiplier) },
        // A task whose worker is killed mid-run goes back to the queue instead of being acked.
        { name: "CELERY_TASK_REJECT_ON_WORKER_LOST", value: "true" },
        { name: "CELERY_BROKER_VISIBILITY_TIMEOUT", value: String(c.visibilityTimeoutSeconds) },
    ];
}

function workerDeployment(ctx: AppContext, c: CeleryArgs, queue: string, q: QueueArgs): k8s.apps.v1.Deployment {
    const labels = appLabels("worker", `worker-${queue}`);
    return new k8s.apps.v1.Deployment(
        `${ctx.name}-worker-${queue}`,
        {
            metadata: { name: `worker-${queue}`, namespace: ctx.namespace.metadata.name, labels },
            spec: {
                // No replicas: KEDA's HPA owns the count; left out, the program never fights it (and
                // server-side apply gives the field to the HPA's manager).
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: "worker",
                        automountServiceAccountToken: false,
                        securityContext: podSecurityContext(),
                        terminationGracePeriodSeconds: q.terminationGracePeriodSeconds,
                        containers: [
                            {
                                name: "worker",
                                image: ctx.image("worker"),
                                args: ["worker", `--queues=${queue}`, `--concurrency=${q.concurrency}`],
                                env: [
                                    ...celeryEnv(c),
                                    ...brokerEnv(ctx, c.databaseIndex),
                                    { name: "CELERY_TASK_TIME_LIMIT", value: String(q.maxTaskSeconds) },
                                    ...dbEnv("worker"),
                                    ...dbTlsEnv(ctx.data.proxyEndpoint !== undefined),
                                ],
                                resources: resources(q.resources),
                                securityContext: containerSecurityContext(),
                                volumeMounts: [TMP_MOUNT],
                            },
                        ],
                        volumes: [TMP_VOLUME],
                    },
                },
            },
        },
        // Pods start only once their db-<service> and cache-auth Secrets exist (data access).
        opts(ctx, { dependsOn: ctx.dbReady ?? [] }),
    );
}

/**
 * The trigger's credentials: `password` from the `cache-auth` Secret. KEDA reads a
 * TriggerAuthentication's secretTargetRef only from the ScaledObject's own namespace, so it is here,
 * beside the Secret. KEDA's operator (namespace `keda`, not default-deny) connects to the cache from
 * its pod, i.e. through the node security group the cache admits: no NetworkPolicy here is involved.
 */
function triggerAuthentication(ctx: AppContext): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-keda-auth-cache`,
        {
            apiVersion: "keda.sh/v1alpha1",
            kind: "TriggerAuthentication",
            metadata: { name: CACHE_TRIGGER_AUTH, namespace: ctx.namespace.metadata.name },
            spec: { secretTargetRef: [{ parameter: "password", name: CACHE_SECRET.name, key: CACHE_SECRET.key }] },
        },
        opts(ctx),
    );
}

function scaledObject(
    ctx: AppContext,
    c: CeleryArgs,
    queue: string,
    q: QueueArgs,
    worker: k8s.apps.v1.Deployment,
    auth: k8s.apiextensions.CustomResource,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-scaled-worker-${queue}`,
        {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            metadata: { name: `worker-${queue}`, namespace: ctx.namespace.metadata.name },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: worker.metadata.name },
                minReplicaCount: q.minReplicas,
                maxReplicaCount: q.maxReplicas,
                pollingInterval: c.pollingIntervalSeconds,
                cooldownPeriod: c.cooldownPeriodSeconds,
                triggers: [
                    {
                        type: "redis",
                        metadata: {
                            address: brokerAddress(ctx),
                            listName: queue,
                            listLength: String(q.listLength),
                            activationListLength: String(q.activationListLength),
                            databaseIndex: String(c.databaseIndex),
                            enableTLS: "true",
                        },
                        authenticationRef: { name: auth.metadata.name, kind: "TriggerAuthentication" },
                    },
                ],
            },
        },
        opts(ctx, { dependsOn: [auth] }),
    );
}

/** The broker and RedBeat's lock: a key, a timeout, and ticks well inside it (each tick renews the lock). */
function beatEnv(ctx: AppContext, c: CeleryArgs): Env[] {
    return [
        ...brokerEnv(ctx, c.databaseIndex),
        { name: "CELERY_REDBEAT_LOCK_KEY", value: "redbeat::payments::lock" },
        { name: "CELERY_REDBEAT_LOCK_TIMEOUT", value: String(c.beatLockTimeoutSeconds) },
        { name: "CELERY_BEAT_MAX_LOOP_INTERVAL", value: String(Math.max(1, Math.floor(c.beatLockTimeoutSeconds / 5))) },
    ];
}

/**
 * One beat, never two: replicas 1 with Recreate (the old pod is gone before the new one starts),
 * and RedBeat's lock in Redis (celery-redbeat's `redbeat_lock_key`, renewed while beat runs,
 * expiring after `redbeat_lock_timeout`) so a beat that outlives its pod on a partitioned node
 * still can't run the schedule twice. Beat reads the schedule from Redis: it needs no database user.
 */
function beatDeployment(ctx: AppContext, c: CeleryArgs): k8s.apps.v1.Deployment {
    const labels = appLabels("beat");
    return new k8s.apps.v1.Deployment(
        `${ctx.name}-beat`,
        {
            metadata: { name: "beat", namespace: ctx.namespace.metadata.name, labels },
            spec: {
                replicas: 1,
                strategy: { type: "Recreate" },
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: "beat",
                        automountServiceAccountToken: false,
                        securityContext: podSecurityContext(),
                        terminationGracePeriodSeconds: 30,
                        containers: [
                            {
                                name: "beat",
                                image: ctx.image("beat"),
                                args: ["beat", "--scheduler=redbeat.RedBeatScheduler"],
                                env: beatEnv(ctx, c),
                                resources: resources(c.beatResources),
                                securityContext: containerSecurityContext(),
                                volumeMounts: [TMP_MOUNT],
                            },
                        ],
                        volumes: [TMP_VOLUME],
                    },
                },
            },
        },
        // Pods start only once their db-<service> and cache-auth Secrets exist (data access).
        opts(ctx, { dependsOn: ctx.dbReady ?? [] }),
    );
}
