/**
 * Every component documents `tags` ("extra tags, merged under Name"). This records each component
 * with a probe tag and checks that every AWS resource it creates which CAN carry tags DOES carry the
 * probe and a Name — so a helper that builds `{ Name }` alone, or a new resource written without
 * tags, fails here whichever component it belongs to.
 *
 * "Can carry tags" is read from @pulumi/aws itself: the resource's `<Class>Args` interface declares
 * `tags`. Children of remote components (awsx Vpc, eks Cluster) are created by their plugins: the
 * program can only hand tags to the remote component's own tag inputs, which are checked; of the
 * plugin's children, those the plugin tags must carry the probe (proof the tags reached it).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { PlatformBaseline } from "../../components/baseline";
import { PaymentsCache, PaymentsDatabase, PaymentsDatabaseArgs, PaymentsQueue } from "../../components/data";
import { NetworkHub, NetworkHubArgs } from "../../components/network/hub";
import { NetworkSpoke, NetworkSpokeArgs } from "../../components/network/spoke";
import { PROJECT_DIR, Recorded, discoverStacks, record } from "../harness";
import { EksCluster } from "../../components/eks/eksCluster";
import { validArgs } from "./eks/fixtures";

const PROBE = { probe: "p-1" };
const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
const AWS_DIR = path.join(PROJECT_DIR, "node_modules", "@pulumi", "aws");

const taggable = new Map<string, boolean>();
/** true when the @pulumi/aws resource of this type token ("aws:rds/cluster:Cluster") has a `tags` input. */
export function takesTags(type: string): boolean {
    if (!taggable.has(type)) {
        const m = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type);
        if (!m) throw new Error(`not an aws resource type: ${type}`);
        const [, mod, file, cls] = m;
        const dts = fs.readFileSync(path.join(AWS_DIR, mod === "index" ? "" : mod, `${file}.d.ts`), "utf8");
        const body = new RegExp(`^export interface ${cls}Args \\{\\n([\\s\\S]*?)^\\}`, "m").exec(dts);
        if (!body) throw new Error(`no ${cls}Args in @pulumi/aws ${mod}/${file}.d.ts`);
        taggable.set(type, /^ {4}tags\?: /m.test(body[1]));
    }
    return taggable.get(type)!;
}

/** The tag inputs remote components take on behalf of their children. */
const REMOTE_TAG_INPUTS: Record<string, string[]> = {
    "awsx:ec2:Vpc": ["tags"],
    "eks:index:Cluster": ["tags", "clusterTags"],
};

/** Everything wrong with the tags of `component`'s descendants, one line each. */
function untagged(rec: Recorded, componentType: string): string[] {
    const roots = rec.all(componentType);
    expect(roots, componentType).to.have.length(1);
    const problems: string[] = [];
    const check = (what: string, tags: unknown) => {
        const t = (tags ?? {}) as Record<string, unknown>;
        if (t.probe !== PROBE.probe) problems.push(`${what} lacks probe (tags: ${JSON.stringify(tags)})`);
        if (typeof t.Name !== "string" || t.Name === "")
            problems.push(`${what} lacks Name (tags: ${JSON.stringify(tags)})`);
    };
    const walk = (urn: string, underRemote: boolean) => {
        for (const r of rec.resources.filter((x) => x.parent === urn)) {
            const what = `${r.type} ${r.name}`;
            if (r.remote) {
                for (const input of REMOTE_TAG_INPUTS[r.type] ?? []) {
                    const t = r.inputs[input] as Record<string, unknown> | undefined;
                    if (t?.probe !== PROBE.probe)
                        problems.push(`${what} input ${input} lacks probe (${JSON.stringify(t)})`);
                }
                if (!REMOTE_TAG_INPUTS[r.type]) problems.push(`${what}: remote component with no known tag input`);
            } else if (r.custom && r.type.startsWith("aws:")) {
                if (underRemote ? "tags" in r.inputs : takesTags(r.type)) check(what, r.inputs.tags);
            }
            walk(r.urn, underRemote || r.remote);
        }
    };
    walk(roots[0].urn, false);
    return problems;
}

const dbArgs = (over: Partial<PaymentsDatabaseArgs> = {}): PaymentsDatabaseArgs => ({
    environment: "dev",
    vpcId: pulumi.output("vpc-123"),
    subnetIds: pulumi.output(["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"]),
    availabilityZones: AZS,
    clientSecurityGroups: { eksNodes: pulumi.output("sg-nodes") },
    tags: PROBE,
    ...over,
});
const hubArgs: NetworkHubArgs = {
    availabilityZones: AZS,
    sharedServicesCidr: "10.0.0.0/20",
    amazonSideAsn: 64600,
    spokes: [{ name: "dev/workloads", domain: "dev", cidr: "10.16.0.0/16" }],
    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
    vpn: { customerGatewayIp: "203.0.113.10", bgpAsn: 65010 },
    directConnect: { dxGatewayId: "dxgw-1234", allowedPrefixes: ["10.0.0.0/8"] },
    peerings: [
        {
            name: "ireland",
            peerTransitGatewayId: "tgw-0peer",
            peerRegion: "eu-west-1",
            routes: [{ cidr: "10.64.0.0/16", domain: "prod" }],
        },
    ],
    acceptedPeerings: [
        { name: "paris", attachmentId: "tgw-attach-0abc", routes: [{ cidr: "10.96.0.0/16", domain: "qa" }] },
    ],
    egress: { cidr: "10.1.0.0/20" },
    bastion: {},
    tags: PROBE,
};
const spokeArgs: NetworkSpokeArgs = {
    domain: "prod",
    cidr: "10.32.0.0/16",
    availabilityZones: AZS,
    tags: PROBE,
    hub: {
        transitGatewayId: "tgw-0hub",
        routeTableIds: { dev: "tgw-rtb-dev", qa: "tgw-rtb-qa", prod: "tgw-rtb-prod", shared: "tgw-rtb-shared" },
    },
    regionCidrs: [{ owner: "shared/shared-services", cidr: "10.0.0.0/20" }],
};

