import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { PaymentsDatabase } from "../../../components/data";
import { json, record } from "../../harness";
import { T, args, run } from "./fixtures";

const SECRET = "aws:secretsmanager/secret:Secret";

describe("PaymentsDatabase service users (recorded)", function () {
    this.timeout(120_000);

    it("gives each service a secret with the data key and an auth entry of its own (SCRAM, no IAM), and the proxy role exactly those secrets", async () => {
        const rec = await run(args({ serviceUsers: ["web", "worker"] }));
        const web = rec.one(SECRET, "pay-db-user-web");
        const worker = rec.one(SECRET, "pay-db-user-worker");
        const key = rec.one(T.key, "pay-key");
        for (const s of [web, worker]) expect(s.propertyDependencies.kmsKeyId).to.deep.equal([key.urn]);
        const proxy = rec.one(T.proxy);
        const [master, ...users] = proxy.inputs.auths as Record<string, unknown>[];
        expect(master).to.deep.include({ iamAuth: "REQUIRED" });
        expect(users.map((u) => [u.iamAuth, u.clientPasswordAuthType, u.authScheme])).to.deep.equal([
            ["DISABLED", "POSTGRES_SCRAM_SHA_256", "SECRETS"],
            ["DISABLED", "POSTGRES_SCRAM_SHA_256", "SECRETS"],
        ]);
        expect(users[0].secretArn).to.include(":secret:pay-db-user-web-");
        expect(users[1].secretArn).to.include(":secret:pay-db-user-worker-");
        expect(proxy.propertyDependencies.auths).to.include.members([web.urn, worker.urn]);
        const doc = json(rec.one("aws:iam/rolePolicy:RolePolicy", "pay-proxy").inputs.policy);
        expect(doc.Statement[0].Resource).to.deep.equal([master.secretArn, users[0].secretArn, users[1].secretArn]);
        const version = rec.one("aws:secretsmanager/secretVersion:SecretVersion", "pay-db-user-web");
        expect(version.inputs.secretString).to.equal("[secret]");
    });

    it("creates no users by default, and none on a global secondary, which exposes its primary's", async () => {
        const plain = await run(args());
        expect(plain.all(SECRET)).to.have.length(0);
        const primary = { region: "eu-central-1", kmsKeyArn: "arn:k", secretArns: { web: "arn:web" } };
        let seen: unknown;
        const rec = await run(
            args({
                serviceUsers: ["web"],
                primaryServiceUsers: primary,
                aurora: { instanceClass: "db.r7g.large", global: { role: "secondary", globalClusterIdentifier: "g" } },
            }),
            (db) => {
                seen = db.serviceUsers;
            },
        );
        expect(rec.all(SECRET)).to.have.length(0);
        expect(rec.all(T.proxy)).to.have.length(0);
        expect(seen).to.equal(primary);
    });

    const rows: { why: string; over: Parameters<typeof args>[0]; message: string }[] = [
        {
            why: "a service name that is no role name",
            over: { serviceUsers: ["Web"] },
            message: 'serviceUsers has "Web", must be 1-30 lowercase letters, digits or "-", starting with a letter',
        },
        {
            why: "a service listed twice",
            over: { serviceUsers: ["web", "web"] },
            message: "serviceUsers lists web more than once",
        },
        {
            why: "a secondary whose primary lacks a user",
            over: {
                serviceUsers: ["web", "beat"],
                primaryServiceUsers: { region: "eu-central-1", kmsKeyArn: "arn:k", secretArns: { web: "arn:web" } },
                aurora: { instanceClass: "db.r7g.large", global: { role: "secondary", globalClusterIdentifier: "g" } },
            },
            message:
                "serviceUsers has beat, but the primary has no such user (primaryServiceUsers has web): add them to the primary first",
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why} before creating anything`, async () => {
            let error: Error | undefined;
            const rec = await record(() => {
                try {
                    new PaymentsDatabase("pay", args({ ...row.over, vpcId: pulumi.output("vpc-1") }));
                } catch (e) {
                    error = e as Error;
                }
            });
            expect(error?.message).to.contain("Invalid PaymentsDatabase args:\n - ").and.to.contain(row.message);
            expect(rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).to.deep.equal([]);
        });
});
