/**
 * The built-in Kubernetes kinds whose schemas are vendored in `test/fixtures/k8s-schemas/`: those the
 * program creates today and those the apps and observability work is about to create. A kind missing
 * here has no schema, and an object of that kind fails the manifest test until it is added and the
 * schema sets are regenerated (test/fixtures/k8s-schemas/README.md).
 */

/** An API group (`""` for the core group), version and kind. */
export interface GroupVersionKind {
    group: string;
    version: string;
    kind: string;
}

const gvk = (group: string, version: string, kind: string): GroupVersionKind => ({ group, version, kind });

export const VENDORED_KINDS: readonly GroupVersionKind[] = [
    gvk("", "v1", "Namespace"),
    gvk("", "v1", "ServiceAccount"),
    gvk("", "v1", "ConfigMap"),
    gvk("", "v1", "Secret"),
    gvk("", "v1", "Service"),
    gvk("", "v1", "PersistentVolume"),
    gvk("", "v1", "PersistentVolumeClaim"),
    gvk("apps", "v1", "Deployment"),
    gvk("apps", "v1", "StatefulSet"),
    gvk("apps", "v1", "DaemonSet"),
    gvk("batch", "v1", "Job"),
    gvk("batch", "v1", "CronJob"),
    gvk("autoscaling", "v2", "HorizontalPodAutoscaler"),
    gvk("policy", "v1", "PodDisruptionBudget"),
    gvk("networking.k8s.io", "v1", "Ingress"),
    gvk("networking.k8s.io", "v1", "NetworkPolicy"),
    gvk("rbac.authorization.k8s.io", "v1", "Role"),
    gvk("rbac.authorization.k8s.io", "v1", "RoleBinding"),
    gvk("rbac.authorization.k8s.io", "v1", "ClusterRole"),
    gvk("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"),
    gvk("coordination.k8s.io", "v1", "Lease"),
    gvk("scheduling.k8s.io", "v1", "PriorityClass"),
    gvk("storage.k8s.io", "v1", "StorageClass"),
];

/** `apps/v1`, or `v1` for the core group: what an object's `apiVersion` says. */
export function apiVersionOf(g: Pick<GroupVersionKind, "group" | "version">): string {
    return g.group === "" ? g.version : `${g.group}/${g.version}`;
}

/** The vendored file of a kind: `deployment-apps-v1.json`, `namespace-v1.json` (core). */
export function schemaFileName(g: GroupVersionKind): string {
    return [g.kind.toLowerCase(), ...(g.group === "" ? [] : [g.group]), g.version].join("-") + ".json";
}

/**
 * The group, version and kind of a recorded resource type (`kubernetes:apps/v1:Deployment`); the
 * Pulumi provider spells the core group `core`. Undefined for types of another shape
 * (`kubernetes:yaml:ConfigFile`, `pulumi:providers:kubernetes`).
 */
export function gvkOfType(type: string): GroupVersionKind | undefined {
    const m = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) return undefined;
    return gvk(m[1] === "core" ? "" : m[1], m[2], m[3]);
}
