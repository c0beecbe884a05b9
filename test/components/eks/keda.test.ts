import { expect } from "chai";
import { EksCluster } from "../../../components/eks/eksCluster";
import { record, rejection } from "../../harness";
import { validArgs } from "./fixtures";
import { kedaPolicies } from "./records";

describe("EksCluster.allowQueueScaling", () => {
    const QUEUE = "arn:aws:sqs:eu-central-1:123456789012:payments-async-queue-1a2b3c4";
    const DLQ = "arn:aws:sqs:eu-central-1:123456789012:payments-async-dlq-5d6e7f8";

    it("grants KEDA's own IRSA role sqs:GetQueueAttributes on exactly the given queues", async () => {
        const rec = await record(() => {
            new EksCluster("plat", validArgs()).allowQueueScaling("payments", [QUEUE, DLQ]);
        });
        const { role, policies } = kedaPolicies(rec);
        const grant = rec.one("aws:iam/rolePolicy:RolePolicy", "plat-keda-payments");
        expect(grant.propertyDependencies.role).to.deep.equal([role.urn]);
        expect(policies.find((p) => p.name === "plat-keda-payments")!.doc.Statement).to.deep.equal([
            { Sid: "QueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: [QUEUE, DLQ] },
        ]);
        // Before any grant, KEDA reads no queue at all.
        const base = policies.find((p) => p.name === "plat-keda-policy")!.doc.Statement;
        expect(base.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith("sqs:"))).to.deep.equal([]);
    });

    it("refuses an empty list of queues", async () => {
        const err = await rejection(
            record(() => {
                new EksCluster("plat", validArgs()).allowQueueScaling("payments", []);
            }),
        );
        expect(err.message).to.contain("allowQueueScaling(payments): queueArns is [], name at least one queue");
    });
});
