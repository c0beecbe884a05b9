/**
 * How every payments pod that uses the database gets it, the same for each (one Django settings
 * module reads it in web, API and the Celery workers): the service's own user from its `db-<service>`
 * Secret as DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, and libpq's TLS settings.
 */
import * as k8s from "@pulumi/kubernetes";
import { DB_SECRET_KEYS, dbSecretName } from "./secrets";

type EnvVar = k8s.types.input.core.v1.EnvVar;

/** Where the images keep the RDS CA bundle (global-bundle.pem, baked in at build time: see the README). */
export const RDS_CA_BUNDLE = "/etc/ssl/certs/rds-global-bundle.pem";

const ENV_NAMES: Record<(typeof DB_SECRET_KEYS)[number], string> = {
    host: "DB_HOST",
    port: "DB_PORT",
    dbname: "DB_NAME",
    username: "DB_USER",
    password: "DB_PASSWORD",
};

/** The service's database user, each key of its Secret under the name the app reads. */
export function dbEnv(service: string): EnvVar[] {
    return DB_SECRET_KEYS.map((key) => ({
        name: ENV_NAMES[key],
        valueFrom: { secretKeyRef: { name: dbSecretName(service), key } },
    }));
}

/**
 * libpq reads PGSSLMODE/PGSSLROOTCERT itself, whatever Django's settings say: verify-full, so a
 * wrong or spoofed endpoint fails instead of silently encrypting to it. Through RDS Proxy the server
 * certificate is an ACM one (Amazon Root CA, in every image's system store: `sslrootcert=system`,
 * libpq 16+); without a proxy (a global secondary's reader) it is Aurora's own, signed by the RDS
 * CA, whose bundle the image carries. Without PGSSLROOTCERT, libpq looks for ~/.postgresql/root.crt
 * and verify-full fails.
 */
export function dbTlsEnv(proxied: boolean): EnvVar[] {
    return Object.entries(tlsSettings(proxied)).map(([name, value]) => ({ name, value }));
}

/** The same settings as a map (a ConfigMap's data). */
export function tlsSettings(proxied: boolean): Record<string, string> {
    return { PGSSLMODE: "verify-full", PGSSLROOTCERT: proxied ? "system" : RDS_CA_BUNDLE };
}
