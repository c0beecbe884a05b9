import { expect } from "chai";
import { MASTER_SECRET, RDS_CA_PATH } from "../../../components/apps/dataAccess/bootstrap";
import { SQLSERVER_SECRET } from "../../../components/apps/dataAccess/cacheWarmer";
import { DB_SECRET_STORE } from "../../../components/apps/dataAccess/secretStore";
import { DB_SERVICES, bootstrapHash, bootstrapSql, passwordEnv } from "../../../components/apps/dataAccess/users";
import { CACHE_SECRET, DB_SECRET_KEYS, dbSecretName } from "../../../components/apps/secrets";
import { serviceUserName } from "../../../components/data/serviceUsers";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded, json, planned, plannedStacks, projectConfigOf } from "../../harness";
import { inputs } from "./records";

const ES = "kubernetes:external-secrets.io/v1:ExternalSecret";
const JOB = "kubernetes:batch/v1:Job";
const CRONJOB = "kubernetes:batch/v1:CronJob";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const PROXY = "aws:rds/proxy:Proxy";

const workloads = () => plannedStacks((s) => s.role === "workload");
const secondary = (s: Recorded) => s.outputs.dbGlobalRole === "secondary";
const byName = (s: Recorded, type: string, name: string) => s.all(type).find((r) => inputs(r).metadata.name === name);

/** The stack whose Secrets Manager holds the users: its own, or on a global secondary its primary's. */
async function usersStack(s: Recorded): Promise<Recorded> {
    if (!secondary(s)) return s;
    return planned(projectConfigOf(s.plan.name).database.global.primaryStack);
}

/** The isolated subnets as the spoke's awsx VPC is given them (independent of the code under test). */
function isolatedSubnets(s: Recorded): string[] {
    const vpc = s.one("awsx:ec2:Vpc", `${s.plan.name}-spoke-vpc`);
    return inputs(vpc).subnetSpecs.find((t: { name: string }) => t.name === "isolated").cidrBlocks;
}

/** Every pod template a workload resource carries. */
function podSpecs(r: ResourceRecord): Record<string, any>[] {
    const spec = inputs(r).spec ?? {};
    return [spec.template?.spec, spec.jobTemplate?.spec?.template?.spec].filter((p) => p !== undefined);
}

/** The Secret names a pod spec references (env, envFrom, volumes). */
function secretRefs(pod: Record<string, any>): string[] {
    const containers = [...(pod.containers ?? []), ...(pod.initContainers ?? [])];
    return [
        ...containers.flatMap((c) => (c.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef?.name)),
        ...containers.flatMap((c) => (c.envFrom ?? []).map((e: any) => e.secretRef?.name)),
        ...(pod.volumes ?? []).map((v: any) => v.secret?.secretName),
    ].filter((n) => n !== undefined);
}

