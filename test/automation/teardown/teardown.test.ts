import { expect } from "chai";
import { discoverStacks, planned, plannedStacks, rejection } from "../../harness";
import { RefusedError, TeardownError } from "../../../automation/teardown/errors";
import { restore, snapshotParameterName, teardown } from "../../../automation/teardown/teardown";
import { OwnedObject } from "../../../automation/teardown/workspace";
import { fakeClock, fakeCloud, fakeStack, world } from "./fake";

const READS = ["stack.config", "stack.resources", "stack.outputs", "k8s.list", "ssm.get"];
const fast = { pollMs: 1000, drainTimeoutMs: 5000, retryDelayMs: 100, destroyAttempts: 3 };

const lb: OwnedObject = { kind: "Service", namespace: "ingress-nginx", name: "ingress-nginx-controller" };
const ing: OwnedObject = { kind: "Ingress", namespace: "payments", name: "api" };
const pvc: OwnedObject = { kind: "PersistentVolumeClaim", namespace: "monitoring", name: "prometheus-db" };

describe("weekend teardown: refusal", () => {
    it("refuses every prod stack found from Pulumi.*.yaml, before touching anything", async () => {
        const prod = await plannedStacks((s) => s.environment === "prod");
        expect(prod.length).to.equal(discoverStacks().filter((s) => s.environment === "prod").length);
        for (const p of prod) {
            const w = world({ objects: [lb] });
            const err = await rejection(teardown(fakeStack(w, p), fakeCloud(w), fakeClock(w), fast));
            expect(err, p.plan.name).to.be.instanceOf(RefusedError);
            expect(err.message).to.contain(`refusing to tear down stack ${p.plan.name}, nothing was touched`);
            expect(err.message).to.contain('payments-platform:environment is "prod"');
            expect(err.message).to.contain("payments-platform:weekendTeardown is unset");
            expect(err.message).to.match(/\d+ resource\(s\) in the state are protected/);
            expect(
                w.calls.every((c) => READS.includes(c)),
                w.calls.join(", "),
            ).to.equal(true);
        }
    });

    it("refuses every stack that does not ask for it (the hubs), and restores none of them", async () => {
        for (const p of await plannedStacks((s) => s.environment !== "prod" && s.name !== "dev")) {
            const w = world();
            expect((await rejection(teardown(fakeStack(w, p), fakeCloud(w), fakeClock(w)))).message).to.contain(
                "payments-platform:weekendTeardown is unset",
            );
            expect((await rejection(restore(fakeStack(w, p), fakeCloud(w)))).message).to.contain(
                `refusing to restore stack ${p.plan.name}`,
            );
            expect(w.calls).to.not.include("stack.destroy");
        }
    });

    const rows: [string, Record<string, string>, boolean, string][] = [
        [
            "weekendTeardown false",
            { "payments-platform:weekendTeardown": "false" },
            false,
            'weekendTeardown is "false"',
        ],
        ["environment prod", { "payments-platform:environment": "prod" }, false, 'environment is "prod"'],
        [
            "a protected resource",
            {},
            true,
            "1 resource(s) in the state are protected, a teardown never unprotects: urn:",
        ],
    ];
    for (const [title, override, protectOne, message] of rows) {
        it(`refuses dev with ${title}`, async () => {
            const dev = await planned("dev");
            const w = world();
            const stack = fakeStack(w, dev, override);
            if (protectOne) {
                const resources = await stack.resources();
                resources[1].protect = true;
                stack.resources = async () => resources;
            }
            const err = await rejection(teardown(stack, fakeCloud(w), fakeClock(w)));
            expect(err.message).to.contain(message);
            expect(w.calls).to.not.include("stack.destroy");
        });
    }
});

