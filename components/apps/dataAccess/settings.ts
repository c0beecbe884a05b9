/** The cache warmer's settings, their defaults and their rules (pure). */
import { cronProblems } from "./cron";

/** The CronJob that warms the cache from the on-premises SQL Server. */
export interface CacheWarmerSettings {
    /** Cron schedule, UTC. @default "*\/15 * * * *" */
    schedule?: string;
    /** The SQL Server's host (an address in an `on-prem/...` range). */
    host: string;
    /** @default 1433 */
    port?: number;
    /** The database the warm-up queries read. */
    database: string;
    /** The SQL Server login. @default "cache_warmer" */
    username?: string;
    /** @default 600 */
    activeDeadlineSeconds?: number;
    /** @default 300 */
    startingDeadlineSeconds?: number;
}

export type ResolvedCacheWarmer = Required<CacheWarmerSettings>;

export function resolveCacheWarmer(s: CacheWarmerSettings): ResolvedCacheWarmer {
    return {
        schedule: s.schedule ?? "*/15 * * * *",
        host: s.host,
        port: s.port ?? 1433,
        database: s.database,
        username: s.username ?? "cache_warmer",
        activeDeadlineSeconds: s.activeDeadlineSeconds ?? 600,
        startingDeadlineSeconds: s.startingDeadlineSeconds ?? 300,
    };
}

/** A hostname or IPv4 address (RFC 1123 labels). */
const HOST =
    /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** SQL Server database names: identifiers we pass unquoted in a connection string. */
const DATABASE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

const positiveInt = (key: string, v: number, max: number): string[] =>
    Number.isInteger(v) && v >= 1 && v <= max ? [] : [`${key} is ${v}, must be a whole number from 1 to ${max}`];

/** Every problem of the settings, named `<key>.<field>` (the config key as written). */
export function cacheWarmerProblems(key: string, s: CacheWarmerSettings): string[] {
    const r = resolveCacheWarmer(s);
    const p = cronProblems(`${key}.schedule`, r.schedule);
    if (!HOST.test(r.host)) p.push(`${key}.host is "${r.host}", must be a host name or IPv4 address`);
    if (!Number.isInteger(r.port) || r.port < 1 || r.port > 65535)
        p.push(`${key}.port is ${r.port}, must be a TCP port from 1 to 65535`);
    if (!DATABASE.test(r.database))
        p.push(`${key}.database is "${r.database}", must be a SQL Server identifier (letters, digits, _)`);
    if (!DATABASE.test(r.username))
        p.push(`${key}.username is "${r.username}", must be a SQL Server login (letters, digits, _)`);
    p.push(...positiveInt(`${key}.activeDeadlineSeconds`, r.activeDeadlineSeconds, 86_400));
    p.push(...positiveInt(`${key}.startingDeadlineSeconds`, r.startingDeadlineSeconds, 86_400));
    return p;
}
