import { expect } from "chai";
import { POLICY_SERVICES, endpointPolicy } from "../../../components/network/endpointPolicy";
import { json, record } from "../../harness";
import { NetworkHub } from "../../../components/network/hub";

const ACCOUNT_ONLY = {
    Sid: "ThisAccountsPrincipalsOnly",
    Effect: "Allow",
    Principal: "*",
    Action: "*",
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
};

describe("interface endpoint policies", () => {
    const rows: { service: string; statements: unknown[] | undefined }[] = [
        { service: "kms", statements: [ACCOUNT_ONLY] },
        { service: "secretsmanager", statements: [ACCOUNT_ONLY] },
        { service: "ecr.api", statements: [ACCOUNT_ONLY] },
        { service: "logs", statements: [ACCOUNT_ONLY] },
        {
            service: "sts",
            statements: [
                ACCOUNT_ONLY,
                {
                    Sid: "WebIdentityIntoThisAccountsRoles",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Resource: "arn:aws:iam::123456789012:role/*",
                },
            ],
        },
        { service: "ssmmessages", statements: undefined },
        { service: "ec2messages", statements: undefined },
    ];
    for (const row of rows) {
        it(`${row.service}: ${row.statements ? `${row.statements.length} statement(s)` : "default policy"}`, () => {
            const doc = endpointPolicy(row.service, "123456789012", "aws");
            expect(doc === undefined ? undefined : json(doc).Statement).to.deep.equal(row.statements);
        });
    }

    it("the hub's endpoints carry them, with the deploying account", async () => {
        const rec = await record(() => {
            new NetworkHub("hub", {
                availabilityZones: ["eu-central-1a", "eu-central-1b"],
                sharedServicesCidr: "10.0.0.0/20",
            });
        });
        const eps = rec.all("aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(eps).to.have.length(9);
        for (const e of eps) {
            const service = String(e.inputs.serviceName).replace("com.amazonaws.eu-central-1.", "");
            const want = endpointPolicy(service, "123456789012", "aws");
            expect(e.inputs.policy, service).to.equal(want);
            expect(want !== undefined, service).to.equal(POLICY_SERVICES.includes(service));
        }
    });
});
