/**
 * The workers part's rules, as pure functions over its settings: each problem names the config key as
 * the user wrote it (`key` is its prefix, e.g. `payments-platform:apps.workers`), the value, and what
 * is allowed. Run by the stack config before any resource.
 */
import { CeleryArgs, LedgerArgs, QueueArgs, TcpGatewayArgs } from "./args";

/**
 * Seconds the tcp-gateway's process gets after the drain's deadline: the kubelet sends SIGTERM once
 * preStop returns, and the process still flushes and closes what the drain left.
 */
export const TCP_SHUTDOWN_MARGIN_SECONDS = 10;

/** A queue name becomes `worker-<queue>` (Deployment, ScaledObject): a DNS label of at most 63. */
const QUEUE_NAME = /^[a-z0-9]([a-z0-9-]{0,54}[a-z0-9])?$/;

const isInt = (v: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
    Number.isInteger(v) && v >= min && v <= max;

/** Worker safety and scaling of every queue; scale to zero only where `environment` is dev. */
export function celeryProblems(key: string, c: CeleryArgs, environment: string): string[] {
    const problems: string[] = [];
    if (c.acksLate !== true)
        problems.push(
            `${key}.acksLate is ${String(c.acksLate)}, must be true: a worker stopped by a scale-down would lose the task it had taken`,
        );
    if (c.prefetchMultiplier !== 1)
        problems.push(
            `${key}.prefetchMultiplier is ${c.prefetchMultiplier}, must be 1: prefetched tasks leave the Redis list, so KEDA would not see them`,
        );
    if (!isInt(c.pollingIntervalSeconds, 1))
        problems.push(`${key}.pollingIntervalSeconds is ${c.pollingIntervalSeconds}, must be an integer of at least 1`);
    if (!isInt(c.cooldownPeriodSeconds, 0))
        problems.push(`${key}.cooldownPeriodSeconds is ${c.cooldownPeriodSeconds}, must be an integer of at least 0`);
    if (!isInt(c.databaseIndex, 0, 15))
        problems.push(`${key}.databaseIndex is ${c.databaseIndex}, must be 0 to 15 (ElastiCache's databases)`);
    if (!isInt(c.beatLockTimeoutSeconds, 10))
        problems.push(
            `${key}.beatLockTimeoutSeconds is ${c.beatLockTimeoutSeconds}, must be an integer of at least 10`,
        );
    const names = Object.keys(c.queues);
    if (names.length === 0) problems.push(`${key}.queues is empty: name at least one queue`);
    for (const [name, q] of Object.entries(c.queues))
        problems.push(...queueProblems(`${key}.queues.${name}`, name, q, c.visibilityTimeoutSeconds, environment));
    return problems;
}

function queueProblems(key: string, name: string, q: QueueArgs, visibility: number, environment: string): string[] {
    const problems: string[] = [];
    if (!QUEUE_NAME.test(name))
        problems.push(
            `${key}: queue name "${name}" must be 1-56 of a-z 0-9 - (it names the Deployment worker-${name}), starting and ending alphanumeric`,
        );
    if (!isInt(q.minReplicas, 0))
        problems.push(`${key}.minReplicas is ${q.minReplicas}, must be an integer of at least 0`);
    else if (q.minReplicas === 0 && environment !== "dev")
        problems.push(
            `${key}.minReplicas is 0: scale to zero is allowed in dev only (environment is ${environment}), use at least 1`,
        );
    if (!isInt(q.maxReplicas, Math.max(1, q.minReplicas)))
        problems.push(
            `${key}.maxReplicas is ${q.maxReplicas}, must be an integer of at least 1 and of minReplicas (${q.minReplicas})`,
        );
    if (!isInt(q.listLength, 1))
        problems.push(`${key}.listLength is ${q.listLength}, must be an integer of at least 1`);
    if (!isInt(q.activationListLength, 0))
        problems.push(`${key}.activationListLength is ${q.activationListLength}, must be an integer of at least 0`);
    if (!isInt(q.concurrency, 1))
        problems.push(`${key}.concurrency is ${q.concurrency}, must be an integer of at least 1`);
    if (!isInt(q.maxTaskSeconds, 1))
        problems.push(`${key}.maxTaskSeconds is ${q.maxTaskSeconds}, must be an integer of at least 1`);
    else {
        if (!(isInt(q.terminationGracePeriodSeconds, 1) && q.terminationGracePeriodSeconds > q.maxTaskSeconds))
            problems.push(
                `${key}.terminationGracePeriodSeconds is ${q.terminationGracePeriodSeconds}, must exceed maxTaskSeconds (${q.maxTaskSeconds}): a worker stopped by a scale-down finishes its task first`,
            );
        if (!(visibility > q.maxTaskSeconds))
            problems.push(
                `${key}.maxTaskSeconds is ${q.maxTaskSeconds}, must be below visibilityTimeoutSeconds (${visibility}): Redis would redeliver a running task to a second worker`,
            );
    }
    return problems;
}

/** The drain fits in the grace period: grace ≥ drainSeconds + TCP_SHUTDOWN_MARGIN_SECONDS. */
export function tcpGatewayProblems(key: string, t: TcpGatewayArgs, environment: string): string[] {
    const problems: string[] = [];
    if (!isInt(t.port, 1024, 65535))
        problems.push(`${key}.port is ${t.port}, must be 1024 to 65535 (the pod runs as non-root)`);
    const fewest = environment === "prod" ? 2 : 1;
    if (!isInt(t.replicas, fewest))
        problems.push(`${key}.replicas is ${t.replicas}, must be an integer of at least ${fewest} in ${environment}`);
    if (!isInt(t.drainSeconds, 1))
        problems.push(`${key}.drainSeconds is ${t.drainSeconds}, must be an integer of at least 1`);
    else if (!(t.terminationGracePeriodSeconds >= t.drainSeconds + TCP_SHUTDOWN_MARGIN_SECONDS))
        problems.push(
            `${key}.terminationGracePeriodSeconds is ${t.terminationGracePeriodSeconds}, must be at least drainSeconds + ${TCP_SHUTDOWN_MARGIN_SECONDS} (${t.drainSeconds + TCP_SHUTDOWN_MARGIN_SECONDS}): the kubelet kills connections the drain has not closed`,
        );
    return problems;
}

/** The ledger's port, claim size and lease. */
export function ledgerProblems(key: string, l: LedgerArgs): string[] {
    const problems: string[] = [];
    if (!isInt(l.port, 1024, 65535) || l.port === 3306)
        problems.push(`${key}.port is ${l.port}, must be 1024 to 65535 and not 3306 (the MySQL sidecar's)`);
    if (!isInt(l.storageGiB, 1, 16384))
        problems.push(`${key}.storageGiB is ${l.storageGiB}, must be 1 to 16384 (a gp3 volume's sizes)`);
    if (!isInt(l.leaseDurationSeconds, 5, 300))
        problems.push(`${key}.leaseDurationSeconds is ${l.leaseDurationSeconds}, must be 5 to 300`);
    return problems;
}
