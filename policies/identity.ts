/**
 * Identity. Advisory by default; prod's policy config makes it mandatory.
 */
import { get, isUnknown, list, PlatformPolicy, resourcePolicy, Statement, statementsOf, strings } from "./helpers";

const ADMIN_ACTIONS = ["*", "*:*"];

/** Allow statements that grant every action on every resource. */
export function adminStatements(statements: Statement[]): Statement[] {
    return statements.filter(
        (s) =>
            s.Effect === "Allow" &&
            strings(s.Action).some((a) => ADMIN_ACTIONS.includes(a)) &&
            strings(s.Resource).includes("*"),
    );
}

const POLICY_DOCUMENT_TYPES = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];

const ATTACHMENT_TYPES = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
];

/** AWS's own AdministratorAccess policy is exactly Action "*" on Resource "*", just not written out in the stack. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** The managed policy ARNs a resource attaches (an attachment's policyArn, a role's managedPolicyArns). */
function attachedArns(r: { type: string; props: Record<string, unknown> }): string[] {
    if (r.type === "aws:iam/role:Role") {
        const arns = list(get(r.props, "managedPolicyArns"));
        return isUnknown(arns) ? [] : strings(arns);
    }
    return ATTACHMENT_TYPES.includes(r.type) ? strings(get(r.props, "policyArn")) : [];
}

export const iamNoWildcardAdmin = resourcePolicy({
    name: "iam-no-wildcard-admin",
    description: 'IAM policies never allow Action "*" on Resource "*".',
    enforcementLevel: "advisory",
    types: [...POLICY_DOCUMENT_TYPES, ...ATTACHMENT_TYPES, "aws:iam/role:Role"],
    config: {},
    check(r, _cfg, report) {
        for (const arn of attachedArns(r).filter((a) => ADMINISTRATOR_ACCESS.test(a))) {
            report(`IAM policy must not allow Action "*" on Resource "*" (attaches ${arn})`);
        }
        if (ATTACHMENT_TYPES.includes(r.type)) {
            return;
        }
        const documents: [string, unknown][] = [];
        if (r.type === "aws:iam/role:Role") {
            // Inline policies are the only place a role's own document can grant admin.
            const inline = list(get(r.props, "inlinePolicies"));
            for (const p of isUnknown(inline) ? [] : inline) {
                documents.push([`inline policy ${String(get(p, "name"))}`, get(p, "policy")]);
            }
        } else {
            documents.push(["policy", get(r.props, "policy")]);
        }
        for (const [where, doc] of documents) {
            const statements = statementsOf(doc);
            if (!isUnknown(statements) && adminStatements(statements).length > 0) {
                const suffix = where === "policy" ? "" : ` (${where})`;
                report(`IAM policy must not allow Action "*" on Resource "*"${suffix}`);
            }
        }
    },
});

export const identityPolicies: PlatformPolicy[] = [iamNoWildcardAdmin];
