import { expect } from "chai";
import { AppContext } from "../../../components/apps/context";
import { DrainingInputs, WebArgs, buildWeb, drainingPlan, resolveWebSettings } from "../../../components/apps/web";
import { parseQuantity } from "../../../components/apps/web/quantity";

const KEYS = {
    deregistrationDelaySeconds: "edge.draining.deregistrationDelaySeconds",
    propagationMarginSeconds: "apps.web.propagationMarginSeconds",
    maxRequestSeconds: "apps.web.api.maxRequestSeconds",
    preStopSeconds: "apps.web.api.preStopSeconds",
    terminationGracePeriodSeconds: "apps.web.api.terminationGracePeriodSeconds",
};

describe("web draining: preStop ≥ deregistration delay + margin, grace ≥ preStop + longest request", () => {
    const base: DrainingInputs = {
        deregistrationDelaySeconds: 60,
        propagationMarginSeconds: 10,
        maxRequestSeconds: 30,
    };
    const rows: {
        why: string;
        given: Partial<DrainingInputs>;
        preStop?: number;
        grace?: number;
        problems: string[];
    }[] = [
        { why: "the edge's defaults", given: {}, preStop: 70, grace: 105, problems: [] },
        {
            why: "a shorter deregistration delay",
            given: { deregistrationDelaySeconds: 15 },
            preStop: 25,
            grace: 60,
            problems: [],
        },
        {
            why: "no delay, no margin",
            given: { deregistrationDelaySeconds: 0, propagationMarginSeconds: 0 },
            preStop: 0,
            grace: 35,
            problems: [],
        },
        {
            why: "exactly the minimums",
            given: { preStopSeconds: 70, terminationGracePeriodSeconds: 100 },
            preStop: 70,
            grace: 100,
            problems: [],
        },
        {
            why: "a preStop shorter than the delay + margin",
            given: { preStopSeconds: 30 },
            preStop: 30,
            grace: 65,
            problems: [
                "apps.web.api.preStopSeconds is 30, must be at least edge.draining.deregistrationDelaySeconds (60) + apps.web.propagationMarginSeconds (10) = 70",
            ],
        },
        {
            why: "a grace period that kills the longest request",
            given: { terminationGracePeriodSeconds: 90 },
            preStop: 70,
            grace: 90,
            problems: [
                "apps.web.api.terminationGracePeriodSeconds is 90, must be at least the preStop sleep (70) + apps.web.api.maxRequestSeconds (30) = 100",
            ],
        },
        {
            why: "both wrong at once",
            given: { preStopSeconds: 10, terminationGracePeriodSeconds: 20 },
            problems: [
                "apps.web.api.preStopSeconds is 10, must be at least edge.draining.deregistrationDelaySeconds (60) + apps.web.propagationMarginSeconds (10) = 70",
                "apps.web.api.terminationGracePeriodSeconds is 20, must be at least the preStop sleep (10) + apps.web.api.maxRequestSeconds (30) = 40",
            ],
        },
        {
            why: "non-integers and negatives",
            given: { propagationMarginSeconds: -1, maxRequestSeconds: 2.5 },
            problems: [
                "apps.web.propagationMarginSeconds is -1, must be an integer of at least 0 (seconds)",
                "apps.web.api.maxRequestSeconds is 2.5, must be an integer of at least 1 (seconds)",
            ],
        },
    ];
    for (const row of rows)
        it(row.why, () => {
            const { plan, problems } = drainingPlan({ ...base, ...row.given }, KEYS);
            expect(problems).to.deep.equal(row.problems);
            if (row.preStop !== undefined) expect(plan.preStopSeconds).to.equal(row.preStop);
            if (row.grace !== undefined) expect(plan.terminationGracePeriodSeconds).to.equal(row.grace);
        });
});

