/**
 * Names of the Kubernetes Secrets through which the payments pods get their credentials, as the
 * contract between the part that creates them (ExternalSecrets from the paths the data components
 * write) and the parts that mount them. Nothing secret is ever in a ConfigMap or a manifest.
 */

/** Secret `db-<service>`: the service's own database user at the proxy (keys in DB_SECRET_KEYS). */
export const dbSecretName = (service: string): string => `db-${service}`;

/** Keys of a `db-<service>` Secret. */
export const DB_SECRET_KEYS = ["host", "port", "dbname", "username", "password"] as const;

/** Secret holding the cache's AUTH token (key `token`), read by web, API, workers and KEDA. */
export const CACHE_SECRET = { name: "cache-auth", key: "token" } as const;
