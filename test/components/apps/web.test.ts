import { expect } from "chai";
import { EXIT_MARGIN_SECONDS, INGRESS_NGINX, WEB_SERVICES } from "../../../components/apps/web";
import { parseQuantity } from "../../../components/apps/web/quantity";
import { edgeHostnames } from "../../../stacks/config/edge";
import { ResourceRecord } from "../../../automation/plan/types";
import { PROJECT, Recorded, plannedStacks, stackFileConfig } from "../../harness";
import { inputs } from "./records";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const NS = "payments";

const workloads = () => plannedStacks((s) => s.role === "workload");

/** The payments object of a kind named `name` (every kind here uses the service name). */
function named(s: Recorded, type: string, name: string): ResourceRecord {
    const found = s.all(type).filter((r) => inputs(r).metadata?.name === name && inputs(r).metadata.namespace === NS);
    expect(found, `${s.plan.name} ${type} ${name}`).to.have.length(1);
    return found[0];
}

const podSpec = (d: ResourceRecord) => inputs(d).spec.template.spec;
const container = (d: ResourceRecord) => podSpec(d).containers[0];
const isProd = (s: Recorded) => stackFileConfig(s.plan.name)[`${PROJECT}:environment`] === "prod";

/** The settings ConfigMap the Deployment reads (auto-named: found through the Deployment's dependencies). */
function settingsOf(s: Recorded, d: ResourceRecord): Record<string, string> {
    const maps = s.all("kubernetes:core/v1:ConfigMap").filter((c) => d.dependencies.includes(c.urn));
    expect(maps, d.name).to.have.length(1);
    return inputs(maps[0]).data;
}

/** Whether a label selector selects pods labelled `labels`. */
const selects = (selector: { matchLabels?: Record<string, string> }, labels: Record<string, string>) =>
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

