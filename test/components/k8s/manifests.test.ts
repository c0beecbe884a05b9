import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CHARTS, KUBERNETES_VERSIONS } from "../../../components/eks/versions";
import { plannedStacks } from "../../harness";
import { VENDORED_KINDS, schemaFileName } from "./kinds";
import { ChartAt, clusterMinor, kubernetesObjectsOf, staleCrdCharts } from "./planObjects";
import { ManifestValidator, SCHEMAS_DIR, crdCharts, schemaMinors } from "./validator";

describe("Kubernetes manifests of every planned stack", function () {
    let validator: ManifestValidator;
    before(() => {
        validator = new ManifestValidator();
    });

    it("every Kubernetes object validates against its schema at the stack cluster's Kubernetes minor", async () => {
        const problems: string[] = [];
        let checked = 0;
        for (const rec of await plannedStacks()) {
            const objects = kubernetesObjectsOf(rec);
            problems.push(...objects.unreachable);
            if (objects.checked.length === 0) continue;
            const minor = clusterMinor(rec);
            if (!minor) {
                problems.push(
                    `${rec.plan.name}: creates Kubernetes objects but plans no EKS cluster to take the version from`,
                );
                continue;
            }
            checked += objects.checked.length;
            for (const { record, gvk } of objects.checked)
                problems.push(
                    ...validator.validate(record.inputs, gvk, { stack: rec.plan.name, name: record.name, minor }),
                );
        }
        expect(problems).to.deep.equal([]);
        // Guards the selection itself: today's plan has namespaces, classes, stores and bindings.
        expect(checked, "Kubernetes objects checked").to.be.greaterThan(0);
    });

    it("every stack with Kubernetes objects runs a Kubernetes minor that versions.ts pins", async () => {
        const minors = (await plannedStacks())
            .filter((rec) => kubernetesObjectsOf(rec).checked.length > 0)
            .map((rec) => [rec.plan.name, clusterMinor(rec)]);
        for (const [stack, minor] of minors)
            expect(Object.keys(KUBERNETES_VERSIONS), `${stack} runs ${minor}`).to.include(minor);
    });
});

describe("Vendored Kubernetes schemas and CRDs", () => {
    it("has a schema set, with every vendored kind, for each Kubernetes minor versions.ts pins", () => {
        const missing = Object.keys(KUBERNETES_VERSIONS).flatMap((minor) =>
            !schemaMinors().includes(minor)
                ? [`Kubernetes ${minor}: vendor test/fixtures/k8s-schemas/v${minor}`]
                : VENDORED_KINDS.map(schemaFileName)
                      .filter((f) => !fs.existsSync(path.join(SCHEMAS_DIR, `v${minor}`, f)))
                      .map((f) => `Kubernetes ${minor}: ${f} is missing`),
        );
        expect(missing).to.deep.equal([]);
    });

    it("vendors each chart's CRDs at the version versions.ts pins and every stack installs (a chart bump needs its CRDs)", async () => {
        const pins: ChartAt[] = Object.values(CHARTS).map((p) => ({
            chart: p.chart,
            version: p.version,
            by: "versions.ts",
        }));
        for (const rec of await plannedStacks())
            for (const r of rec.all("kubernetes:helm.sh/v3:Release"))
                pins.push({
                    chart: String(r.inputs.chart),
                    version: String(r.inputs.version),
                    by: `${rec.plan.name}: ${r.name}`,
                });
        expect(staleCrdCharts(pins, crdCharts())).to.deep.equal([]);
    });
});