/** Each component in the shapes that, together, reach every helper that creates AWS resources. */
const CASES: { title: string; type: string; run: () => Promise<Recorded> }[] = [
    {
        title: "PlatformBaseline",
        type: "platform:core:PlatformBaseline",
        run: () =>
            record(() => {
                new PlatformBaseline("b", { environment: "dev", tags: PROBE });
            }),
    },
    {
        title: "PaymentsDatabase (regional, proxy, a client admitted after construction)",
        type: "platform:data:PaymentsDatabase",
        run: () =>
            record(() => {
                new PaymentsDatabase("pay", dbArgs()).allowFrom("sg-late", "late");
            }),
    },
    {
        title: "PaymentsDatabase (prod global primary, reader autoscaling)",
        type: "platform:data:PaymentsDatabase",
        run: () =>
            record(() => {
                new PaymentsDatabase(
                    "pay",
                    dbArgs({
                        environment: "prod",
                        aurora: {
                            readers: 2,
                            backupRetentionDays: 14,
                            instanceClass: "db.r7g.large",
                            global: { role: "primary", globalClusterIdentifier: "payments-global" },
                            autoscaling: { enabled: true, minReaders: 2, maxReaders: 4, targetCpuPercent: 60 },
                        },
                        cache: { replicas: 3 },
                    }),
                );
            }),
    },
    {
        title: "PaymentsDatabase (global secondary)",
        type: "platform:data:PaymentsDatabase",
        run: () =>
            record(() => {
                new PaymentsDatabase(
                    "pay",
                    dbArgs({
                        aurora: {
                            instanceClass: "db.r7g.large",
                            global: { role: "secondary", globalClusterIdentifier: "payments-global" },
                        },
                    }),
                );
            }),
    },
    {
        title: "PaymentsCache",
        type: "platform:data:PaymentsCache",
        run: () =>
            record(() => {
                new PaymentsCache("c", {
                    vpcId: "vpc-123",
                    subnetIds: ["subnet-a", "subnet-b"],
                    availabilityZones: AZS.slice(0, 2),
                    clientSecurityGroups: { app: "sg-app" },
                    kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/k",
                    tags: PROBE,
                });
            }),
    },
    {
        title: "PaymentsQueue",
        type: "platform:data:PaymentsQueue",
        run: () =>
            record(() => {
                new PaymentsQueue("q", { kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/k", tags: PROBE });
            }),
    },
    {
        title: "NetworkHub (VPN, Direct Connect, peerings, egress, bastion)",
        type: "platform:network:NetworkHub",
        run: () =>
            record(() => {
                new NetworkHub("hub", {
                    ...hubArgs,
                    peerings: [
                        {
                            ...hubArgs.peerings![0],
                            accepterProvider: new aws.Provider("ireland", { region: "eu-west-1" }),
                        },
                    ],
                });
            }),
    },
    {
        title: "NetworkSpoke (transit gateway)",
        type: "platform:network:NetworkSpoke",
        run: () =>
            record(() => {
                new NetworkSpoke("s", spokeArgs);
            }),
    },
    {
        title: "NetworkSpoke (peering)",
        type: "platform:network:NetworkSpoke",
        run: () =>
            record(() => {
                new NetworkSpoke("s", {
                    ...spokeArgs,
                    connectivity: "peering",
                    hub: undefined,
                    regionCidrs: [],
                    peers: [{ name: "shared", peerVpcId: "vpc-0shared", peerCidr: "10.0.0.0/20" }],
                });
            }),
    },
    {
        title: "EksCluster (with a service-account role added after construction)",
        type: "platform:eks:EksCluster",
        run: () =>
            record(
                () => {
                    new EksCluster("plat", validArgs({ tags: PROBE })).createServiceAccountRole(
                        "late",
                        "payments",
                        "api",
                        { Version: "2012-10-17", Statement: [] },
                    );
                },
                // A prod workload stack's name, found from the stack files rather than written here.
                { stack: discoverStacks().find((s) => s.role === "workload" && s.environment === "prod")!.name },
            ),
    },
];

describe("tags: every taggable AWS resource of a component carries its `tags` and a Name", function () {
    this.timeout(120_000);

    it("reads taggability from @pulumi/aws (a rule with tags, a route without)", () => {
        expect(takesTags("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).to.equal(true);
        expect(takesTags("aws:rds/globalCluster:GlobalCluster")).to.equal(true);
        expect(takesTags("aws:ec2transitgateway/route:Route")).to.equal(false);
        expect(takesTags("aws:kms/alias:Alias")).to.equal(false);
    });

    for (const c of CASES) {
        it(c.title, async () => {
            const rec = await c.run();
            const checked = rec
                .descendantsOf(rec.one(c.type))
                .filter((r) => r.custom && r.type.startsWith("aws:") && takesTags(r.type));
            // The check must have something to bite on.
            expect(checked.length, "taggable resources recorded").to.be.greaterThan(0);
            expect(untagged(rec, c.type)).to.deep.equal([]);
        });
    }
});
