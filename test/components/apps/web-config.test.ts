import { expect } from "chai";
import { loadStackSettings } from "../../../stacks/config";
import { PROJECT, discoverStacks, projectConfigOf, record, rejection, stackFileConfig } from "../../harness";

/** A real stack file's config with `change` applied to its project keys, loaded as the program does. */
async function refusal(stack: string, change: (c: Record<string, any>) => void): Promise<string> {
    const config = projectConfigOf(stack);
    change(config);
    const err = await rejection(
        record(() => loadStackSettings(), {
            stack,
            config: JSON.parse(JSON.stringify(config)),
            rawConfig: { "aws:region": stackFileConfig(stack)["aws:region"] },
            secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey", "edgeOriginSecret"],
        }),
    );
    return err.message;
}

describe("apps.web config is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const prod = discoverStacks().find((s) => s.role === "workload" && s.environment === "prod")!.name;
    const dev = discoverStacks().find((s) => s.role === "workload" && s.environment !== "prod")!.name;
    const K = `${PROJECT}:apps.web`;
    const rows: { why: string; stack: string; change: (c: Record<string, any>) => void; messages: string[] }[] = [
        {
            why: "a PDB that keeps every pod of the HPA minimum",
            stack: prod,
            change: (c) => (c.apps.web = { web: { minReplicas: 3, pdbMinAvailable: 3 } }),
            messages: [
                `${K}.web.pdbMinAvailable is 3, must be below ${K}.web.minReplicas (3): at the minimum a node drain could never evict a pod`,
            ],
        },
        {
            why: "a preStop shorter than the edge's configured deregistration delay + margin",
            stack: prod,
            change: (c) => {
                c.edge.draining = { deregistrationDelaySeconds: 120 };
                c.apps.web = { api: { preStopSeconds: 100 } };
            },
            messages: [
                `${K}.api.preStopSeconds is 100, must be at least ${PROJECT}:edge.draining.deregistrationDelaySeconds (120) + ${K}.propagationMarginSeconds (10) = 130`,
            ],
        },
        {
            why: "a grace period below preStop + the longest request",
            stack: dev,
            change: (c) => (c.apps.web = { web: { maxRequestSeconds: 45, terminationGracePeriodSeconds: 100 } }),
            messages: [
                `${K}.web.terminationGracePeriodSeconds is 100, must be at least the preStop sleep (70) + ${K}.web.maxRequestSeconds (45) = 115`,
            ],
        },
        {
            why: "a single replica in prod",
            stack: prod,
            change: (c) => (c.apps.web = { api: { minReplicas: 1, pdbMinAvailable: 0 } }),
            messages: [
                `${K}.api.minReplicas is 1, must be an integer from 2 to 1000 (prod keeps two, so one survives a node's loss)`,
            ],
        },
        {
            why: "the apps without the edge whose host names the Ingresses use",
            stack: dev,
            change: (c) => delete c.edge,
            messages: [
                `${PROJECT}:apps needs ${PROJECT}:edge: the web and API Ingresses answer on the edge's host names`,
            ],
        },
        {
            why: "a misspelt key",
            stack: dev,
            change: (c) => (c.apps.web = { web: { minReplica: 2 } }),
            messages: [`${K}.web has unknown keys minReplica`],
        },
    ];
    for (const row of rows)
        it(`refuses ${row.why}`, async () => {
            const message = await refusal(row.stack, row.change);
            for (const m of row.messages) expect(message).to.include(m);
        });
});
