import { expect } from "chai";
import { containerSecurityContext, podSecurityContext } from "../../../components/apps/podSecurity";
import { ledgerProblems } from "../../../components/apps/workers/checks";
import { DEFAULTS, LedgerArgs } from "../../../components/apps/workers/args";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded, discoverStacks, planned } from "../../harness";
import { appsOf, byMetaName, inputs } from "./records";

const recordOf = (s: Recorded, type: string, name: string): ResourceRecord =>
    s.all(type).find((r) => inputs(r).metadata?.name === name)!;

const STS = "kubernetes:apps/v1:StatefulSet";
const SERVICE = "kubernetes:core/v1:Service";
const LEASE = "kubernetes:coordination.k8s.io/v1:Lease";
const ZONE = "topology.kubernetes.io/zone";

describe("stateful: the ledger's active/standby StatefulSet in every planned workload stack", function () {
    this.timeout(300_000);
    const workloads = discoverStacks().filter((s) => s.role === "workload");
    let stacks: { s: Recorded; environment: string }[];
    before(async () => {
        stacks = await Promise.all(
            workloads.map(async (w) => ({ s: await planned(w.name), environment: w.environment })),
        );
    });

    it("two replicas, Parallel, rolling one at a time, claims on gp3-encrypted kept in prod", () => {
        for (const { s, environment } of stacks) {
            const l = appsOf(s.plan.name).stateful.ledger;
            const sts = byMetaName(s, STS, "ledger");
            expect(sts.spec.replicas).to.equal(2);
            expect(sts.spec.podManagementPolicy).to.equal("Parallel");
            expect(sts.spec.updateStrategy).to.deep.equal({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
            expect(sts.spec.persistentVolumeClaimRetentionPolicy, s.plan.name).to.deep.equal({
                whenDeleted: environment === "prod" ? "Retain" : "Delete",
                whenScaled: "Retain",
            });
            expect(sts.spec.volumeClaimTemplates).to.have.length(1);
            const claim = sts.spec.volumeClaimTemplates[0];
            expect(claim.spec).to.deep.equal({
                accessModes: ["ReadWriteOnce"],
                storageClassName: "gp3-encrypted",
                resources: { requests: { storage: `${l.storageGiB}Gi` } },
            });
            const sc = s.all("kubernetes:storage.k8s.io/v1:StorageClass").map(inputs);
            const gp3 = sc.find((c) => c.metadata.name === "gp3-encrypted")!;
            expect(gp3.parameters.encrypted, "the class the claims use is encrypted").to.equal("true");
        }
    });

    it("the MySQL sidecar: the mysql image as uid 999, its data on the claim, /var/run/mysqld on an emptyDir, passwords from the Secret", () => {
        for (const { s } of stacks) {
            const sts = byMetaName(s, STS, "ledger");
            const pod = sts.spec.template.spec;
            expect(pod.securityContext).to.deep.equal(podSecurityContext());
            expect(pod.initContainers).to.have.length(1);
            const m = pod.initContainers[0];
            expect(m.restartPolicy, "a native sidecar").to.equal("Always");
            expect(m.image).to.equal((s.outputs.appImages as Record<string, string>).mysql);
            expect(m.securityContext).to.deep.equal({ ...containerSecurityContext(), runAsUser: 999, runAsGroup: 999 });
            const mounts = Object.fromEntries(
                m.volumeMounts.map((v: { mountPath: string; name: string }) => [v.mountPath, v.name]),
            );
            expect(mounts["/var/lib/mysql"]).to.equal(sts.spec.volumeClaimTemplates[0].metadata.name);
            const volumes = Object.fromEntries(pod.volumes.map((v: { name: string }) => [v.name, v]));
            expect(volumes[mounts["/var/lib/mysql"]], "the data is the claim's, not a pod volume").to.equal(undefined);
            expect(volumes[mounts["/var/run/mysqld"]].emptyDir).to.be.an("object");
            expect(volumes[mounts["/tmp"]].emptyDir).to.be.an("object");
            expect(m.args).to.include("--datadir=/var/lib/mysql/data");
            const env = Object.fromEntries(m.env.map((e: { name: string }) => [e.name, e]));
            expect(env.MYSQL_ROOT_PASSWORD).to.deep.equal({
                name: "MYSQL_ROOT_PASSWORD",
                valueFrom: { secretKeyRef: { name: "ledger-mysql", key: "root-password" } },
            });
            for (const e of m.env as { value?: string }[]) expect(e.value ?? "").to.not.match(/password/i);
            expect(m.startupProbe.exec.command[0]).to.equal("mysqladmin");
            const app = pod.containers[0];
            expect(app.image).to.equal((s.outputs.appImages as Record<string, string>).ledger);
            expect(app.securityContext).to.deep.equal(containerSecurityContext());
        }
    });

    it("the MySQL passwords: random, in SSM SecureString with the data key, read into ledger-mysql by an ExternalSecret", () => {
        for (const { s } of stacks) {
            const es = byMetaName(s, "kubernetes:external-secrets.io/v1:ExternalSecret", "ledger-mysql");
            expect(es.spec.secretStoreRef).to.deep.equal({
                kind: "ClusterSecretStore",
                name: "platform-parameter-store",
            });
            expect(es.spec.target.name).to.equal("ledger-mysql");
            const params = s.all("aws:ssm/parameter:Parameter", /-ledger-mysql-/).map(inputs);
            expect(params).to.have.length(2);
            const env = String(s.outputs.environment);
            for (const p of params) {
                expect(p.type).to.equal("SecureString");
                expect(p.name).to.match(new RegExp(`^/payments/${env}/`));
                expect(p.value).to.equal("[secret]");
            }
            // The data key: the one the cache's AUTH token parameter uses, which external-secrets may decrypt.
            const token = inputs(s.one("aws:ssm/parameter:Parameter", /-cache-auth-token$/));
            for (const p of params) expect(p.keyId, p.name).to.equal(token.keyId);
            expect(es.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key).sort()).to.deep.equal(
                params.map((p) => p.name).sort(),
            );
            expect(es.spec.data.map((d: { secretKey: string }) => d.secretKey).sort()).to.deep.equal([
                "password",
                "root-password",
            ]);
        }
    });

    it("a headless Service for the pods, a Service selecting only the leader, a PDB of maxUnavailable 1", () => {
        for (const { s } of stacks) {
            const sts = byMetaName(s, STS, "ledger");
            const labels = sts.spec.template.metadata.labels;
            const headless = byMetaName(s, SERVICE, sts.spec.serviceName);
            expect(headless.spec.clusterIP).to.equal("None");
            expect(headless.spec.selector).to.deep.equal(labels);
            const leader = byMetaName(s, SERVICE, "ledger");
            expect(leader.spec.selector).to.deep.equal({ ...labels, "payments-platform/ledger-role": "leader" });
            const app = sts.spec.template.spec.containers[0];
            const env = Object.fromEntries(app.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
            expect(env.LEADER_LABEL).to.equal("payments-platform/ledger-role=leader");
            const pdb = byMetaName(s, "kubernetes:policy/v1:PodDisruptionBudget", "ledger");
            expect(pdb.spec).to.deep.equal({ maxUnavailable: 1, selector: { matchLabels: labels } });
        }
    });

    it("leader election on one Lease: the Role names exactly that Lease and the two pods, bound to the ledger's account", () => {
        for (const { s } of stacks) {
            const sts = byMetaName(s, STS, "ledger");
            const lease = byMetaName(s, LEASE, "ledger-leader");
            expect(lease.spec, "the holder is the app's to write").to.equal(undefined);
            expect(recordOf(s, LEASE, "ledger-leader").ignoreChanges).to.deep.equal(["spec"]);
            const app = sts.spec.template.spec.containers[0];
            const env = Object.fromEntries(app.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
            expect(env.LEADER_LEASE_NAME).to.equal(lease.metadata.name);
            expect(env.LEADER_LEASE_DURATION_SECONDS).to.equal(
                String(appsOf(s.plan.name).stateful.ledger.leaseDurationSeconds),
            );
            expect(env.LEADER_RELEASE_ON_CANCEL).to.equal("true");
            const role = byMetaName(s, "kubernetes:rbac.authorization.k8s.io/v1:Role", "ledger-leader-election");
            expect(role.rules).to.deep.equal([
                {
                    apiGroups: ["coordination.k8s.io"],
                    resources: ["leases"],
                    resourceNames: [lease.metadata.name],
                    verbs: ["get", "update"],
                },
                {
                    apiGroups: [""],
                    resources: ["pods"],
                    resourceNames: ["ledger-0", "ledger-1"],
                    verbs: ["get", "patch"],
                },
            ]);
            const binding = byMetaName(
                s,
                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                "ledger-leader-election",
            );
            expect(binding.roleRef).to.deep.equal({
                apiGroup: "rbac.authorization.k8s.io",
                kind: "Role",
                name: role.metadata.name,
            });
            expect(binding.subjects).to.deep.equal([
                { kind: "ServiceAccount", name: sts.spec.template.spec.serviceAccountName, namespace: "payments" },
            ]);
        }
    });

    it("spread over two zones: a required zone anti-affinity and a DoNotSchedule zone spread", () => {
        for (const { s } of stacks) {
            const sts = byMetaName(s, STS, "ledger");
            const pod = sts.spec.template.spec;
            const labels = sts.spec.template.metadata.labels;
            expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).to.deep.equal([
                { topologyKey: ZONE, labelSelector: { matchLabels: labels } },
            ]);
            expect(pod.topologySpreadConstraints).to.deep.equal([
                {
                    maxSkew: 1,
                    topologyKey: ZONE,
                    whenUnsatisfiable: "DoNotSchedule",
                    labelSelector: { matchLabels: labels },
                },
            ]);
        }
    });

    it("the ledger's network paths: 3306 between the two pods, 443 to the API server's subnets, its port from the gateway", () => {
        for (const { s } of stacks) {
            const l = appsOf(s.plan.name).stateful.ledger;
            const netpol = (n: string) => byMetaName(s, "kubernetes:networking.k8s.io/v1:NetworkPolicy", n).spec;
            const ledger = { podSelector: { matchLabels: { "app.kubernetes.io/name": "ledger" } } };
            expect(netpol("ledger-peers")).to.deep.equal({
                ...ledger,
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ from: [ledger], ports: [{ protocol: "TCP", port: 3306 }] }],
                egress: [{ to: [ledger], ports: [{ protocol: "TCP", port: 3306 }] }],
            });
            const privateCidrs = s
                .all("aws:ec2/subnet:Subnet", /-private-\d+$/)
                .map((r) => inputs(r).cidrBlock as string)
                .sort();
            const api = netpol("ledger-api-server");
            // The API endpoints' subnets, and the `kubernetes` Service's ClusterIP the pod actually dials.
            expect(api.egress[0].to.map((t: { ipBlock: { cidr: string } }) => t.ipBlock.cidr).sort()).to.deep.equal(
                [...privateCidrs, "10.100.0.1/32", "172.20.0.1/32"].sort(),
            );
            expect(api.egress[0].ports).to.deep.equal([{ protocol: "TCP", port: 443 }]);
            expect(netpol("ledger-from-tcp-gateway").ingress).to.deep.equal([
                {
                    from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "tcp-gateway" } } }],
                    ports: [{ protocol: "TCP", port: l.port }],
                },
            ]);
        }
    });
});

describe("ledgerProblems: port, claim size and lease", () => {
    const KEY = "payments-platform:apps.stateful.ledger";
    const ledger = (l: Partial<LedgerArgs>): LedgerArgs => ({ ...DEFAULTS.ledger, ...l });
    const rows: { why: string; l: LedgerArgs; problems: string[] }[] = [
        { why: "the defaults", l: ledger({}), problems: [] },
        {
            why: "MySQL's port",
            l: ledger({ port: 3306 }),
            problems: [`${KEY}.port is 3306, must be 1024 to 65535 and not 3306 (the MySQL sidecar's)`],
        },
        {
            why: "a fractional claim",
            l: ledger({ storageGiB: 1.5 }),
            problems: [`${KEY}.storageGiB is 1.5, must be 1 to 16384 (a gp3 volume's sizes)`],
        },
        {
            why: "a lease too short to renew",
            l: ledger({ leaseDurationSeconds: 2 }),
            problems: [`${KEY}.leaseDurationSeconds is 2, must be 5 to 300`],
        },
    ];
    for (const row of rows)
        it(`${row.problems.length ? "refuses" : "accepts"} ${row.why}`, () => {
            expect(ledgerProblems(KEY, row.l)).to.deep.equal(row.problems);
        });
});
