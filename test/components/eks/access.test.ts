/**
 * Who administers the cluster. pulumi-eks v4.3.0 always creates the EKS cluster with the creator
 * bootstrap on (the deploying identity's role becomes cluster-admin), so the explicit admin entry
 * must be left out when the deployer IS the admin role: EKS refuses a second entry for it.
 */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded } from "../../harness";
import { recordCluster, validArgs } from "./fixtures";

const accessConfig = (rec: Recorded) => rec.one("aws:eks/cluster:Cluster").inputs.accessConfig;
const entries = (c: ResourceRecord) => c.inputs.accessEntries as Record<string, { principalArn: string }> | undefined;

describe("EksCluster access: the creator's bootstrap entry and the admin role", () => {
    it("by default: API authentication, the creator keeps its bootstrap admin, and the admin role gets its own entry", async () => {
        const rec = await recordCluster(validArgs());
        expect(accessConfig(rec)).to.deep.equal({
            authenticationMode: "API",
            bootstrapClusterCreatorAdminPermissions: true,
        });
        expect(Object.keys(entries(rec.one("eks:index:Cluster"))!)).to.deep.equal(["platformAdmin"]);
        expect(entries(rec.one("eks:index:Cluster"))!.platformAdmin.principalArn).to.equal("[secret]");
    });

    it("with adminRoleIsDeployer: no second entry for that role; the deployer still reaches the cluster as its creator", async () => {
        const rec = await recordCluster(validArgs({ adminRoleIsDeployer: true }));
        expect(entries(rec.one("eks:index:Cluster"))).to.equal(undefined);
        expect(accessConfig(rec)).to.deep.include({ bootstrapClusterCreatorAdminPermissions: true });
        // The Kubernetes provider authenticates as whoever runs `pulumi up` (no role in the kubeconfig's exec).
        const kubeconfig = JSON.parse(rec.one("pulumi:providers:kubernetes").inputs.kubeconfig as string);
        expect(kubeconfig.users[0].user.exec.args).to.not.include("--role-arn");
    });
});
