import { expect } from "chai";
import { cacheWarmerPlacementProblems } from "../../../components/apps/dataAccess/cacheWarmer";
import { cronProblems } from "../../../components/apps/dataAccess/cron";
import { dbSecretsPolicy } from "../../../components/apps/dataAccess/policy";
import { cacheWarmerProblems, resolveCacheWarmer } from "../../../components/apps/dataAccess/settings";
import { TABLE_PRIVILEGES, bootstrapHash, bootstrapSql, passwordEnv } from "../../../components/apps/dataAccess/users";
import { serviceUserName, serviceUserProblems } from "../../../components/data/serviceUsers";
import { loadStackSettings } from "../../../stacks/config";
import { projectConfigOf, record, rejection, stackFileConfig } from "../../harness";

describe("apps data access: cron schedules", () => {
    const ok = ["*/15 * * * *", "0 3 * * 1-5", "5,35 */2 1 1-12/3 0", "59 23 31 12 7", "@hourly", "@daily"];
    for (const schedule of ok) it(`accepts "${schedule}"`, () => expect(cronProblems("k", schedule)).to.deep.equal([]));
    const bad: [string, string][] = [
        ["*/15 * * *", 'k is "*/15 * * *", has 4 fields: a schedule is minute hour day-of-month month day-of-week'],
        ["60 * * * *", 'k is "60 * * * *": its minute "60" is outside 0-59'],
        ["0 24 * * *", 'k is "0 24 * * *": its hour "24" is outside 0-23'],
        ["0 0 0 * *", 'k is "0 0 0 * *": its day of month "0" is outside 1-31'],
        ["0 0 * 13 *", 'k is "0 0 * 13 *": its month "13" is outside 1-12'],
        ["0 0 * * 8", 'k is "0 0 * * 8": its day of week "8" is outside 0-7'],
        ["*/0 * * * *", 'k is "*/0 * * * *": its minute "*/0" has a step of 0'],
        ["30-10 * * * *", 'k is "30-10 * * * *": its minute "30-10" is a range that ends before it starts'],
        ["every hour", 'k is "every hour", has 2 fields'],
        ["@often", 'k is "@often", not one of @yearly'],
        ["CRON_TZ=UTC 0 * * * *", 'k is "CRON_TZ=UTC 0 * * * *": set the time zone in timeZone'],
        ["0 * * * MON", 'k is "0 * * * MON": its day of week "MON" is not *, a number'],
    ];
    for (const [schedule, message] of bad)
        it(`refuses "${schedule}"`, () => {
            const p = cronProblems("k", schedule);
            expect(p).to.have.length(1);
            expect(p[0]).to.include(message);
        });
});

describe("apps data access: cache warmer settings", () => {
    const base = { host: "sqlserver.dc1.corp.example.com", database: "PaymentsReference" };
    it("defaults: every 15 minutes, port 1433, bounded runs", () => {
        expect(resolveCacheWarmer(base)).to.deep.equal({
            ...base,
            schedule: "*/15 * * * *",
            port: 1433,
            username: "cache_warmer",
            activeDeadlineSeconds: 600,
            startingDeadlineSeconds: 300,
        });
        expect(cacheWarmerProblems("k", base)).to.deep.equal([]);
    });
    const rows: [string, Record<string, unknown>, string][] = [
        ["a port of 0", { port: 0 }, "k.port is 0, must be a TCP port from 1 to 65535"],
        ["a port above 65535", { port: 70000 }, "k.port is 70000, must be a TCP port from 1 to 65535"],
        ["a fractional port", { port: 14.33 }, "k.port is 14.33, must be a TCP port from 1 to 65535"],
        ["a host with a scheme", { host: "tcp://sql" }, 'k.host is "tcp://sql", must be a host name or IPv4 address'],
        ["a quoted database", { database: "x;DROP" }, 'k.database is "x;DROP", must be a SQL Server identifier'],
        [
            "a zero deadline",
            { activeDeadlineSeconds: 0 },
            "k.activeDeadlineSeconds is 0, must be a whole number from 1 to 86400",
        ],
        ["a bad schedule", { schedule: "* * *" }, 'k.schedule is "* * *", has 3 fields'],
    ];
    it("refuses a region whose CIDR plan has no on-prem range (nothing for its NetworkPolicy to allow)", () => {
        const s = resolveCacheWarmer(base);
        const network = (owners: string[]) => ({
            network: { cidrPlan: owners.map((owner) => ({ owner, cidr: "10.128.0.0/16" })) },
        });
        expect(cacheWarmerPlacementProblems(network(["on-prem/dc1"]) as never, s)).to.deep.equal([]);
        expect(cacheWarmerPlacementProblems(network(["prod/workloads"]) as never, s)).to.deep.equal([
            "payments-platform:apps.cacheWarmer is set, but the region's CIDR plan has no on-prem/... range for the SQL Server (sqlserver.dc1.corp.example.com): add the hub's network.hub.onPremCidrs or remove cacheWarmer",
        ]);
    });
    for (const [why, change, message] of rows)
        it(`refuses ${why}`, () => {
            const p = cacheWarmerProblems("k", { ...base, ...change } as typeof base);
            expect(p).to.have.length(1);
            expect(p[0]).to.include(message);
        });
});

