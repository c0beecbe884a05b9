import { expect } from "chai";
import { containerSecurityContext, podSecurityContext } from "../../../components/apps/podSecurity";
import { DEFAULTS, TcpGatewayArgs } from "../../../components/apps/workers/args";
import { TCP_SHUTDOWN_MARGIN_SECONDS, tcpGatewayProblems } from "../../../components/apps/workers/checks";
import { drainCommand } from "../../../components/apps/workers/tcpGateway";
import { Recorded, discoverStacks, planned } from "../../harness";
import { appsOf, byMetaName } from "./records";

describe("tcp-gateway: a long-lived TCP service that drains before it stops, in every planned workload stack", function () {
    this.timeout(300_000);
    let stacks: Recorded[];
    before(async () => {
        stacks = await Promise.all(
            discoverStacks()
                .filter((s) => s.role === "workload")
                .map((s) => planned(s.name)),
        );
    });

    it("preStop runs the drain for drainSeconds and the grace period covers it plus the shutdown margin", () => {
        for (const s of stacks) {
            const t = appsOf(s.plan.name).stateful.tcpGateway;
            const d = byMetaName(s, "kubernetes:apps/v1:Deployment", "tcp-gateway");
            expect(d.spec.replicas).to.equal(t.replicas);
            expect(d.spec.strategy).to.deep.equal({
                type: "RollingUpdate",
                rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
            });
            const pod = d.spec.template.spec;
            expect(pod.securityContext).to.deep.equal(podSecurityContext());
            const c = pod.containers[0];
            expect(c.image).to.equal((s.outputs.appImages as Record<string, string>)["tcp-gateway"]);
            expect(c.securityContext).to.deep.equal(containerSecurityContext());
            expect(c.lifecycle).to.deep.equal({ preStop: { exec: { command: drainCommand(t.drainSeconds) } } });
            expect(c.lifecycle.preStop.exec.command).to.include(`--timeout=${t.drainSeconds}s`);
            expect(pod.terminationGracePeriodSeconds).to.equal(t.terminationGracePeriodSeconds);
            expect(pod.terminationGracePeriodSeconds).to.be.at.least(t.drainSeconds + TCP_SHUTDOWN_MARGIN_SECONDS);
            expect(c.ports).to.deep.equal([{ name: "tcp", containerPort: t.port, protocol: "TCP" }]);
        }
    });

    it("a PDB lets node drains evict one gateway at a time, selecting exactly the gateway's pods", () => {
        for (const s of stacks) {
            const d = byMetaName(s, "kubernetes:apps/v1:Deployment", "tcp-gateway");
            const pdb = byMetaName(s, "kubernetes:policy/v1:PodDisruptionBudget", "tcp-gateway");
            expect(pdb.spec.maxUnavailable, s.plan.name).to.equal(1);
            expect(pdb.spec.selector).to.deep.equal({ matchLabels: d.spec.template.metadata.labels });
        }
    });

    it("its Service exposes the configured TCP port; only labelled client pods may connect, and it reaches only the ledger", () => {
        for (const s of stacks) {
            const { tcpGateway: t, ledger } = appsOf(s.plan.name).stateful;
            const d = byMetaName(s, "kubernetes:apps/v1:Deployment", "tcp-gateway");
            const svc = byMetaName(s, "kubernetes:core/v1:Service", "tcp-gateway");
            expect(svc.spec.type).to.equal("ClusterIP");
            expect(svc.spec.selector).to.deep.equal(d.spec.template.metadata.labels);
            expect(svc.spec.ports).to.deep.equal([{ name: "tcp", protocol: "TCP", port: t.port, targetPort: t.port }]);
            const p = byMetaName(s, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "tcp-gateway").spec;
            expect(p.podSelector).to.deep.equal({ matchLabels: { "app.kubernetes.io/name": "tcp-gateway" } });
            expect(p.ingress).to.deep.equal([
                {
                    from: [{ podSelector: { matchLabels: { "payments-platform/tcp-gateway-client": "true" } } }],
                    ports: [{ protocol: "TCP", port: t.port }],
                },
            ]);
            expect(p.egress).to.deep.equal([
                {
                    to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "ledger" } } }],
                    ports: [{ protocol: "TCP", port: ledger.port }],
                },
            ]);
        }
    });
});

describe("tcpGatewayProblems: the drain fits in the grace period", () => {
    const KEY = "payments-platform:apps.stateful.tcpGateway";
    const tcp = (t: Partial<TcpGatewayArgs>): TcpGatewayArgs => ({ ...DEFAULTS.tcpGateway, ...t });
    const rows: { why: string; t: TcpGatewayArgs; env?: string; problems: string[] }[] = [
        { why: "the defaults", t: tcp({}), problems: [] },
        {
            why: "grace exactly drain + margin",
            t: tcp({ drainSeconds: 50, terminationGracePeriodSeconds: 60 }),
            problems: [],
        },
        {
            why: "grace below drain + margin",
            t: tcp({ drainSeconds: 60, terminationGracePeriodSeconds: 65 }),
            problems: [
                `${KEY}.terminationGracePeriodSeconds is 65, must be at least drainSeconds + 10 (70): the kubelet kills connections the drain has not closed`,
            ],
        },
        {
            why: "no drain",
            t: tcp({ drainSeconds: 0 }),
            problems: [`${KEY}.drainSeconds is 0, must be an integer of at least 1`],
        },
        {
            why: "a privileged port",
            t: tcp({ port: 80 }),
            problems: [`${KEY}.port is 80, must be 1024 to 65535 (the pod runs as non-root)`],
        },
        {
            why: "a single replica in prod",
            t: tcp({ replicas: 1 }),
            problems: [`${KEY}.replicas is 1, must be an integer of at least 2 in prod`],
        },
        { why: "a single replica in dev", t: tcp({ replicas: 1 }), env: "dev", problems: [] },
    ];
    for (const row of rows)
        it(`${row.problems.length ? "refuses" : "accepts"} ${row.why}`, () => {
            expect(tcpGatewayProblems(KEY, row.t, row.env ?? "prod")).to.deep.equal(row.problems);
        });
});
