import { expect } from "chai";
import * as fc from "fast-check";
import { MAX_READERS_PER_AZ, auroraPlacement, cachePlacement, maxReaders } from "../../../components/data/placement";
import {
    legacyEventPattern,
    proxyRolePolicy,
    queuePolicy,
    redriveAllowPolicy,
    redrivePolicy,
} from "../../../components/data/policies";
import {
    resolveAurora,
    resolveCache,
    resolveLegacyEvents,
    resolveProxy,
    resolveQueue,
} from "../../../components/data/settings";
import {
    DB_CLUSTER_IDENTIFIER_MAX,
    REPLICATION_GROUP_ID_MAX,
    dbClusterIdentifier,
    postgresqlLogGroupName,
    replicationGroupId,
} from "../../../components/data/naming";
import { DataValidationInput, dataProblems } from "../../../components/data/validation";
import {
    auroraParameterFamily,
    cacheParameterFamily,
    isSupportedAuroraVersion,
} from "../../../components/data/versions";

const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];

function input(over: Partial<DataValidationInput> = {}): DataValidationInput {
    return {
        environment: "dev",
        availabilityZones: AZS,
        clientSecurityGroupCount: 1,
        aurora: resolveAurora(),
        proxy: resolveProxy(),
        cache: resolveCache(),
        queue: resolveQueue(),
        legacyEvents: resolveLegacyEvents(),
        ...over,
    };
}
const prodInput = (over: Partial<DataValidationInput> = {}) =>
    input({
        environment: "prod",
        aurora: resolveAurora({ readers: 2, backupRetentionDays: 14 }),
        cache: resolveCache({ replicas: 3 }),
        ...over,
    });

describe("data: versions", () => {
    for (const [v, family] of [
        ["16.10", "aurora-postgresql16"],
        ["17.4", "aurora-postgresql17"],
        ["16.6", "aurora-postgresql16"],
    ]) {
        it(`Aurora ${v} uses the ${family} parameter family`, () => expect(auroraParameterFamily(v)).to.equal(family));
    }
    it("cache families follow engine and major version", () => {
        expect(cacheParameterFamily("valkey", "8.0")).to.equal("valkey8");
        expect(cacheParameterFamily("valkey", "7.2")).to.equal("valkey7");
        expect(cacheParameterFamily("redis", "7.1")).to.equal("redis7");
    });
    it("accepts pinned versions only, never a bare major or 'latest'", () => {
        expect(isSupportedAuroraVersion("16.6")).to.equal(true);
        for (const v of ["16", "latest", "15.4", "16.6.1"]) expect(isSupportedAuroraVersion(v), v).to.equal(false);
    });
});

describe("data: replication group ids", () => {
    for (const [name, id] of [
        ["dev-payments-cache", "dev-payments-cache"],
        ["Prod_Frankfurt--payments-cache", "prod-frankfurt-payments-cache"],
        ["1st-payments-cache", "c-1st-payments-cache"],
    ])
        it(`${name} → ${id}`, () => expect(replicationGroupId(name)).to.equal(id));
    it("cuts a long name to 40 with a hash of the whole, so shared prefixes stay distinct", () => {
        const a = replicationGroupId("prod-north-virginia-secondary-payments-cache");
        const b = replicationGroupId("prod-north-virginia-secondary-payments-cache-2");
        expect(a)
            .to.have.length.at.most(REPLICATION_GROUP_ID_MAX)
            .and.to.match(/^prod-north-virginia-secondary-p-[0-9a-f]{8}$/);
        expect(b).to.not.equal(a);
    });
    it("always meets ElastiCache's rules (property)", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1, maxLength: 80 }).filter((s) => /[a-z0-9]/i.test(s)),
                (name) => {
                    const id = replicationGroupId(name);
                    return (
                        id.length <= REPLICATION_GROUP_ID_MAX &&
                        /^[a-z][a-z0-9-]*$/.test(id) &&
                        !id.includes("--") &&
                        !id.endsWith("-")
                    );
                },
            ),
        );
    });
});