describe("apps web and API: Deployments, scaling, draining and isolation in every planned workload stack", function () {
    this.timeout(300_000);

    it("each service runs its own image as its own ServiceAccount, with no AWS role and no API token", async () => {
        const stacks = await workloads();
        expect(stacks).to.not.be.empty;
        for (const s of stacks) {
            for (const svc of WEB_SERVICES) {
                const d = named(s, DEPLOYMENT, svc);
                expect(container(d).image, s.plan.name).to.equal((s.outputs.appImages as Record<string, string>)[svc]);
                expect(podSpec(d).serviceAccountName).to.equal(svc);
                expect(podSpec(d).automountServiceAccountToken).to.equal(false);
                const sa = named(s, "kubernetes:core/v1:ServiceAccount", svc);
                expect(inputs(sa).metadata.annotations?.["eks.amazonaws.com/role-arn"]).to.equal(undefined);
                expect(inputs(sa).automountServiceAccountToken).to.equal(false);
            }
        }
    });

    it("preStop sleeps at least the ALB target groups' deregistration delay + margin, and grace ≥ preStop + the longest request", async () => {
        for (const s of await workloads()) {
            const delays = s.all("aws:lb/targetGroup:TargetGroup").map((tg) => inputs(tg).deregistrationDelay);
            expect(delays, s.plan.name).to.not.be.empty;
            const longestDelay = Math.max(...delays);
            const apps = stackFileConfig(s.plan.name)[`${PROJECT}:apps`] as {
                web?: { propagationMarginSeconds?: number };
            };
            const margin = apps.web?.propagationMarginSeconds ?? 10;
            for (const svc of WEB_SERVICES) {
                const d = named(s, DEPLOYMENT, svc);
                const preStop = container(d).lifecycle.preStop;
                // The kubelet's sleep action (no binary in the image), not an exec.
                expect(Object.keys(preStop), d.name).to.deep.equal(["sleep"]);
                const sleep = preStop.sleep.seconds as number;
                expect(sleep, `${s.plan.name} ${svc}`).to.be.at.least(longestDelay + margin);
                const maxRequest = Number(/--graceful-timeout=(\d+)/.exec(settingsOf(s, d).GUNICORN_CMD_ARGS)![1]);
                const grace = podSpec(d).terminationGracePeriodSeconds as number;
                expect(grace, `${s.plan.name} ${svc}`).to.equal(sleep + maxRequest + EXIT_MARGIN_SECONDS);
                expect(grace).to.be.at.least(sleep + maxRequest);
                // nginx's proxy timeouts match the longest request gunicorn waits for.
                const ingress = named(s, "kubernetes:networking.k8s.io/v1:Ingress", svc);
                expect(inputs(ingress).metadata.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]).to.equal(
                    String(maxRequest),
                );
            }
        }
    });

    it("gunicorn drops keep-alive on SIGTERM (gthread) and outlives nginx's 60 s upstream keep-alive", async () => {
        for (const s of await workloads()) {
            for (const svc of WEB_SERVICES) {
                const args = settingsOf(s, named(s, DEPLOYMENT, svc)).GUNICORN_CMD_ARGS;
                expect(args, s.plan.name).to.include("--worker-class=gthread");
                expect(Number(/--keep-alive=(\d+)/.exec(args)![1])).to.be.greaterThan(60);
                expect(args).to.include("--bind=0.0.0.0:8000");
            }
        }
    });

    it("the HPA (autoscaling/v2) scales the Deployment on CPU and memory with both stabilisation windows; the PDB's minAvailable is below its minimum", async () => {
        for (const s of await workloads()) {
            for (const svc of WEB_SERVICES) {
                const d = named(s, DEPLOYMENT, svc);
                expect(inputs(d).spec.replicas, "the HPA owns replicas").to.equal(undefined);
                expect(inputs(d).spec.strategy.rollingUpdate.maxUnavailable).to.equal(0);
                const hpa = inputs(named(s, HPA, svc)).spec;
                expect(hpa.scaleTargetRef).to.deep.equal({ apiVersion: "apps/v1", kind: "Deployment", name: svc });
                expect(hpa.metrics.map((m: any) => [m.type, m.resource.name, m.resource.target.type])).to.deep.equal([
                    ["Resource", "cpu", "Utilization"],
                    ["Resource", "memory", "Utilization"],
                ]);
                expect(hpa.behavior.scaleUp.stabilizationWindowSeconds).to.be.a("number");
                expect(hpa.behavior.scaleDown.stabilizationWindowSeconds).to.be.greaterThan(
                    hpa.behavior.scaleUp.stabilizationWindowSeconds,
                );
                expect(hpa.minReplicas, s.plan.name).to.be.at.least(isProd(s) ? 2 : 1);
                expect(hpa.maxReplicas).to.be.at.least(hpa.minReplicas);
                const pdb = inputs(named(s, PDB, svc)).spec;
                expect(pdb.minAvailable, `${s.plan.name} ${svc}`).to.be.below(hpa.minReplicas);
                if (isProd(s)) expect(pdb.minAvailable).to.be.at.least(1);
                expect(pdb.selector).to.deep.equal(inputs(d).spec.selector);
            }
        }
    });

    it("pods spread over zones and nodes, on the apps pool that the stack's node groups label", async () => {
        for (const s of await workloads()) {
            const pools = s.all("aws:eks/nodeGroup:NodeGroup").map((n) => inputs(n).labels["platform.payments/pool"]);
            for (const svc of WEB_SERVICES) {
                const spec = podSpec(named(s, DEPLOYMENT, svc));
                expect(spec.nodeSelector).to.deep.equal({ "platform.payments/pool": "apps" });
                expect(pools, s.plan.name).to.include("apps");
                const spread = spec.topologySpreadConstraints;
                expect(spread.map((c: any) => c.topologyKey)).to.deep.equal([
                    "topology.kubernetes.io/zone",
                    "kubernetes.io/hostname",
                ]);
                expect(spread[0].whenUnsatisfiable, s.plan.name).to.equal(
                    isProd(s) ? "DoNotSchedule" : "ScheduleAnyway",
                );
                for (const c of spread) {
                    expect(c.maxSkew).to.equal(1);
                    expect(
                        selects(c.labelSelector, inputs(named(s, DEPLOYMENT, svc)).spec.template.metadata.labels),
                    ).to.equal(true);
                    expect(c.matchLabelKeys, "counted per ReplicaSet during a rollout").to.deep.equal([
                        "pod-template-hash",
                    ]);
                }
            }
        }
    });

    it("every container is non-root with a read-only root FS, drops ALL, has requests ≤ limits, three HTTP probes and /tmp on an emptyDir", async () => {
        for (const s of await workloads()) {
            for (const svc of WEB_SERVICES) {
                const d = named(s, DEPLOYMENT, svc);
                const spec = podSpec(d);
                expect(spec.securityContext).to.deep.include({ runAsNonRoot: true, runAsUser: 10001 });
                expect(spec.securityContext.seccompProfile).to.deep.equal({ type: "RuntimeDefault" });
                for (const c of spec.containers) {
                    expect(c.securityContext).to.deep.include({
                        runAsNonRoot: true,
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                    });
                    expect(c.securityContext.capabilities).to.deep.equal({ drop: ["ALL"] });
                    expect(Object.keys(c.resources.requests).sort()).to.deep.equal(["cpu", "memory"]);
                    expect(Object.keys(c.resources.limits).sort()).to.deep.equal(["cpu", "memory"]);
                    for (const r of ["cpu", "memory"])
                        expect(parseQuantity(c.resources.requests[r])!).to.be.at.most(
                            parseQuantity(c.resources.limits[r])!,
                        );
                    // With the Host Django's ALLOWED_HOSTS accepts (the kubelet would send the pod IP).
                    const httpHeaders = [{ name: "Host", value: settingsOf(s, d).DJANGO_ALLOWED_HOSTS }];
                    expect(c.readinessProbe.httpGet).to.deep.equal({
                        path: "/healthz/ready",
                        port: "http",
                        httpHeaders,
                    });
                    expect(c.livenessProbe.httpGet).to.deep.equal({ path: "/healthz/live", port: "http", httpHeaders });
                    expect(c.startupProbe.httpGet).to.deep.equal({ path: "/healthz/live", port: "http", httpHeaders });
                    const tmp = c.volumeMounts.find((m: any) => m.mountPath === "/tmp");
                    expect(spec.volumes.find((v: any) => v.name === tmp.name).emptyDir).to.be.an("object");
                }
            }
        }
    });

    it("credentials come only from the service's own db-<service> Secret and cache-auth; the ConfigMap holds no secret and requires verify-full TLS", async () => {
        for (const s of await workloads()) {
            for (const svc of WEB_SERVICES) {
                const d = named(s, DEPLOYMENT, svc);
                const env = container(d).env as { name: string; value?: string; valueFrom?: any }[];
                expect(
                    env.filter((e) => e.value !== undefined),
                    "no literal env",
                ).to.deep.equal([]);
                const refs = env.map((e) => [e.name, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key]);
                expect(refs).to.deep.equal([
                    ["DB_HOST", `db-${svc}`, "host"],
                    ["DB_PORT", `db-${svc}`, "port"],
                    ["DB_NAME", `db-${svc}`, "dbname"],
                    ["DB_USER", `db-${svc}`, "username"],
                    ["DB_PASSWORD", `db-${svc}`, "password"],
                    ["REDIS_PASSWORD", "cache-auth", "token"],
                ]);
                const data = settingsOf(s, d);
                expect(Object.keys(data).filter((k) => /PASSWORD|TOKEN|SECRET/i.test(k))).to.deep.equal([]);
                expect(Object.values(data).filter((v) => v === "[secret]")).to.deep.equal([]);
                expect(data.PGSSLMODE).to.equal("verify-full");
                // Through RDS Proxy (ACM certificates): the system store; without one, the RDS CA bundle.
                const proxied = s.all("aws:rds/proxy:Proxy").length > 0;
                expect(data.PGSSLROOTCERT, s.plan.name).to.equal(
                    proxied ? "system" : "/etc/ssl/certs/rds-global-bundle.pem",
                );
                expect(data.REDIS_TLS).to.equal("true");
            }
        }
    });

    it("the Ingresses use the nginx class and the edge's host names, routing to the service's ClusterIP Service; they wait for ingress-nginx, the pods for the apps nodes", async () => {
        for (const s of await workloads()) {
            const edge = stackFileConfig(s.plan.name)[`${PROJECT}:edge`] as { domain: string; prefix?: string };
            const names = edgeHostnames(edge);
            const hosts = { web: names.origin, api: names.api };
            for (const svc of WEB_SERVICES) {
                const ingress = named(s, "kubernetes:networking.k8s.io/v1:Ingress", svc);
                // ingress-nginx's admission webhook must answer first, and the pods need the apps nodes.
                const nginx = s.all("kubernetes:helm.sh/v3:Release").find((r) => inputs(r).chart === "ingress-nginx")!;
                expect(ingress.dependencies, s.plan.name).to.include(nginx.urn);
                const appsNodes = s
                    .all("aws:eks/nodeGroup:NodeGroup")
                    .filter((n) => inputs(n).labels["platform.payments/pool"] === "apps");
                for (const n of appsNodes) expect(named(s, DEPLOYMENT, svc).dependencies).to.include(n.urn);
                const ing = inputs(ingress).spec;
                expect(ing.ingressClassName).to.equal("nginx");
                expect(
                    ing.rules.map((r: any) => r.host),
                    s.plan.name,
                ).to.deep.equal([hosts[svc]]);
                const backends = ing.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service]);
                expect(backends).to.deep.equal([["/", "Prefix", { name: svc, port: { name: "http" } }]]);
                const service = inputs(named(s, "kubernetes:core/v1:Service", svc)).spec;
                expect(service.type).to.equal("ClusterIP");
                expect(service.ports).to.deep.equal([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
                const d = named(s, DEPLOYMENT, svc);
                expect(service.selector).to.deep.equal(inputs(d).spec.template.metadata.labels);
                expect(settingsOf(s, d).DJANGO_ALLOWED_HOSTS).to.equal(hosts[svc]);
                expect(container(d).ports).to.deep.equal([{ name: "http", containerPort: 8000, protocol: "TCP" }]);
            }
        }
    });

    it("the pods accept traffic only from ingress-nginx's controller pods on 8000, and reach only DNS and the isolated subnets on 5432/6379", async () => {
        for (const s of await workloads()) {
            const release = s.all("kubernetes:helm.sh/v3:Release").find((r) => inputs(r).chart === "ingress-nginx")!;
            const vpc = s.all("awsx:ec2:Vpc").find((v) => v.name.endsWith("spoke-vpc"))!;
            const isolated = inputs(vpc).subnetSpecs.find((x: any) => x.type === "Isolated").cidrBlocks;
            for (const svc of WEB_SERVICES) {
                const labels = inputs(named(s, DEPLOYMENT, svc)).spec.template.metadata.labels;
                const mine = s
                    .all(NETPOL)
                    .filter((p) => inputs(p).metadata.namespace === NS && selects(inputs(p).spec.podSelector, labels));
                const ingress = mine.flatMap((p) => inputs(p).spec.ingress ?? []);
                expect(ingress, s.plan.name).to.have.length(1);
                expect(ingress[0].ports).to.deep.equal([{ protocol: "TCP", port: 8000 }]);
                expect(ingress[0].from).to.deep.equal([
                    {
                        namespaceSelector: {
                            matchLabels: { "kubernetes.io/metadata.name": inputs(release).namespace },
                        },
                        podSelector: {
                            matchLabels: {
                                "app.kubernetes.io/name": "ingress-nginx",
                                "app.kubernetes.io/instance": inputs(release).name,
                                "app.kubernetes.io/component": "controller",
                            },
                        },
                    },
                ]);
                expect(INGRESS_NGINX.namespace).to.equal(inputs(release).namespace);
                const egress = mine.flatMap((p) => inputs(p).spec.egress ?? []);
                const data = egress.filter((e: any) => e.to.some((t: any) => t.ipBlock));
                expect(data, s.plan.name).to.have.length(1);
                expect(data[0].to.map((t: any) => t.ipBlock.cidr)).to.deep.equal(isolated);
                expect(data[0].ports.map((p: any) => p.port)).to.deep.equal([5432, 6379]);
                const ports = egress.flatMap((e: any) => e.ports.map((p: any) => p.port));
                expect(ports).to.not.include(443);
                expect(new Set(ports)).to.deep.equal(new Set([53, 5432, 6379]));
            }
        }
    });
});