describe("apps data access: the bootstrap SQL", () => {
    const sql = bootstrapSql(["web", "worker"]);
    it("creates each role only if missing, then re-sets its password from an environment variable, never a literal", () => {
        expect(sql).to.include(
            "IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'payments_web') THEN\n    CREATE ROLE payments_web LOGIN NOSUPERUSER",
        );
        expect(sql).to.include(
            `\\getenv pw_web ${passwordEnv("web")}\nALTER ROLE payments_web WITH LOGIN PASSWORD :'pw_web';`,
        );
        expect(sql).to.not.match(/PASSWORD '/);
        expect(sql.startsWith("\\set ON_ERROR_STOP on\nBEGIN;")).to.equal(true);
        expect(sql.trim().endsWith("COMMIT;")).to.equal(true);
    });
    it("grants each service its own table privileges (DML, no DDL), sequences, and the same on future tables; beat has no user", () => {
        expect(sql).to.include("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO payments_web;");
        expect(sql).to.include(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO payments_worker;",
        );
        expect(Object.keys(TABLE_PRIVILEGES), "beat keeps its schedule in Redis").to.not.include("beat");
        expect(sql).to.include(
            "ALTER DEFAULT PRIVILEGES FOR ROLE payments_admin IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO payments_worker;",
        );
        expect(sql).to.include("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO payments_web;");
        expect(sql).to.not.match(/GRANT (ALL|CREATE)|TRUNCATE|SUPERUSER;/);
        expect(sql).to.include("REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
    });
    it("is named by a hash that changes with the script, the users or the image", () => {
        const h = bootstrapHash(sql, ["web", "worker"]);
        expect(h).to.match(/^[0-9a-f]{10}$/);
        expect(bootstrapHash(sql, ["web", "worker"])).to.equal(h);
        expect(bootstrapHash(sql, ["web"])).to.not.equal(h);
        expect(bootstrapHash(`${sql}\n`, ["web", "worker"])).to.not.equal(h);
        const image = "1.dkr.ecr.eu-central-1.amazonaws.com/db-bootstrap:2026.11.30-3f9c2e1";
        expect(bootstrapHash(sql, ["web", "worker"], image)).to.not.equal(h);
        expect(bootstrapHash(sql, ["web", "worker"], `${image}1`)).to.not.equal(
            bootstrapHash(sql, ["web", "worker"], image),
        );
    });
});

describe("apps data access: service users and the SecretStore policy", () => {
    it("names each role payments_<service>, folding '-' to '_'", () => {
        expect(serviceUserName("web")).to.equal("payments_web");
        expect(serviceUserName("tcp-gateway")).to.equal("payments_tcp_gateway");
    });
    const rows: [string[], string][] = [
        [["Web"], 'serviceUsers has "Web", must be 1-30 lowercase letters'],
        [["web", "web"], "serviceUsers lists web more than once"],
        [["a-b", "a_b"], 'serviceUsers has "a_b", must be 1-30 lowercase letters, digits or "-"'],
        [["a-b", "a"], ""],
    ];
    for (const [users, message] of rows)
        it(`${message ? "refuses" : "accepts"} ${JSON.stringify(users)}`, () => {
            const p = serviceUserProblems(users);
            if (message === "") expect(p).to.deep.equal([]);
            else expect(p.join("\n")).to.include(message);
        });
    it("the SecretStore's role reads exactly the given secrets and decrypts with the one key through Secrets Manager", () => {
        expect(dbSecretsPolicy(["arn:m", "arn:w"], "arn:k", "eu-west-2").Statement).to.deep.equal([
            {
                Sid: "ReadDatabaseSecrets",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: ["arn:m", "arn:w"],
            },
            {
                Sid: "DecryptThroughSecretsManager",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: "arn:k",
                Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-2.amazonaws.com" } },
            },
        ]);
    });
});

describe("apps data access: config is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const dev = stackFileConfig("dev");
    const config = projectConfigOf("dev");
    const warmer = config.apps.cacheWarmer;
    const rows: { why: string; cacheWarmer: Record<string, unknown>; messages: string[] }[] = [
        {
            why: "a schedule with four fields",
            cacheWarmer: { ...warmer, schedule: "*/5 * * *" },
            messages: [
                'payments-platform:apps.cacheWarmer.schedule is "*/5 * * *", has 4 fields: a schedule is minute hour day-of-month month day-of-week',
            ],
        },
        {
            why: "an hour out of range",
            cacheWarmer: { ...warmer, schedule: "0 25 * * *" },
            messages: ['payments-platform:apps.cacheWarmer.schedule is "0 25 * * *": its hour "25" is outside 0-23'],
        },
        {
            why: "a port out of range and a zero deadline, both at once",
            cacheWarmer: { ...warmer, port: 65536, startingDeadlineSeconds: 0 },
            messages: [
                "payments-platform:apps.cacheWarmer.port is 65536, must be a TCP port from 1 to 65535",
                "payments-platform:apps.cacheWarmer.startingDeadlineSeconds is 0, must be a whole number from 1 to 86400",
            ],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: JSON.parse(
                        JSON.stringify({ ...config, apps: { ...config.apps, cacheWarmer: row.cacheWarmer } }),
                    ),
                    rawConfig: { "aws:region": dev["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey", "edgeOriginSecret"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });
});
