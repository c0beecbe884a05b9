import { expect } from "chai";
import { containerSecurityContext, podSecurityContext } from "../../../components/apps/podSecurity";
import { Recorded, discoverStacks, planned } from "../../harness";
import { appsOf, byMetaName, inputs } from "./records";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SCALED = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const TRIGGER_AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const envOf = (container: Record<string, any>): Record<string, any> =>
    Object.fromEntries((container.env as { name: string }[]).map((e) => [e.name, e]));

/** The CIDRs of the spoke's isolated subnets, as the plan records them (the cache and proxy live there). */
const isolatedCidrs = (s: Recorded): string[] =>
    s
        .all("aws:ec2/subnet:Subnet", /-isolated-\d+$/)
        .map((r) => inputs(r).cidrBlock as string)
        .sort();

describe("workers: Celery on KEDA in every planned workload stack", function () {
    this.timeout(300_000);
    const workloads = discoverStacks().filter((s) => s.role === "workload");
    let stacks: { s: Recorded; environment: string }[];
    before(async () => {
        stacks = await Promise.all(
            workloads.map(async (w) => ({ s: await planned(w.name), environment: w.environment })),
        );
    });

    it("covers dev and prod stacks (discovered from the stack files)", () => {
        expect(workloads.map((w) => w.environment)).to.include.members(["dev", "prod"]);
    });

    it("each configured queue has a worker Deployment KEDA sizes: no replicas, safety env, grace above the longest task", () => {
        for (const { s } of stacks) {
            const c = appsOf(s.plan.name).workers;
            const images = s.outputs.appImages as Record<string, string>;
            for (const [queue, q] of Object.entries(c.queues)) {
                const d = byMetaName(s, DEPLOYMENT, `worker-${queue}`);
                const where = `${s.plan.name} worker-${queue}`;
                expect(d.spec.replicas, `${where}: replicas are KEDA's`).to.equal(undefined);
                const pod = d.spec.template.spec;
                expect(pod.terminationGracePeriodSeconds, where).to.equal(q.terminationGracePeriodSeconds);
                expect(pod.terminationGracePeriodSeconds, where).to.be.greaterThan(q.maxTaskSeconds);
                expect(pod.securityContext).to.deep.equal(podSecurityContext());
                expect(pod.containers).to.have.length(1);
                const w = pod.containers[0];
                expect(w.image, where).to.equal(images.worker);
                expect(w.args).to.include(`--queues=${queue}`);
                expect(w.securityContext).to.deep.equal(containerSecurityContext());
                expect(w.resources).to.deep.equal({
                    requests: { cpu: q.resources.cpu, memory: q.resources.memory },
                    limits: { cpu: q.resources.cpuLimit, memory: q.resources.memory },
                });
                const env = envOf(w);
                expect(env.CELERY_ACKS_LATE.value).to.equal("true");
                expect(env.CELERY_WORKER_PREFETCH_MULTIPLIER.value).to.equal("1");
                expect(env.CELERY_TASK_TIME_LIMIT.value).to.equal(String(q.maxTaskSeconds));
                expect(Number(env.CELERY_BROKER_VISIBILITY_TIMEOUT.value)).to.be.greaterThan(q.maxTaskSeconds);
                expect(env.CELERY_BROKER_SCHEME.value).to.equal("rediss");
                expect(env.CELERY_BROKER_PASSWORD.valueFrom).to.deep.equal({
                    secretKeyRef: { name: "cache-auth", key: "token" },
                });
                expect(env.DB_PASSWORD.valueFrom).to.deep.equal({
                    secretKeyRef: { name: "db-worker", key: "password" },
                });
            }
            const workers = s.all(DEPLOYMENT).filter((r) => inputs(r).metadata.name.startsWith("worker-"));
            expect(workers, s.plan.name).to.have.length(Object.keys(c.queues).length);
        }
    });

    it("a ScaledObject per queue targets its Deployment on the queue's list, TLS on, scale to zero only in dev", () => {
        for (const { s, environment } of stacks) {
            const c = appsOf(s.plan.name).workers;
            const auth = byMetaName(s, TRIGGER_AUTH, "cache-auth");
            for (const [queue, q] of Object.entries(c.queues)) {
                const so = byMetaName(s, SCALED, `worker-${queue}`);
                const d = byMetaName(s, DEPLOYMENT, `worker-${queue}`);
                const where = `${s.plan.name} ${queue}`;
                expect(so.apiVersion).to.equal("keda.sh/v1alpha1");
                expect(so.metadata.namespace).to.equal(d.metadata.namespace);
                expect(so.spec.scaleTargetRef).to.deep.equal({
                    apiVersion: "apps/v1",
                    kind: "Deployment",
                    name: d.metadata.name,
                });
                expect(so.spec.minReplicaCount, where).to.equal(q.minReplicas);
                if (environment === "dev") expect(so.spec.minReplicaCount, where).to.equal(0);
                else expect(so.spec.minReplicaCount, where).to.be.at.least(1);
                expect(so.spec.maxReplicaCount).to.equal(q.maxReplicas);
                expect(so.spec.pollingInterval).to.equal(c.pollingIntervalSeconds);
                expect(so.spec.cooldownPeriod).to.equal(c.cooldownPeriodSeconds);
                expect(so.spec.triggers).to.have.length(1);
                const t = so.spec.triggers[0];
                const env = envOf(d.spec.template.spec.containers[0]);
                expect(t.type).to.equal("redis");
                expect(t.metadata).to.deep.equal({
                    address: `${env.CELERY_BROKER_HOST.value}:6379`,
                    listName: queue,
                    listLength: String(q.listLength),
                    activationListLength: String(q.activationListLength),
                    databaseIndex: env.CELERY_BROKER_DB.value,
                    enableTLS: "true",
                });
                expect(env.CELERY_BROKER_HOST.value, where).to.match(/\.cache\.amazonaws\.com$/);
                expect(t.authenticationRef).to.deep.equal({ name: auth.metadata.name, kind: "TriggerAuthentication" });
            }
        }
    });

    it("the TriggerAuthentication takes the password from cache-auth/token, in the ScaledObjects' namespace", () => {
        for (const { s } of stacks) {
            const authRecord = s.all(TRIGGER_AUTH).find((r) => inputs(r).metadata.name === "cache-auth")!;
            for (const so of s.all(SCALED)) expect(so.dependencies, so.name).to.include(authRecord.urn);
            const auth = byMetaName(s, TRIGGER_AUTH, "cache-auth");
            expect(auth.metadata.namespace).to.equal("payments");
            expect(auth.spec).to.deep.equal({
                secretTargetRef: [{ parameter: "password", name: "cache-auth", key: "token" }],
            });
            for (const so of s.all(SCALED)) expect(inputs(so).metadata.namespace).to.equal(auth.metadata.namespace);
        }
    });

    it("one beat: a single replica, Recreate, the RedBeat lock, the broker but no database user", () => {
        for (const { s } of stacks) {
            const c = appsOf(s.plan.name).workers;
            const beat = byMetaName(s, DEPLOYMENT, "beat");
            expect(beat.spec.replicas).to.equal(1);
            expect(beat.spec.strategy).to.deep.equal({ type: "Recreate" });
            const pod = beat.spec.template.spec;
            expect(pod.securityContext).to.deep.equal(podSecurityContext());
            const b = pod.containers[0];
            expect(b.image).to.equal((s.outputs.appImages as Record<string, string>).beat);
            expect(b.args).to.include("--scheduler=redbeat.RedBeatScheduler");
            expect(b.securityContext).to.deep.equal(containerSecurityContext());
            const env = envOf(b);
            expect(env.CELERY_REDBEAT_LOCK_KEY.value).to.be.a("string").and.not.empty;
            expect(env.CELERY_REDBEAT_LOCK_TIMEOUT.value).to.equal(String(c.beatLockTimeoutSeconds));
            expect(Number(env.CELERY_BEAT_MAX_LOOP_INTERVAL.value)).to.be.below(c.beatLockTimeoutSeconds);
            expect(env.CELERY_BROKER_PASSWORD.valueFrom.secretKeyRef).to.deep.equal({
                name: "cache-auth",
                key: "token",
            });
            expect(b.envFrom, "beat reads its schedule from Redis").to.equal(undefined);
            expect(s.all(SCALED).map((r) => inputs(r).spec.scaleTargetRef.name)).to.not.include("beat");
        }
    });

    it("workers reach only the cache and the proxy, beat only the cache: egress to the isolated subnets on their ports", () => {
        for (const { s } of stacks) {
            const cidrs = isolatedCidrs(s);
            expect(cidrs, s.plan.name).to.have.length.greaterThan(1);
            const dbPort = Number(s.outputs.dbPort ?? 5432);
            const rules: [string, string, number[]][] = [
                ["worker-egress", "worker", [6379, dbPort]],
                ["beat-egress", "beat", [6379]],
            ];
            for (const [policy, app, ports] of rules) {
                const p = byMetaName(s, NETPOL, policy);
                expect(p.metadata.namespace).to.equal("payments");
                expect(p.spec.podSelector).to.deep.equal({ matchLabels: { "app.kubernetes.io/name": app } });
                expect(p.spec.policyTypes).to.deep.equal(["Egress"]);
                expect(p.spec.ingress).to.equal(undefined);
                expect(p.spec.egress).to.have.length(1);
                const to = (p.spec.egress[0].to as { ipBlock: { cidr: string } }[]).map((t) => t.ipBlock.cidr).sort();
                expect(to, `${s.plan.name} ${policy}`).to.deep.equal(cidrs);
                expect(p.spec.egress[0].ports).to.deep.equal(ports.map((port) => ({ protocol: "TCP", port })));
            }
        }
    });

    it("no secret value is written into a workload's manifest: every credential is a Secret reference", () => {
        for (const { s } of stacks) {
            const kinds = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"];
            for (const r of s.resources.filter((x) => kinds.includes(x.type))) {
                const pod = inputs(r).spec.template.spec;
                for (const c of [...(pod.initContainers ?? []), ...pod.containers])
                    for (const e of (c.env ?? []) as { name: string; value?: string }[])
                        expect(e.value, `${s.plan.name} ${r.name} ${e.name}`).to.not.equal("[secret]");
            }
        }
    });
});
