/**
 * Auto Scaling's service-linked role is the account's: one stack creates it and destroy retains it,
 * so every later stack of the account (a second region, dev re-created on Monday) must not create it.
 */
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { AUTOSCALING_SLR, autoscalingRoleToCreate } from "../../stacks/workload/eks";
import { record } from "../harness";

async function decide(setting: boolean | "auto"): Promise<boolean> {
    let answer: boolean | undefined;
    await record(async () => {
        const provider = new aws.Provider("p", { region: "eu-central-1" });
        answer = await autoscalingRoleToCreate(setting, provider);
    });
    return answer!;
}

describe("Auto Scaling service-linked role: create only where the account lacks it", () => {
    const rows: [boolean | "auto", boolean, string][] = [
        ["auto", true, "auto in a fresh account (no such role): create it"],
        [true, true, "true: create it without looking"],
        [false, false, "false: the account has it, never create it"],
    ];
    for (const [setting, create, why] of rows) {
        it(why, async () => expect(await decide(setting)).to.equal(create));
    }
    it("the look-up matches the role's real path and name only", () => {
        expect(AUTOSCALING_SLR.pathPrefix).to.equal("/aws-service-role/autoscaling.amazonaws.com/");
        const re = new RegExp(AUTOSCALING_SLR.nameRegex);
        expect(re.test("AWSServiceRoleForAutoScaling")).to.equal(true);
        // A custom-suffix role (AWSServiceRoleForAutoScaling_x) is not the one EKS node groups use.
        expect(re.test("AWSServiceRoleForAutoScaling_payments")).to.equal(false);
    });
});
