import { expect } from "chai";
import { CeleryArgs, DEFAULTS, QueueArgs } from "../../../components/apps/workers/args";
import { celeryProblems } from "../../../components/apps/workers/checks";
import { loadStackSettings } from "../../../stacks/config";
import { PROJECT, discoverStacks, projectConfigOf, record, rejection, stackFileConfig } from "../../harness";

const KEY = "payments-platform:apps.workers";
const queue = (q: Partial<QueueArgs> = {}): QueueArgs => ({ ...DEFAULTS.queue, ...q });
const celery = (c: Partial<CeleryArgs> = {}): CeleryArgs => ({
    ...DEFAULTS.celery,
    queues: { payments: queue(), notifications: queue() },
    ...c,
});

describe("celeryProblems: worker safety and scaling, in config words", () => {
    const rows: { why: string; c: CeleryArgs; env?: string; problems: string[] }[] = [
        { why: "the defaults in prod", c: celery(), problems: [] },
        {
            why: "scale to zero in dev",
            c: celery({ queues: { payments: queue({ minReplicas: 0 }) } }),
            env: "dev",
            problems: [],
        },
        {
            why: "scale to zero in prod",
            c: celery({ queues: { payments: queue({ minReplicas: 0 }) } }),
            problems: [
                `${KEY}.queues.payments.minReplicas is 0: scale to zero is allowed in dev only (environment is prod), use at least 1`,
            ],
        },
        {
            why: "acks_late off and prefetching",
            c: celery({ acksLate: false, prefetchMultiplier: 4 }),
            problems: [
                `${KEY}.acksLate is false, must be true: a worker stopped by a scale-down would lose the task it had taken`,
                `${KEY}.prefetchMultiplier is 4, must be 1: prefetched tasks leave the Redis list, so KEDA would not see them`,
            ],
        },
        {
            why: "a grace period that doesn't outlast the longest task",
            c: celery({ queues: { payments: queue({ maxTaskSeconds: 600, terminationGracePeriodSeconds: 600 }) } }),
            problems: [
                `${KEY}.queues.payments.terminationGracePeriodSeconds is 600, must exceed maxTaskSeconds (600): a worker stopped by a scale-down finishes its task first`,
            ],
        },
        {
            why: "a task longer than the visibility timeout",
            c: celery({
                visibilityTimeoutSeconds: 900,
                queues: { reports: queue({ maxTaskSeconds: 1200, terminationGracePeriodSeconds: 1300 }) },
            }),
            problems: [
                `${KEY}.queues.reports.maxTaskSeconds is 1200, must be below visibilityTimeoutSeconds (900): Redis would redeliver a running task to a second worker`,
            ],
        },
        {
            why: "max below min, and a list length of 0",
            c: celery({ queues: { payments: queue({ minReplicas: 5, maxReplicas: 2, listLength: 0 }) } }),
            problems: [
                `${KEY}.queues.payments.maxReplicas is 2, must be an integer of at least 1 and of minReplicas (5)`,
                `${KEY}.queues.payments.listLength is 0, must be an integer of at least 1`,
            ],
        },
        {
            why: "a queue name that can't name a Deployment, and no polling",
            c: celery({ pollingIntervalSeconds: 0, queues: { Payments_EU: queue() } }),
            problems: [
                `${KEY}.pollingIntervalSeconds is 0, must be an integer of at least 1`,
                `${KEY}.queues.Payments_EU: queue name "Payments_EU" must be 1-56 of a-z 0-9 - (it names the Deployment worker-Payments_EU), starting and ending alphanumeric`,
            ],
        },
        { why: "no queue", c: celery({ queues: {} }), problems: [`${KEY}.queues is empty: name at least one queue`] },
        {
            why: "a database ElastiCache doesn't have",
            c: celery({ databaseIndex: 16 }),
            problems: [`${KEY}.databaseIndex is 16, must be 0 to 15 (ElastiCache's databases)`],
        },
    ];
    for (const row of rows)
        it(`${row.problems.length ? "refuses" : "accepts"} ${row.why}`, () => {
            expect(celeryProblems(KEY, row.c, row.env ?? "prod")).to.deep.equal(row.problems);
        });
});

describe("apps.workers and apps.stateful are checked with the stack config, before any resource", function () {
    this.timeout(120_000);
    const prod = discoverStacks().find((s) => s.role === "workload" && s.environment === "prod")!;
    const config = projectConfigOf(prod.name);
    const apps = config.apps as Record<string, unknown>;
    const rows: { why: string; apps: Record<string, unknown>; messages: string[] }[] = [
        {
            why: "scale to zero in a prod stack",
            apps: { ...apps, workers: { queues: { payments: { minReplicas: 0 } } } },
            messages: [
                `${KEY}.queues.payments.minReplicas is 0: scale to zero is allowed in dev only (environment is prod), use at least 1`,
            ],
        },
        {
            why: "a tcp-gateway grace period shorter than its drain, and a ledger without storage",
            apps: {
                ...apps,
                stateful: {
                    tcpGateway: { drainSeconds: 120, terminationGracePeriodSeconds: 90 },
                    ledger: { storageGiB: 0 },
                },
            },
            messages: [
                "payments-platform:apps.stateful.tcpGateway.terminationGracePeriodSeconds is 90, must be at least drainSeconds + 10 (130)",
                "payments-platform:apps.stateful.ledger.storageGiB is 0, must be 1 to 16384 (a gp3 volume's sizes)",
            ],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: prod.name,
                    config: JSON.parse(JSON.stringify({ ...config, apps: row.apps })),
                    rawConfig: { "aws:region": stackFileConfig(prod.name)["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey", "edgeOriginSecret"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });

    it("the dev stack file scales every queue to zero, and no other stack file does", () => {
        for (const s of discoverStacks().filter((d) => d.role === "workload")) {
            const written = (stackFileConfig(s.name)[`${PROJECT}:apps`] as { workers?: { queues: object } }).workers;
            const mins = Object.values(written?.queues ?? {}).map((q: { minReplicas?: number }) => q.minReplicas);
            if (s.environment === "dev") expect(mins, s.name).to.deep.equal([0, 0]);
            else expect(mins, s.name).to.deep.equal([]);
        }
    });
});
