/**
 * The secret keys of the project: which stacks need each, and what it is.
 *
 * They are declared here rather than as `secret: true` in Pulumi.yaml because the CLI makes every
 * declared key without a default required in EVERY stack: network-frankfurt would then need an EKS
 * admin role it never uses. The typed config enforces the same two rules per role instead: a needed
 * secret must be set, and set with `pulumi config set --secret` (a plaintext value is an error).
 */
import { Role } from "./base";

export interface SecretDeclaration {
    /** Key in the project namespace. */
    key: string;
    /** Roles whose stacks need it. */
    roles: readonly Role[];
    /** What it is, for the README and error messages. */
    description: string;
    /** Needed only when this config key is set (a workload stack without an edge part needs no origin secret). @default always */
    onlyWith?: string;
}

export const SECRET_DECLARATIONS: readonly SecretDeclaration[] = [
    {
        key: "eksAdminRoleArn",
        roles: ["workload"],
        description:
            "IAM role ARN granted cluster-admin on the EKS cluster through an access entry (AmazonEKSClusterAdminPolicy)",
    },
    {
        key: "edgeOriginSecret",
        roles: ["workload", "edge"],
        onlyWith: "edge",
        description:
            "the value CloudFront sends in X-Origin-Verify and every regional ALB requires (one random value, e.g. `openssl rand -hex 32`, the same in edge-global and each regional stack it lists)",
    },
    {
        key: "pagerDutyIntegrationKey",
        roles: ["network", "workload", "edge"],
        description:
            "integration key of the PagerDuty service's Amazon CloudWatch integration: the alarm topic's HTTPS subscription posts to events.pagerduty.com/integration/<key>/enqueue",
    },
    {
        key: "pagerDutyRoutingKey",
        roles: ["workload"],
        description:
            "routing key of an Events API v2 integration on the same PagerDuty service: Alertmanager's pagerduty_configs send Events API v2, which takes only such a key (not the CloudWatch integration's)",
    },
];

/** Every secret key of the project (none of them is an unknown key in any stack). */
export const SECRET_KEYS: readonly string[] = SECRET_DECLARATIONS.map((d) => d.key);

/** The secret keys a stack of this role needs, given which of the project's keys are set. */
export function secretKeysFor(role: string, isSet: (key: string) => boolean = () => true): string[] {
    return SECRET_DECLARATIONS.filter(
        (d) => (d.roles as readonly string[]).includes(role) && (d.onlyWith === undefined || isSet(d.onlyWith)),
    ).map((d) => d.key);
}

/**
 * For tools that read stack files (the offline plan): the fully-qualified secret keys a stack with
 * these config values needs.
 */
export function requiredSecrets(project: string, values: Record<string, string>): string[] {
    const isSet = (key: string) => values[`${project}:${key}`] !== undefined;
    return secretKeysFor(values[`${project}:role`] ?? "", isSet).map((k) => `${project}:${k}`);
}