describe("data: DB cluster identifiers and their log group", () => {
    for (const [name, id] of [
        ["dev-payments-cluster", "dev-payments-cluster"],
        ["Prod_Frankfurt--payments-cluster", "prod-frankfurt-payments-cluster"],
        ["9-payments-cluster", "c-9-payments-cluster"],
        ["payments-cluster-", "payments-cluster"],
    ])
        it(`${name} → ${id}`, () => expect(dbClusterIdentifier(name)).to.equal(id));
    it("cuts a name over 63 with a hash of the whole; shorter ones stay whole (40 is the cache's limit, not RDS's)", () => {
        const long = `prod-${"x".repeat(70)}-payments-cluster`;
        expect(dbClusterIdentifier(long))
            .to.have.length(DB_CLUSTER_IDENTIFIER_MAX)
            .and.to.match(/^prod-x+-[0-9a-f]{8}$/);
        const fifty = `prod-${"y".repeat(37)}-cluster`;
        expect(dbClusterIdentifier(fifty)).to.equal(fifty);
    });
    it("names the log group RDS exports the postgresql log to", () => {
        expect(postgresqlLogGroupName("dev-payments-cluster")).to.equal(
            "/aws/rds/cluster/dev-payments-cluster/postgresql",
        );
    });
});

describe("data: placement", () => {
    it("puts the writer in the first AZ and readers round-robin from the next", () => {
        expect(auroraPlacement(AZS, 4)).to.deep.equal({
            writer: "eu-central-1a",
            readers: ["eu-central-1b", "eu-central-1c", "eu-central-1a", "eu-central-1b"],
        });
        expect(auroraPlacement(AZS, 0).readers).to.deep.equal([]);
    });
    it("keeps readers in distinct AZs and off the writer's AZ while there are AZs to spare (property)", () => {
        fc.assert(
            fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 15 }), (azCount, readers) => {
                const azs = Array.from({ length: azCount }, (_v, i) => `az${i}`);
                const p = auroraPlacement(azs, readers);
                const firstRound = p.readers.slice(0, azCount - 1);
                expect(new Set(firstRound).size).to.equal(firstRound.length);
                expect(firstRound).to.not.include(p.writer);
                // No AZ holds more than its share: ceil over all instances.
                const counts = new Map<string, number>();
                for (const az of [p.writer, ...p.readers]) counts.set(az, (counts.get(az) ?? 0) + 1);
                expect(Math.max(...counts.values()) - Math.min(...azs.map((a) => counts.get(a) ?? 0))).to.be.at.most(1);
            }),
        );
    });
    it("places cache replicas so every AZ holds one when there are as many replicas as AZs", () => {
        const p = cachePlacement(AZS, 3);
        expect(p.primary).to.equal("eu-central-1a");
        expect(new Set(p.replicas)).to.deep.equal(new Set(AZS));
    });
    it(`allows ${MAX_READERS_PER_AZ} readers per AZ, capped at Aurora's 15`, () => {
        expect(maxReaders(3)).to.equal(6);
        expect(maxReaders(1)).to.equal(2);
        expect(maxReaders(10)).to.equal(15);
    });
});

