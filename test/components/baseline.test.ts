import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { PlatformBaseline } from "../../components/baseline";
import { json, record } from "../harness";

describe("PlatformBaseline", () => {
    it("creates a rotating key whose policy lets CloudWatch Logs of this account and region use it", async () => {
        const rec = await record(
            () => {
                const provider = new aws.Provider("p", { region: "eu-west-1" });
                new PlatformBaseline("t", { environment: "dev" }, { providers: { aws: provider } });
            },
            { region: "eu-central-1" },
        );
        const key = rec.one("aws:kms/key:Key", "t-key");
        expect(key.inputs.enableKeyRotation).to.equal(true);
        expect(key.parent).to.equal(rec.one("platform:core:PlatformBaseline").urn);
        const logs = json(key.inputs.policy).Statement.find((s: any) => s.Sid === "CloudWatchLogsForThisAccount");
        // The provider's region wins over aws:region: the key lives where the provider deploys.
        expect(logs.Principal.Service).to.equal("logs.eu-west-1.amazonaws.com");
        expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).to.equal(
            "arn:aws:logs:eu-west-1:123456789012:log-group:*",
        );
        const alias = rec.one("aws:kms/alias:Alias");
        expect(alias.inputs.targetKeyId).to.equal(key.id);
    });
});
