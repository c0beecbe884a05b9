import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded } from "../../harness";
import { rec as makeRecord } from "../../automation/records";
import { GroupVersionKind, VENDORED_KINDS, apiVersionOf } from "./kinds";
import { VALID } from "./objects";
import { kubernetesObjectsOf } from "./planObjects";
import { ManifestValidator, fieldPath, schemaMinors } from "./validator";

type Obj = Record<string, any>;

const gvkOf = (o: Obj): GroupVersionKind => {
    const [group, version] = String(o.apiVersion).includes("/") ? String(o.apiVersion).split("/") : ["", o.apiVersion];
    return { group, version, kind: o.kind };
};
const copy = (key: string): Obj => structuredClone(VALID[key]);
const head = (o: Obj, minor = "1.34") => `test: app (${o.apiVersion} ${o.kind}, Kubernetes ${minor})`;

interface Row {
    title: string;
    object: Obj;
    minor?: string;
    problems: string[];
}
const mutate = (key: string, f: (o: Obj) => void): Obj => {
    const o = copy(key);
    f(o);
    return o;
};
const dep = "apps/v1 Deployment";
const rows: Row[] = [
    {
        title: "a misspelt container field deep in the pod template",
        object: mutate(dep, (o) => (o.spec.template.spec.containers[0].imagePullPolcy = "Always")),
        problems: ["spec.template.spec.containers[0].imagePullPolcy: unknown field (not in the schema)"],
    },
    {
        title: "a wrong type (replicas as a string)",
        object: mutate(dep, (o) => (o.spec.replicas = "3")),
        problems: ['spec.replicas: must be integer, is "3"'],
    },
    {
        title: "a missing required field (the container's name)",
        object: mutate(dep, (o) => delete o.spec.template.spec.containers[0].name),
        problems: ["spec.template.spec.containers[0].name: required field missing"],
    },
    {
        title: "a value outside a CRD field's enum",
        object: mutate("elbv2.k8s.aws/v1beta1 TargetGroupBinding", (o) => (o.spec.targetType = "pod")),
        problems: ['spec.targetType: must be one of "instance", "ip", is "pod"'],
    },
    {
        title: "an int32 out of range",
        object: mutate("scheduling.k8s.io/v1 PriorityClass", (o) => (o.value = 2 ** 31)),
        problems: ['value: must match format "int32", is 2147483648'],
    },
    {
        title: "int-or-string: neither (a boolean maxSurge)",
        object: mutate(dep, (o) => (o.spec.strategy.rollingUpdate.maxSurge = true)),
        problems: ["spec.strategy.rollingUpdate.maxSurge: must be integer or string, is true"],
    },
    {
        title: "a quantity that is neither number nor string",
        object: mutate(dep, (o) => (o.spec.template.spec.containers[0].resources.limits.memory = ["512Mi"])),
        problems: ['spec.template.spec.containers[0].resources.limits.memory: must be number or string, is ["512Mi"]'],
    },
    {
        title: "an unknown metadata field (ObjectMeta is checked on custom resources too)",
        object: mutate("keda.sh/v1alpha1 ScaledObject", (o) => (o.metadata.lables = { a: "b" })),
        problems: ["metadata.lables: unknown field (not in the schema)"],
    },
    {
        title: "a CRD field of another version (vpcID exists in TargetGroupBinding v1beta1, not v1alpha1)",
        object: mutate("elbv2.k8s.aws/v1beta1 TargetGroupBinding", (o) => {
            o.apiVersion = "elbv2.k8s.aws/v1alpha1";
            o.spec.vpcID = "vpc-0123456789abcdef0";
        }),
        problems: ["spec.vpcID: unknown field (not in the schema)"],
    },
    {
        title: "a CRD version the chart no longer serves (ExternalSecret v1beta1 in external-secrets 1.3.2)",
        object: mutate("external-secrets.io/v1 ExternalSecret", (o) => (o.apiVersion = "external-secrets.io/v1beta1")),
        problems: [
            "external-secrets.io ExternalSecret v1beta1 is not a served version of the vendored CRD (external-secrets-1.3.2/external-secrets.io_externalsecrets.yaml serves v1)",
        ],
    },
    {
        title: "a CRD's missing required field (a ScaledObject without triggers)",
        object: mutate("keda.sh/v1alpha1 ScaledObject", (o) => delete o.spec.triggers),
        problems: ["spec.triggers: required field missing"],
    },
    {
        title: "a CRD int-or-string field of the wrong type (a PrometheusRule expr as an object)",
        object: mutate("monitoring.coreos.com/v1 PrometheusRule", (o) => (o.spec.groups[0].rules[0].expr = { q: 1 })),
        problems: ['spec.groups[0].rules[0].expr: must be integer or string, is {"q":1}'],
    },
    {
        title: "two containers of one name (a listType=map key)",
        object: mutate(dep, (o) =>
            o.spec.template.spec.containers.push(structuredClone(o.spec.template.spec.containers[0])),
        ),
        problems: [
            'spec.template.spec.containers[1]: duplicate entries for key [name="web"] (also at [0]): server-side apply rejects the object',
        ],
    },
    {
        title: "a Service port repeated on the same protocol (key port+protocol)",
        object: mutate("v1 Service", (o) => o.spec.ports.push({ name: "http2", port: 80, targetPort: 8080 })),
        problems: [
            "spec.ports[1]: duplicate entries for key [port=80,protocol=null] (also at [0]): server-side apply rejects the object",
        ],
    },
    {
        title: "an environment variable set twice",
        object: mutate(dep, (o) => {
            o.spec.template.spec.containers[0].env = [
                { name: "DJANGO_DEBUG", value: "false" },
                { name: "DJANGO_DEBUG", value: "true" },
            ];
        }),
        problems: [
            'spec.template.spec.containers[0].env[1]: duplicate entries for key [name="DJANGO_DEBUG"] (also at [0]): server-side apply rejects the object',
        ],
    },
    {
        title: "a CRD's listType=map (two PrometheusRule groups of one name)",
        object: mutate("monitoring.coreos.com/v1 PrometheusRule", (o) =>
            o.spec.groups.push(structuredClone(o.spec.groups[0])),
        ),
        problems: [
            'spec.groups[1]: duplicate entries for key [name="payments"] (also at [0]): server-side apply rejects the object',
        ],
    },
    {
        title: "a kind with no vendored schema",
        object: { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web" } },
        problems: [
            "no schema for apps/v1 ReplicaSet at 1.34: vendor it (a built-in kind: add it to test/components/k8s/kinds.ts and regenerate; a custom resource: its CRD into test/fixtures/crds/<chart>-<version>/)",
        ],
    },
    {
        title: "a Kubernetes minor with no schema set",
        object: copy("v1 Namespace"),
        minor: "1.99",
        problems: ["no schema set for Kubernetes 1.99: vendor test/fixtures/k8s-schemas/v1.99 (see its README)"],
    },
    {
        title: "every problem of one object at once",
        object: mutate("v1 Service", (o) => {
            o.spec.ports[0].port = "80";
            o.spec.typ = "ClusterIP";
        }),
        problems: ['spec.ports[0].port: must be integer, is "80"', "spec.typ: unknown field (not in the schema)"],
    },
];

describe("Kubernetes manifest validator", function () {
    let v: ManifestValidator;
    before(() => {
        v = new ManifestValidator();
    });
    const check = (o: Obj, minor = "1.34") => v.validate(o, gvkOf(o), { stack: "test", name: "app", minor });

    it("has a valid example of every vendored built-in kind", () => {
        const have = Object.keys(VALID);
        expect(
            VENDORED_KINDS.map((g) => `${apiVersionOf(g)} ${g.kind}`).filter((k) => !have.includes(k)),
        ).to.deep.equal([]);
    });

    describe("a valid object passes, the same with a misspelt field fails, at every vendored minor", () => {
        for (const key of Object.keys(VALID)) {
            it(key, () => {
                for (const minor of schemaMinors()) {
                    expect(check(copy(key), minor), `valid at ${minor}`).to.deep.equal([]);
                    const bad = copy(key);
                    const where = bad.spec ?? bad;
                    where.replicsa = 3;
                    const at = bad.spec ? "spec.replicsa" : "replicsa";
                    expect(check(bad, minor)).to.deep.equal([
                        `${head(bad, minor)}: ${at}: unknown field (not in the schema)`,
                    ]);
                }
            });
        }
    });

    describe("fails with a message naming stack, resource, version and field path", () => {
        for (const r of rows)
            it(r.title, () => {
                const minor = r.minor ?? "1.34";
                expect(check(r.object, minor)).to.deep.equal(r.problems.map((p) => `${head(r.object, minor)}: ${p}`));
            });
    });

    describe("accepts what the API server accepts", () => {
        const ok: [string, Obj][] = [
            [
                "int-or-string as an integer and as a string",
                mutate(dep, (o) => (o.spec.strategy.rollingUpdate.maxSurge = 1)),
            ],
            [
                "a quantity as a JSON number",
                mutate(dep, (o) => (o.spec.template.spec.containers[0].resources.requests.cpu = 1)),
            ],
            [
                "the same port on two protocols (TCP and UDP)",
                mutate("v1 Service", (o) => {
                    o.spec.ports = [
                        { name: "dns", port: 53, protocol: "TCP" },
                        { name: "dns-udp", port: 53, protocol: "UDP" },
                    ];
                }),
            ],
            [
                "list entries whose key is unknown at plan time",
                mutate(dep, (o) =>
                    o.spec.template.spec.containers.push({ ...o.spec.template.spec.containers[0], name: "[unknown]" }),
                ),
            ],
            ["no metadata.name (the provider auto-names it)", mutate(dep, (o) => delete o.metadata.name)],
            [
                "free-form fields under x-kubernetes-preserve-unknown-fields (an AlertmanagerConfig's child routes)",
                mutate("monitoring.coreos.com/v1alpha1 AlertmanagerConfig", (o) => {
                    o.spec.route.routes = [{ receiver: "pagerduty", anyFieldAtAll: { nested: true } }];
                }),
            ],
        ];
        for (const [title, o] of ok) it(title, () => expect(check(o)).to.deep.equal([]));
    });

    describe("values unknown at plan time", () => {
        it("accepts an unknown or a secret wherever it stands (string, integer or object position)", () => {
            const o = mutate(dep, (x) => {
                x.spec.replicas = "[unknown]";
                x.spec.template.spec.containers[0].image = "[unknown]";
                x.spec.template.spec.securityContext = "[unknown]";
                x.spec.template.spec.containers[0].env = [{ name: "DB_PASSWORD", value: "[secret]" }];
            });
            expect(check(o)).to.deep.equal([]);
        });
        it("still checks the fields around an unknown", () => {
            const o = mutate(dep, (x) => {
                x.spec.replicas = "[unknown]";
                x.spec.replica = 2;
            });
            expect(check(o)).to.deep.equal([`${head(o)}: spec.replica: unknown field (not in the schema)`]);
        });
    });

    describe("field paths", () => {
        const cases: [string, string | undefined, string][] = [
            ["", undefined, "(the object)"],
            ["/spec/ports/0/port", undefined, "spec.ports[0].port"],
            [
                "/metadata/annotations",
                "eks.amazonaws.com/role-arn",
                'metadata.annotations["eks.amazonaws.com/role-arn"]',
            ],
            ["/metadata/labels/a~1b", undefined, 'metadata.labels["a/b"]'],
        ];
        for (const [pointer, child, want] of cases)
            it(`${pointer || "(root)"} ${child ?? ""} → ${want}`, () =>
                expect(fieldPath(pointer, child)).to.equal(want));
    });
});

describe("Which recorded Kubernetes resources are validated", () => {
    const rec = (over: Partial<ResourceRecord> & { type: string }) => makeRecord(over.type, "x", {}, over);
    const rows: [string, Partial<ResourceRecord> & { type: string }, "checked" | "skipped" | "unreachable"][] = [
        ["a typed object", { type: "kubernetes:apps/v1:Deployment" }, "checked"],
        ["a custom resource", { type: "kubernetes:keda.sh/v1alpha1:ScaledObject" }, "checked"],
        [
            "a Helm release (values checked against the vendored chart)",
            { type: "kubernetes:helm.sh/v3:Release" },
            "skipped",
        ],
        [
            "a client-side component (its children are checked)",
            { type: "kubernetes:yaml:ConfigFile", custom: false },
            "skipped",
        ],
        [
            "a provider-side component (renders at deploy time)",
            { type: "kubernetes:yaml/v2:ConfigGroup", custom: false, remote: true },
            "unreachable",
        ],
        ["the provider", { type: "pulumi:providers:kubernetes" }, "skipped"],
    ];
    for (const [title, over, want] of rows)
        it(`${title}: ${want}`, () => {
            const r = rec(over);
            const got = kubernetesObjectsOf(
                new Recorded({
                    name: "s",
                    project: "p",
                    region: "r",
                    resources: [r],
                    outputs: {},
                    references: [],
                    secretPlaceholders: [],
                }),
            );
            const where = got.checked.length ? "checked" : got.unreachable.length ? "unreachable" : "skipped";
            expect(where).to.equal(want);
        });
});
