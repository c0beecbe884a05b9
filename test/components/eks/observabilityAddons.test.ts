/**
 * The cluster's own telemetry in every planned workload stack: the Prometheus stack after its CRDs,
 * on encrypted gp3 with the configured retention, paging PagerDuty with a key that never appears in
 * Helm values; Fluent Bit confined to the program's log groups; the collector exporting to X-Ray;
 * Container Insights with its own logs off.
 */
import { expect } from "chai";
import { MONITORING_NAMESPACE, STORAGE_CLASS } from "../../../components/eks/observabilityAddons";
import { KUBERNETES_VERSIONS, OTEL_COLLECTOR_IMAGE } from "../../../components/eks/versions";
import { ResourceRecord } from "../../../automation/plan/types";
import { placeholderFor } from "../../../automation/plan/stackConfig";
import { PROJECT, Recorded, discoverStacks, json, plannedStacks, projectConfigOf } from "../../harness";
import { PolicyDoc, mockArnOf } from "./records";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_ARN = "eks.amazonaws.com/role-arn";

type Values = Record<string, any>;
const workloads = () => discoverStacks().filter((s) => s.role === "workload");
const prodNames = () =>
    new Set(
        workloads()
            .filter((s) => s.environment === "prod")
            .map((s) => s.name),
    );

async function workloadPlans(): Promise<Recorded[]> {
    const names = workloads().map((s) => s.name);
    expect(names, "no workload stack to check").to.not.be.empty;
    return plannedStacks((s) => names.includes(s.name));
}

const chart = (rec: Recorded, name: string): ResourceRecord => {
    const found = rec.all(RELEASE).filter((r) => r.inputs.chart === name);
    expect(found, `${rec.plan.name}: releases of ${name}`).to.have.length(1);
    return found[0];
};
const values = (r: ResourceRecord): Values => r.inputs.values as Values;
const inputs = (r: ResourceRecord): Values => r.inputs as Values;

/** Every string anywhere below a value. */
function strings(v: unknown): string[] {
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.flatMap(strings);
    if (v && typeof v === "object") return Object.values(v).flatMap(strings);
    return [];
}

/** The IRSA role whose mock ARN a release's service account is annotated with, and its inline policy. */
function irsaOf(rec: Recorded, arn: string): { role: ResourceRecord; doc: PolicyDoc } {
    const role = rec.all(ROLE).find((r) => mockArnOf(rec, r) === arn);
    expect(role, `${rec.plan.name}: no role with ARN ${arn}`).to.not.equal(undefined);
    const policy = rec.all(ROLE_POLICY).find((p) => (p.propertyDependencies.role ?? []).includes(role!.urn))!;
    return { role: role!, doc: json<PolicyDoc>(policy.inputs.policy) };
}

const trustedSubject = (role: ResourceRecord): string => {
    const doc = json<{ Statement: { Condition: { StringEquals: Record<string, string> } }[] }>(
        role.inputs.assumeRolePolicy,
    );
    return Object.entries(doc.Statement[0].Condition.StringEquals).find(([k]) => k.endsWith(":sub"))![1];
};

/** `observability.cluster` as the stack file writes it, with the schema's defaults. */
function clusterSettings(stack: string) {
    const o = (projectConfigOf(stack).observability ?? {}) as Values;
    const c = (o.cluster ?? {}) as Values;
    return {
        retentionDays: c.retentionDays ?? 15,
        retentionSizeGiB: c.retentionSizeGiB ?? 40,
        storageGiB: c.storageGiB ?? 50,
        logRetentionDays: c.logRetentionDays ?? o.logRetentionDays ?? 90,
    };
}

