/**
 * What the workers part of the payments apps is built from: Celery workers and beat on KEDA, the
 * stateful `ledger` (an active/standby StatefulSet with a MySQL sidecar) and the long-lived TCP
 * service `tcp-gateway`. Every field has a default (DEFAULTS below, also the config schema's), so a
 * stack file sets only its overrides (dev: scale to zero).
 */

/** Requests and limits of one container. Memory request = limit: a worker over it is OOM-killed, not the node. */
export interface ContainerSize {
    /** CPU request. @default "250m" */
    cpu: string;
    /** CPU limit. @default "1" */
    cpuLimit: string;
    /** Memory request and limit. @default "512Mi" */
    memory: string;
}

/** One Celery queue: its worker Deployment and the ScaledObject that sizes it. */
export interface QueueArgs {
    /** Fewest workers; 0 (scale to zero) only outside prod. @default 1 */
    minReplicas: number;
    /** Most workers KEDA may run. @default 10 */
    maxReplicas: number;
    /** Tasks waiting per worker that KEDA aims at (the redis scaler's `listLength`). @default 20 */
    listLength: number;
    /** Waiting tasks above which KEDA wakes the queue from zero (`activationListLength`). @default 0 */
    activationListLength: number;
    /** Longest a task of this queue may run, in seconds. @default 300 */
    maxTaskSeconds: number;
    /** Seconds a stopping worker gets to finish its tasks: must exceed maxTaskSeconds. @default 360 */
    terminationGracePeriodSeconds: number;
    /** Worker processes per pod (`--concurrency`). @default 4 */
    concurrency: number;
    /** The worker container's size. @default DEFAULT_SIZE */
    resources: ContainerSize;
}

/** Celery on KEDA: a worker Deployment and ScaledObject per queue, and one beat. */
export interface CeleryArgs {
    /** Queues by name (the Redis list Celery's transport pushes to). @default { payments: {}, notifications: {} } */
    queues: Record<string, QueueArgs>;
    /** Ack a task after it ran, so a worker killed by a scale-down leaves it queued. Must be true. @default true */
    acksLate: boolean;
    /** Tasks a worker process reserves ahead; more than 1 hides queued tasks from KEDA. Must be 1. @default 1 */
    prefetchMultiplier: number;
    /**
     * Seconds before Redis hands an unacked task to another worker (kombu's visibility_timeout):
     * with acks_late it must exceed every queue's maxTaskSeconds, or a long task runs twice. @default 3600
     */
    visibilityTimeoutSeconds: number;
    /** Seconds between KEDA's reads of each list. @default 15 */
    pollingIntervalSeconds: number;
    /** Seconds an empty queue waits before KEDA scales it to zero. @default 300 */
    cooldownPeriodSeconds: number;
    /** The Redis database Celery's broker uses. @default 0 */
    databaseIndex: number;
    /** Seconds RedBeat's lock lives without renewal (a crashed beat blocks its successor this long). @default 60 */
    beatLockTimeoutSeconds: number;
    /** The beat container's size. @default { cpu: "100m", cpuLimit: "500m", memory: "256Mi" } */
    beatResources: ContainerSize;
}

/** The ledger: two replicas, one active (the Lease holder), on EBS with a MySQL sidecar. */
export interface LedgerArgs {
    /** The ledger's own port (the leader Service's). @default 8080 */
    port: number;
    /** GiB of each pod's MySQL claim on gp3-encrypted. @default 20 */
    storageGiB: number;
    /** Seconds a Lease lives unrenewed before the standby takes over. @default 15 */
    leaseDurationSeconds: number;
    /** The ledger container's size. @default DEFAULT_SIZE */
    resources: ContainerSize;
    /** The MySQL sidecar's size. @default { cpu: "500m", cpuLimit: "1", memory: "1Gi" } */
    mysqlResources: ContainerSize;
}

/** The long-lived TCP service. */
export interface TcpGatewayArgs {
    /** TCP port of the Service and the container. @default 9000 */
    port: number;
    /** Pods. @default 2 */
    replicas: number;
    /** Seconds the drain gives open connections to finish after it stops accepting. @default 60 */
    drainSeconds: number;
    /** Seconds a stopping pod gets in all: at least drainSeconds plus the preStop margin. @default 90 */
    terminationGracePeriodSeconds: number;
    /** The container's size. @default DEFAULT_SIZE */
    resources: ContainerSize;
}

/** The stateful services. */
export interface StatefulArgs {
    /** @default LedgerArgs' defaults */
    ledger: LedgerArgs;
    /** @default TcpGatewayArgs' defaults */
    tcpGateway: TcpGatewayArgs;
}

/** The whole part, as PaymentsApp passes it. */
export interface WorkersPartArgs {
    /** @default CeleryArgs' defaults */
    celery: CeleryArgs;
    /** @default StatefulArgs' defaults */
    stateful: StatefulArgs;
    /**
     * SSM path the cluster's ClusterSecretStore reads (the ledger's MySQL passwords are written
     * under it). @default "/payments/<environment>/"
     */
    parameterPath: string;
}

export const DEFAULT_SIZE: ContainerSize = { cpu: "250m", cpuLimit: "1", memory: "512Mi" };

/** Defaults of every field, shared with the config schema (stacks/config/apps.ts). */
export const DEFAULTS = {
    queue: {
        minReplicas: 1,
        maxReplicas: 10,
        listLength: 20,
        activationListLength: 0,
        maxTaskSeconds: 300,
        terminationGracePeriodSeconds: 360,
        concurrency: 4,
        resources: DEFAULT_SIZE,
    } satisfies QueueArgs,
    queues: ["payments", "notifications"],
    celery: {
        acksLate: true,
        prefetchMultiplier: 1,
        visibilityTimeoutSeconds: 3600,
        pollingIntervalSeconds: 15,
        cooldownPeriodSeconds: 300,
        databaseIndex: 0,
        beatLockTimeoutSeconds: 60,
        beatResources: { cpu: "100m", cpuLimit: "500m", memory: "256Mi" },
    } satisfies Omit<CeleryArgs, "queues">,
    ledger: {
        port: 8080,
        storageGiB: 20,
        leaseDurationSeconds: 15,
        resources: DEFAULT_SIZE,
        mysqlResources: { cpu: "500m", cpuLimit: "1", memory: "1Gi" },
    } satisfies LedgerArgs,
    tcpGateway: {
        port: 9000,
        replicas: 2,
        drainSeconds: 60,
        terminationGracePeriodSeconds: 90,
        resources: DEFAULT_SIZE,
    } satisfies TcpGatewayArgs,
};