describe("data: validation", () => {
    it("accepts the defaults in dev and the prod floors in prod", () => {
        expect(dataProblems(input())).to.deep.equal([]);
        expect(dataProblems(prodInput())).to.deep.equal([]);
    });
    const cases: [string, DataValidationInput, string][] = [
        [
            "prod with 0 readers",
            prodInput({ aurora: resolveAurora({ readers: 0, backupRetentionDays: 14 }) }),
            "aurora.readers is 0, prod needs at least 2 (in distinct AZs)",
        ],
        [
            "prod with 1 reader",
            prodInput({ aurora: resolveAurora({ readers: 1, backupRetentionDays: 14 }) }),
            "aurora.readers is 1, prod needs at least 2",
        ],
        [
            "prod backups below 14 days",
            prodInput({ aurora: resolveAurora({ readers: 2, backupRetentionDays: 7 }) }),
            "aurora.backupRetentionDays is 7, prod needs at least 14",
        ],
        [
            "skipFinalSnapshot in prod",
            prodInput({ aurora: resolveAurora({ readers: 2, backupRetentionDays: 14, skipFinalSnapshot: true }) }),
            "aurora.skipFinalSnapshot is true, prod must always take a final snapshot",
        ],
        [
            "an unsupported engine version",
            input({ aurora: resolveAurora({ engineVersion: "15.4" }) }),
            'aurora.engineVersion is "15.4", allowed: 16.6, 16.8, 16.10, 17.4, 17.6',
        ],
        [
            "more readers than 2 per AZ",
            input({ aurora: resolveAurora({ readers: 7 }) }),
            "aurora.readers is 7, at most 6 for 3 AZs (2 per AZ, 15 per cluster)",
        ],
        [
            "prod cache without a replica per AZ",
            prodInput({ cache: resolveCache({ replicas: 2 }) }),
            "cache.replicas is 2, prod needs a replica in each of the 3 AZs",
        ],
        [
            "an unsupported cache version",
            input({ cache: resolveCache({ engine: "redis", engineVersion: "6.2" }) }),
            'cache.engine/engineVersion is redis "6.2", allowed: valkey 7.2/8.0/8.1, redis 7.1',
        ],
        [
            "autoscaling min above max",
            input({ aurora: resolveAurora({ autoscaling: { enabled: true, minReaders: 4, maxReaders: 3 } }) }),
            "aurora.autoscaling.minReaders is 4, must be <= maxReaders (3)",
        ],
        [
            "autoscaling without readers",
            input({ aurora: resolveAurora({ readers: 0, autoscaling: { enabled: true } }) }),
            "aurora.autoscaling.enabled is true, but aurora.readers is 0",
        ],
        [
            "idle pool above the pool",
            input({ proxy: resolveProxy({ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 60 }) }),
            "proxy.maxIdleConnectionsPercent is 60, must be <= maxConnectionsPercent (40)",
        ],
        [
            "a DLQ that forgets before the queue",
            input({ queue: resolveQueue({ messageRetentionSeconds: 1209600, dlqMessageRetentionSeconds: 86400 }) }),
            "queue.dlqMessageRetentionSeconds is 86400, must be >= messageRetentionSeconds (1209600)",
        ],
        [
            "a zero maxReceiveCount",
            input({ queue: resolveQueue({ maxReceiveCount: 0 }) }),
            "queue.maxReceiveCount is 0, must be an integer from 1 to 1000",
        ],
        [
            "restore combined with a global database",
            input({
                aurora: resolveAurora({
                    restoreFromSnapshot: "snap-1",
                    global: { role: "primary", globalClusterIdentifier: "payments" },
                }),
            }),
            'aurora.restoreFromSnapshot is "snap-1", it can\'t be combined with aurora.global (primary)',
        ],
        ["no client security groups", input({ clientSecurityGroupCount: 0 }), "clientSecurityGroups is {}"],
    ];
    for (const [what, v, message] of cases) {
        it(`rejects ${what}`, () => expect(dataProblems(v).join("\n")).to.contain(message));
    }
    it("reports every problem at once", () => {
        const problems = dataProblems(
            prodInput({
                aurora: resolveAurora({
                    readers: 0,
                    backupRetentionDays: 3,
                    skipFinalSnapshot: true,
                    engineVersion: "9.6",
                }),
            }),
        );
        expect(problems).to.have.length(4);
    });
});

describe("data: policy documents", () => {
    it("the proxy role reads exactly the secrets it is given and decrypts with exactly one key via Secrets Manager", () => {
        const doc = JSON.parse(proxyRolePolicy(["arn:master", "arn:web"], "arn:key", "eu-west-1"));
        expect(doc.Statement.map((s: any) => [s.Action, s.Resource])).to.deep.equal([
            ["secretsmanager:GetSecretValue", ["arn:master", "arn:web"]],
            ["kms:Decrypt", "arn:key"],
        ]);
        expect(doc.Statement[1].Condition).to.deep.equal({
            StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
        });
    });
    it("a queue policy admits SendMessage from EventBridge for one rule only, and denies plain HTTP", () => {
        const [s, tls, ...rest] = JSON.parse(queuePolicy("arn:q", "arn:rule")).Statement;
        expect(rest).to.deep.equal([]);
        expect(s).to.deep.include({
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: "arn:q",
            Condition: { ArnEquals: { "aws:SourceArn": "arn:rule" } },
        });
        expect(tls).to.deep.include({
            Effect: "Deny",
            Principal: "*",
            Action: "sqs:*",
            Resource: "arn:q",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });
    it("without a rule, a queue policy only denies plain HTTP", () => {
        expect(JSON.parse(queuePolicy("arn:dlq")).Statement.map((x: { Sid: string }) => x.Sid)).to.deep.equal([
            "DenyInsecureTransport",
        ]);
    });
    it("redrive documents carry their arguments", () => {
        expect(JSON.parse(redrivePolicy("arn:dlq", 7))).to.deep.equal({
            deadLetterTargetArn: "arn:dlq",
            maxReceiveCount: 7,
        });
        expect(JSON.parse(redriveAllowPolicy("arn:q"))).to.deep.equal({
            redrivePermission: "byQueue",
            sourceQueueArns: ["arn:q"],
        });
        expect(JSON.parse(legacyEventPattern("legacy.x", ["A", "B"]))).to.deep.equal({
            source: ["legacy.x"],
            "detail-type": ["A", "B"],
        });
    });
});
