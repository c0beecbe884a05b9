import { expect } from "chai";
import { GroupVersionKind } from "./kinds";
import { nameProblems } from "./names";

const kind = (k: string): GroupVersionKind => ({ group: "", version: "v1", kind: k });

describe("Kubernetes object names, namespaces and labels (checked by the API server in code)", () => {
    const rows: [string, string, Record<string, unknown>, string[], string?][] = [
        [
            "a valid name, namespace and labels",
            "Deployment",
            { name: "web", namespace: "payments", labels: { "app.kubernetes.io/name": "web" } },
            [],
        ],
        [
            "uppercase and underscore in a name",
            "Deployment",
            { name: "Payments_Web" },
            [
                'metadata.name: "Payments_Web" is not a valid Deployment name (a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", alphanumeric at both ends of each part, at most 253 characters)',
            ],
        ],
        [
            "a dot in a Namespace name (a label, not a subdomain)",
            "Namespace",
            { name: "pay.ments" },
            [
                'metadata.name: "pay.ments" is not a valid Namespace name (a DNS-1123 label: lowercase letters, digits and "-", alphanumeric at both ends, at most 63 characters)',
            ],
        ],
        [
            "a Service name starting with a digit",
            "Service",
            { name: "1web" },
            [
                'metadata.name: "1web" is not a valid Service name (a DNS-1035 label: lowercase letters, digits and "-", starting with a letter, at most 63 characters)',
            ],
        ],
        ["an RBAC name with colons", "ClusterRole", { name: "system:payments:reader" }, []],
        [
            "a CronJob name over 52 characters",
            "CronJob",
            { name: "c".repeat(53) },
            [
                `metadata.name: "${"c".repeat(53)}" is not a valid CronJob name (a DNS-1123 subdomain of at most 52 characters (the controller names its Jobs <name>-<11 characters>))`,
            ],
        ],
        [
            "an auto-name built from an invalid resource name",
            "Deployment",
            {},
            [
                'metadata.name: unset, so the provider names it "Web_App-<8 hex>", which is not a valid Deployment name (a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", alphanumeric at both ends of each part, at most 253 characters): set metadata.name',
            ],
            "Web_App",
        ],
        ["an auto-name from a valid resource name", "Deployment", {}, [], "dev-edge-cf"],
        [
            "an auto-named Service over 63 characters",
            "Service",
            {},
            [
                `metadata.name: unset, so the provider names it "${"s".repeat(56)}-<8 hex>", which is not a valid Service name (a DNS-1035 label: lowercase letters, digits and "-", starting with a letter, at most 63 characters): set metadata.name`,
            ],
            "s".repeat(56),
        ],
        [
            "an invalid namespace",
            "Deployment",
            { name: "web", namespace: "Payments" },
            [
                'metadata.namespace: "Payments" is not a valid namespace (a DNS-1123 label: lowercase letters, digits and "-", alphanumeric at both ends, at most 63 characters)',
            ],
        ],
        [
            "a label value over 63 characters and a bad label key",
            "Deployment",
            { name: "web", labels: { "team/x/y": "a", app: "v".repeat(64) } },
            [
                'metadata.labels: key "team/x/y" is not a valid label key',
                `metadata.labels["app"]: "${"v".repeat(64)}" is not a valid label value (at most 63 characters: alphanumerics, "-", "_", ".", alphanumeric at both ends)`,
            ],
        ],
        ["an unknown name (resolved at deploy time)", "Service", { name: "[unknown]", namespace: "[unknown]" }, []],
    ];
    for (const [title, k, metadata, want, resourceName] of rows)
        it(title, () => expect(nameProblems({ metadata }, kind(k), resourceName ?? "app")).to.deep.equal(want));
});
