/**
 * The Job that creates the services' database users and grants on the writer, as the master user:
 * the one workload that ever holds the master credentials. Named by the hash of its script, user
 * list and image, because a Job's pod template is immutable: a change makes a new Job (and script), which
 * Pulumi creates, awaits to completion, then deletes the old one. No ttlSecondsAfterFinished: the
 * Job would vanish from the cluster and the next `pulumi up` would see drift and re-create it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DATABASE_NAME, POSTGRES_PORT } from "../../data/aurora";
import { AppContext } from "../context";
import { networkPolicy } from "../namespace";
import { containerSecurityContext, podSecurityContext } from "../podSecurity";
import { dbSecretName } from "../secrets";
import { externalSecret } from "./externalSecrets";
import { egressTo, isolatedCidrs } from "../network";
import { DB_SECRET_STORE } from "./secretStore";
import { DbService, bootstrapHash, bootstrapSql, passwordEnv } from "./users";

/** The Secret holding the master user's credentials: only the bootstrap Job mounts it. */
export const MASTER_SECRET = "db-bootstrap-master";
/**
 * Where the db-bootstrap image has the RDS CA bundle (global-bundle.pem from
 * truststore.pki.rds.amazonaws.com, copied in at image build and pinned by the image digest):
 * public certificates, so baked into the image rather than fetched at run time by a pod with no
 * internet egress.
 */
export const RDS_CA_PATH = "/etc/ssl/certs/rds-global-bundle.pem";
const LABELS = { "app.kubernetes.io/name": "db-bootstrap", "app.kubernetes.io/part-of": "payments" };

export interface BootstrapInputs {
    services: readonly DbService[];
    writerEndpoint: pulumi.Input<string>;
    masterSecretArn: pulumi.Input<string>;
    /** The SecretStore and the `db-<service>` ExternalSecrets the Job reads. */
    secrets: pulumi.Resource[];
    /**
     * The writer instance. The cluster's endpoint (an input) resolves minutes before the writer
     * answers (8 minutes to create it); without this the Job's retries (backoff 10 s … 320 s) could
     * run out before it does.
     */
    writerReady: pulumi.Resource[];
}

const fromSecret = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
});

function jobContainer(image: pulumi.Input<string>, i: BootstrapInputs, host: pulumi.Input<string>) {
    return {
        name: "db-bootstrap",
        image,
        command: ["psql", "--no-psqlrc", "-f", "/sql/bootstrap.sql"],
        env: [
            { name: "PGHOST", value: host },
            { name: "PGPORT", value: String(POSTGRES_PORT) },
            { name: "PGDATABASE", value: DATABASE_NAME },
            // verify-full: the writer's certificate must chain to the RDS CA and name PGHOST.
            { name: "PGSSLMODE", value: "verify-full" },
            { name: "PGSSLROOTCERT", value: RDS_CA_PATH },
            { name: "PGCONNECT_TIMEOUT", value: "10" },
            { name: "HOME", value: "/tmp" },
            fromSecret("PGUSER", MASTER_SECRET, "username"),
            fromSecret("PGPASSWORD", MASTER_SECRET, "password"),
            ...i.services.map((s) => fromSecret(passwordEnv(s), dbSecretName(s), "password")),
        ],
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
        securityContext: containerSecurityContext(),
        volumeMounts: [
            { name: "sql", mountPath: "/sql", readOnly: true },
            { name: "tmp", mountPath: "/tmp" },
        ],
    };
}

/** The master secret's Secret, the script, the Job and its one network path (the writer). */
export function bootstrapJob(ctx: AppContext, i: BootstrapInputs): k8s.batch.v1.Job {
    const sql = bootstrapSql(i.services);
    const hash = bootstrapHash(sql, i.services);
    const opts = { parent: ctx.parent, provider: ctx.provider };
    const image = ctx.image("db-bootstrap");
    const jobHash = image.apply((img) => bootstrapHash(sql, i.services, img));
    const master = externalSecret(
        ctx,
        MASTER_SECRET,
        { kind: "SecretStore", name: DB_SECRET_STORE },
        [
            { secretKey: "username", remoteRef: { key: i.masterSecretArn, property: "username" } },
            { secretKey: "password", remoteRef: { key: i.masterSecretArn, property: "password" } },
        ],
        undefined,
        i.secrets,
    );
    const script = new k8s.core.v1.ConfigMap(
        `${ctx.name}-db-bootstrap-sql`,
        {
            metadata: { name: `db-bootstrap-${hash}`, namespace: ctx.namespace.metadata.name, labels: LABELS },
            immutable: true,
            data: { "bootstrap.sql": sql },
        },
        opts,
    );
    const policy = networkPolicy(ctx, ctx.namespace, "db-bootstrap-to-writer", {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Egress"],
        // The writer's port in the isolated subnets only: the Job needs no AWS API (its secrets are
        // mounted) and talks to nothing else.
        egress: [egressTo(isolatedCidrs(ctx.network), POSTGRES_PORT)],
    });
    return new k8s.batch.v1.Job(
        `${ctx.name}-db-bootstrap`,
        {
            metadata: {
                name: pulumi.interpolate`db-bootstrap-${jobHash}`,
                namespace: ctx.namespace.metadata.name,
                labels: LABELS,
                annotations: { "payments.example.com/bootstrap-sql-hash": hash },
            },
            spec: {
                backoffLimit: 6,
                activeDeadlineSeconds: 900,
                template: {
                    metadata: { labels: LABELS },
                    spec: {
                        restartPolicy: "Never",
                        automountServiceAccountToken: false,
                        securityContext: podSecurityContext(),
                        containers: [jobContainer(image, i, i.writerEndpoint)],
                        volumes: [
                            { name: "sql", configMap: { name: script.metadata.name } },
                            { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
                        ],
                    },
                },
            },
        },
        { ...opts, dependsOn: [master, script, policy, ...i.secrets, ...i.writerReady] },
    );
}
