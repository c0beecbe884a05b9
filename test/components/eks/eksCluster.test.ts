import { expect } from "chai";
import { EksCluster } from "../../../components/eks/eksCluster";
import { OBSERVABILITY_CHARTS } from "../../../components/eks/observabilityAddons";
import { isAdminStatement } from "../../../components/eks/policies";
import { CHARTS, KUBERNETES_VERSIONS } from "../../../components/eks/versions";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded, json, record, rejection } from "../../harness";
import { AZS, SUBNETS, recordCluster, validArgs } from "./fixtures";

const REL = "kubernetes:helm.sh/v3:Release";
const ROLE = "aws:iam/role:Role";

/** The single `sub` condition of a role's trust policy, and every principal it trusts. */
function trust(role: ResourceRecord): { subs: string[]; auds: string[]; statements: number } {
    const doc = json(role.inputs.assumeRolePolicy);
    const eq = doc.Statement.map((s: any) => s.Condition?.StringEquals ?? {});
    const pick = (suffix: string) =>
        eq.flatMap((c: Record<string, string>) =>
            Object.entries(c)
                .filter(([k]) => k.endsWith(suffix))
                .map(([, v]) => v),
        );
    return { subs: pick(":sub"), auds: pick(":aud"), statements: doc.Statement.length };
}

