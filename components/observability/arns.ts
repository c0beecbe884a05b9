/**
 * CloudWatch dimension values that are parts of an ARN, where a component exposes only the ARN.
 * Pure: table-tested.
 */

/**
 * A WAFv2 web ACL's name (its metrics' WebACL dimension) from its ARN,
 * `arn:<partition>:wafv2:<region>:<account>:<global|regional>/webacl/<name>/<id>`. Anything else is
 * returned unchanged: an alarm on it then points at nothing, which the coverage test reports.
 */
export function webAclNameOf(arn: string): string {
    const m = /^arn:[^:]+:wafv2:[^:]*:[^:]*:[a-z]+\/webacl\/([^/]+)\/[^/]+$/.exec(arn);
    return m ? m[1] : arn;
}
