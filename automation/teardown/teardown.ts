/**
 * The weekend teardown and the Monday restore, in the order that works on EKS:
 * (1) refuse unless the stack asked for it; (2) record the final snapshot's identifier in SSM,
 * outside the stack so destroy can't take it; (3) delete the Kubernetes objects whose cloud
 * resources the controllers made outside Pulumi's state, and wait (bounded) until they are gone,
 * or destroy fails on subnets and security groups the NLBs and volumes still hold; (4) destroy,
 * retrying the DependencyViolation that ENIs cause while they drain; (5) fail loudly on anything
 * still tagged with the cluster.
 */
import { RefusedError, TeardownError } from "./errors";
import { KEYS, configRefusals, teardownRefusals } from "./refusal";
import { Clock, Cloud, OwnedObject, StackHandle } from "./workspace";

export interface RunOptions {
    /** Print every step, change nothing (reads still happen). @default false */
    dryRun?: boolean;
    /** Where progress lines go. @default nothing */
    log?: (line: string) => void;
    /** How long to wait for the controllers to remove load balancers and volumes. @default 600000 (10 min) */
    drainTimeoutMs?: number;
    /** Between two looks at the cluster. @default 15000 */
    pollMs?: number;
    /** Destroy attempts on DependencyViolation. @default 4 */
    destroyAttempts?: number;
    /** First pause between destroy attempts, doubled each time. @default 30000 */
    retryDelayMs?: number;
}

/** Where a stack's final snapshot identifier is kept: a plain parameter no stack owns, so no destroy deletes it. */
export function snapshotParameterName(stack: string): string {
    return `/platform/weekend-teardown/${stack}/db-final-snapshot`;
}

/** AWS's error while ENIs still hold a subnet or security group: transient, minutes after the NLB is gone. */
const TRANSIENT = /DependencyViolation/;

interface Context {
    stack: StackHandle;
    cloud: Cloud;
    clock: Clock;
    dry: boolean;
    log: (line: string) => void;
    o: Required<Omit<RunOptions, "log" | "dryRun">>;
}

function context(stack: StackHandle, cloud: Cloud, clock: Clock, opts: RunOptions): Context {
    return {
        stack,
        cloud,
        clock,
        dry: opts.dryRun ?? false,
        log: opts.log ?? (() => {}),
        o: {
            drainTimeoutMs: opts.drainTimeoutMs ?? 600_000,
            pollMs: opts.pollMs ?? 15_000,
            destroyAttempts: opts.destroyAttempts ?? 4,
            retryDelayMs: opts.retryDelayMs ?? 30_000,
        },
    };
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/** Tears the stack down; resolves with the snapshot identifier it recorded (undefined when none). */
export async function teardown(
    stack: StackHandle,
    cloud: Cloud,
    clock: Clock,
    opts: RunOptions = {},
): Promise<string | undefined> {
    const c = context(stack, cloud, clock, opts);
    const config = await stack.config();
    const problems = teardownRefusals(config, await stack.resources());
    if (problems.length > 0) throw new RefusedError(stack.name, "tear down", problems);
    const region = config[KEYS.region] ?? "";
    const outputs = await stack.outputs();
    const snapshot = await recordSnapshot(c, str(outputs.dbFinalSnapshotIdentifier), region);
    const kubeconfig = str(outputs.eksKubeconfig);
    if (kubeconfig) await drainCluster(c, kubeconfig);
    else c.log("no eksKubeconfig output: no cluster to drain");
    await destroyWithRetries(c);
    const cluster = str(outputs.eksClusterName);
    if (cluster) await checkLeftovers(c, cluster, region);
    c.log(c.dry ? "dry run: nothing was changed" : `stack ${stack.name} is torn down`);
    return snapshot;
}

async function recordSnapshot(c: Context, id: string | undefined, region: string): Promise<string | undefined> {
    if (!id) {
        c.log("no dbFinalSnapshotIdentifier output: no final snapshot to record");
        return undefined;
    }
    const name = snapshotParameterName(c.stack.name);
    c.log(`${c.dry ? "would record" : "recording"} final snapshot ${id} in SSM parameter ${name}`);
    // Written before destroy: the identifier is known now, and a destroy that fails half-way may
    // already have deleted the cluster (and taken the snapshot).
    if (!c.dry) await c.cloud.putParameter(name, id, region);
    return id;
}

const describe = (o: OwnedObject) => `${o.kind} ${o.namespace}/${o.name}`;

async function drainCluster(c: Context, kubeconfig: string): Promise<void> {
    const k8s = c.cloud.cluster(kubeconfig);
    const owned = await k8s.ownedObjects();
    if (owned.length === 0) {
        c.log("no LoadBalancer Service, Ingress or PVC in the cluster");
        return;
    }
    const pvcNamespaces = [...new Set(owned.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.namespace))];
    for (const ns of pvcNamespaces.sort()) {
        c.log(`${c.dry ? "would scale" : "scaling"} the StatefulSets of namespace ${ns} to zero`);
        if (!c.dry) await k8s.stopStatefulSets(ns);
    }
    for (const o of owned) {
        c.log(`${c.dry ? "would delete" : "deleting"} ${describe(o)}`);
        if (!c.dry) await k8s.remove(o);
    }
    if (c.dry) {
        c.log(`would wait up to ${c.o.drainTimeoutMs / 1000} s for the controllers to remove their cloud resources`);
        return;
    }
    const deadline = c.clock.now() + c.o.drainTimeoutMs;
    for (;;) {
        const left = await k8s.ownedObjects();
        if (left.length === 0) return c.log("the controllers removed every load balancer and volume");
        if (c.clock.now() >= deadline)
            throw new TeardownError(
                `after ${c.o.drainTimeoutMs / 1000} s these still exist (their finalizers wait on AWS), destroy was not started:\n - ${left.map(describe).join("\n - ")}`,
            );
        await c.clock.sleep(c.o.pollMs);
    }
}

