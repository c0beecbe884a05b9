/**
 * Pieces every pod of the workers part shares: labels, sizes, the broker's connection and the
 * database user's Secret, and the emptyDir a read-only root file system needs for /tmp.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { CACHE_SECRET } from "../secrets";
import { ContainerSize } from "./args";

type Env = k8s.types.input.core.v1.EnvVar;

/** Label naming the workload (app.kubernetes.io/name); selectors and NetworkPolicies use it. */
export const NAME_LABEL = "app.kubernetes.io/name";
/** Label naming one Deployment of a workload (a worker's queue). */
export const INSTANCE_LABEL = "app.kubernetes.io/instance";

export function appLabels(name: string, instance: string = name): Record<string, string> {
    return { [NAME_LABEL]: name, [INSTANCE_LABEL]: instance, "app.kubernetes.io/part-of": "payments" };
}

/** Requests and limits; memory request = limit so the scheduler's sum is what the node can hold. */
export function resources(s: ContainerSize): k8s.types.input.core.v1.ResourceRequirements {
    return { requests: { cpu: s.cpu, memory: s.memory }, limits: { cpu: s.cpuLimit, memory: s.memory } };
}

/** Where the KEDA trigger and Celery's broker find the cache; `rediss`: ElastiCache requires TLS. */
export function brokerAddress(ctx: AppContext): pulumi.Output<string> {
    return pulumi.interpolate`${ctx.data.cache.primaryEndpoint}:${ctx.data.cache.port}`;
}

/**
 * The broker's parts as env, the AUTH token from the `cache-auth` Secret. The app's settings build
 * `broker_url` from them with the password percent-encoded: the token's charset (ElastiCache allows
 * `!&#$^<>-`) includes `#` and `&`, which would cut a URL assembled here with $(VAR) expansion.
 */
export function brokerEnv(ctx: AppContext, databaseIndex: number): Env[] {
    return [
        { name: "CELERY_BROKER_SCHEME", value: "rediss" },
        { name: "CELERY_BROKER_HOST", value: ctx.data.cache.primaryEndpoint },
        { name: "CELERY_BROKER_PORT", value: pulumi.interpolate`${ctx.data.cache.port}` },
        { name: "CELERY_BROKER_DB", value: String(databaseIndex) },
        // ElastiCache's certificates chain to Amazon's public CAs, which the image's trust store has.
        { name: "CELERY_BROKER_SSL_CERT_REQS", value: "required" },
        {
            name: "CELERY_BROKER_PASSWORD",
            valueFrom: { secretKeyRef: { name: CACHE_SECRET.name, key: CACHE_SECRET.key } },
        },
    ];
}

/** /tmp on an emptyDir (the root file system is read-only). */
export const TMP_VOLUME = { name: "tmp", emptyDir: { sizeLimit: "256Mi" } };
export const TMP_MOUNT = { name: "tmp", mountPath: "/tmp" };
