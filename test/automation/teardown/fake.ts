/**
 * A fake of everything the teardown tool touches, recording each call in order: the stack (built
 * from a planned stack's recording: its config, its resources as the state would list them, its
 * outputs), the cluster, AWS and the clock. No CLI, no cloud.
 */
import { Recorded } from "../../harness";
import {
    Clock,
    Cloud,
    ClusterAccess,
    Leftover,
    OwnedObject,
    StackHandle,
} from "../../../automation/teardown/workspace";

export interface FakeWorld {
    calls: string[];
    /** SSM parameters, shared by every stack of the world (it survives a destroy, like SSM). */
    parameters: Map<string, string>;
    /** Objects the cluster holds; remove() takes one away after `drainPolls` more looks. */
    objects: OwnedObject[];
    drainPolls: number;
    /** Destroy rejects with each of these in turn, then succeeds. */
    destroyFailures: string[];
    leftovers: Leftover[];
}

export function world(over: Partial<FakeWorld> = {}): FakeWorld {
    return {
        calls: [],
        parameters: new Map(),
        objects: [],
        drainPolls: 0,
        destroyFailures: [],
        leftovers: [],
        ...over,
    };
}

/** The stack as the Automation API would show it, from the plan's recording. */
export function fakeStack(w: FakeWorld, planned: Recorded, configOverride: Record<string, string> = {}): StackHandle {
    const config: Record<string, string> = { ...(planned.plan.config ?? {}), ...configOverride };
    return {
        name: planned.plan.name,
        config: async () => (w.calls.push("stack.config"), { ...config }),
        resources: async () => (
            w.calls.push("stack.resources"),
            planned.resources.map((r) => ({ urn: r.urn, type: r.type, protect: r.protect }))
        ),
        outputs: async () => (w.calls.push("stack.outputs"), { ...planned.outputs }),
        destroy: async () => {
            w.calls.push("stack.destroy");
            const failure = w.destroyFailures.shift();
            if (failure) throw new Error(failure);
        },
        up: async () =>
            void w.calls.push(`stack.up ${config["payments-platform:database.aurora.restoreFromSnapshot"]}`),
        setConfig: async (key, value) => {
            w.calls.push(`stack.setConfig ${key}=${value}`);
            config[key] = value;
        },
    };
}

export function fakeCloud(w: FakeWorld): Cloud {
    const pending = new Map<OwnedObject, number>();
    const cluster: ClusterAccess = {
        ownedObjects: async () => {
            w.calls.push("k8s.list");
            for (const [o, n] of pending) {
                if (n <= 0) {
                    w.objects = w.objects.filter((x) => x !== o);
                    pending.delete(o);
                } else pending.set(o, n - 1);
            }
            return [...w.objects];
        },
        stopStatefulSets: async (ns) => void w.calls.push(`k8s.scale ${ns}`),
        remove: async (o) => {
            w.calls.push(`k8s.delete ${o.kind} ${o.namespace}/${o.name}`);
            pending.set(o, w.drainPolls);
        },
    };
    return {
        cluster: () => cluster,
        leftovers: async (name, region) => (w.calls.push(`aws.leftovers ${name} ${region}`), [...w.leftovers]),
        putParameter: async (name, value) => {
            w.calls.push(`ssm.put ${name}=${value}`);
            w.parameters.set(name, value);
        },
        getParameter: async (name) => (w.calls.push(`ssm.get ${name}`), w.parameters.get(name)),
    };
}

/** A clock that only moves when the tool sleeps. */
export function fakeClock(w: FakeWorld): Clock {
    let t = 0;
    return {
        now: () => t,
        sleep: async (ms) => {
            w.calls.push(`sleep ${ms}`);
            t += ms;
        },
    };
}