describe("apps data access: database users, their Secrets and the bootstrap Job in every planned workload stack", function () {
    this.timeout(300_000);

    it("the proxy has one password (SCRAM) auth per service, each on the service's own secret, beside the IAM-only master", async () => {
        for (const s of await workloads()) {
            const arns = s.outputs.dbServiceUserSecretArns as Record<string, string>;
            if (secondary(s)) {
                expect(s.all(PROXY), s.plan.name).to.have.length(0);
                expect(arns, `${s.plan.name}: a secondary's users are its primary's`).to.deep.equal({});
                continue;
            }
            expect(Object.keys(arns).sort(), s.plan.name).to.deep.equal([...DB_SERVICES].sort());
            const [master, ...users] = inputs(s.one(PROXY)).auths;
            expect(master).to.deep.include({ iamAuth: "REQUIRED", secretArn: s.outputs.dbMasterSecretArn });
            expect(users, s.plan.name).to.deep.equal(
                DB_SERVICES.map((service) => ({
                    description: `service ${service}: its own user, password checked against its own secret`,
                    authScheme: "SECRETS",
                    iamAuth: "DISABLED",
                    clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
                    secretArn: arns[service],
                })),
            );
            for (const service of DB_SERVICES) expect(arns[service]).to.include(`-payments-db-user-${service}-`);
            expect(new Set(Object.values(arns)).size).to.equal(DB_SERVICES.length);
            const proxyPolicy = json(
                s.one("aws:iam/rolePolicy:RolePolicy", `${s.plan.name}-payments-proxy`).inputs.policy,
            );
            expect(proxyPolicy.Statement[0].Resource).to.deep.equal([
                s.outputs.dbMasterSecretArn,
                ...DB_SERVICES.map((x) => arns[x]),
            ]);
        }
    });

    it("each user's secret is encrypted with the data key and holds a generated password, never shown", async () => {
        for (const s of await workloads()) {
            if (secondary(s)) continue;
            for (const service of DB_SERVICES) {
                const secret = s.one("aws:secretsmanager/secret:Secret", `${s.plan.name}-payments-db-user-${service}`);
                expect(inputs(secret).kmsKeyId, service).to.equal(s.outputs.dbKmsKeyArn);
                expect(inputs(secret).name, "auto-named: the recovery window keeps a deleted name").to.equal(undefined);
                const version = s.one(
                    "aws:secretsmanager/secretVersion:SecretVersion",
                    `${s.plan.name}-payments-db-user-${service}`,
                );
                expect(inputs(version).secretString).to.equal("[secret]");
                const pw = s.one(
                    "random:index/randomPassword:RandomPassword",
                    `${s.plan.name}-payments-db-user-${service}`,
                );
                expect(inputs(pw)).to.deep.include({ length: 40, special: false });
            }
        }
    });

    it("every db-<service> Secret comes from the namespaced store: the user's own secret, the proxy (or a secondary's reader endpoint)", async () => {
        for (const s of await workloads()) {
            const arns = (await usersStack(s)).outputs.dbServiceUserSecretArns as Record<string, string>;
            const host = secondary(s) ? s.outputs.dbReaderEndpoint : s.outputs.dbProxyEndpoint;
            expect(host, s.plan.name).to.be.a("string").and.not.equal("");
            for (const service of DB_SERVICES) {
                const es = byName(s, ES, dbSecretName(service));
                expect(es, `${s.plan.name} ${service}`).to.exist;
                const spec = inputs(es).spec;
                expect(spec.secretStoreRef).to.deep.equal({ kind: "SecretStore", name: DB_SECRET_STORE });
                expect(spec.refreshInterval).to.equal("1h");
                expect(spec.data).to.deep.equal([
                    { secretKey: "username", remoteRef: { key: arns[service], property: "username" } },
                    { secretKey: "password", remoteRef: { key: arns[service], property: "password" } },
                ]);
                expect(spec.target).to.deep.include({ name: dbSecretName(service), creationPolicy: "Owner" });
                expect(Object.keys(spec.target.template.data).sort()).to.deep.equal([...DB_SECRET_KEYS].sort());
                expect(spec.target.template.data).to.deep.equal({
                    host,
                    port: "5432",
                    dbname: "payments",
                    username: "{{ .username }}",
                    password: "{{ .password }}",
                });
            }
            const cache = inputs(byName(s, ES, CACHE_SECRET.name)).spec;
            expect(cache.secretStoreRef).to.deep.equal({
                kind: "ClusterSecretStore",
                name: "platform-parameter-store",
            });
            expect(cache.data).to.deep.equal([
                { secretKey: CACHE_SECRET.key, remoteRef: { key: s.outputs.cacheAuthTokenParameterName } },
            ]);
        }
    });

    it("the SecretStore's IRSA role reads exactly the master secret (where there is a writer) and the users' secrets, decrypting via Secrets Manager only", async () => {
        for (const s of await workloads()) {
            const owner = await usersStack(s);
            const arns = owner.outputs.dbServiceUserSecretArns as Record<string, string>;
            const expected = [
                ...(secondary(s) ? [] : [s.outputs.dbMasterSecretArn]),
                ...DB_SERVICES.map((x) => arns[x]),
            ];
            const doc = json(
                s.one("aws:iam/rolePolicy:RolePolicy", `${s.plan.name}-apps-db-secrets-policy`).inputs.policy,
            );
            expect(doc.Statement, s.plan.name).to.deep.equal([
                {
                    Sid: "ReadDatabaseSecrets",
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: expected,
                },
                {
                    Sid: "DecryptThroughSecretsManager",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: owner.outputs.dbKmsKeyArn,
                    Condition: {
                        StringEquals: { "kms:ViaService": `secretsmanager.${owner.plan.region}.amazonaws.com` },
                    },
                },
            ]);
            const trust = json(
                s.one("aws:iam/role:Role", `${s.plan.name}-apps-db-secrets-role`).inputs.assumeRolePolicy,
            );
            expect(Object.values(trust.Statement[0].Condition.StringEquals)).to.include(
                "system:serviceaccount:payments:db-secrets-reader",
            );
            const store = byName(s, "kubernetes:external-secrets.io/v1:SecretStore", DB_SECRET_STORE);
            expect(inputs(store).metadata.namespace).to.equal("payments");
            expect(inputs(store).spec.provider.aws).to.deep.equal({
                service: "SecretsManager",
                region: owner.plan.region,
                auth: { jwt: { serviceAccountRef: { name: "db-secrets-reader" } } },
            });
        }
    });

    it("the bootstrap Job runs where there is a writer: its SQL by hash, the writer over verify-full TLS, as the master user", async () => {
        for (const s of await workloads()) {
            const jobs = s.all(JOB).filter((j) => inputs(j).metadata.name.startsWith("db-bootstrap-"));
            if (secondary(s)) {
                expect(jobs, `${s.plan.name}: no writer, no Job`).to.have.length(0);
                expect(byName(s, ES, MASTER_SECRET)).to.equal(undefined);
                continue;
            }
            expect(jobs, s.plan.name).to.have.length(1);
            const job = inputs(jobs[0]);
            const sql = bootstrapSql(DB_SERVICES);
            const hash = bootstrapHash(sql, DB_SERVICES);
            const image = (s.outputs.appImages as Record<string, string>)["db-bootstrap"];
            expect(job.metadata.name).to.equal(`db-bootstrap-${bootstrapHash(sql, DB_SERVICES, image)}`);
            expect(job.metadata.annotations).to.deep.equal({ "payments.example.com/bootstrap-sql-hash": hash });
            expect(job.spec).to.not.have.property("ttlSecondsAfterFinished");
            const script = byName(s, "kubernetes:core/v1:ConfigMap", `db-bootstrap-${hash}`);
            expect(inputs(script).data).to.deep.equal({ "bootstrap.sql": sql });
            expect(inputs(script).immutable).to.equal(true);
            const pod = job.spec.template.spec;
            const [c] = pod.containers;
            const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));
            expect(env).to.deep.include({
                PGHOST: s.outputs.dbWriterEndpoint,
                PGPORT: "5432",
                PGSSLMODE: "verify-full",
                PGSSLROOTCERT: RDS_CA_PATH,
                PGUSER: { name: MASTER_SECRET, key: "username" },
                PGPASSWORD: { name: MASTER_SECRET, key: "password" },
            });
            for (const service of DB_SERVICES)
                expect(env[passwordEnv(service)]).to.deep.equal({ name: dbSecretName(service), key: "password" });
            expect(c.image).to.equal(image);
            expect(c.securityContext).to.deep.include({
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
            });
            expect(pod.securityContext).to.deep.include({ runAsNonRoot: true });
            const master = inputs(byName(s, ES, MASTER_SECRET)).spec;
            expect(master.data.map((d: any) => d.remoteRef)).to.deep.equal([
                { key: s.outputs.dbMasterSecretArn, property: "username" },
                { key: s.outputs.dbMasterSecretArn, property: "password" },
            ]);
            expect(jobs[0].dependencies).to.include(s.all(ES).find((e) => inputs(e).metadata.name === "db-web")!.urn);
        }
    });

    it("only the bootstrap Job mounts the master's Secret, and only its ExternalSecret names the master secret's ARN", async () => {
        for (const s of await workloads()) {
            const kinds = [
                "apps/v1:Deployment",
                "apps/v1:StatefulSet",
                "apps/v1:DaemonSet",
                "batch/v1:Job",
                "batch/v1:CronJob",
            ];
            for (const r of kinds.flatMap((k) => s.all(`kubernetes:${k}`))) {
                const refs = podSpecs(r).flatMap(secretRefs);
                const bootstrap = r.type === JOB && inputs(r).metadata.name.startsWith("db-bootstrap-");
                if (!bootstrap) expect(refs, `${s.plan.name} ${r.name}`).to.not.include(MASTER_SECRET);
            }
            const masterArn = String(s.outputs.dbMasterSecretArn);
            expect(masterArn === "", s.plan.name).to.equal(secondary(s));
            if (masterArn === "") continue;
            const naming = s.resources.filter(
                (r) => r.type.startsWith("kubernetes:") && JSON.stringify(r.inputs).includes(masterArn),
            );
            expect(naming.map((r) => [r.type, inputs(r).metadata.name])).to.deep.equal([[ES, MASTER_SECRET]]);
        }
    });

    it("the bootstrap Job may reach only the writer's port in the isolated subnets", async () => {
        for (const s of await workloads()) {
            const policy = byName(s, NETPOL, "db-bootstrap-to-writer");
            if (secondary(s)) {
                expect(policy).to.equal(undefined);
                continue;
            }
            expect(inputs(policy).spec).to.deep.equal({
                podSelector: {
                    matchLabels: { "app.kubernetes.io/name": "db-bootstrap", "app.kubernetes.io/part-of": "payments" },
                },
                policyTypes: ["Egress"],
                egress: [
                    {
                        to: isolatedSubnets(s).map((cidr) => ({ ipBlock: { cidr } })),
                        ports: [{ protocol: "TCP", port: 5432 }],
                    },
                ],
            });
            const job = s.all(JOB).find((j) => inputs(j).metadata.name.startsWith("db-bootstrap-"))!;
            expect(inputs(job).spec.template.metadata.labels).to.deep.include(
                inputs(policy).spec.podSelector.matchLabels,
            );
        }
    });

    it("nothing secret is in a manifest: no secret value in any Kubernetes object's inputs, no Secret object, SQL without passwords", async () => {
        for (const s of await workloads()) {
            const k8s = s.resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.includes("helm.sh"));
            for (const r of k8s)
                expect(JSON.stringify(r.inputs), `${s.plan.name} ${r.name}`).to.not.include("[secret]");
            expect(
                s.all("kubernetes:core/v1:Secret").filter((r) => inputs(r).metadata.namespace === "payments"),
            ).to.deep.equal([]);
            for (const cm of s.all("kubernetes:core/v1:ConfigMap")) {
                const text = JSON.stringify(inputs(cm).data ?? {});
                expect(text).to.not.match(/PASSWORD\s+'/i);
                for (const service of DB_SERVICES)
                    if (text.includes(serviceUserName(service))) expect(text).to.include(`PASSWORD :'pw_${service}'`);
            }
        }
    });
});

