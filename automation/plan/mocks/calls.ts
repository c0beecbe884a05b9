/**
 * Data-source (invoke) mocks: deterministic, realistic answers for the lookups the program makes.
 * An invoke with no entry here fails the plan with its token: a silent `{}` would hide a wrong input.
 */
import { CallMock, MockContext, hex } from "./context";

/**
 * What DescribeAvailabilityZones shows one typical account, per region: zone name, zone id,
 * opt-in status. The letters are the account's (AWS maps names to physical zones per account, and
 * not every letter exists): ap-northeast-1 offers most accounts a, c and d (1b is closed to new
 * accounts), us-west-1 only two zones, us-west-2 lists an opted-in Local Zone beside its AZs. A
 * region missing here answers a, b, c.
 */
const ZONES: Record<string, [name: string, zoneId: string, optIn?: string][]> = {
    "eu-central-1": [
        ["eu-central-1a", "euc1-az2"],
        ["eu-central-1b", "euc1-az3"],
        ["eu-central-1c", "euc1-az1"],
    ],
    "us-east-1": [
        ["us-east-1a", "use1-az1"],
        ["us-east-1b", "use1-az2"],
        ["us-east-1c", "use1-az4"],
        ["us-east-1d", "use1-az6"],
        ["us-east-1e", "use1-az3"],
        ["us-east-1f", "use1-az5"],
    ],
    "us-west-1": [
        ["us-west-1a", "usw1-az1"],
        ["us-west-1c", "usw1-az3"],
    ],
    "us-west-2": [
        ["us-west-2a", "usw2-az1"],
        ["us-west-2b", "usw2-az2"],
        ["us-west-2c", "usw2-az3"],
        ["us-west-2d", "usw2-az4"],
        ["us-west-2-lax-1a", "usw2-lax1-az1", "opted-in"],
    ],
    "eu-west-2": [
        ["eu-west-2a", "euw2-az2"],
        ["eu-west-2b", "euw2-az3"],
        ["eu-west-2c", "euw2-az1"],
    ],
    "ap-northeast-1": [
        ["ap-northeast-1a", "apne1-az4"],
        ["ap-northeast-1c", "apne1-az1"],
        ["ap-northeast-1d", "apne1-az2"],
    ],
    "ap-southeast-1": [
        ["ap-southeast-1a", "apse1-az1"],
        ["ap-southeast-1b", "apse1-az2"],
        ["ap-southeast-1c", "apse1-az3"],
    ],
};

function zoneTable(region: string): { name: string; zoneId: string; optInStatus: string }[] {
    const short = region.replace(/-(\w)\w*-/, (_m, c: string) => c).replace(/-/g, "");
    const rows = ZONES[region] ?? ["a", "b", "c"].map((l, i) => [`${region}${l}`, `${short}-az${i + 1}`]);
    return rows.map(([name, zoneId, optIn]) => ({ name, zoneId, optInStatus: optIn ?? "opt-in-not-required" }));
}

/** getAvailabilityZones with the filters the program uses (opt-in-status, zone-name, zone-id) and excludeNames. */
function availabilityZones(
    a: {
        region?: string;
        state?: string;
        filters?: { name: string; values: string[] }[];
        excludeNames?: string[];
        excludeZoneIds?: string[];
    },
    ctx: MockContext,
): Record<string, unknown> {
    const region = a.region ?? ctx.region;
    const field: Record<string, "name" | "zoneId" | "optInStatus"> = {
        "opt-in-status": "optInStatus",
        "zone-name": "name",
        "zone-id": "zoneId",
    };
    let rows = zoneTable(region);
    for (const f of (a.filters ?? []) as { name: string; values: string[] }[]) {
        const key = field[f.name];
        if (!key) throw new Error(`getAvailabilityZones: the mock knows no filter ${f.name}`);
        rows = rows.filter((r) => f.values.includes(r[key]));
    }
    rows = rows.filter((r) => !(a.excludeNames ?? []).includes(r.name));
    rows = rows.filter((r) => !(a.excludeZoneIds ?? []).includes(r.zoneId));
    return {
        names: rows.map((r) => r.name),
        zoneIds: rows.map((r) => r.zoneId),
        groupNames: rows.map((r) => (r.optInStatus === "opt-in-not-required" ? region : r.name.replace(/[a-z]$/, ""))),
        id: region,
        region,
        state: a.state ?? "available",
    };
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

/**
 * AWS-managed prefix lists by name. The CloudFront origin-facing list has its own id in every
 * region (ids as AWS publishes them) and weighs 55 entries against security-group rule quotas; the
 * entries are a sample of its real ranges.
 */
const CLOUDFRONT_ORIGIN_FACING_IDS: Record<string, string> = {
    "us-east-1": "pl-3b927c52",
    "us-west-2": "pl-82a045eb",
    "eu-central-1": "pl-a3a144ca",
    "eu-west-2": "pl-93a247fa",
    "ap-northeast-1": "pl-58a04531",
    "ap-southeast-1": "pl-31a34658",
};
const CLOUDFRONT_SAMPLE = ["120.52.22.96/27", "205.251.249.0/24", "204.246.168.0/22", "18.160.0.0/15", "13.224.0.0/14"];

function managedPrefixList(a: { name?: string }, ctx: MockContext): Record<string, unknown> {
    if (a.name !== "com.amazonaws.global.cloudfront.origin-facing")
        throw new Error(`getManagedPrefixList: the offline plan knows no list named ${a.name}`);
    const id = CLOUDFRONT_ORIGIN_FACING_IDS[ctx.region] ?? `pl-${hex(8, ctx.region, a.name)}`;
    return {
        id,
        name: a.name,
        addressFamily: "IPv4",
        maxEntries: 55,
        ownerId: "AWS",
        arn: `arn:${ctx.partition}:ec2:${ctx.region}:aws:prefix-list/${id}`,
        entries: CLOUDFRONT_SAMPLE.map((cidr) => ({ cidr, description: "" })),
        version: 1,
        tags: {},
    };
}

/** The ELB account that writes access logs in regions older than August 2022 (ELB user guide). */
const ELB_LOG_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

export const callMocks: Record<string, CallMock> = {
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": managedPrefixList,
    "aws:elb/getServiceAccount:getServiceAccount": (a, ctx) => {
        const region = a.region ?? ctx.region;
        const account = ELB_LOG_ACCOUNTS[region];
        if (!account) throw new Error(`getServiceAccount: the offline plan knows no ELB account for ${region}`);
        return { id: account, arn: `arn:${ctx.partition}:iam::${account}:root`, region };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": availabilityZones,
    "aws:index/getCallerIdentity:getCallerIdentity": (_a, ctx: MockContext) => ({
        accountId: ctx.account,
        arn: `arn:${ctx.partition}:sts::${ctx.account}:assumed-role/PlatformDeployer/offline-plan`,
        userId: "AROAOFFLINEPLAN:offline-plan",
        id: ctx.account,
    }),
    // A fresh account: no role exists until something creates it (Auto Scaling's service-linked role
    // is what the program looks up this way).
    "aws:iam/getRoles:getRoles": (a) => ({
        arns: [],
        names: [],
        nameRegex: a.nameRegex,
        pathPrefix: a.pathPrefix,
        id: `roles-${String(a.pathPrefix ?? "")}${String(a.nameRegex ?? "")}`,
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
