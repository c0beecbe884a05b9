/**
 * The Kubernetes Secrets the payments pods mount, made by external-secrets from what the data
 * components write: `db-<service>` (the service's own user at the proxy) and `cache-auth`. The
 * manifests name only where each value is (an ARN, a parameter name, a property); the values exist
 * only in the Secrets external-secrets writes.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { CACHE_SECRET, dbSecretName } from "../secrets";
import { DB_SECRET_STORE } from "./secretStore";

/** How often external-secrets re-reads a source (a rotated password reaches the pods within this). */
export const REFRESH_INTERVAL = "1h";

type StoreKind = "SecretStore" | "ClusterSecretStore";
type Data = { secretKey: string; remoteRef: { key: pulumi.Input<string>; property?: string } }[];

/**
 * One ExternalSecret, its target Secret of the same name (owned: deleted with it). Fields checked
 * against external-secrets helm-chart-1.3.2 config/crds/bases/external-secrets.io_externalsecrets.yaml
 * (v1: secretStoreRef {kind, name}, data[].remoteRef {key, property}, target {name, creationPolicy,
 * template {engineVersion v2, data}}).
 */
export function externalSecret(
    ctx: AppContext,
    name: string,
    store: { kind: StoreKind; name: string },
    data: Data,
    template?: Record<string, pulumi.Input<string>>,
    dependsOn: pulumi.Resource[] = [],
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-es-${name}`,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "ExternalSecret",
            metadata: { name, namespace: ctx.namespace.metadata.name },
            spec: {
                refreshInterval: REFRESH_INTERVAL,
                secretStoreRef: store,
                target: {
                    name,
                    creationPolicy: "Owner",
                    ...(template ? { template: { engineVersion: "v2", data: template } } : {}),
                },
                data,
            },
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn },
    );
}

export interface DbEndpoint {
    /** Where the service connects: the proxy, or on a global secondary the cluster's reader endpoint. */
    host: pulumi.Input<string>;
    port: number;
    dbname: string;
}

/**
 * `db-<service>`: the user's name and password from its own secret, host/port/dbname as plain
 * values, all five keys the apps read (DB_SECRET_KEYS) in one Secret.
 */
export function dbSecret(
    ctx: AppContext,
    service: string,
    secretArn: pulumi.Input<string>,
    endpoint: DbEndpoint,
    store: pulumi.Resource,
): k8s.apiextensions.CustomResource {
    return externalSecret(
        ctx,
        dbSecretName(service),
        { kind: "SecretStore", name: DB_SECRET_STORE },
        [
            { secretKey: "username", remoteRef: { key: secretArn, property: "username" } },
            { secretKey: "password", remoteRef: { key: secretArn, property: "password" } },
        ],
        {
            host: endpoint.host,
            port: String(endpoint.port),
            dbname: endpoint.dbname,
            username: "{{ .username }}",
            password: "{{ .password }}",
        },
        [store],
    );
}

/** `cache-auth`: the cache's AUTH token, from the SSM SecureString the cache component writes. */
export function cacheAuthSecret(ctx: AppContext): k8s.apiextensions.CustomResource | undefined {
    const parameter = ctx.data.cache.authTokenParameterName;
    if (parameter === undefined) return undefined;
    return externalSecret(ctx, CACHE_SECRET.name, { kind: "ClusterSecretStore", name: ctx.cluster.secretStoreName }, [
        { secretKey: CACHE_SECRET.key, remoteRef: { key: parameter } },
    ]);
}
