import { expect } from "chai";
import { affectedStacks, deployNeeds, DeliveryStack } from "../../automation/delivery/graph";

const graph = {
    "network-a": [],
    "network-b": [],
    dev: ["network-a"],
    "prod-a": ["network-a"],
    "prod-b": ["network-b"],
    edge: ["prod-a", "prod-b"],
};

describe("delivery: which stacks a change affects", () => {
    const rows: [string, string[], string[]][] = [
        ["docs only", ["README.md", "test/x.test.ts", "automation/plan/cli.ts"], []],
        ["a workload's stack file: that stack and what reads it", ["Pulumi.prod-a.yaml"], ["edge", "prod-a"]],
        [
            "a hub's stack file: the hub and every stack downstream",
            ["Pulumi.network-a.yaml"],
            ["dev", "edge", "network-a", "prod-a"],
        ],
        ["a stack file of no planned stack", ["Pulumi.gone.yaml"], []],
        ["the program", ["components/eks/cluster.ts"], Object.keys(graph).sort()],
        ["the policy pack", ["policies/tls.ts"], Object.keys(graph).sort()],
        ["the lock", ["package-lock.json"], Object.keys(graph).sort()],
        ["an unknown base (*)", ["*"], Object.keys(graph).sort()],
    ];
    for (const [title, changed, expected] of rows) {
        it(title, () => {
            expect(affectedStacks(changed, graph)).to.deep.equal(expected);
        });
    }
});

describe("delivery: what each deploy waits for", () => {
    const stack = (name: string, environment: string): DeliveryStack => ({
        name,
        environment,
        role: "",
        region: "",
        references: graph[name as keyof typeof graph],
        policyConfig: "",
        weekendTeardown: false,
        timeZone: "Europe/Berlin",
    });
    it("its references, and dev before everything outside dev's own chain", () => {
        const needs = deployNeeds([
            stack("network-a", "shared"),
            stack("network-b", "shared"),
            stack("dev", "dev"),
            stack("prod-a", "prod"),
            stack("prod-b", "prod"),
            stack("edge", "prod"),
        ]);
        expect(needs).to.deep.equal({
            "network-a": [],
            dev: ["network-a"],
            "network-b": ["dev"],
            "prod-a": ["dev", "network-a"],
            "prod-b": ["dev", "network-b"],
            edge: ["dev", "prod-a", "prod-b"],
        });
    });
});