describe("EksCluster (recorded)", function () {
    let rec: Recorded;
    before(async () => {
        rec = await recordCluster(validArgs());
    });
    const cluster = () => rec.one("eks:index:Cluster");

    describe("control plane", () => {
        it("keeps the API endpoint private, and the EKS cluster the plugin creates has no public CIDRs", () => {
            expect(cluster().inputs).to.include({
                endpointPrivateAccess: true,
                endpointPublicAccess: false,
                authenticationMode: "API",
            });
            expect(cluster().inputs.publicAccessCidrs).to.equal(undefined);
            const child = rec.one("aws:eks/cluster:Cluster");
            expect(child.inputs.vpcConfig).to.include({ endpointPublicAccess: false });
            expect(child.inputs.vpcConfig).to.not.have.property("publicAccessCidrs");
        });

        it("encrypts secrets with this component's own rotating key", () => {
            const key = rec.one("aws:kms/key:Key", "plat-secrets-key");
            expect(cluster().propertyDependencies.encryptionConfigKeyArn).to.deep.equal([key.urn]);
            expect(key.inputs).to.include({ enableKeyRotation: true });
            expect((rec.one("aws:eks/cluster:Cluster").inputs.encryptionConfig as any).resources).to.deep.equal([
                "secrets",
            ]);
        });

        it("ships all five control-plane log types to a log group it owns, with the configured retention", () => {
            expect(cluster().inputs.enabledClusterLogTypes)
                .to.have.members(["api", "audit", "authenticator", "controllerManager", "scheduler"])
                .and.have.length(5);
            const lg = rec.one("aws:cloudwatch/logGroup:LogGroup");
            expect(lg.inputs).to.include({ name: "/aws/eks/prod-eu/cluster", retentionInDays: 365 });
            expect(cluster().dependencies).to.include(lg.urn);
        });

        it("pins the Kubernetes version, runs in the spoke's private subnets, and turns on deletion protection in prod", () => {
            expect(cluster().inputs).to.include({
                version: "1.34",
                name: "prod-eu",
                deletionProtection: true,
                createOidcProvider: true,
                skipDefaultNodeGroup: true,
            });
            expect(cluster().inputs.privateSubnetIds).to.deep.equal(SUBNETS);
        });

        it("grants the admin role cluster-admin through an access entry, and the ARN stays secret", () => {
            const entry = (cluster().inputs.accessEntries as any).platformAdmin;
            expect(entry.principalArn).to.equal("[secret]");
            expect(entry.accessPolicies.clusterAdmin).to.deep.equal({
                policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                accessScope: { type: "cluster" },
            });
        });
    });

    describe("node groups", () => {
        const groups = (pool: string) => rec.all("aws:eks/nodeGroup:NodeGroup", new RegExp(`^plat-${pool}-`));

        for (const pool of ["system", "apps"]) {
            it(`${pool}: one group per AZ, together covering the spoke's 3 subnets in 3 AZs`, () => {
                const gs = groups(pool);
                expect(gs).to.have.length(3);
                const byAz = gs.map((g) => ({
                    az: g.name.replace(`plat-${pool}-`, ""),
                    subnets: g.inputs.subnetIds as string[],
                }));
                for (const g of byAz) expect(g.subnets).to.deep.equal([SUBNETS[AZS.indexOf(g.az)]]);
                expect(new Set(byAz.map((g) => g.az))).to.deep.equal(new Set(AZS));
                expect(new Set(byAz.flatMap((g) => g.subnets))).to.deep.equal(new Set(SUBNETS));
            });
        }

        it("launch templates require IMDSv2 with hop limit 1 (no pod reaches the node role) and encrypt gp3 root volumes with the volume key", () => {
            const key = rec.one("aws:kms/key:Key", "plat-volumes-key");
            const lts = rec.all("aws:ec2/launchTemplate:LaunchTemplate");
            expect(lts.map((l) => l.name).sort()).to.deep.equal(["plat-apps-lt", "plat-system-lt"]);
            for (const lt of lts) {
                expect(lt.inputs.metadataOptions).to.include({ httpTokens: "required", httpPutResponseHopLimit: 1 });
                const ebs = (lt.inputs.blockDeviceMappings as any[])[0].ebs;
                expect(ebs).to.include({ encrypted: "true", volumeType: "gp3" });
                expect(lt.propertyDependencies.blockDeviceMappings).to.include(key.urn);
            }
            for (const g of rec.all("aws:eks/nodeGroup:NodeGroup")) {
                const lt = rec.one(
                    "aws:ec2/launchTemplate:LaunchTemplate",
                    g.name.startsWith("plat-system") ? "plat-system-lt" : "plat-apps-lt",
                );
                expect((g.inputs.launchTemplate as any).id).to.equal(lt.id);
            }
        });

        it("a pool that opts in gets hop limit 2 on its own launch template only", async () => {
            const ng = validArgs().nodeGroups;
            const r = await recordCluster(validArgs({ nodeGroups: { ...ng, apps: { ...ng.apps, imdsHopLimit: 2 } } }));
            const hops = (n: string) =>
                (r.one("aws:ec2/launchTemplate:LaunchTemplate", n).inputs.metadataOptions as any)
                    .httpPutResponseHopLimit;
            expect([hops("plat-system-lt"), hops("plat-apps-lt")]).to.deep.equal([1, 2]);
        });

        it("sizes, capacity, taints, labels and update config come from the pool args; desired size is left to the autoscaler", () => {
            const sys = groups("system")[0];
            expect(sys.inputs.scalingConfig).to.deep.equal({ minSize: 1, desiredSize: 1, maxSize: 2 });
            expect(sys.inputs).to.include({ capacityType: "ON_DEMAND", version: "1.34" });
            expect(sys.inputs.taints).to.deep.equal([
                { key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" },
            ]);
            expect(sys.inputs.updateConfig).to.deep.equal({ maxUnavailablePercentage: 33 });
            expect(sys.ignoreChanges).to.deep.equal(["scalingConfig.desiredSize"]);
            const app = groups("apps")[0];
            expect(app.inputs.scalingConfig).to.deep.equal({ minSize: 1, desiredSize: 2, maxSize: 6 });
            expect(app.inputs.labels).to.deep.equal({ "platform.payments/pool": "apps" });
            expect(app.inputs.taints).to.deep.equal([]);
        });
    });

    describe("EKS-managed add-ons", () => {
        it("installs the five add-ons at the builds pinned for the cluster's Kubernetes version", () => {
            const got = Object.fromEntries(
                rec.all("aws:eks/addon:Addon").map((a) => [a.inputs.addonName, a.inputs.addonVersion]),
            );
            expect(got).to.deep.equal(KUBERNETES_VERSIONS["1.34"].addons);
        });

        it("creates the networking add-ons before the nodes and coredns/CSI after them", () => {
            const urn = (n: string) => rec.one("aws:eks/addon:Addon", `plat-${n}`).urn;
            for (const g of rec.all("aws:eks/nodeGroup:NodeGroup"))
                expect(g.dependencies).to.include.members([urn("vpc-cni"), urn("kube-proxy")]);
            const nodeUrns = rec.all("aws:eks/nodeGroup:NodeGroup").map((g) => g.urn);
            for (const n of ["coredns", "aws-ebs-csi-driver", "aws-efs-csi-driver"])
                expect(rec.one("aws:eks/addon:Addon", `plat-${n}`).dependencies).to.include.members(nodeUrns);
        });

        it("makes the default StorageClass encrypted gp3 with the volume key, bound on first consumer", () => {
            const sc = rec.one("kubernetes:storage.k8s.io/v1:StorageClass");
            expect(sc.inputs).to.include({
                provisioner: "ebs.csi.aws.com",
                volumeBindingMode: "WaitForFirstConsumer",
                reclaimPolicy: "Retain",
            });
            expect(sc.inputs.parameters).to.include({ type: "gp3", encrypted: "true" });
            expect(sc.propertyDependencies.parameters).to.include(rec.one("aws:kms/key:Key", "plat-volumes-key").urn);
            expect((sc.inputs.metadata as any).annotations).to.deep.equal({
                "storageclass.kubernetes.io/is-default-class": "true",
            });
        });
    });

    describe("Kubernetes resources and Helm releases", () => {
        it("binds every Kubernetes resource to the cluster's own provider", () => {
            const p = rec.one("pulumi:providers:kubernetes");
            const k8s = rec.resources.filter((r) => r.type.startsWith("kubernetes:"));
            expect(k8s.length).to.be.greaterThan(10);
            for (const r of k8s) expect(r.provider, r.name).to.equal(`${p.urn}::${p.id}`);
            expect(p.propertyDependencies.kubeconfig).to.deep.equal([cluster().urn]);
            expect(JSON.parse(p.inputs.kubeconfig as string).clusters[0].cluster.server).to.match(
                /^https:\/\/[0-9A-F]{32}\.gr7\.eu-central-1\.eks\.amazonaws\.com$/,
            );
        });

        it("pins every chart version and repository", () => {
            const rels = rec.all(REL);
            expect(rels.map((r) => r.inputs.chart).sort()).to.deep.equal(
                Object.values(CHARTS)
                    .map((c) => c.chart)
                    .filter((c) => !OBSERVABILITY_CHARTS.includes(c))
                    .sort(),
            );
            for (const r of rels) {
                const pin = Object.values(CHARTS).find((c) => c.chart === r.inputs.chart)!;
                expect(r.inputs.version, r.name)
                    .to.match(/^\d+\.\d+\.\d+$/)
                    .and.equal(pin.version);
                expect((r.inputs.repositoryOpts as any).repo).to.equal(pin.repo);
            }
        });

        it("every add-on role trusts only its own service account, for STS only", () => {
            const roles = new Map(rec.all(ROLE).map((r) => [r.urn, r]));
            const checked: string[] = [];
            for (const rel of rec.all(REL)) {
                const mine = (rel.propertyDependencies.values ?? []).filter((u) => roles.has(u));
                // These two never call AWS, so they get no role at all.
                if (["metrics-server", "ingress-nginx"].includes(rel.inputs.chart as string)) {
                    expect(mine).to.deep.equal([]);
                    continue;
                }
                expect(mine, rel.name).to.have.length(1);
                const v = rel.inputs.values as any;
                const sa = v.serviceAccount?.name ?? v.rbac?.serviceAccount?.name ?? v.serviceAccount?.operator?.name;
                const t = trust(roles.get(mine[0])!);
                expect(t).to.deep.equal({
                    subs: [`system:serviceaccount:${rel.inputs.namespace}:${sa}`],
                    auds: ["sts.amazonaws.com"],
                    statements: 1,
                });
                checked.push(rel.inputs.chart as string);
            }
            const addonSa: Record<string, string> = {
                "vpc-cni": "kube-system:aws-node",
                "aws-ebs-csi-driver": "kube-system:ebs-csi-controller-sa",
                "aws-efs-csi-driver": "kube-system:efs-csi-controller-sa",
                "amazon-cloudwatch-observability": "amazon-cloudwatch:cloudwatch-agent",
            };
            for (const a of rec.all("aws:eks/addon:Addon").filter((x) => x.inputs.serviceAccountRoleArn)) {
                const roleUrn = a.propertyDependencies.serviceAccountRoleArn[0];
                expect(trust(roles.get(roleUrn)!).subs).to.deep.equal([
                    `system:serviceaccount:${addonSa[a.inputs.addonName as string]}`,
                ]);
                checked.push(a.inputs.addonName as string);
            }
            expect(checked.sort()).to.deep.equal([
                "amazon-cloudwatch-observability",
                "aws-ebs-csi-driver",
                "aws-efs-csi-driver",
                "aws-load-balancer-controller",
                "cluster-autoscaler",
                "external-secrets",
                "keda",
                "vpc-cni",
            ]);
        });

        it("no IAM policy allows Action * on Resource *", () => {
            const docs = [...rec.all("aws:iam/rolePolicy:RolePolicy"), ...rec.all("aws:iam/policy:Policy")].map((p) =>
                json(p.inputs.policy),
            );
            // lb-controller, cluster-autoscaler, keda, external-secrets, ebs-csi (KMS)
            expect(docs).to.have.length(5);
            for (const d of docs)
                for (const st of d.Statement) expect(isAdminStatement(st), JSON.stringify(st)).to.equal(false);
        });

        it("ingress-nginx is a plain-HTTP ClusterIP Service (the edge's ALBs bind it), rate limited per forwarded client with 429", () => {
            const v = rec.one(REL, "plat-ingress-nginx").inputs.values as any;
            expect(v.controller.service).to.deep.include({ type: "ClusterIP", enableHttp: true, enableHttps: false });
            expect(v.controller.service).not.to.have.property("annotations");
            expect(v.controller.config).not.to.have.property("use-proxy-protocol");
            expect(v.controller.config).to.include({
                "limit-req-status-code": "429",
                "use-forwarded-headers": "true",
                "proxy-real-ip-cidr": "10.20.0.0/16",
                "http-snippet": "limit_req_zone $binary_remote_addr zone=platform_per_client:10m rate=50r/s;",
                "location-snippet": "limit_req zone=platform_per_client burst=100 nodelay;",
            });
            expect(v.controller.allowSnippetAnnotations).to.equal(false);
        });

        it("critical add-ons run on the tainted system pool with system-cluster-critical and a PDB", () => {
            for (const chart of ["aws-load-balancer-controller", "cluster-autoscaler", "metrics-server"]) {
                const v = rec.all(REL).find((r) => r.inputs.chart === chart)!.inputs.values as any;
                expect(v.priorityClassName, chart).to.equal("system-cluster-critical");
                expect(v.tolerations).to.deep.equal([
                    { key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" },
                ]);
                expect(v.nodeSelector).to.deep.equal({ "platform.payments/pool": "system" });
                expect(v.podDisruptionBudget.maxUnavailable).to.equal(1);
            }
            const ca = rec.one(REL, "plat-cluster-autoscaler").inputs.values as any;
            expect(ca.image.tag).to.equal(KUBERNETES_VERSIONS["1.34"].clusterAutoscalerImageTag);
            expect(ca.autoDiscovery.clusterName).to.equal("prod-eu");
        });

        it("the ClusterSecretStore reads SSM as external-secrets' IRSA account, whose role is scoped to the parameter path", () => {
            const store = rec.one("kubernetes:external-secrets.io/v1:ClusterSecretStore");
            expect((store.inputs.spec as any).provider.aws).to.deep.equal({
                service: "ParameterStore",
                region: "eu-central-1",
                auth: { jwt: { serviceAccountRef: { name: "external-secrets", namespace: "external-secrets" } } },
            });
            expect(store.dependencies).to.include(rec.one(REL, "plat-external-secrets").urn);
            const pol = json(rec.one("aws:iam/rolePolicy:RolePolicy", "plat-external-secrets-policy").inputs.policy);
            expect(pol.Statement[0].Resource).to.deep.equal([
                "arn:aws:ssm:eu-central-1:123456789012:parameter/payments/prod/*",
            ]);
            // DescribeParameters has no resource-level permissions: scoped to a parameter ARN it is always denied.
            const byAction = pol.Statement.flatMap((st: any) =>
                [st.Action].flat().map((a: string) => [a, st.Resource]),
            );
            expect(byAction.filter(([a]: string[]) => a === "ssm:DescribeParameters")).to.deep.equal([
                ["ssm:DescribeParameters", "*"],
            ]);
            expect(
                byAction.filter(([a]: string[]) => a.startsWith("ssm:GetParameter")).map(([, r]: string[]) => r),
            ).to.deep.equal(Array(3).fill(["arn:aws:ssm:eu-central-1:123456789012:parameter/payments/prod/*"]));
        });

        it("external-secrets elects a leader whenever it runs more than one replica (the chart defaults leaderElect to false)", async () => {
            const prod = rec.one(REL, "plat-external-secrets").inputs.values as any;
            expect(prod).to.include({ replicaCount: 2, leaderElect: true });
            const dev = await recordCluster(validArgs({ environment: "dev" }), "dev");
            expect(dev.one(REL, "plat-external-secrets").inputs.values).to.include({
                replicaCount: 1,
                leaderElect: false,
            });
        });
    });
});

describe("EksCluster args", () => {
    it("opens the public endpoint only to the listed CIDRs when asked (dev)", async () => {
        const rec = await recordCluster(
            validArgs({ environment: "dev", endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
            "dev",
        );
        expect(rec.one("eks:index:Cluster").inputs).to.include({
            endpointPublicAccess: true,
            deletionProtection: false,
        });
        expect(rec.one("eks:index:Cluster").inputs.publicAccessCidrs).to.deep.equal(["203.0.113.0/24"]);
    });

    const bad = async (over: Parameters<typeof validArgs>[0]) =>
        (await rejection(recordCluster(validArgs(over)))).message;
    const pools = validArgs().nodeGroups;

    it("rejects min > max", async () => {
        expect(
            await bad({ nodeGroups: { ...pools, apps: { ...pools.apps, minSize: 5, desiredSize: 5, maxSize: 3 } } }),
        ).to.contain("nodeGroups.apps.desiredSize is 5, must be <= maxSize 3");
    });
    it("rejects desired outside [min, max]", async () => {
        expect(await bad({ nodeGroups: { ...pools, system: { ...pools.system, desiredSize: 4 } } })).to.contain(
            "nodeGroups.system.desiredSize is 4, must be <= maxSize 2",
        );
    });
    it("rejects a Kubernetes version not like 1.xx, and one without pinned add-ons", async () => {
        expect(await bad({ kubernetesVersion: "1.3" })).to.contain(`kubernetesVersion is "1.3", must look like 1.xx`);
        expect(await bad({ kubernetesVersion: "1.29" })).to.contain(
            `kubernetesVersion is "1.29", add-on versions are pinned for 1.33, 1.34`,
        );
    });
    it("rejects a public endpoint open to 0.0.0.0/0 in prod", async () => {
        expect(await bad({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] })).to.contain(
            `publicAccessCidrs is ["0.0.0.0/0"], prod must not open the public endpoint to 0.0.0.0/0`,
        );
    });
    it("rejects spot for the system group in prod", async () => {
        expect(await bad({ nodeGroups: { ...pools, system: { ...pools.system, capacityType: "SPOT" } } })).to.contain(
            `nodeGroups.system.capacityType is "SPOT", prod needs "ON_DEMAND"`,
        );
    });
    it("lists every problem at once, before creating anything", async () => {
        let created = 0;
        const err = await rejection(
            record(() => {
                created = 1;
                new EksCluster(
                    "plat",
                    validArgs({
                        kubernetesVersion: "2",
                        ingress: { rateLimit: { requestsPerSecond: 0, burst: 1 } },
                    }),
                );
                created = 2;
            }),
        );
        expect(created).to.equal(1);
        expect(err.message.split("\n - ")).to.have.length(3);
        expect(err.message).to.contain('Invalid EksCluster args (plat):\n - kubernetesVersion is "2"');
    });
});

describe("EksCluster.createServiceAccountRole", () => {
    it("returns a role only the named service account of this cluster can assume", async () => {
        const rec = await record(() => {
            const c = new EksCluster("plat", validArgs());
            c.createServiceAccountRole("payments-api", "payments", "api", {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: "sqs:SendMessage",
                        Resource: "arn:aws:sqs:eu-central-1:123456789012:payments",
                    },
                ],
            });
        });
        const role = rec.one(ROLE, "payments-api-role");
        const doc = json(role.inputs.assumeRolePolicy);
        const issuer = (rec.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider").inputs.url as string).replace(
            "https://",
            "",
        );
        expect(doc.Statement[0].Principal).to.deep.equal({
            Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}`,
        });
        expect(doc.Statement[0].Condition.StringEquals).to.deep.equal({
            [`${issuer}:sub`]: "system:serviceaccount:payments:api",
            [`${issuer}:aud`]: "sts.amazonaws.com",
        });
        expect(
            json(rec.one("aws:iam/rolePolicy:RolePolicy", "payments-api-policy").inputs.policy).Statement[0].Action,
        ).to.equal("sqs:SendMessage");
    });
});
