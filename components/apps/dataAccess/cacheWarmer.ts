/**
 * The seeds' "cronjob to cache data in ElastiCache from on-premises SQL Server": a CronJob that
 * reads from the SQL Server over Direct Connect/VPN and writes to the cache, reaching nothing else.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CACHE_PORT } from "../../data/PaymentsCache";
import { AppContext } from "../context";
import { networkPolicy } from "../namespace";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { CACHE_SECRET } from "../secrets";
import { externalSecret } from "./externalSecrets";
import { egressTo, isolatedCidrs, onPremCidrs } from "../network";
import { ResolvedCacheWarmer } from "./settings";

/** The Secret with the SQL Server password (key `password`). */
export const SQLSERVER_SECRET = "cache-warmer-sqlserver";
/** The operator-created SSM SecureString holding it, under the workloads' parameter path. */
export const sqlServerPasswordParameter = (parameterPath: string): string =>
    `${parameterPath}cache-warmer/sqlserver-password`;
const LABELS = { "app.kubernetes.io/name": "cache-warmer", "app.kubernetes.io/part-of": "payments" };

const fromSecret = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
});

function container(ctx: AppContext, s: ResolvedCacheWarmer) {
    return {
        name: "cache-warmer",
        image: ctx.image("cache-warmer"),
        env: [
            { name: "SQLSERVER_HOST", value: s.host },
            { name: "SQLSERVER_PORT", value: String(s.port) },
            { name: "SQLSERVER_DATABASE", value: s.database },
            { name: "SQLSERVER_USER", value: s.username },
            // The link to on-premises is private, the login still encrypted and the certificate checked.
            { name: "SQLSERVER_ENCRYPT", value: "strict" },
            fromSecret("SQLSERVER_PASSWORD", SQLSERVER_SECRET, "password"),
            { name: "REDIS_HOST", value: ctx.data.cache.primaryEndpoint },
            { name: "REDIS_PORT", value: String(CACHE_PORT) },
            { name: "REDIS_TLS", value: "true" },
            fromSecret("REDIS_PASSWORD", CACHE_SECRET.name, CACHE_SECRET.key),
        ],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        securityContext: containerSecurityContext(),
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    };
}

/** Why the cache warmer can't run here, before any resource of the part (the region has no on-prem range). */
export function cacheWarmerPlacementProblems(ctx: Pick<AppContext, "network">, s: ResolvedCacheWarmer): string[] {
    return onPremCidrs(ctx.network).length > 0
        ? []
        : [
              `payments-platform:apps.cacheWarmer is set, but the region's CIDR plan has no on-prem/... range for the SQL Server (${s.host}): add the hub's network.hub.onPremCidrs or remove cacheWarmer`,
          ];
}

/** The CronJob, its SQL Server password and its two network paths. */
export function cacheWarmer(
    ctx: AppContext,
    s: ResolvedCacheWarmer,
    parameterPath: string,
    cacheAuth: pulumi.Resource | undefined,
): k8s.batch.v1.CronJob {
    const onPrem = onPremCidrs(ctx.network);
    const password = externalSecret(
        ctx,
        SQLSERVER_SECRET,
        { kind: "ClusterSecretStore", name: ctx.cluster.secretStoreName },
        [{ secretKey: "password", remoteRef: { key: sqlServerPasswordParameter(parameterPath) } }],
    );
    const policy = networkPolicy(ctx, ctx.namespace, "cache-warmer-egress", {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Egress"],
        // The SQL Server on-premises only, and the cache (in the isolated subnets) only.
        egress: [egressTo(onPrem, s.port), egressTo(isolatedCidrs(ctx.network), CACHE_PORT)],
    });
    return new k8s.batch.v1.CronJob(
        `${ctx.name}-cache-warmer`,
        {
            metadata: { name: "cache-warmer", namespace: ctx.namespace.metadata.name, labels: LABELS },
            spec: {
                schedule: s.schedule,
                timeZone: "Etc/UTC",
                // A slow run is never overlapped by the next, which would double the load on the SQL Server.
                concurrencyPolicy: "Forbid",
                startingDeadlineSeconds: s.startingDeadlineSeconds,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
                jobTemplate: {
                    metadata: { labels: LABELS },
                    spec: {
                        activeDeadlineSeconds: s.activeDeadlineSeconds,
                        backoffLimit: 2,
                        template: {
                            metadata: { labels: LABELS },
                            spec: {
                                restartPolicy: "Never",
                                automountServiceAccountToken: false,
                                securityContext: podSecurityContext(),
                                containers: [container(ctx, s)],
                                volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
                            },
                        },
                    },
                },
            },
        },
        {
            parent: ctx.parent,
            provider: ctx.provider,
            dependsOn: [password, policy, ...(cacheAuth ? [cacheAuth] : [])],
        },
    );
}
