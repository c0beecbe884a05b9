import { expect } from "chai";
import { EC2_TEXT_ALLOWED, ec2TextProblem, isEc2Text } from "../../components/ec2Text";

describe("ec2Text: what EC2 accepts in security group names and descriptions", () => {
    const ok = [
        "",
        "Interface endpoints: HTTPS from the region VPCs only",
        "Bastion: no inbound; HTTPS out to the SSM endpoints only",
        "HTTPS from 10.0.0.0/20",
        "a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*",
        "x".repeat(255),
    ];
    for (const v of ok) {
        it(`accepts ${JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v)}`, () => {
            expect(ec2TextProblem("description", v)).to.equal(undefined);
            expect(isEc2Text(v)).to.equal(true);
        });
    }
    const bad: { value: string; message: string }[] = [
        {
            value: "the region's VPCs",
            message: `description is "the region's VPCs", it has "'"; EC2 allows ${EC2_TEXT_ALLOWED}, at most 255 characters`,
        },
        { value: 'say "hi"', message: `description is "say \\"hi\\"", it has "\\""` },
        { value: "a%b?c%", message: `description is "a%b?c%", it has "%", "?"` },
        { value: "tab\there", message: `it has "\\t"` },
        { value: "ünïcode", message: `it has "ü", "ï"` },
        { value: "back\\slash", message: `it has "\\\\"` },
        { value: "<tag>", message: `it has "<", ">"` },
        { value: "x".repeat(256), message: "it is 256 characters long;" },
        { value: `${"x".repeat(256)}'`, message: `it has "'" and is 257 characters long;` },
    ];
    for (const c of bad) {
        it(`rejects ${JSON.stringify(c.value.slice(0, 30))}: ${c.message}`, () => {
            expect(ec2TextProblem("description", c.value)).to.contain(c.message);
            expect(isEc2Text(c.value)).to.equal(false);
        });
    }
});
