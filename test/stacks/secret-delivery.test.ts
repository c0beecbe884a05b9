/**
 * The cache's AUTH token reaches workloads through external-secrets: the parameter lies under the
 * path the store may read, and the store's IRSA role may decrypt it with the key it is encrypted with.
 */
import { expect } from "chai";
import { json, plannedStacks } from "../harness";

const PARAM = "aws:ssm/parameter:Parameter";
const POLICY = "aws:iam/rolePolicy:RolePolicy";

/** An IAM resource pattern (`*` any run of characters) as a whole-string regular expression. */
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

describe("secret delivery in every workload stack", () => {
    it("external-secrets may read and decrypt every SecureString parameter the stack writes", async () => {
        const stacks = await plannedStacks((s) => s.role === "workload");
        expect(stacks).to.not.be.empty;
        for (const rec of stacks) {
            const secure = rec.all(PARAM).filter((p) => p.inputs.type === "SecureString");
            expect(secure, `${rec.plan.name}: SecureString parameters`).to.not.be.empty;
            const esoPolicies = rec.all(POLICY).filter((p) => /external-secrets/.test(p.name));
            expect(esoPolicies, `${rec.plan.name}: external-secrets policy`).to.have.length(1);
            const statements = json(esoPolicies[0].inputs.policy).Statement as {
                Sid?: string;
                Action: string | string[];
                Resource: string | string[];
            }[];
            const decrypt = statements.find((s) => s.Sid === "DecryptThroughSsm");
            const read = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("ssm:GetParameter")));
            const readable = read.flatMap((s) => [s.Resource].flat());
            for (const p of secure) {
                const name = String(p.inputs.name);
                expect(
                    readable.some((arn) => glob(arn.split(":parameter")[1] ?? "").test(name)),
                    `${rec.plan.name}: ${name} is readable (${readable.join(", ")})`,
                ).to.equal(true);
                expect(
                    [decrypt?.Resource ?? []].flat(),
                    `${rec.plan.name}: ${name}'s key ${p.inputs.keyId}`,
                ).to.include(p.inputs.keyId);
            }
        }
    });
});
