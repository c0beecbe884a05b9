/**
 * Data access of the payments apps: each service's own database user (secrets in Secrets Manager,
 * created in PostgreSQL by a bootstrap Job), the Kubernetes Secrets the pods mount (`db-<service>`,
 * `cache-auth`) through external-secrets, and the cache-warming CronJob.
 *
 * On a global secondary (no writer, no proxy until promoted) there is no bootstrap Job: the global
 * database replicates the primary's roles, so the apps log in as the same users with the same
 * passwords, read across regions from the primary's Secrets Manager, against this region's reader
 * endpoint (read-only, as the secondary itself is, until a failover promotes it). external-secrets
 * reaches the primary region's Secrets Manager through the NAT (the hub's interface endpoints serve
 * their own region only); its controller's namespace is not under the payments policies.
 */
import * as pulumi from "@pulumi/pulumi";
import { DATABASE_NAME, POSTGRES_PORT } from "../../data/aurora";
import { AppContext } from "../context";
import { bootstrapJob } from "./bootstrap";
import { cacheWarmer, cacheWarmerPlacementProblems } from "./cacheWarmer";
import { DbEndpoint, cacheAuthSecret, dbSecret } from "./externalSecrets";
import { dbSecretStore } from "./secretStore";
import { CacheWarmerSettings, ResolvedCacheWarmer, resolveCacheWarmer } from "./settings";
import { DB_SERVICES, DbService } from "./users";

export { DB_SERVICES } from "./users";
export { CacheWarmerSettings } from "./settings";

export interface DataAccessArgs {
    /** The workloads' SSM path (leading and trailing "/"), where the SQL Server password is. */
    parameterPath: string;
    /** The cache-warming CronJob. @default none */
    cacheWarmer?: CacheWarmerSettings;
    /** The services with their own database user. @default DB_SERVICES */
    services?: readonly DbService[];
}

export interface DataAccess {
    /** What a pod using `db-<service>` must wait for: the bootstrap Job (where there is a writer) and the Secrets. */
    dbReady: pulumi.Resource[];
}

/** Every reason this part can't be built here, before any of its resources. */
function problems(ctx: AppContext, services: readonly DbService[], warmer?: ResolvedCacheWarmer): string[] {
    const missing = services.filter((s) => ctx.data.serviceUsers.secretArns[s] === undefined);
    const p =
        missing.length === 0
            ? []
            : [
                  `the payments database has no user for ${missing.join(", ")}` +
                      (ctx.data.globalRole === "secondary"
                          ? ": on a global secondary they come from the primary's dbServiceUserSecretArns; run the primary's `pulumi up` first"
                          : ": pass them in the database's serviceUsers"),
              ];
    return warmer ? [...p, ...cacheWarmerPlacementProblems(ctx, warmer)] : p;
}

export function buildDataAccess(ctx: AppContext, args: DataAccessArgs): DataAccess {
    const services = args.services ?? DB_SERVICES;
    const warmer = args.cacheWarmer && resolveCacheWarmer(args.cacheWarmer);
    const p = problems(ctx, services, warmer);
    if (p.length > 0) throw new Error(`Invalid payments apps data access:\n - ${p.join("\n - ")}`);
    const arns = ctx.data.serviceUsers.secretArns;
    const writer = ctx.data.globalRole !== "secondary" && ctx.data.proxyEndpoint && ctx.data.masterSecretArn;
    const endpoint: DbEndpoint = {
        host: (writer && ctx.data.proxyEndpoint) || ctx.data.readerEndpoint,
        port: POSTGRES_PORT,
        dbname: DATABASE_NAME,
    };
    const users = ctx.data.serviceUsers;
    const store = dbSecretStore(ctx, {
        region: users.region,
        kmsKeyArn: users.kmsKeyArn,
        secretArns: [...(writer ? [ctx.data.masterSecretArn!] : []), ...services.map((s) => arns[s])],
    });
    const secrets = services.map((s) => dbSecret(ctx, s, arns[s], endpoint, store));
    const cacheAuth = cacheAuthSecret(ctx);
    const dbReady: pulumi.Resource[] = [...secrets];
    if (writer)
        dbReady.push(
            bootstrapJob(ctx, {
                services,
                writerEndpoint: ctx.data.writerEndpoint,
                masterSecretArn: ctx.data.masterSecretArn!,
                secrets: [store, ...secrets],
                writerReady: ctx.data.writerInstances,
            }),
        );
    if (warmer) cacheWarmer(ctx, warmer, args.parameterPath, cacheAuth);
    return { dbReady: cacheAuth ? [...dbReady, cacheAuth] : dbReady };
}
