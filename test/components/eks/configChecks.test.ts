/**
 * Bad eks config fails in config words before any resource exists: the stack program is run with
 * one bad value per row, and must stop with that key's message having registered nothing but the
 * stack itself.
 */
import { expect } from "chai";
import { PlanError } from "../../../automation/plan/engine";
import { partitionOf } from "../../../components/regions";
import main from "../../../stacks/index";
import { planned, projectConfigOf, record, rejection } from "../../harness";

/** The dev stack's own config (bare keys), the valid base every row changes one thing of. */
function devConfig(): Record<string, any> {
    return projectConfigOf("dev");
}

const rows: [string, (c: Record<string, any>) => void, string][] = [
    [
        "minSize above desiredSize",
        (c) => Object.assign(c.eks.nodeGroups.apps, { minSize: 3, desiredSize: 2 }),
        "payments-platform:eks.nodeGroups.apps.minSize is 3, must be <= desiredSize 2",
    ],
    [
        "desiredSize above maxSize",
        (c) => (c.eks.nodeGroups.system.desiredSize = 5),
        "payments-platform:eks.nodeGroups.system.desiredSize is 5, must be <= maxSize 2",
    ],
    [
        "spot in prod",
        (c) => (c.environment = "prod"),
        'payments-platform:eks.nodeGroups.apps.capacityType is "SPOT", prod needs "ON_DEMAND"',
    ],
    [
        "a prod cluster in 2 AZs",
        (c) => {
            c.environment = "prod";
            c.network.azCount = 2;
        },
        "payments-platform:network.azCount is 2, a prod EKS cluster needs at least 3 AZs",
    ],
    [
        "a Kubernetes version without pinned add-ons",
        (c) => (c.eks.kubernetesVersion = "1.29"),
        'payments-platform:eks.kubernetesVersion is "1.29", add-on versions are pinned for 1.33, 1.34',
    ],
    [
        "a retention CloudWatch does not offer",
        (c) => (c.eks.logRetentionDays = 45),
        "payments-platform:eks.logRetentionDays is 45, allowed: 1, 3, 5, 7, 14, 30, 60, 90,",
    ],
    [
        "a public endpoint without CIDRs",
        (c) => (c.eks.endpointPublicAccess = true),
        "payments-platform:eks.publicAccessCidrs is [], must list the allowed CIDRs when endpointPublicAccess is true",
    ],
    [
        "an IMDS hop limit other than 1 or 2",
        (c) => (c.eks.nodeGroups.apps.imdsHopLimit = 3),
        "payments-platform:eks.nodeGroups.apps.imdsHopLimit is 3, allowed: 1, 2",
    ],
    [
        "an API access range that is not a CIDR",
        (c) => (c.eks.apiAccessCidrs = ["10.128.0.0/16", "10.128.0.0"]),
        'payments-platform:eks.apiAccessCidrs[1] is "10.128.0.0", must be an IPv4 CIDR such as "10.128.0.0/16"',
    ],
];

describe("eks config: every problem in config words, before any resource", function () {
    this.timeout(120000);

    it("the base config (the dev stack's) is valid up to the first resource", async () => {
        // It fails later, on the hub's stack reference the test does not provide; not on config.
        const err = await rejection(
            record(() => main(), {
                stack: "bad",
                config: devConfig(),
                secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
            }),
        );
        expect(err.message).to.not.contain("Invalid stack config");
    });

    for (const [label, mutate, line] of rows) {
        it(label, async () => {
            const config = devConfig();
            mutate(config);
            const err = await rejection(
                record(() => main(), {
                    stack: "bad",
                    config,
                    secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                }),
            );
            expect(err.message).to.contain("Invalid stack config:");
            expect(err.message).to.contain(` - ${line}`);
            expect((err as PlanError).records.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        });
    }

    it("collects every problem and throws once", async () => {
        const config = devConfig();
        for (const [, mutate] of rows.slice(0, 2)) mutate(config);
        config.eks.kubernetesVersion = "1.29";
        const err = await rejection(
            record(() => main(), {
                stack: "bad",
                config,
                secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
            }),
        );
        const lines = err.message.split("\n").filter((l) => l.startsWith(" - payments-platform:eks."));
        expect(lines).to.have.length(3);
    });
});

describe("eks.apiAccessCidrs against the region's plan, in the stack program", function () {
    this.timeout(120000);

    it("a range outside the plan stops the stack before any AWS resource, naming the key, the value and the plan", async () => {
        const hub = await planned("network-frankfurt");
        const config = devConfig();
        config.eks.apiAccessCidrs = ["10.128.0.0/16", "192.168.0.0/16"];
        const err = await rejection(
            record(() => main(), {
                stack: "bad",
                config,
                secrets: ["eksAdminRoleArn", "edgeOriginSecret", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                references: { "network-frankfurt": hub.outputs },
            }),
        );
        expect(err.message).to.contain(
            ' - payments-platform:eks.apiAccessCidrs[1] is "192.168.0.0/16", must lie inside the region\'s CIDR plan (shared/shared-services 10.0.0.0/20, dev/workloads 10.16.0.0/16, prod/workloads 10.32.0.0/16, on-prem/dc1 10.128.0.0/16)',
        );
        // The preflight runs before the provider: nothing of AWS is registered, let alone the cluster.
        const types = (err as PlanError).records.map((r) => r.type);
        expect(types.filter((t) => t.startsWith("aws:") || t === "pulumi:providers:aws")).to.deep.equal([]);
    });
});

describe("partitionOf", () => {
    for (const [region, partition] of [
        ["eu-central-1", "aws"],
        ["us-east-1", "aws"],
        ["cn-north-1", "aws-cn"],
        ["us-gov-west-1", "aws-us-gov"],
    ] as const) {
        it(`${region} is in ${partition}`, () => {
            expect(partitionOf(region)).to.equal(partition);
        });
    }
});
