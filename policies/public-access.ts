/**
 * Private buckets. Mandatory everywhere: the only public path to S3 content is CloudFront with
 * origin access control, which needs none of what these policies forbid.
 */
import {
    BUCKET_TYPES,
    bucketResources,
    get,
    isOffOrMissing,
    isUnknown,
    list,
    PlatformPolicy,
    resourcePolicy,
    stackPolicy,
    Statement,
    statementsOf,
    strings,
} from "./helpers";

const BLOCK_TYPE = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_BLOCK_TYPE = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function falseFlags(props: Record<string, unknown>): string[] {
    return BLOCK_FLAGS.filter((f) => {
        const v = get(props, f);
        return isOffOrMissing(v);
    });
}

/**
 * An account-level block with all four flags in the same stack covers every bucket, so buckets
 * need no block of their own then.
 */
export const s3BucketPublicAccessBlock = stackPolicy({
    name: "s3-bucket-public-access-block",
    description: "Every S3 bucket has a public access block with all four flags on.",
    enforcementLevel: "mandatory",
    config: {},
    check(stack, _cfg, report) {
        const blocks = [...stack.ofType(BLOCK_TYPE), ...stack.ofType(ACCOUNT_BLOCK_TYPE)];
        for (const block of blocks) {
            const off = falseFlags(block.props);
            if (off.length > 0) {
                report(`S3 public access block must set ${off.join(", ")} to true`, block.urn);
            }
        }
        const accountWide = stack.ofType(ACCOUNT_BLOCK_TYPE).some((b) => falseFlags(b.props).length === 0);
        if (accountWide) {
            return;
        }
        for (const bucket of stack.ofType(...BUCKET_TYPES)) {
            if (bucketResources(stack, bucket, [BLOCK_TYPE]).length === 0) {
                report("S3 bucket must have a BucketPublicAccessBlock", bucket.urn);
            }
        }
    },
});

const PUBLIC_GRANTEES = [
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

interface AclConfig {
    forbiddenCannedAcls: string[];
}

export const s3NoPublicAcl = resourcePolicy<AclConfig>({
    name: "s3-no-public-acl",
    description: "S3 buckets and objects grant nothing to AllUsers or AuthenticatedUsers through ACLs.",
    enforcementLevel: "mandatory",
    types: [
        ...BUCKET_TYPES,
        "aws:s3/bucketAcl:BucketAcl",
        "aws:s3/bucketAclV2:BucketAclV2",
        "aws:s3/bucketObject:BucketObject",
        "aws:s3/bucketObjectv2:BucketObjectv2",
    ],
    config: {
        forbiddenCannedAcls: {
            type: "array",
            items: { type: "string" },
            description: "Canned ACLs that make content public.",
            default: ["public-read", "public-read-write", "authenticated-read"],
        },
    },
    check(r, cfg, report) {
        const what = r.type.includes("bucketObject") ? "S3 object ACL" : "S3 bucket ACL";
        const acl = get(r.props, "acl");
        if (typeof acl === "string" && cfg.forbiddenCannedAcls.includes(acl)) {
            report(`${what} must not be ${acl}`);
        }
        // Explicit grants: BucketAcl's accessControlPolicy and the deprecated inline bucket grants.
        const grants = [
            ...listOrEmpty(get(r.props, "accessControlPolicy", "grants")).map((g) => get(g, "grantee", "uri")),
            ...listOrEmpty(get(r.props, "grants")).map((g) => get(g, "uri")),
        ];
        for (const uri of grants) {
            if (typeof uri === "string" && PUBLIC_GRANTEES.includes(uri)) {
                report(`${what} must not grant access to ${uri.split("/").pop()}`);
            }
        }
    },
});

function listOrEmpty(v: unknown): unknown[] {
    const l = list(v);
    return isUnknown(l) ? [] : l;
}

interface BucketPolicyConfig {
    restrictingConditionKeys: string[];
}

/** Whether a statement's Principal is everyone. */
export function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    return strings(get(principal, "AWS")).includes("*");
}

function conditionKeys(condition: unknown): string[] {
    if (!condition || typeof condition !== "object") {
        return [];
    }
    return Object.values(condition as Record<string, unknown>).flatMap((byKey) =>
        byKey && typeof byKey === "object" ? Object.keys(byKey as object) : [],
    );
}

function publicAllows(statements: Statement[], restricting: string[]): Statement[] {
    const keys = new Set(restricting.map((k) => k.toLowerCase()));
    return statements.filter(
        (s) =>
            s.Effect === "Allow" &&
            isEveryone(s.Principal) &&
            !conditionKeys(s.Condition).some((k) => keys.has(k.toLowerCase())),
    );
}

export const s3NoPublicBucketPolicy = resourcePolicy<BucketPolicyConfig>({
    name: "s3-no-public-bucket-policy",
    description: 'S3 bucket policies never allow Principal "*" without a condition that narrows who it is.',
    enforcementLevel: "mandatory",
    types: ["aws:s3/bucketPolicy:BucketPolicy", ...BUCKET_TYPES],
    config: {
        restrictingConditionKeys: {
            type: "array",
            items: { type: "string" },
            description: 'Condition keys that narrow an Allow for Principal "*" to known callers.',
            default: [
                "aws:SourceArn",
                "aws:SourceAccount",
                "aws:SourceOrgID",
                "aws:SourceOrgPaths",
                "aws:SourceVpc",
                "aws:SourceVpce",
                "aws:SourceIp",
                "aws:VpcSourceIp",
                "aws:PrincipalArn",
                "aws:PrincipalAccount",
                "aws:PrincipalOrgID",
                "aws:PrincipalOrgPaths",
                "aws:PrincipalServiceName",
                "aws:userid",
            ],
        },
    },
    check(r, cfg, report) {
        const statements = statementsOf(get(r.props, "policy"));
        if (isUnknown(statements)) {
            return;
        }
        for (const s of publicAllows(statements, cfg.restrictingConditionKeys)) {
            const sid = typeof s.Sid === "string" ? ` (statement ${s.Sid})` : "";
            report(`S3 bucket policy must not allow Principal "*" without a restricting Condition${sid}`);
        }
    },
});

export const publicAccessPolicies: PlatformPolicy[] = [
    s3BucketPublicAccessBlock,
    s3NoPublicAcl,
    s3NoPublicBucketPolicy,
];