describe("apps data access: the cache-warming CronJob in every planned workload stack", function () {
    this.timeout(300_000);

    it("runs on the configured schedule, never overlapping, bounded in time, with the SQL Server password from SSM", async () => {
        for (const s of await workloads()) {
            const cfg = projectConfigOf(s.plan.name).apps.cacheWarmer;
            const cron = byName(s, CRONJOB, "cache-warmer");
            if (!cfg) {
                expect(cron, s.plan.name).to.equal(undefined);
                continue;
            }
            const spec = inputs(cron).spec;
            expect(spec).to.deep.include({
                schedule: cfg.schedule ?? "*/15 * * * *",
                concurrencyPolicy: "Forbid",
                startingDeadlineSeconds: cfg.startingDeadlineSeconds ?? 300,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
            });
            expect(spec.jobTemplate.spec.activeDeadlineSeconds).to.equal(cfg.activeDeadlineSeconds ?? 600);
            const [c] = spec.jobTemplate.spec.template.spec.containers;
            const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));
            expect(env).to.deep.include({
                SQLSERVER_HOST: cfg.host,
                SQLSERVER_PORT: String(cfg.port ?? 1433),
                SQLSERVER_DATABASE: cfg.database,
                SQLSERVER_PASSWORD: { name: SQLSERVER_SECRET, key: "password" },
                REDIS_HOST: s.outputs.cachePrimaryEndpoint,
                REDIS_PASSWORD: { name: CACHE_SECRET.name, key: CACHE_SECRET.key },
            });
            expect(c.image).to.equal((s.outputs.appImages as Record<string, string>)["cache-warmer"]);
            const pw = inputs(byName(s, ES, SQLSERVER_SECRET)).spec;
            const path = projectConfigOf(s.plan.name).eks.parameterPath ?? `/payments/${s.outputs.environment}/`;
            expect(pw.secretStoreRef).to.deep.equal({ kind: "ClusterSecretStore", name: "platform-parameter-store" });
            expect(pw.data).to.deep.equal([
                { secretKey: "password", remoteRef: { key: `${path}cache-warmer/sqlserver-password` } },
            ]);
        }
    });

    it("may reach only the on-premises ranges on the SQL Server port and the cache's subnets on 6379", async () => {
        for (const s of await workloads()) {
            const cfg = projectConfigOf(s.plan.name).apps.cacheWarmer;
            if (!cfg) continue;
            const hub = projectConfigOf(projectConfigOf(s.plan.name).network.spoke.hubStack).network.hub;
            const onPrem = (hub.onPremCidrs as { owner: string; cidr: string }[]).map((c) => c.cidr);
            expect(onPrem, s.plan.name).to.not.be.empty;
            const policy = inputs(byName(s, NETPOL, "cache-warmer-egress")).spec;
            expect(policy.policyTypes).to.deep.equal(["Egress"]);
            expect(policy.egress, s.plan.name).to.deep.equal([
                {
                    to: onPrem.map((cidr) => ({ ipBlock: { cidr } })),
                    ports: [{ protocol: "TCP", port: cfg.port ?? 1433 }],
                },
                {
                    to: isolatedSubnets(s).map((cidr) => ({ ipBlock: { cidr } })),
                    ports: [{ protocol: "TCP", port: 6379 }],
                },
            ]);
        }
    });
});
