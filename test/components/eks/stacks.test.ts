import { expect } from "chai";
import { planned } from "../../harness";

describe("EKS in the real stacks (offline plan)", function () {
    this.timeout(300000);

    for (const [stack, apps, prot] of [
        ["dev", "SPOT", false],
        ["prod-frankfurt", "ON_DEMAND", true],
    ] as const) {
        it(`${stack}: node groups sit in the spoke's private subnets, one per AZ; apps capacity ${apps}; deletion protection ${prot}`, async () => {
            const rec = await planned(stack);
            const priv = rec.outputs.privateSubnetIds as string[];
            expect(priv).to.have.length(3);
            const groups = rec.all("aws:eks/nodeGroup:NodeGroup");
            expect(groups).to.have.length(6);
            for (const pool of ["system", "apps"]) {
                const mine = groups.filter((g) => (g.inputs.labels as any)["platform.payments/pool"] === pool);
                expect(mine.flatMap((g) => g.inputs.subnetIds as string[]).sort()).to.deep.equal([...priv].sort());
                expect(mine.map((g) => g.name.slice(-1)).sort()).to.deep.equal(["a", "b", "c"]);
                expect(new Set(mine.map((g) => g.inputs.capacityType))).to.deep.equal(
                    new Set([pool === "apps" ? apps : "ON_DEMAND"]),
                );
            }
            const c = rec.one("eks:index:Cluster");
            expect(c.inputs.deletionProtection).to.equal(prot);
            expect(c.inputs.vpcId).to.equal(rec.outputs.vpcId);
            expect((c.inputs.accessEntries as any).platformAdmin.principalArn).to.equal("[secret]");
            expect(rec.outputs.eksKubeconfig).to.equal("[secret]");
        });
    }
});
