import { expect } from "chai";
import { stackTime } from "../../../automation/cost/time/deployTime";
import { StackPlan, ResourceRecord } from "../../../automation/plan/types";
import { rec } from "./fixtures";

function stack(resources: ResourceRecord[]): StackPlan {
    return {
        name: "t",
        project: "p",
        region: "us-east-1",
        resources,
        outputs: {},
        references: [],
        secretPlaceholders: [],
    };
}

describe("deploy time: critical path, lower bound and removable dependsOn (table)", () => {
    const nat = rec("aws:ec2/natGateway:NatGateway", "nat");
    const eks = rec("aws:eks/cluster:Cluster", "eks");
    const ns = (deps: string[], inputDeps: string[] = []) =>
        rec(
            "kubernetes:core/v1:Namespace",
            "ns",
            {},
            { dependencies: deps, propertyDependencies: inputDeps.length ? { x: inputDeps } : {} },
        );
    const ng = rec(
        "aws:eks/nodeGroup:NodeGroup",
        "ng",
        {},
        { dependencies: [eks.urn], propertyDependencies: { clusterName: [eks.urn] } },
    );

    const cases: { what: string; resources: ResourceRecord[]; path: number; bound: number; removable: string[] }[] = [
        { what: "independent resources run side by side", resources: [nat, eks], path: 600, bound: 600, removable: [] },
        {
            what: "an input dependency chains them and is required",
            resources: [eks, ng],
            path: 780,
            bound: 780,
            removable: [],
        },
        {
            what: "a namespace's dependsOn on a node group lengthens the path without being required",
            resources: [eks, ng, ns([eks.urn, ng.urn], [eks.urn])],
            path: 782,
            bound: 780,
            removable: [`${"urn:pulumi:t::p::kubernetes:core/v1:Namespace::ns"} → ${ng.urn}`],
        },
        {
            what: "a component is done when its children are: depending on it waits for them",
            resources: [
                rec("platform:x:C", "c", {}, { custom: false }),
                rec("aws:ec2/natGateway:NatGateway", "child", {}, { parent: "urn:pulumi:t::p::platform:x:C::c" }),
                rec(
                    "aws:ec2/instance:Instance",
                    "after",
                    {},
                    {
                        dependencies: ["urn:pulumi:t::p::platform:x:C::c"],
                        propertyDependencies: { a: ["urn:pulumi:t::p::platform:x:C::c"] },
                    },
                ),
            ],
            path: 120,
            bound: 120,
            removable: [],
        },
    ];
    for (const c of cases)
        it(c.what, () => {
            const t = stackTime(stack(c.resources));
            expect(t.criticalPathSeconds).to.equal(c.path);
            expect(t.lowerBoundSeconds).to.equal(c.bound);
            expect(t.removableDependsOn.map((x) => `${x.urn} → ${x.dependsOn}`)).to.deep.equal(c.removable);
        });
});