async function destroyWithRetries(c: Context): Promise<void> {
    if (c.dry) {
        c.log(
            `would run pulumi destroy on ${c.stack.name} (up to ${c.o.destroyAttempts} attempts on DependencyViolation)`,
        );
        return;
    }
    let delay = c.o.retryDelayMs;
    for (let attempt = 1; ; attempt++) {
        c.log(`pulumi destroy ${c.stack.name} (attempt ${attempt} of ${c.o.destroyAttempts})`);
        try {
            await c.stack.destroy();
            return;
        } catch (e) {
            const message = (e as Error).message ?? String(e);
            if (!TRANSIENT.test(message) || attempt >= c.o.destroyAttempts)
                throw new TeardownError(
                    `pulumi destroy failed${TRANSIENT.test(message) ? ` ${attempt} times on DependencyViolation` : ""}: ${lastLine(message)}`,
                );
            c.log(`DependencyViolation (ENIs still draining); retrying in ${delay / 1000} s`);
            await c.clock.sleep(delay);
            delay *= 2;
        }
    }
}

async function checkLeftovers(c: Context, cluster: string, region: string): Promise<void> {
    if (c.dry) return c.log(`would check for load balancers, ENIs, security groups and EBS volumes tagged ${cluster}`);
    const left = await c.cloud.leftovers(cluster, region);
    if (left.length > 0)
        throw new TeardownError(
            `destroy finished but ${left.length} resource(s) tagged with cluster ${cluster} remain in ${region} (they cost money; delete them by hand):\n - ${left.map((l) => `${l.kind} ${l.id}`).join("\n - ")}`,
        );
    c.log(`nothing tagged with cluster ${cluster} is left`);
}

/** The engine's last meaningful line (its messages end in the diagnostic that matters). */
function lastLine(message: string): string {
    const lines = message
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    return lines.find((l) => TRANSIENT.test(l)) ?? lines[lines.length - 1] ?? message;
}

/** Brings the stack back from the snapshot its teardown recorded; resolves with that identifier. */
export async function restore(stack: StackHandle, cloud: Cloud, opts: RunOptions = {}): Promise<string> {
    const log = opts.log ?? (() => {});
    const config = await stack.config();
    const problems = configRefusals(config);
    if (problems.length > 0) throw new RefusedError(stack.name, "restore", problems);
    const name = snapshotParameterName(stack.name);
    const id = await cloud.getParameter(name, config[KEYS.region] ?? "");
    if (!id)
        throw new TeardownError(
            `no final snapshot recorded in SSM parameter ${name}: run the teardown first, or set ${KEYS.restoreFromSnapshot} yourself and run pulumi up`,
        );
    const key = KEYS.restoreFromSnapshot;
    log(`${opts.dryRun ? "would set" : "setting"} ${key} to ${id}`);
    log(`${opts.dryRun ? "would run" : "running"} pulumi up on ${stack.name}`);
    if (opts.dryRun) return id;
    await stack.setConfig(key, id);
    await stack.up();
    return id;
}
