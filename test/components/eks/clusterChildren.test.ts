/**
 * The children the eks:index:Cluster mock synthesises must carry the inputs pulumi-eks v4.3.0 gives
 * them (nodejs/eks/cluster/cluster.ts), or policies and tests judge a cluster that never deploys.
 */
import { expect } from "chai";
import { eksResourceMocks } from "../../../automation/plan/mocks/eks";
import { Recorded, json } from "../../harness";
import { SUBNETS, recordCluster, validArgs } from "./fixtures";

/** Runs the eks:index:Cluster mock on raw inputs, for the plugin's paths the component never takes. */
function mockCluster(inputs: Record<string, unknown>) {
    const ctx = { stack: "s", project: "p", region: "eu-central-1", account: "123456789012", partition: "aws" };
    return eksResourceMocks["eks:index:Cluster"](
        { type: "eks:index:Cluster", name: "c", urn: "urn:pulumi:s::p::eks:index:Cluster::c", inputs, custom: false },
        ctx,
        { id: "", arn: "", physicalName: "c-1234567" },
    );
}

describe("eks:index:Cluster mock: the children pulumi-eks creates", function () {
    let rec: Recorded;
    before(async () => {
        rec = await recordCluster(validArgs());
    });
    const child = () => rec.one("aws:eks/cluster:Cluster");

    it("the EKS cluster runs as the component's own service role (tagged, visible), trusted by EKS with AmazonEKSClusterPolicy", () => {
        const parent = rec.one("eks:index:Cluster");
        const role = rec.one("aws:iam/role:Role", "plat-cluster-role");
        expect(child().inputs.roleArn).to.equal(`arn:aws:iam::123456789012:role/${role.id}`);
        expect(parent.inputs.serviceRole).to.equal(role.urn);
        expect(json(role.inputs.assumeRolePolicy).Statement).to.deep.equal([
            {
                Effect: "Allow",
                Principal: { Service: "eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
        ]);
        const att = rec.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "plat-cluster-AmazonEKSClusterPolicy");
        expect(att.inputs.policyArn).to.equal("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
        expect(att.propertyDependencies.role).to.deep.equal([role.urn]);
        // EKS must not start before its policy is attached.
        expect(parent.dependencies).to.include(att.urn);
        expect(rec.descendantsOf(parent).map((r) => r.type)).to.not.include("aws:iam/role:Role");
    });

    it("without serviceRole the plugin makes its own role, and the cluster runs as that one", () => {
        const res = mockCluster({
            name: "c",
            vpcId: "vpc-1",
            subnetIds: ["subnet-1"],
            skipDefaultSecurityGroups: true,
        });
        const role = res.children!.find((c) => c.type === "aws:iam/role:Role")!;
        const eks = res.children!.find((c) => c.type === "aws:eks/cluster:Cluster")!;
        expect(role.name).to.equal("c-eksRole-role");
        expect(eks.inputs.roleArn).to.match(/^arn:aws:iam::123456789012:role\/c-eksRole-role-[0-9a-f]{7}$/);
        const att = res.children!.find((c) => c.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")!;
        expect(att.inputs.role).to.equal((eks.inputs.roleArn as string).split("/").pop());
    });

    it("vpcConfig: the spoke's private subnets, only the API's own security group beside EKS's (none of pulumi-eks's), private endpoint only", () => {
        const api = rec.one("aws:ec2/securityGroup:SecurityGroup");
        expect(api.name).to.equal("plat-api");
        expect(child().inputs.vpcConfig).to.deep.equal({
            subnetIds: SUBNETS,
            securityGroupIds: [api.id],
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
        });
    });

    it("carries the version, log types, secrets encryption with the component's key, API auth with the creator bootstrap, tags", () => {
        const key = rec.one("aws:kms/key:Key", "plat-secrets-key");
        expect(child().inputs).to.deep.include({
            name: "prod-eu",
            version: "1.34",
            bootstrapSelfManagedAddons: false,
            deletionProtection: true,
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            encryptionConfig: {
                provider: { keyArn: `arn:aws:kms:eu-central-1:123456789012:key/${key.id}` },
                resources: ["secrets"],
            },
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            upgradePolicy: { supportType: "EXTENDED" },
        });
        expect(child().inputs.tags).to.deep.include({ Name: "prod-eu" });
    });

    it("without skipDefaultSecurityGroups the plugin's own security group is on the control plane", () => {
        const res = mockCluster({ name: "c", vpcId: "vpc-1", subnetIds: ["subnet-1"] });
        const sg = res.children!.find((c) => c.type === "aws:ec2/securityGroup:SecurityGroup")!;
        const eks = res.children!.find((c) => c.type === "aws:eks/cluster:Cluster")!;
        expect(sg.name).to.equal("c-eksClusterSecurityGroup");
        const ids = (eks.inputs.vpcConfig as { securityGroupIds: string[] }).securityGroupIds;
        expect(ids).to.have.length(1);
        expect(ids[0]).to.match(/^sg-[0-9a-f]{17}$/);
        expect(eks.inputs.accessConfig).to.equal(undefined);
    });
});
