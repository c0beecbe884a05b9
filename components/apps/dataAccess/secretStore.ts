/**
 * The payments namespace's own SecretStore on Secrets Manager: the database credentials (the master
 * secret for the bootstrap Job, the service users' secrets for the apps) are read by a dedicated
 * service account whose IRSA role may read exactly those secrets, rather than by widening the
 * cluster-wide SSM store's controller role. Namespaced, so no other namespace can reference it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { dbSecretsPolicy } from "./policy";

/** The SecretStore's name (ExternalSecrets reference it with kind SecretStore). */
export const DB_SECRET_STORE = "db-secrets";
/** The service account external-secrets authenticates as (auth.jwt.serviceAccountRef). */
export const DB_SECRETS_SERVICE_ACCOUNT = "db-secrets-reader";

export interface DbSecretStoreInputs {
    /** The region the secrets are in (on a global secondary, its primary's). */
    region: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
    /** Every secret it may read. */
    secretArns: pulumi.Input<string>[];
}

export function dbSecretStore(ctx: AppContext, i: DbSecretStoreInputs): k8s.apiextensions.CustomResource {
    const policy = pulumi
        .all([pulumi.all(i.secretArns), i.kmsKeyArn, i.region])
        .apply(([arns, key, region]) => dbSecretsPolicy(arns, key, region));
    const role = ctx.cluster.createServiceAccountRole(
        `${ctx.name}-db-secrets`,
        ctx.namespaceName,
        DB_SECRETS_SERVICE_ACCOUNT,
        policy,
    );
    const opts = { parent: ctx.parent, provider: ctx.provider };
    const sa = new k8s.core.v1.ServiceAccount(
        `${ctx.name}-db-secrets`,
        {
            metadata: {
                name: DB_SECRETS_SERVICE_ACCOUNT,
                namespace: ctx.namespace.metadata.name,
                annotations: { "eks.amazonaws.com/role-arn": role.arn },
            },
            // Only external-secrets' controller uses it (TokenRequest); no pod runs as it.
            automountServiceAccountToken: false,
        },
        opts,
    );
    // Fields checked against external-secrets helm-chart-1.3.2 config/crds/bases/
    // external-secrets.io_secretstores.yaml (v1: provider.aws.{service, region, auth.jwt.serviceAccountRef.name}).
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-db-secret-store`,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "SecretStore",
            metadata: { name: DB_SECRET_STORE, namespace: ctx.namespace.metadata.name },
            spec: {
                provider: {
                    aws: {
                        service: "SecretsManager",
                        region: i.region,
                        auth: { jwt: { serviceAccountRef: { name: DB_SECRETS_SERVICE_ACCOUNT } } },
                    },
                },
            },
        },
        { ...opts, dependsOn: [sa, role] },
    );
}
