/**
 * The payments services' own database users: never the master user. Each user's credentials live
 * in a Secrets Manager secret of its own (the component's key), which the RDS Proxy reads to log in
 * for it and external-secrets reads for the service's pods; a bootstrap Job (components/apps/
 * dataAccess) creates the PostgreSQL roles with these passwords on the writer.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** Where the service users' secrets are, and what decrypts them. */
export interface ServiceUserSecrets {
    /** The region of the secrets (on a global secondary, its primary's). */
    region: pulumi.Input<string>;
    /** The key they are encrypted with. */
    kmsKeyArn: pulumi.Input<string>;
    /** Each service's secret ARN. */
    secretArns: Record<string, pulumi.Input<string>>;
}

/** Service names: they become role names (`payments_<service>`, so `_` is kept out: `a-b` and `a_b` would clash) and resource names. */
const SERVICE_SHAPE = /^[a-z][a-z0-9-]{0,29}$/;

/** The PostgreSQL role of a service: lowercase (unquoted identifiers fold to it), `-` is not allowed unquoted. */
export function serviceUserName(service: string): string {
    return `payments_${service.replace(/-/g, "_")}`;
}

/** What is wrong with a list of service users (empty when fine). */
export function serviceUserProblems(users: readonly string[], field = "serviceUsers"): string[] {
    const p: string[] = [];
    for (const u of users)
        if (!SERVICE_SHAPE.test(u))
            p.push(`${field} has "${u}", must be 1-30 lowercase letters, digits or "-", starting with a letter`);
    const dup = users.filter((u, i) => users.indexOf(u) !== i);
    if (dup.length > 0) p.push(`${field} lists ${[...new Set(dup)].join(", ")} more than once`);
    return p;
}

/**
 * One secret per service, `{"username","password"}` as RDS Proxy reads it. The password is
 * alphanumeric: it ends up in connection URLs (Celery, Django's DATABASE_URL) where `@`, `/`, `:`
 * or `%` would need escaping, and 40 characters of [A-Za-z0-9] carry ~238 bits. The secrets are
 * auto-named: a deleted secret keeps its name through the recovery window, so a fixed name would
 * collide when the secret is replaced.
 */
export function serviceUserSecrets(
    name: string,
    users: readonly string[],
    keyArn: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): Record<string, aws.secretsmanager.Secret> {
    const out: Record<string, aws.secretsmanager.Secret> = {};
    for (const user of users) {
        const password = new random.RandomPassword(
            `${name}-db-user-${user}`,
            { length: 40, special: false },
            { parent, additionalSecretOutputs: ["result"] },
        );
        const secret = new aws.secretsmanager.Secret(
            `${name}-db-user-${user}`,
            {
                description: `Database user ${serviceUserName(user)} of ${name} (service ${user}), read by the RDS Proxy and external-secrets`,
                kmsKeyId: keyArn,
                tags: { ...tags, Name: `${name}-db-user-${user}`, Service: user },
            },
            { parent },
        );
        new aws.secretsmanager.SecretVersion(
            `${name}-db-user-${user}`,
            {
                secretId: secret.id,
                secretString: pulumi.secret(
                    pulumi.jsonStringify({ username: serviceUserName(user), password: password.result }),
                ),
            },
            { parent },
        );
        out[user] = secret;
    }
    return out;
}
