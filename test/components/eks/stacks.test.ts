/**
 * Rules over every real workload stack, discovered from Pulumi.*.yaml: a stack file added later is
 * checked without touching this file. What differs per stack is read from that stack's own config.
 */
import { expect } from "chai";
import { DiscoveredStack, Recorded, discoverStacks, planned, projectConfigOf } from "../../harness";
import { autoscalingPrincipals, kedaPolicies, mockArnOf } from "./records";

const workload = (s: DiscoveredStack) => s.role === "workload";

interface EksConfig {
    nodeGroups: Record<"system" | "apps", PoolConfig>;
    apiAccessCidrs?: string[];
    adminRoleIsDeployer?: boolean;
    createAutoscalingServiceLinkedRole?: boolean | "auto";
}

interface PoolConfig {
    capacityType?: string;
    imdsHopLimit?: number;
}

/** The stack file's `payments-platform:<key>` value, as written. */
function configOf<T>(stack: string, key: string): T {
    return projectConfigOf(stack)[key] as T;
}

const eksConfigOf = (stack: string) => configOf<EksConfig>(stack, "eks");

const poolOf = (r: { inputs: Record<string, unknown> }) =>
    (r.inputs.labels as Record<string, string>)["platform.payments/pool"];

describe("EKS in every workload stack (offline plan)", function () {
    this.timeout(300000);
    const stacks = discoverStacks().filter(workload);

    it("there are workload stacks in both environments the rules below distinguish", () => {
        expect(stacks.map((s) => s.environment)).to.include.members(["dev", "prod"]);
    });

    for (const s of stacks) {
        describe(`${s.name} (${s.environment})`, () => {
            let rec: Recorded;
            before(async () => {
                rec = await planned(s.name);
            });

            it("node groups: one per pool per AZ, each in one of the spoke's private subnets, together covering them", () => {
                const priv = rec.outputs.privateSubnetIds as string[];
                expect(priv.length).to.be.at.least(2);
                const groups = rec.all("aws:eks/nodeGroup:NodeGroup");
                for (const pool of ["system", "apps"]) {
                    const mine = groups.filter((g) => poolOf(g) === pool);
                    const subnets = mine.map((g) => g.inputs.subnetIds as string[]);
                    for (const sn of subnets) expect(sn).to.have.length(1);
                    expect(subnets.flat().sort()).to.deep.equal([...priv].sort());
                }
                expect(groups).to.have.length(2 * priv.length);
            });

            it("capacity type of each pool is the stack's config (default ON_DEMAND); prod is on-demand only", () => {
                const cfg = eksConfigOf(s.name).nodeGroups;
                for (const g of rec.all("aws:eks/nodeGroup:NodeGroup")) {
                    const pool = poolOf(g) as "system" | "apps";
                    expect(g.inputs.capacityType, g.name).to.equal(cfg[pool].capacityType ?? "ON_DEMAND");
                    if (s.environment === "prod") expect(g.inputs.capacityType, g.name).to.equal("ON_DEMAND");
                }
            });

            it("the launch templates' IMDS hop limit is the pool's imdsHopLimit, 1 unless the pool opts in", () => {
                const cfg = eksConfigOf(s.name).nodeGroups;
                const lts = rec.all("aws:ec2/launchTemplate:LaunchTemplate");
                expect(lts).to.have.length(2);
                for (const g of rec.all("aws:eks/nodeGroup:NodeGroup")) {
                    const lt = lts.find((l) => l.id === (g.inputs.launchTemplate as { id: string }).id)!;
                    expect(lt.inputs.metadataOptions, lt.name).to.include({
                        httpTokens: "required",
                        httpPutResponseHopLimit: cfg[poolOf(g) as "system" | "apps"].imdsHopLimit ?? 1,
                    });
                }
            });

            it("the volume key waits for Auto Scaling's service-linked role, created only where the account lacks it", () => {
                const key = rec.one("aws:kms/key:Key", /-eks-volumes-key$/);
                const slrs = rec.all("aws:iam/serviceLinkedRole:ServiceLinkedRole");
                const asg = autoscalingPrincipals(key);
                expect(asg).to.have.length(2);
                // "auto" (the default) looks the role up; the offline plan's account is a fresh one.
                if (eksConfigOf(s.name).createAutoscalingServiceLinkedRole === false) {
                    expect(slrs).to.deep.equal([]);
                    return;
                }
                expect(slrs).to.have.length(1);
                expect(slrs[0].inputs.awsServiceName).to.equal("autoscaling.amazonaws.com");
                expect(slrs[0].retainOnDelete).to.equal(true);
                expect(key.dependencies).to.include(slrs[0].urn);
                expect(new Set(asg)).to.deep.equal(new Set([slrs[0].id]));
            });

            it("KEDA may read the depth of exactly this plan's queues (the payments queue and its DLQ), nothing more", () => {
                // The payments queue is the one with a redrive policy; its DLQ is the one that policy names
                // (mock ARNs are the ones the plan itself wires). Other queues (the events DLQ) are not KEDA's.
                const all = rec.all("aws:sqs/queue:Queue");
                const main = all.filter((q) => q.inputs.redrivePolicy);
                expect(main, "queues with a redrive policy").to.have.length(1);
                const dlqArn = JSON.parse(String(main[0].inputs.redrivePolicy)).deadLetterTargetArn;
                expect(all.map((q) => mockArnOf(rec, q))).to.include(dlqArn);
                const arns = [mockArnOf(rec, main[0]), dlqArn];
                const { policies } = kedaPolicies(rec);
                const sqs = policies.flatMap((p) =>
                    p.doc.Statement.filter((st) => [st.Action].flat().some((a) => a.startsWith("sqs:"))),
                );
                expect(sqs).to.have.length(1);
                expect(sqs[0].Action).to.equal("sqs:GetQueueAttributes");
                expect([sqs[0].Resource].flat().sort()).to.deep.equal([...arns].sort());
            });

            it("the control plane's own security group admits 443 from exactly the hub plan's on-prem and shared-services ranges (or eks.apiAccessCidrs); the nodes' group admits none of them", async () => {
                const hubStack = configOf<{ spoke: { hubStack: string } }>(s.name, "network").spoke.hubStack;
                const plan = (await planned(hubStack)).outputs.cidrPlan as { owner: string; cidr: string }[];
                const expected =
                    eksConfigOf(s.name).apiAccessCidrs ??
                    plan.filter((p) => /^(on-prem|shared)\//.test(p.owner)).map((p) => p.cidr);
                expect(expected.length).to.be.at.least(1);
                const sg = rec.outputs.eksApiSecurityGroupId as string;
                // Only the control plane's ENIs carry it: the EKS cluster child lists it in vpcConfig.
                const child = rec.one("aws:eks/cluster:Cluster");
                expect((child.inputs.vpcConfig as { securityGroupIds?: string[] }).securityGroupIds).to.deep.equal([
                    sg,
                ]);
                const all = rec.all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
                const rules = all.filter((r) => r.inputs.securityGroupId === sg);
                // Nodes and pods (ingress-nginx listens on 443) carry the EKS-created group: not opened here.
                const nodeSg = rec.outputs.eksNodeSecurityGroupId as string;
                expect(nodeSg).to.not.equal(sg);
                expect(
                    all.filter(
                        (r) => r.inputs.securityGroupId === nodeSg && expected.includes(String(r.inputs.cidrIpv4)),
                    ),
                ).to.deep.equal([]);
                expect(rules.map((r) => r.inputs.cidrIpv4).sort()).to.deep.equal([...expected].sort());
                for (const r of rules) {
                    expect(r.inputs, r.name).to.include({ ipProtocol: "tcp", fromPort: 443, toPort: 443 });
                    expect(r.inputs.description).to.match(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
                }
                // Kubernetes calls wait for the rules that let the deploying machine reach the endpoint.
                expect(rec.one("pulumi:providers:kubernetes").dependencies).to.include.members(rules.map((r) => r.urn));
            });

            it("deletion protection is on exactly in prod; the cluster sits in the spoke VPC", () => {
                const c = rec.one("eks:index:Cluster");
                expect(c.inputs.deletionProtection).to.equal(s.environment === "prod");
                expect(rec.one("aws:eks/cluster:Cluster").inputs.deletionProtection).to.equal(s.environment === "prod");
                expect(c.inputs.vpcId).to.equal(rec.outputs.vpcId);
            });

            it("admins: the creator's bootstrap entry, plus the admin role's own entry unless it is the deployer; the ARN stays secret", () => {
                const c = rec.one("eks:index:Cluster");
                expect(rec.one("aws:eks/cluster:Cluster").inputs.accessConfig).to.deep.equal({
                    authenticationMode: "API",
                    bootstrapClusterCreatorAdminPermissions: true,
                });
                const entries = c.inputs.accessEntries as Record<string, { principalArn: string }> | undefined;
                if (eksConfigOf(s.name).adminRoleIsDeployer) expect(entries).to.equal(undefined);
                else expect(entries!.platformAdmin.principalArn).to.equal("[secret]");
                expect(rec.outputs.eksKubeconfig).to.equal("[secret]");
            });
        });
    }
});
