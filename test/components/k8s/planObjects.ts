/**
 * Which recorded resources are Kubernetes objects to validate, which are skipped and why, and the
 * Kubernetes minor of the stack's cluster.
 */
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded } from "../../harness";
import { GroupVersionKind, gvkOfType } from "./kinds";

/** Types of the `kubernetes:<group>/<version>:<Kind>` shape that are not objects sent as written. */
export const SKIPPED_TYPES: Readonly<Record<string, string>> = {
    "kubernetes:helm.sh/v3:Release":
        "a Helm release: the chart renders its own objects in the cluster, and the values the program sets are checked against the vendored chart (test/components/eks/chartValues.test.ts)",
};

export interface StackObjects {
    /** Objects sent to the API server as recorded. */
    checked: { record: ResourceRecord; gvk: GroupVersionKind }[];
    /** Resources of a Kubernetes type that are left alone, with why. */
    skipped: { record: ResourceRecord; why: string }[];
    /** Problems: objects this check cannot see (rendered by a provider-side component). */
    unreachable: string[];
}

/**
 * A stack's Kubernetes resources, sorted. Client-side components (`kubernetes:yaml:ConfigFile`,
 * `kubernetes:helm.sh/v3:Chart`) register each object they render as its own resource, which is
 * checked; the wrapper is skipped. Provider-side ones (`kubernetes:yaml/v2:ConfigGroup`,
 * `kubernetes:helm.sh/v4:Chart`, `kustomize/v2`) render at deploy time and record no children, so
 * their objects would go unvalidated: they are reported instead.
 */
export function kubernetesObjectsOf(rec: Recorded): StackObjects {
    const out: StackObjects = { checked: [], skipped: [], unreachable: [] };
    for (const r of rec.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
        const g = gvkOfType(r.type);
        if (SKIPPED_TYPES[r.type]) out.skipped.push({ record: r, why: SKIPPED_TYPES[r.type] });
        else if (r.remote)
            out.unreachable.push(
                `${rec.plan.name}: ${r.name} (${r.type}) renders its objects in the provider at deploy time, out of reach of the schema check: create them as typed resources (or a Helm release with vendored values)`,
            );
        else if (!r.custom || !g)
            out.skipped.push({ record: r, why: "a client-side component: its objects are checked one by one" });
        else out.checked.push({ record: r, gvk: g });
    }
    return out;
}

/** The Kubernetes minor the stack's EKS cluster runs (its `version` input, config default included). */
export function clusterMinor(rec: Recorded): string | undefined {
    const versions = rec.all("eks:index:Cluster").map((c) => c.inputs.version);
    return typeof versions[0] === "string" ? versions[0] : undefined;
}

/** A chart at a version: a pin in versions.ts, or a planned Helm release. */
export interface ChartAt {
    chart: string;
    version: string;
    /** Who says so, for the message ("versions.ts", "dev: dev-eks-keda"). */
    by: string;
}

/** A vendored CRD directory whose chart is pinned or installed at another version. */
export function staleCrdCharts(pins: ChartAt[], vendored: { chart: string; version: string }[]): string[] {
    return vendored.flatMap((c) =>
        pins
            .filter((p) => p.chart === c.chart && p.version !== c.version)
            .map(
                (p) =>
                    `${p.by} has ${p.chart} ${p.version}, test/fixtures/crds has ${c.chart}-${c.version}: vendor the CRDs of ${p.version}`,
            ),
    );
}
