/** IAM document of the database SecretStore's role (pure, tested from values). */
import { PolicyDocument } from "../../eks";

/**
 * Read exactly these secrets, and decrypt with the one key they are encrypted with only when
 * Secrets Manager (of their region) asks. external-secrets calls GetSecretValue for `remoteRef.key`
 * (and nothing else without `metadataPolicy: Fetch` or `find`, which these ExternalSecrets don't use).
 */
export function dbSecretsPolicy(secretArns: readonly string[], keyArn: string, region: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadDatabaseSecrets",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: [...secretArns],
            },
            {
                Sid: "DecryptThroughSecretsManager",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: keyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
            },
        ],
    };
}