describe("in-cluster observability in every planned workload stack", function () {
    this.timeout(300_000);

    it("installs the Prometheus operator's CRDs first, as their own release, and the stack with crds.enabled false", async () => {
        for (const rec of await workloadPlans()) {
            const crds = chart(rec, "prometheus-operator-crds");
            const stack = chart(rec, "kube-prometheus-stack");
            expect(values(stack).crds, rec.plan.name).to.deep.equal({ enabled: false });
            expect(stack.dependencies, `${rec.plan.name}: kube-prometheus-stack waits for the CRDs`).to.include(
                crds.urn,
            );
            expect(crds.inputs.namespace).to.equal(MONITORING_NAMESPACE);
        }
    });

    it("every ServiceMonitor/PrometheusRule, and every release whose values enable a ServiceMonitor, depends on the CRD release", async () => {
        const problems: string[] = [];
        let checked = 0;
        for (const rec of await workloadPlans()) {
            const crds = chart(rec, "prometheus-operator-crds");
            const users = rec.resources.filter(
                (r) =>
                    r.type.startsWith("kubernetes:monitoring.coreos.com/") ||
                    (r.type === RELEASE &&
                        r.inputs.chart !== "prometheus-operator-crds" &&
                        (values(r).serviceMonitor?.enabled === true || values(r).crds?.enabled === false)),
            );
            checked += users.length;
            for (const r of users)
                if (!r.dependencies.includes(crds.urn)) problems.push(`${rec.plan.name} ${r.name} (${r.type})`);
        }
        expect(checked, "no monitor, rule or monitored release was found").to.be.greaterThan(0);
        expect(problems).to.deep.equal([]);
    });

    it("Prometheus and Alertmanager keep their data on the gp3-encrypted class, Prometheus for the configured time and size", async () => {
        for (const rec of await workloadPlans()) {
            const s = clusterSettings(rec.plan.name);
            const v = values(chart(rec, "kube-prometheus-stack"));
            const spec = v.prometheus.prometheusSpec;
            expect(spec.retention, rec.plan.name).to.equal(`${s.retentionDays}d`);
            expect(spec.retentionSize, rec.plan.name).to.equal(`${s.retentionSizeGiB}GB`);
            const claim = spec.storageSpec.volumeClaimTemplate.spec;
            expect(claim.storageClassName).to.equal(STORAGE_CLASS);
            expect(claim.resources.requests.storage).to.equal(`${s.storageGiB}Gi`);
            expect(v.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName).to.equal(
                STORAGE_CLASS,
            );
            // The class the claims name is the program's encrypted one, made before the stack.
            const sc = rec.one("kubernetes:storage.k8s.io/v1:StorageClass");
            expect(inputs(sc).metadata.name).to.equal(STORAGE_CLASS);
            expect(inputs(sc).parameters.encrypted).to.equal("true");
            expect(chart(rec, "kube-prometheus-stack").dependencies).to.include(sc.urn);
        }
    });

    it("Prometheus, Alertmanager and the operator run on the system pool with requests, replicated in prod; Grafana is off", async () => {
        const prod = prodNames();
        for (const rec of await workloadPlans()) {
            const v = values(chart(rec, "kube-prometheus-stack"));
            const replicas = prod.has(rec.plan.name) ? 2 : 1;
            for (const [what, pod] of [
                ["prometheus", v.prometheus.prometheusSpec],
                ["alertmanager", v.alertmanager.alertmanagerSpec],
                ["operator", v.prometheusOperator],
            ] as const) {
                expect(pod.nodeSelector, `${rec.plan.name} ${what}`).to.deep.equal({
                    "platform.payments/pool": "system",
                });
                expect(pod.tolerations).to.deep.include({
                    key: "CriticalAddonsOnly",
                    operator: "Exists",
                    effect: "NoSchedule",
                });
                expect(pod.resources.requests.cpu, `${rec.plan.name} ${what}`).to.be.a("string");
                expect(pod.resources.requests.memory).to.be.a("string");
            }
            expect(v.prometheus.prometheusSpec.replicas, rec.plan.name).to.equal(replicas);
            expect(v.alertmanager.alertmanagerSpec.replicas, rec.plan.name).to.equal(replicas);
            expect(v.prometheus.podDisruptionBudget.enabled).to.equal(replicas > 1);
            expect(v.grafana).to.deep.equal({ enabled: false });
        }
    });

    it("Alertmanager pages PagerDuty with the key file of the Secret the ExternalSecret pulls from the program's SSM SecureString", async () => {
        for (const rec of await workloadPlans()) {
            const param = rec.one("aws:ssm/parameter:Parameter", /-pagerduty-key$/);
            expect(param.inputs.type).to.equal("SecureString");
            expect(param.inputs.value, "the parameter's value is a secret").to.equal("[secret]");
            const es = rec.one("kubernetes:external-secrets.io/v1:ExternalSecret", /-pagerduty-key$/);
            expect(es.dependencies).to.include(param.urn);
            expect(inputs(es).spec.data[0].remoteRef.key).to.equal(inputs(param).name);
            // external-secrets may read and decrypt it: the path and the key its own role names.
            const store = irsaOf(rec, values(chart(rec, "external-secrets")).serviceAccount.annotations[ROLE_ARN]).doc;
            const read = store.Statement.find((st) => st.Sid === "ReadPlatformParameters")!;
            const prefix = String([read.Resource].flat()[0]).replace(/\*$/, "").split(":parameter")[1];
            expect(inputs(param).name.startsWith(prefix), `${inputs(param).name} under ${prefix}`).to.equal(true);
            const decrypt = store.Statement.find((st) => st.Sid === "DecryptThroughSsm")!;
            expect([decrypt.Resource].flat()).to.include(param.inputs.keyId);

            const am = values(chart(rec, "kube-prometheus-stack")).alertmanager;
            const secret = inputs(es).spec.target.name;
            const file = `/etc/alertmanager/secrets/${secret}/${inputs(es).spec.data[0].secretKey}`;
            expect(am.alertmanagerSpec.secrets).to.deep.equal([secret]);
            const pd = am.config.receivers.find((r: Values) => r.name === am.config.route.receiver);
            expect(pd.pagerduty_configs).to.deep.equal([{ routing_key_file: file, send_resolved: true }]);
            expect(chart(rec, "kube-prometheus-stack").dependencies).to.include(es.urn);
        }
    });

    it("the PagerDuty key is in no Helm release and in no input of any stack in plaintext", async () => {
        const placeholder = placeholderFor(`${PROJECT}:pagerDutyIntegrationKey`);
        const problems: string[] = [];
        for (const rec of await plannedStacks()) {
            for (const r of rec.resources) {
                const all = strings(r.inputs);
                if (all.some((s) => s.includes(placeholder)))
                    problems.push(`${rec.plan.name} ${r.name}: the key in plaintext`);
                // A secret inside Helm values would land in the release's manifest and Helm's own Secret.
                if (r.type === RELEASE && all.includes("[secret]"))
                    problems.push(`${rec.plan.name} ${r.name}: a secret in values`);
            }
        }
        expect(problems).to.deep.equal([]);
    });

    it("Fluent Bit writes only to the program's log groups (KMS, configured retention, no auto-create), its role scoped to exactly their ARNs", async () => {
        for (const rec of await workloadPlans()) {
            const fb = chart(rec, "aws-for-fluent-bit");
            const v = values(fb);
            const groups = rec.all("aws:cloudwatch/logGroup:LogGroup", /-container-logs$/);
            expect(groups, rec.plan.name).to.have.length.greaterThan(0);
            expect(v.cloudWatchLogs.autoCreateGroup).to.equal(false);
            expect(groups.map((g) => g.inputs.name)).to.include(v.cloudWatchLogs.logGroupName);
            const controlPlane = rec.one("aws:cloudwatch/logGroup:LogGroup", /-control-plane-logs$/);
            for (const g of groups) {
                expect(g.inputs.retentionInDays, rec.plan.name).to.equal(
                    clusterSettings(rec.plan.name).logRetentionDays,
                );
                expect(g.inputs.kmsKeyId, "the stack's platform/log key").to.equal(controlPlane.inputs.kmsKeyId);
                expect(g.inputs.kmsKeyId).to.match(/^arn:aws[-a-z]*:kms:/);
            }
            const { role, doc } = irsaOf(rec, v.serviceAccount.annotations[ROLE_ARN]);
            expect(trustedSubject(role)).to.equal(
                `system:serviceaccount:${fb.inputs.namespace}:${v.serviceAccount.name}`,
            );
            expect(doc.Statement).to.have.length(1);
            expect([doc.Statement[0].Action].flat()).to.have.members([
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ]);
            expect([doc.Statement[0].Resource].flat()).to.have.members(groups.map((g) => `${mockArnOf(rec, g)}:*`));
            expect(v.tolerations).to.deep.include({
                key: "CriticalAddonsOnly",
                operator: "Exists",
                effect: "NoSchedule",
            });
        }
    });

    it("the OpenTelemetry Collector (contrib, pinned) takes OTLP on 4317/4318 and exports traces to X-Ray with an X-Ray-only role", async () => {
        for (const rec of await workloadPlans()) {
            const col = chart(rec, "opentelemetry-collector");
            const v = values(col);
            expect(v.image).to.deep.equal(OTEL_COLLECTOR_IMAGE);
            const cfg = v.alternateConfig;
            expect(cfg.receivers.otlp.protocols.grpc.endpoint).to.match(/:4317$/);
            expect(cfg.receivers.otlp.protocols.http.endpoint).to.match(/:4318$/);
            expect(cfg.exporters.awsxray.region).to.equal(rec.plan.region);
            expect(cfg.service.pipelines.traces.receivers).to.deep.equal(["otlp"]);
            expect(cfg.service.pipelines.traces.exporters).to.deep.equal(["awsxray"]);
            expect(v.ports.otlp, "the chart's OTLP ports stay on").to.equal(undefined);
            for (const p of ["jaeger-compact", "jaeger-thrift", "jaeger-grpc", "zipkin"])
                expect(v.ports[p].enabled).to.equal(false);
            const { role, doc } = irsaOf(rec, v.serviceAccount.annotations[ROLE_ARN]);
            expect(trustedSubject(role)).to.equal(
                `system:serviceaccount:${col.inputs.namespace}:${v.serviceAccount.name}`,
            );
            expect(doc.Statement.flatMap((st) => [st.Action].flat())).to.have.members([
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets",
            ]);
        }
    });

    it("has an Amazon Managed Prometheus workspace exactly where observability.cluster.managedPrometheus is on", async () => {
        for (const rec of await workloadPlans()) {
            const on =
                ((projectConfigOf(rec.plan.name).observability ?? {}) as Values).cluster?.managedPrometheus === true;
            const remote = values(chart(rec, "kube-prometheus-stack")).prometheus.prometheusSpec.remoteWrite;
            expect(rec.all("aws:amp/workspace:Workspace"), rec.plan.name).to.have.length(on ? 1 : 0);
            expect(remote, rec.plan.name).to.have.length(on ? 1 : 0);
        }
    });

    it("Container Insights is the pinned add-on build, with its own container logs off and the agent's role", async () => {
        for (const rec of await workloadPlans()) {
            const version = String(projectConfigOf(rec.plan.name).eks?.kubernetesVersion ?? "");
            const addon = rec.one("aws:eks/addon:Addon", /-amazon-cloudwatch-observability$/);
            expect(addon.inputs.addonVersion, rec.plan.name).to.equal(
                KUBERNETES_VERSIONS[version]?.addons["amazon-cloudwatch-observability"],
            );
            expect(json(addon.inputs.configurationValues)).to.deep.equal({ containerLogs: { enabled: false } });
            const role = rec.all(ROLE).find((r) => mockArnOf(rec, r) === addon.inputs.serviceAccountRoleArn)!;
            expect(trustedSubject(role)).to.equal("system:serviceaccount:amazon-cloudwatch:cloudwatch-agent");
            const attached = rec
                .all("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .filter((a) => (a.propertyDependencies.role ?? []).includes(role.urn))
                .map((a) => a.inputs.policyArn);
            expect(attached).to.deep.equal(["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]);
            for (const p of rec.all(ROLE_POLICY).filter((x) => (x.propertyDependencies.role ?? []).includes(role.urn)))
                expect.fail(`${rec.plan.name}: unexpected inline policy ${p.name} on the agent's role`);
        }
    });
});
