/**
 * buildDataAccess on a hand-made context: what it hands the other parts (ctx.dbReady), with and
 * without a writer, and its problems thrown before any of its resources.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { AppContext } from "../../../components/apps/context";
import { DB_SERVICES, buildDataAccess } from "../../../components/apps/dataAccess";
import { ResourceRecord } from "../../../automation/plan/types";
import { record } from "../../harness";

const arns = Object.fromEntries(
    DB_SERVICES.map((s) => [s, pulumi.output(`arn:aws:secretsmanager:eu-central-1:1:secret:${s}`)]),
);

function fakeContext(o: {
    secondary?: boolean;
    users?: Record<string, pulumi.Output<string>>;
    onPrem?: boolean;
}): AppContext {
    const parent = new pulumi.ComponentResource("test:apps:Parent", "t");
    const provider = new k8s.Provider("t-k8s", {}, { parent });
    const namespace = new k8s.core.v1.Namespace("t-ns", { metadata: { name: "payments" } }, { parent, provider });
    const data = {
        globalRole: o.secondary ? "secondary" : "regional",
        proxyEndpoint: o.secondary ? undefined : pulumi.output("proxy.example"),
        masterSecretArn: o.secondary ? undefined : pulumi.output("arn:master"),
        writerEndpoint: pulumi.output("writer.example"),
        writerInstances: [],
        readerEndpoint: pulumi.output("reader.example"),
        serviceUsers: { region: "eu-central-1", kmsKeyArn: "arn:key", secretArns: o.users ?? arns },
        cache: {
            authTokenParameterName: pulumi.output("/payments/dev/x/cache-auth-token"),
            primaryEndpoint: pulumi.output("cache.example"),
        },
    };
    const cluster = {
        secretStoreName: "platform-parameter-store",
        createServiceAccountRole: (name: string) => new aws.iam.Role(name, { assumeRolePolicy: "{}" }, { parent }),
    };
    return {
        name: "t",
        provider,
        parent,
        namespace,
        namespaceName: "payments",
        prod: false,
        image: (s: string) => pulumi.output(`1.dkr.ecr.eu-central-1.amazonaws.com/${s}:1.0`),
        tags: {},
        network: {
            vpcId: pulumi.output("vpc-1"),
            vpcCidr: "10.16.0.0/16",
            privateSubnetIds: pulumi.output([]),
            availabilityZones: ["a", "b", "c"],
            cidrPlan: o.onPrem === false ? [] : [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
        },
        cluster,
        data,
    } as unknown as AppContext;
}

const warmer = { host: "sql.dc1.example", database: "Ref" };

describe("apps data access: what the other parts wait for, and its own problems", function () {
    this.timeout(120_000);

    for (const secondary of [false, true])
        it(`hands the parts the ${secondary ? "db-<service> and cache-auth ExternalSecrets (no writer, no Job)" : "bootstrap Job, the db-<service> and the cache-auth ExternalSecrets"} to depend on`, async () => {
            let ready: pulumi.Resource[] = [];
            const rec = await record(() => {
                ready = buildDataAccess(fakeContext({ secondary }), {
                    parameterPath: "/payments/dev/",
                    cacheWarmer: warmer,
                }).dbReady;
            });
            const names = await Promise.all(ready.map((r) => new Promise<string>((res) => r.urn.apply((u) => res(u)))));
            const recorded = names.map((u) => rec.resources.find((r: ResourceRecord) => r.urn === u)!);
            const kinds = recorded.map((r) => [r.type.split(":")[2], (r.inputs as any).metadata.name as string]);
            expect(kinds.filter(([k]) => k === "ExternalSecret").map(([, n]) => n)).to.deep.equal([
                ...DB_SERVICES.map((s) => `db-${s}`),
                "cache-auth",
            ]);
            const jobs = kinds.filter(([k]) => k === "Job");
            expect(jobs.length).to.equal(secondary ? 0 : 1);
            if (!secondary) expect(jobs[0][1]).to.match(/^db-bootstrap-[0-9a-f]{10}$/);
        });

    const rows: { why: string; ctx: Parameters<typeof fakeContext>[0]; messages: string[] }[] = [
        {
            why: "a service without a user and a cache warmer with no on-prem range, both at once",
            ctx: { users: { web: arns.web }, onPrem: false },
            messages: [
                "Invalid payments apps data access:\n - the payments database has no user for api, worker: pass them in the database's serviceUsers",
                "payments-platform:apps.cacheWarmer is set, but the region's CIDR plan has no on-prem/... range",
            ],
        },
        {
            why: "a secondary whose primary exported no users",
            ctx: { secondary: true, users: {} },
            messages: [
                "the payments database has no user for web, api, worker: on a global secondary they come from the primary's dbServiceUserSecretArns",
            ],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}, before any of its resources`, async () => {
            let error: Error | undefined;
            const rec = await record(() => {
                const ctx = fakeContext(row.ctx);
                try {
                    buildDataAccess(ctx, { parameterPath: "/payments/dev/", cacheWarmer: warmer });
                } catch (e) {
                    error = e as Error;
                }
            });
            for (const m of row.messages) expect(error?.message).to.include(m);
            const own = rec.resources.filter(
                (r) =>
                    ![
                        "pulumi:pulumi:Stack",
                        "test:apps:Parent",
                        "pulumi:providers:kubernetes",
                        "kubernetes:core/v1:Namespace",
                    ].includes(r.type),
            );
            expect(own.map((r) => r.type)).to.deep.equal([]);
        });
});
