import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { plannedStacks } from "../../harness";
import { inputs, Json } from "./records";

const WORKLOADS = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
];

/** The pod spec of a workload (a CronJob nests it one template deeper). */
function podSpec(r: ResourceRecord): Json {
    const spec = inputs(r).spec;
    return r.type.endsWith(":CronJob") ? spec.jobTemplate.spec.template.spec : spec.template.spec;
}

/** Names of the Secrets a pod reads through env, envFrom or volumes. */
function secretsRead(pod: Json): string[] {
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    const names = new Set<string>();
    for (const c of containers) {
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
        for (const e of c.envFrom ?? []) if (e.secretRef?.name) names.add(e.secretRef.name);
    }
    for (const v of pod.volumes ?? []) if (v.secret?.secretName) names.add(v.secret.secretName);
    return [...names];
}

describe("apps: a pod starts only after the Secrets it reads exist, in every planned workload stack", function () {
    this.timeout(300_000);

    it("every workload reading a Secret that an ExternalSecret makes depends on that ExternalSecret", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        let checked = 0;
        for (const s of stacks) {
            const made = new Map<string, string>();
            for (const es of s.all("kubernetes:external-secrets.io/v1:ExternalSecret")) {
                const i = inputs(es);
                made.set(`${i.metadata.namespace}/${i.spec.target?.name ?? i.metadata.name}`, es.urn);
            }
            for (const type of WORKLOADS)
                for (const w of s.all(type)) {
                    const ns = inputs(w).metadata.namespace;
                    for (const secret of secretsRead(podSpec(w))) {
                        const es = made.get(`${ns}/${secret}`);
                        if (!es) continue;
                        checked++;
                        expect(w.dependencies, `${s.plan.name}: ${w.name} reads ${secret}`).to.include(es);
                    }
                }
        }
        expect(checked, "no workload reads an ExternalSecret's Secret: the rule checked nothing").to.be.greaterThan(0);
    });

    it("the users' bootstrap Job waits for the writer instance, not only the cluster (whose endpoint exists minutes earlier)", async () => {
        let checked = 0;
        for (const s of await plannedStacks((st) => st.role === "workload")) {
            const job = s.all("kubernetes:batch/v1:Job").find((j) => /db-bootstrap/.test(inputs(j).metadata.name));
            if (!job) continue;
            const writer = s.one("aws:rds/clusterInstance:ClusterInstance", /-writer$/);
            expect(job.dependencies, s.plan.name).to.include(writer.urn);
            checked++;
        }
        expect(checked).to.be.greaterThan(0);
    });

    it("where a writer exists, the web, API and Celery pods wait for the database users' bootstrap Job", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        let withJob = 0;
        for (const s of stacks) {
            const job = s.all("kubernetes:batch/v1:Job").find((j) => /db-bootstrap/.test(inputs(j).metadata.name));
            if (!job) continue;
            withJob++;
            const users = s
                .all("kubernetes:apps/v1:Deployment")
                .filter((d) => secretsRead(podSpec(d)).some((n) => /^db-(web|api|worker|beat)$/.test(n)));
            expect(users, s.plan.name).to.not.be.empty;
            for (const d of users) expect(d.dependencies, `${s.plan.name}: ${d.name}`).to.include(job.urn);
        }
        expect(withJob, "no stack has a bootstrap Job").to.be.greaterThan(0);
    });
});
