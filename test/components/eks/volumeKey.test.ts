/**
 * The EBS volume key names AWSServiceRoleForAutoScaling in its policy; KMS rejects a policy whose
 * principal does not exist, so in a fresh account the role must exist before the key.
 */
import { expect } from "chai";
import { Recorded } from "../../harness";
import { autoscalingPrincipals } from "./records";
import { recordCluster, validArgs } from "./fixtures";

const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const ASG_ROLE =
    "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

describe("EksCluster: the volume key and Auto Scaling's service-linked role", () => {
    let rec: Recorded;
    before(async () => {
        rec = await recordCluster(validArgs());
    });

    it("creates the service-linked role, retained on destroy (it is the account's, shared by every Auto Scaling group)", () => {
        const slr = rec.one(SLR);
        expect(slr.inputs.awsServiceName).to.equal("autoscaling.amazonaws.com");
        expect(slr.inputs).to.not.have.property("customSuffix");
        expect(slr.retainOnDelete).to.equal(true);
    });

    it("the key depends on the role, and its policy names that role", () => {
        const slr = rec.one(SLR);
        const key = rec.one("aws:kms/key:Key", "plat-volumes-key");
        expect(key.dependencies).to.include(slr.urn);
        expect(key.propertyDependencies.policy).to.include(slr.urn);
        expect(autoscalingPrincipals(key)).to.deep.equal([ASG_ROLE, ASG_ROLE]);
    });

    it("with createAutoscalingServiceLinkedRole false, no role is created and the policy names the existing one", async () => {
        const off = await recordCluster(validArgs({ createAutoscalingServiceLinkedRole: false }));
        expect(off.all(SLR)).to.deep.equal([]);
        const key = off.one("aws:kms/key:Key", "plat-volumes-key");
        expect(autoscalingPrincipals(key)).to.deep.equal([ASG_ROLE, ASG_ROLE]);
    });
});
