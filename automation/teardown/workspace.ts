/**
 * What the teardown tool needs from the outside world, as narrow interfaces: the Pulumi stack
 * (Automation API in real use, automation/teardown/local.ts), the cluster and AWS (kubectl and the
 * AWS CLI, automation/teardown/cloud.ts) and the clock. Tests pass fakes that record every call.
 */

/** One resource of the stack's state, as `pulumi stack export` lists it. */
export interface StateResource {
    urn: string;
    type: string;
    protect?: boolean;
}

/** The stack the tool acts on. */
export interface StackHandle {
    readonly name: string;
    /** The stack's config, `ns:key` → value as set (secret values are never read here). */
    config(): Promise<Record<string, string>>;
    /** The resources in the stack's state. */
    resources(): Promise<StateResource[]>;
    /** The stack's outputs, as plain values. */
    outputs(): Promise<Record<string, unknown>>;
    /** `pulumi destroy`; rejects with the engine's message on failure. */
    destroy(): Promise<void>;
    /** `pulumi up`; rejects with the engine's message on failure. */
    up(): Promise<void>;
    /** `pulumi config set --path KEY VALUE`. */
    setConfig(key: string, value: string): Promise<void>;
}

/** Kinds whose objects make the AWS controllers create cloud resources Pulumi's state doesn't hold. */
export type OwnedKind = "Service" | "Ingress" | "PersistentVolumeClaim";

/** A Kubernetes object that owns a cloud resource (an NLB or ALB, an EBS volume). */
export interface OwnedObject {
    kind: OwnedKind;
    namespace: string;
    name: string;
}

/** The cluster a stack's kubeconfig points at. */
export interface ClusterAccess {
    /** LoadBalancer Services, Ingresses and PersistentVolumeClaims, in every namespace. */
    ownedObjects(): Promise<OwnedObject[]>;
    /** Scales every StatefulSet of a namespace to zero (a mounted PVC can't finish deleting). */
    stopStatefulSets(namespace: string): Promise<void>;
    /** Deletes one object without waiting (the controllers' finalizers do the cloud side). */
    remove(object: OwnedObject): Promise<void>;
}

/** A cloud resource still tagged with the cluster after destroy. */
export interface Leftover {
    kind: "load balancer" | "network interface" | "security group" | "EBS volume";
    id: string;
}

/** AWS and Kubernetes, as far as the tool reaches outside Pulumi. */
export interface Cloud {
    cluster(kubeconfig: string): ClusterAccess;
    /** Load balancers, ENIs, security groups and EBS volumes still tagged with the cluster. */
    leftovers(clusterName: string, region: string): Promise<Leftover[]>;
    putParameter(name: string, value: string, region: string): Promise<void>;
    /** The parameter's value, or undefined when it does not exist. */
    getParameter(name: string, region: string): Promise<string | undefined>;
}

export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
