/**
 * What the API server checks in code rather than in the schema: the charset and length of an
 * object's name and namespace, and of its label keys and values (k8s.io/apimachinery
 * pkg/util/validation: IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName,
 * IsValidLabelValue; per kind in pkg/apis/*\/validation). A name that breaks them is rejected at
 * `pulumi up`, after everything before it was created.
 */
import { SECRET_MARK, UNKNOWN_MARK } from "../../../automation/plan/types";
import { GroupVersionKind } from "./kinds";

interface NameRule {
    test: (s: string) => boolean;
    says: string;
}

const LABEL_CHARS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL: NameRule = {
    test: (s) => s.length <= 63 && LABEL_CHARS.test(s),
    says: 'a DNS-1123 label: lowercase letters, digits and "-", alphanumeric at both ends, at most 63 characters',
};
const DNS1123_SUBDOMAIN: NameRule = {
    test: (s) => s.length <= 253 && s.split(".").every((p) => LABEL_CHARS.test(p)),
    says: 'a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", alphanumeric at both ends of each part, at most 253 characters',
};
const DNS1035_LABEL: NameRule = {
    test: (s) => s.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(s),
    says: 'a DNS-1035 label: lowercase letters, digits and "-", starting with a letter, at most 63 characters',
};
// RBAC names are path segments (system:controller:foo is valid).
const PATH_SEGMENT: NameRule = {
    test: (s) => s !== "" && s !== "." && s !== ".." && !/[/%]/.test(s),
    says: 'a path segment: not "." or "..", without "/" or "%"',
};
// The CronJob controller appends an 11-character suffix to name its Jobs, which must stay within 63.
const CRONJOB: NameRule = {
    test: (s) => s.length <= 52 && DNS1123_SUBDOMAIN.test(s),
    says: "a DNS-1123 subdomain of at most 52 characters (the controller names its Jobs <name>-<11 characters>)",
};

const BY_KIND: Record<string, NameRule> = {
    Namespace: DNS1123_LABEL,
    Service: DNS1035_LABEL,
    Role: PATH_SEGMENT,
    ClusterRole: PATH_SEGMENT,
    RoleBinding: PATH_SEGMENT,
    ClusterRoleBinding: PATH_SEGMENT,
    CronJob: CRONJOB,
};

const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
function validKey(key: string): boolean {
    const parts = key.split("/");
    if (parts.length > 2) return false;
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    return (prefix === undefined || DNS1123_SUBDOMAIN.test(prefix)) && name.length <= 63 && QUALIFIED.test(name);
}
const validLabelValue = (v: string) => v === "" || (v.length <= 63 && QUALIFIED.test(v));

const opaque = (v: unknown) => v === UNKNOWN_MARK || v === SECRET_MARK;
// pulumi-kubernetes auto-names an object without metadata.name "<resource name>-<8 hex>"
// (assignNameIfAutonameable: resource.NewUniqueHex(urn.Name()+"-", 0, 0), 8 random hex by default).
const AUTONAME_SUFFIX = "-0a1b2c3d";

/** Problems of an object's name, namespace and labels, as field-path messages. */
export function nameProblems(object: Record<string, unknown>, g: GroupVersionKind, resourceName: string): string[] {
    const meta = (object.metadata ?? {}) as Record<string, unknown>;
    const rule = BY_KIND[g.kind] ?? DNS1123_SUBDOMAIN;
    const out: string[] = [];
    const name = meta.name;
    if (typeof name === "string" && !opaque(name) && !rule.test(name))
        out.push(`metadata.name: ${JSON.stringify(name)} is not a valid ${g.kind} name (${rule.says})`);
    if (name === undefined && meta.generateName === undefined && !rule.test(resourceName + AUTONAME_SUFFIX))
        out.push(
            `metadata.name: unset, so the provider names it "${resourceName}-<8 hex>", which is not a valid ${g.kind} name (${rule.says}): set metadata.name`,
        );
    const ns = meta.namespace;
    if (typeof ns === "string" && !opaque(ns) && !DNS1123_LABEL.test(ns))
        out.push(`metadata.namespace: ${JSON.stringify(ns)} is not a valid namespace (${DNS1123_LABEL.says})`);
    for (const [k, v] of Object.entries((meta.labels ?? {}) as Record<string, unknown>)) {
        if (!validKey(k)) out.push(`metadata.labels: key ${JSON.stringify(k)} is not a valid label key`);
        if (typeof v === "string" && !opaque(v) && !validLabelValue(v))
            out.push(
                `metadata.labels[${JSON.stringify(k)}]: ${JSON.stringify(v)} is not a valid label value (at most 63 characters: alphanumerics, "-", "_", ".", alphanumeric at both ends)`,
            );
    }
    for (const k of Object.keys((meta.annotations ?? {}) as Record<string, unknown>))
        if (!validKey(k)) out.push(`metadata.annotations: key ${JSON.stringify(k)} is not a valid annotation key`);
    return out;
}