describe("weekend teardown: the order on dev", () => {
    it("records the snapshot, drains the cluster, destroys with retries, checks leftovers, in that order", async () => {
        const dev = await planned("dev");
        const snapshot = dev.outputs.dbFinalSnapshotIdentifier as string;
        const cluster = dev.outputs.eksClusterName as string;
        const w = world({
            objects: [lb, ing, pvc],
            drainPolls: 1,
            destroyFailures: ["error: deleting subnet: DependencyViolation: The subnet has dependencies"],
        });
        const recorded = await teardown(fakeStack(w, dev), fakeCloud(w), fakeClock(w), fast);
        expect(recorded).to.equal(snapshot);
        expect(w.calls).to.deep.equal([
            "stack.config",
            "stack.resources",
            "stack.outputs",
            `ssm.put ${snapshotParameterName("dev")}=${snapshot}`,
            "k8s.list",
            "k8s.scale monitoring",
            "k8s.delete Service ingress-nginx/ingress-nginx-controller",
            "k8s.delete Ingress payments/api",
            "k8s.delete PersistentVolumeClaim monitoring/prometheus-db",
            "k8s.list",
            "sleep 1000",
            "k8s.list",
            "stack.destroy",
            "sleep 100",
            "stack.destroy",
            `aws.leftovers ${cluster} eu-central-1`,
        ]);
    });

    it("teardown then restore: the snapshot it recorded is the one restore brings back", async () => {
        const dev = await planned("dev");
        const w = world();
        const snapshot = await teardown(fakeStack(w, dev), fakeCloud(w), fakeClock(w), fast);
        w.calls.length = 0;
        const restored = await restore(fakeStack(w, dev), fakeCloud(w));
        expect(restored).to.equal(snapshot).and.to.be.a("string").that.is.not.empty;
        expect(w.calls).to.deep.equal([
            "stack.config",
            `ssm.get ${snapshotParameterName("dev")}`,
            `stack.setConfig payments-platform:database.aurora.restoreFromSnapshot=${snapshot}`,
            `stack.up ${snapshot}`,
        ]);
    });

    it("--dry-run prints every step and changes nothing", async () => {
        const dev = await planned("dev");
        const w = world({ objects: [lb, pvc] });
        const lines: string[] = [];
        await teardown(fakeStack(w, dev), fakeCloud(w), fakeClock(w), {
            ...fast,
            dryRun: true,
            log: (l) => lines.push(l),
        });
        expect(
            w.calls.every((c) => READS.includes(c)),
            w.calls.join(", "),
        ).to.equal(true);
        expect(lines.join("\n")).to.match(
            /would record final snapshot .*\n.*would scale the StatefulSets of namespace monitoring.*\nwould delete Service .*\nwould delete PersistentVolumeClaim .*\nwould wait up to 5 s.*\nwould run pulumi destroy on dev.*\nwould check for load balancers, ENIs, security groups and EBS volumes tagged .*\ndry run: nothing was changed/,
        );
    });

    const failures: [string, Parameters<typeof world>[0], string][] = [
        [
            "objects that outlive the bounded wait stop it before destroy",
            { objects: [lb], drainPolls: 99 },
            "after 5 s these still exist (their finalizers wait on AWS), destroy was not started:\n - Service ingress-nginx/ingress-nginx-controller",
        ],
        [
            "DependencyViolation on every attempt",
            { destroyFailures: ["x DependencyViolation a", "x DependencyViolation b", "x DependencyViolation c"] },
            "pulumi destroy failed 3 times on DependencyViolation: x DependencyViolation c",
        ],
        [
            "any other destroy failure, at once",
            { destroyFailures: ["boom\nerror: AccessDenied"] },
            "pulumi destroy failed: error: AccessDenied",
        ],
        [
            "leftovers tagged with the cluster",
            {
                leftovers: [
                    { kind: "EBS volume", id: "vol-0abc" },
                    { kind: "network interface", id: "eni-0def" },
                ],
            },
            "2 resource(s) tagged with cluster",
        ],
    ];
    for (const [title, setup, message] of failures) {
        it(`fails loudly: ${title}`, async () => {
            const w = world(setup);
            const err = await rejection(teardown(fakeStack(w, await planned("dev")), fakeCloud(w), fakeClock(w), fast));
            expect(err).to.be.instanceOf(TeardownError);
            expect(err.message).to.contain(message);
        });
    }

    it("restore without a recorded snapshot says what to do", async () => {
        const w = world();
        const err = await rejection(restore(fakeStack(w, await planned("dev")), fakeCloud(w)));
        expect(err.message).to.equal(
            `no final snapshot recorded in SSM parameter ${snapshotParameterName("dev")}: run the teardown first, or set payments-platform:database.aurora.restoreFromSnapshot yourself and run pulumi up`,
        );
        expect(w.calls).to.not.include.members(["stack.up"]);
    });
});
