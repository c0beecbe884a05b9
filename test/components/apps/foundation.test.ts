import { expect } from "chai";
import { APP_SERVICES } from "../../../components/apps/services";
import { loadStackSettings } from "../../../stacks/config";
import {
    PROJECT,
    discoverStacks,
    plannedStacks,
    record,
    rejection,
    stackFileConfig,
    projectConfigOf,
} from "../../harness";
import { inputs } from "./records";

const ECR = "aws:ecr/repository:Repository";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

describe("apps: registry, namespace and network-policy enforcement in every planned stack", function () {
    this.timeout(300_000);

    it("every hub has one repository per service: immutable tags, scan on push, the hub's KMS key, a lifecycle", async () => {
        const hubs = await plannedStacks((s) => s.role === "network");
        expect(hubs).to.not.be.empty;
        for (const hub of hubs) {
            const repos = hub.all(ECR);
            expect(repos.map((r) => inputs(r).tags.Service).sort(), hub.plan.name).to.deep.equal(
                [...APP_SERVICES].sort(),
            );
            for (const r of repos) {
                expect(inputs(r).imageTagMutability, r.name).to.equal("IMMUTABLE");
                expect(inputs(r).imageScanningConfiguration).to.deep.equal({ scanOnPush: true });
                expect(inputs(r).encryptionConfigurations).to.deep.equal([
                    { encryptionType: "KMS", kmsKey: hub.outputs.platformKeyArn },
                ]);
                expect(inputs(r).forceDelete, r.name).to.equal(false);
                expect(inputs(r).name, "auto-named: a fixed name collides on replacement").to.equal(undefined);
                const lifecycle = hub.all("aws:ecr/lifecyclePolicy:LifecyclePolicy").filter((l) => l.parent === r.urn);
                expect(lifecycle, r.name).to.have.length(1);
            }
        }
    });

    it("every workload stack pulls each service from its own hub's registry, at the configured reference", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        expect(stacks).to.not.be.empty;
        const hubs = new Map((await plannedStacks((s) => s.role === "network")).map((h) => [h.plan.name, h]));
        for (const s of stacks) {
            const cfg = stackFileConfig(s.plan.name);
            const images = (cfg[`${PROJECT}:apps`] as { images: Record<string, string> }).images;
            const hubStack = (cfg[`${PROJECT}:network`] as { spoke: { hubStack: string } }).spoke.hubStack;
            const urls = hubs.get(hubStack)!.outputs.imageRepositoryUrls as Record<string, string>;
            for (const service of APP_SERVICES) {
                const pulled = (s.outputs.appImages as Record<string, string>)[service];
                expect(pulled, `${s.plan.name} ${service}`).to.equal(`${urls[service]}:${images[service]}`);
                expect(pulled).to.match(new RegExp(`\\.dkr\\.ecr\\.${s.plan.region}\\.amazonaws\\.com/`));
            }
        }
    });

    it("the apps' namespace denies all ingress and egress but DNS to CoreDNS, and the VPC CNI enforces policies", async () => {
        for (const s of await plannedStacks((st) => st.role === "workload")) {
            const ns = s.all("kubernetes:core/v1:Namespace").find((n) => inputs(n).metadata.name === "payments");
            expect(ns, s.plan.name).to.exist;
            expect(inputs(ns).metadata.labels["pod-security.kubernetes.io/enforce"]).to.equal("restricted");
            const policies = s.all(NETPOL).filter((p) => inputs(p).metadata.namespace === "payments");
            const deny = policies.find((p) => inputs(p).metadata.name === "default-deny")!;
            expect(inputs(deny).spec).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
            const dns = policies.find((p) => inputs(p).metadata.name === "allow-dns")!;
            expect(inputs(dns).spec.policyTypes).to.deep.equal(["Egress"]);
            expect(inputs(dns).spec.ingress).to.equal(undefined);
            expect(inputs(dns).spec.egress).to.have.length(1);
            expect(inputs(dns).spec.egress[0].ports.map((p: { port: number }) => p.port)).to.deep.equal([53, 53]);
            expect(inputs(dns).spec.egress[0].to[0].podSelector.matchLabels).to.deep.equal({ "k8s-app": "kube-dns" });
            const cni = s.all("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni")!;
            expect(JSON.parse(inputs(cni).configurationValues), s.plan.name).to.deep.include({
                enableNetworkPolicy: "true",
            });
        }
    });
});

describe("apps config is checked before any resource, in config words", function () {
    this.timeout(120_000);
    const dev = stackFileConfig("dev");
    const config = projectConfigOf("dev");
    const images = (config.apps as { images: Record<string, string> }).images;
    const rows: { why: string; config: Record<string, unknown>; messages: string[] }[] = [
        {
            why: "a moving tag and an unknown service",
            config: { apps: { images: { ...images, web: "latest", frontend: "1.0" } } },
            messages: [
                'payments-platform:apps.images.web is "latest", a tag that moves',
                "payments-platform:apps.images.frontend names no service: the services are web, api",
            ],
        },
        {
            why: "a service without an image",
            config: { apps: { images: { ...images, api: undefined } } },
            messages: ["payments-platform:apps.images lacks api: every service needs an image"],
        },
        {
            why: "a throwaway build in prod (the registry expires dev-* and pr-* tags)",
            config: {
                environment: "prod",
                apps: { ...(config.apps as object), images: { ...images, web: "dev-3f9c2e1" } },
            },
            messages: [
                'payments-platform:apps.images.web is "dev-3f9c2e1", a throwaway build the registry expires (dev-*, pr-*): prod runs release tags or digests',
            ],
        },
        {
            why: "apps on a stack that is not a workload",
            config: { role: "edge", apps: { images } },
            messages: ["payments-platform:apps is set on a edge stack: only workload stacks run the apps"],
        },
    ];
    for (const row of rows) {
        it(`refuses ${row.why}`, async () => {
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: JSON.parse(JSON.stringify({ ...config, ...row.config })),
                    rawConfig: { "aws:region": dev["aws:region"] },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey", "edgeOriginSecret"],
                }),
            );
            for (const m of row.messages) expect(err.message).to.include(m);
        });
    }

    it("discovers the workload stacks it checks from the stack files", () => {
        expect(discoverStacks().filter((s) => s.role === "workload").length).to.be.greaterThan(1);
    });
});
