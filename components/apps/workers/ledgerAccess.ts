/**
 * What the ledger's pods are given besides their spec: the MySQL passwords (random, in SSM
 * SecureString, into a Secret through external-secrets; never in a manifest or config), the Lease
 * its two replicas elect a leader on, and RBAC scoped to that one Lease and to the two pods.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AppContext } from "../context";
import { appLabels } from "./pod";

/** The StatefulSet's name; its pods are `ledger-0` and `ledger-1` (the RBAC names them). */
export const LEDGER = "ledger";
/** Replicas: one active, one standby. */
export const LEDGER_REPLICAS = 2;
/** The Lease the replicas elect the active on. */
export const LEDGER_LEASE = "ledger-leader";
/** Label the leader puts on its own pod; the `ledger` Service selects it. */
export const LEADER_LABEL = { key: "payments-platform/ledger-role", value: "leader" } as const;
/** The Secret with the MySQL passwords (keys `root-password`, `password`). */
export const LEDGER_MYSQL_SECRET = "ledger-mysql";

const opts = (ctx: AppContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({
    parent: ctx.parent,
    provider: ctx.provider,
    ...extra,
});

/** The ledger's pod names, as the StatefulSet names them (`<name>-<ordinal>`). */
export const ledgerPods = (): string[] => Array.from({ length: LEDGER_REPLICAS }, (_, i) => `${LEDGER}-${i}`);

/**
 * Two random passwords (root, and the `ledger` user the app and replication use), each an SSM
 * SecureString under the store's path with the data key (which external-secrets may decrypt), read
 * into one Secret. SSM, not just a Secret: MySQL takes the root password only when it initialises a
 * data directory, so the value must outlive the Secret (a namespace rebuild must not re-roll it).
 */
export function ledgerMysqlSecret(ctx: AppContext, parameterPath: string): k8s.apiextensions.CustomResource {
    const keys = { "root-password": "mysql-root-password", password: "mysql-password" };
    const params = Object.entries(keys).map(([secretKey, leaf]) => {
        // MySQL takes any characters, but the password also goes through env and shells: alphanumeric.
        const pw = new random.RandomPassword(`${ctx.name}-ledger-${leaf}`, { length: 32, special: false }, opts(ctx));
        const p = new aws.ssm.Parameter(
            `${ctx.name}-ledger-${leaf}`,
            {
                name: `${parameterPath}${ctx.name}/ledger/${leaf}`,
                description: `${ctx.name}: the ledger's MySQL ${secretKey}`,
                type: "SecureString",
                keyId: ctx.data.kmsKeyArn,
                value: pw.result,
                tags: { ...ctx.tags, Name: `${ctx.name}-ledger-${leaf}` },
            },
            { parent: ctx.parent },
        );
        return { secretKey, remoteRef: { key: p.name } };
    });
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-ledger-mysql-secret`,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "ExternalSecret",
            metadata: { name: LEDGER_MYSQL_SECRET, namespace: ctx.namespace.metadata.name },
            spec: {
                refreshInterval: "1h",
                secretStoreRef: { kind: "ClusterSecretStore", name: ctx.cluster.secretStoreName },
                target: { name: LEDGER_MYSQL_SECRET, creationPolicy: "Owner" },
                data: params,
            },
        },
        opts(ctx),
    );
}

/**
 * The Lease, made by the program and not by the app: RBAC can't scope `create` to a name, so a
 * Role that may create Leases may create any. Its spec is left empty (and ignored), so the holder
 * the app writes is never reset by an update.
 */
export function ledgerLease(ctx: AppContext): k8s.coordination.v1.Lease {
    return new k8s.coordination.v1.Lease(
        `${ctx.name}-ledger-lease`,
        { metadata: { name: LEDGER_LEASE, namespace: ctx.namespace.metadata.name, labels: appLabels(LEDGER) } },
        opts(ctx, { ignoreChanges: ["spec"] }),
    );
}

/**
 * The ledger's service account, allowed to get/update its one Lease (client-go's LeaseLock needs no
 * more once the Lease exists) and to get/patch its own two pods, to move the leader label: the new
 * leader labels itself and takes the label off the old one, whose pod may still exist.
 */
export function ledgerRbac(ctx: AppContext, lease: k8s.coordination.v1.Lease): k8s.core.v1.ServiceAccount {
    const ns = ctx.namespace.metadata.name;
    const sa = new k8s.core.v1.ServiceAccount(
        `${ctx.name}-sa-ledger`,
        { metadata: { name: LEDGER, namespace: ns, labels: appLabels(LEDGER) } },
        opts(ctx),
    );
    const role = new k8s.rbac.v1.Role(
        `${ctx.name}-ledger-role`,
        {
            metadata: { name: "ledger-leader-election", namespace: ns },
            rules: [
                {
                    apiGroups: ["coordination.k8s.io"],
                    resources: ["leases"],
                    resourceNames: [lease.metadata.name],
                    verbs: ["get", "update"],
                },
                { apiGroups: [""], resources: ["pods"], resourceNames: ledgerPods(), verbs: ["get", "patch"] },
            ],
        },
        opts(ctx),
    );
    new k8s.rbac.v1.RoleBinding(
        `${ctx.name}-ledger-rolebinding`,
        {
            metadata: { name: "ledger-leader-election", namespace: ns },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
            subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
        },
        opts(ctx),
    );
    return sa;
}