describe("web settings: defaults by environment and the PDB/HPA rule", () => {
    const ctx = (prod: boolean) => ({
        prod,
        deregistrationDelaySeconds: 60,
        deregistrationDelayKey: "edge.draining.deregistrationDelaySeconds",
        key: "apps.web",
    });

    it("prod keeps 3 pods (2 through a disruption), elsewhere 1 (0)", () => {
        const prod = resolveWebSettings({}, ctx(true));
        const dev = resolveWebSettings({}, ctx(false));
        expect(prod.problems).to.deep.equal([]);
        expect(dev.problems).to.deep.equal([]);
        for (const svc of ["web", "api"] as const) {
            expect([prod.services[svc].minReplicas, prod.services[svc].pdbMinAvailable]).to.deep.equal([3, 2]);
            expect([dev.services[svc].minReplicas, dev.services[svc].pdbMinAvailable]).to.deep.equal([1, 0]);
            expect(prod.services[svc].draining).to.deep.equal({
                preStopSeconds: 70,
                terminationGracePeriodSeconds: 105,
            });
        }
    });

    it("a service-level override only changes its own service", () => {
        const r = resolveWebSettings({ propagationMarginSeconds: 5, api: { maxRequestSeconds: 50 } }, ctx(true));
        expect(r.services.api.draining).to.deep.equal({ preStopSeconds: 65, terminationGracePeriodSeconds: 120 });
        expect(r.services.web.draining).to.deep.equal({ preStopSeconds: 65, terminationGracePeriodSeconds: 100 });
    });

    const rows: { why: string; prod: boolean; settings: object; problems: string[] }[] = [
        {
            why: "a PDB as large as the HPA minimum",
            prod: true,
            settings: { web: { minReplicas: 3, pdbMinAvailable: 3 } },
            problems: [
                "apps.web.web.pdbMinAvailable is 3, must be below apps.web.web.minReplicas (3): at the minimum a node drain could never evict a pod",
            ],
        },
        {
            why: "one replica in prod",
            prod: true,
            settings: { api: { minReplicas: 1, pdbMinAvailable: 0 } },
            problems: [
                "apps.web.api.minReplicas is 1, must be an integer from 2 to 1000 (prod keeps two, so one survives a node's loss)",
                "apps.web.api.pdbMinAvailable is 0, must be an integer from 1 to 1000",
            ],
        },
        {
            why: "a maximum below the minimum and a request above its limit",
            prod: false,
            settings: { web: { minReplicas: 4, maxReplicas: 2, memoryRequest: "2Gi", memoryLimit: "1Gi" } },
            problems: [
                "apps.web.web.maxReplicas is 2, must be at least apps.web.web.minReplicas (4)",
                'apps.web.web.memoryRequest is "2Gi", must not exceed apps.web.web.memoryLimit ("1Gi")',
            ],
        },
        {
            why: "a request longer than the ALB's idle timeout, a bad quantity and a bad path",
            prod: false,
            settings: {
                api: { maxRequestSeconds: 90, cpuLimit: "two", readinessPath: "healthz", paths: ["/api", "v2"] },
            },
            problems: [
                "apps.web.api.maxRequestSeconds is 90, must be an integer from 1 to 60 (the ALB's idle timeout cuts longer requests)",
                'apps.web.api.cpuLimit is "two", must be a positive quantity such as "250m", "1" or "512Mi"',
                'apps.web.api.readinessPath is "healthz", must be a URL path starting with /',
                'apps.web.api.paths[1] is "v2", must be a URL path prefix starting with /',
            ],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}`, () => {
            expect(resolveWebSettings(row.settings, ctx(row.prod)).problems).to.deep.equal(row.problems);
        });
});

describe("web helpers", () => {
    const quantities: [string, number | undefined][] = [
        ["250m", 0.25],
        ["1", 1],
        ["0.5", 0.5],
        ["512Mi", 512 * 2 ** 20],
        ["1Gi", 2 ** 30],
        ["1G", 1e9],
        ["two", undefined],
        ["-1", undefined],
        ["1gi", undefined],
    ];
    for (const [q, v] of quantities)
        it(`parses ${JSON.stringify(q)} as ${v}`, () => expect(parseQuantity(q)).to.equal(v));
});

describe("buildWeb refuses bad args before any resource, naming the fields", () => {
    // Validation reads only `prod` from the context: nothing else is touched before it throws.
    const ctx = { prod: true } as unknown as AppContext;
    const hosts = { web: "origin.pay.example.com", api: "api.pay.example.com" };
    const rows: { why: string; args: WebArgs; messages: string[] }[] = [
        {
            why: "a host that is not a DNS name",
            args: { hosts: { ...hosts, api: "API_host" } },
            messages: ['hosts.api is "API_host", must be a lower-case DNS name'],
        },
        {
            why: "a preStop below a longer deregistration delay",
            args: { hosts, deregistrationDelaySeconds: 300, settings: { web: { preStopSeconds: 120 } } },
            messages: [
                "settings.web.preStopSeconds is 120, must be at least deregistrationDelaySeconds (300) + settings.propagationMarginSeconds (10) = 310",
            ],
        },
        {
            why: "a PDB equal to the HPA minimum",
            args: { hosts, settings: { api: { minReplicas: 2, pdbMinAvailable: 2 } } },
            messages: ["settings.api.pdbMinAvailable is 2, must be below settings.api.minReplicas (2)"],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}`, () => {
            let message = "";
            try {
                buildWeb(ctx, row.args);
            } catch (e) {
                message = (e as Error).message;
            }
            expect(message).to.match(/^Invalid web args:\n - /);
            for (const m of row.messages) expect(message).to.include(m);
        });
});
