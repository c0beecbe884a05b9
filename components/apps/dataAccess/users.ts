/**
 * The services with their own database user, what each may do, and the SQL that makes it so: pure,
 * so the bootstrap Job's script (and the hash that names the Job) is tested from values.
 */
import { createHash } from "crypto";
import { DATABASE_NAME, MASTER_USERNAME } from "../../data/aurora";
import { serviceUserName } from "../../data/serviceUsers";

/** The services that talk to PostgreSQL, each as its own user (never the master user). */
// Not beat: it keeps its schedule in Redis (RedBeat, components/apps/workers/celery.ts) and never
// connects to PostgreSQL, so a user of its own would be a live credential nobody uses.
export const DB_SERVICES = ["web", "api", "worker"] as const;
export type DbService = (typeof DB_SERVICES)[number];

/**
 * Least privilege per service, on the tables Django's migrations create in `public` (run by the
 * master user as a release step, so no service holds DDL rights or owns a table):
 * - web, api and worker read and write rows (payments, sessions, task results): DML, no DDL.
 * Sequences: USAGE for nextval() on inserts, SELECT for currval().
 */
export const TABLE_PRIVILEGES: Record<DbService, readonly string[]> = {
    web: ["SELECT", "INSERT", "UPDATE", "DELETE"],
    api: ["SELECT", "INSERT", "UPDATE", "DELETE"],
    worker: ["SELECT", "INSERT", "UPDATE", "DELETE"],
};

/** The environment variable the bootstrap Job gets a service's password in (from its `db-<service>` Secret). */
export const passwordEnv = (service: string): string => `PASSWORD_${service.toUpperCase().replace(/-/g, "_")}`;

/** One service's role (created once, its password re-synced every run) and grants. */
function serviceSql(service: DbService): string {
    const role = serviceUserName(service);
    const tables = TABLE_PRIVILEGES[service].join(", ");
    const v = `pw_${service}`;
    return [
        `-- ${service}: ${tables} on tables`,
        "DO $$ BEGIN",
        `  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${role}') THEN`,
        `    CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;`,
        "  END IF;",
        "END $$;",
        // psql substitutes :'var' as a quoted literal (outside DO bodies only): no quoting by hand.
        `\\getenv ${v} ${passwordEnv(service)}`,
        `ALTER ROLE ${role} WITH LOGIN PASSWORD :'${v}';`,
        `GRANT CONNECT ON DATABASE ${DATABASE_NAME} TO ${role};`,
        `GRANT USAGE ON SCHEMA public TO ${role};`,
        `GRANT ${tables} ON ALL TABLES IN SCHEMA public TO ${role};`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${MASTER_USERNAME} IN SCHEMA public GRANT ${tables} ON TABLES TO ${role};`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${MASTER_USERNAME} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role};`,
    ].join("\n");
}

/**
 * The bootstrap script, run by psql (>= 15 for \getenv) as the master user: idempotent (roles made
 * if missing, passwords re-set from the secrets every run), in one transaction. The passwords are
 * never in the script: each comes from an environment variable filled from a Secret. ALTER ROLE …
 * PASSWORD is hashed by the server and never logged: the parameter group logs slow statements only
 * (log_min_duration_statement 1s), log_statement stays none. Aurora PostgreSQL 14+ defaults
 * password_encryption to scram-sha-256 (AWS docs, "Using SCRAM for PostgreSQL password encryption"),
 * which the proxy's POSTGRES_SCRAM_SHA_256 client auth and its login with the secret rely on.
 */
export function bootstrapSql(services: readonly DbService[]): string {
    return [
        "\\set ON_ERROR_STOP on",
        "BEGIN;",
        // Only the listed users connect; nobody but the master creates objects in public.
        `REVOKE ALL ON DATABASE ${DATABASE_NAME} FROM PUBLIC;`,
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        ...services.map(serviceSql),
        "COMMIT;",
        "",
    ].join("\n");
}

/**
 * Short content hash naming the Job (with its image) and its script: a change replaces them under a
 * new name (a Job's template is immutable, and a same-name replacement would delete the old first).
 */
export function bootstrapHash(sql: string, services: readonly string[], image?: string): string {
    const content = { sql, services, ...(image === undefined ? {} : { image }) };
    return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 10);
}
