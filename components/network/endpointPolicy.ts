/**
 * Endpoint policies for the hub's shared interface endpoints (pure). Dev and prod resolve the same
 * endpoints, so each endpoint admits only principals of this account: stolen credentials of another
 * account can't use our network path to AWS (exfiltration to an attacker's bucket, KMS key or
 * secret goes through the endpoint, and the policy refuses it). `aws:PrincipalAccount` rather than
 * the organization (`aws:PrincipalOrgID`): the platform is one account, and an org id is one more
 * thing a fresh account would have to configure.
 *
 * Only services whose endpoints accept a policy get one (CreateVpcEndpoint rejects a policy on the
 * others). ssmmessages and ec2messages are left on the default (full access): their callers are the
 * SSM agent's own channels and we could not confirm here that they accept a policy.
 */

/** Services whose interface endpoints get a policy. */
export const POLICY_SERVICES: readonly string[] = ["ecr.api", "ecr.dkr", "sts", "ssm", "logs", "secretsmanager", "kms"];

/** The endpoint policy document for `service`, or undefined when it keeps the default. */
export function endpointPolicy(service: string, account: string, partition: string): string | undefined {
    if (!POLICY_SERVICES.includes(service)) return undefined;
    const Statement: Record<string, unknown>[] = [
        {
            Sid: "ThisAccountsPrincipalsOnly",
            Effect: "Allow",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": account } },
        },
    ];
    if (service === "sts") {
        // IRSA: pods call AssumeRoleWithWebIdentity unsigned, so the request has no principal account
        // and the first statement alone would refuse it. Admit it for this account's roles only.
        Statement.push({
            Sid: "WebIdentityIntoThisAccountsRoles",
            Effect: "Allow",
            Principal: "*",
            Action: "sts:AssumeRoleWithWebIdentity",
            Resource: `arn:${partition}:iam::${account}:role/*`,
        });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement });
}
