/**
 * Data-source (invoke) mocks: deterministic, realistic answers for the lookups the program makes.
 * An invoke with no entry here fails the plan with its token: a silent `{}` would hide a wrong input.
 */
import { CallMock, MockContext, hex } from "./context";

/** Availability zones per region, with the zone ids AWS uses (ids differ per account in reality). */
function zones(region: string): { names: string[]; zoneIds: string[] } {
    const short = region.replace(/-(\w)\w*-/, (_m, c: string) => c).replace(/-/g, "");
    const letters = ["a", "b", "c"];
    return { names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_l, i) => `${short}-az${i + 1}`) };
}

interface Statement {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

/** IAM collapses one-element lists to a scalar; the provider's rendering does the same. */
const one = (xs: string[] | undefined) => (xs === undefined ? undefined : xs.length === 1 ? xs[0] : xs);

function principalBlock(ps: Statement["principals"]): unknown {
    if (!ps) return undefined;
    const out: Record<string, unknown> = {};
    for (const p of ps) {
        if (p.type === "*") return "*";
        out[p.type] = one(p.identifiers);
    }
    return out;
}

/** Renders aws.iam.getPolicyDocument statements the way the provider does. */
export function renderPolicyDocument(args: { statements?: Statement[]; version?: string }): string {
    const Statement = (args.statements ?? []).map((s) => {
        const st: Record<string, unknown> = {};
        if (s.sid) st.Sid = s.sid;
        st.Effect = s.effect ?? "Allow";
        if (s.actions) st.Action = one(s.actions);
        if (s.notActions) st.NotAction = one(s.notActions);
        if (s.resources) st.Resource = one(s.resources);
        if (s.notResources) st.NotResource = one(s.notResources);
        if (s.principals) st.Principal = principalBlock(s.principals);
        if (s.notPrincipals) st.NotPrincipal = principalBlock(s.notPrincipals);
        if (s.conditions) {
            const c: Record<string, Record<string, unknown>> = {};
            for (const cond of s.conditions) (c[cond.test] ??= {})[cond.variable] = one(cond.values);
            st.Condition = c;
        }
        return st;
    });
    return JSON.stringify({ Version: args.version ?? "2012-10-17", Statement }, null, 2);
}

/** A stable AMI id per region and image name, as AWS hands them out. */
function amiId(ctx: MockContext, name: string): string {
    return `ami-0${hex(16, ctx.region, name)}`;
}

/** The public SSM parameters AWS publishes AMI ids under. Any other name fails, as GetParameter does. */
const AMI_PARAMETER = /^\/aws\/service\/(ami-amazon-linux-latest|eks\/optimized-ami|bottlerocket|canonical)\//;

export const callMocks: Record<string, CallMock> = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_a, ctx) => ({
        ...zones(ctx.region),
        id: ctx.region,
        state: "available",
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": (_a, ctx: MockContext) => ({
        accountId: ctx.account,
        arn: `arn:${ctx.partition}:sts::${ctx.account}:assumed-role/PlatformDeployer/offline-plan`,
        userId: "AROAOFFLINEPLAN:offline-plan",
        id: ctx.account,
    }),
    "aws:index/getPartition:getPartition": (_a, ctx) => ({
        partition: ctx.partition,
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
        id: ctx.partition,
    }),
    "aws:index/getRegion:getRegion": (a, ctx) => ({
        name: a.region ?? ctx.region,
        region: a.region ?? ctx.region,
        id: a.region ?? ctx.region,
        endpoint: `ec2.${ctx.region}.amazonaws.com`,
        description: ctx.region,
    }),
    "aws:ec2/getAmi:getAmi": (a, ctx) => {
        const name = String(
            (a.filters ?? []).find((f: { name: string }) => f.name === "name")?.values?.[0] ?? a.nameRegex ?? "image",
        ).replace(/\*/g, "2026.11.01");
        const id = amiId(ctx, name);
        return {
            id,
            imageId: id,
            name,
            architecture: "x86_64",
            rootDeviceType: "ebs",
            virtualizationType: "hvm",
            ownerId: (a.owners ?? ["amazon"])[0],
            state: "available",
        };
    },
    "aws:ssm/getParameter:getParameter": (a, ctx) => {
        if (!AMI_PARAMETER.test(String(a.name)))
            throw new Error(`ParameterNotFound: ${a.name} (the offline plan knows AWS's public AMI parameters only)`);
        const id = amiId(ctx, String(a.name));
        return {
            id: a.name,
            name: a.name,
            type: "String",
            value: id,
            insecureValue: id,
            version: 1,
            arn: `arn:${ctx.partition}:ssm:${ctx.region}::parameter${a.name}`,
        };
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": (a) => {
        const json = renderPolicyDocument(a);
        return { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: "policy-document" };
    },
};
