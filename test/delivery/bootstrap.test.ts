import { expect } from "chai";
import { PlanError } from "../../automation/plan/engine";
import { ciRoleName } from "../../components/delivery/ciRoles";
import { GithubCiAccess, githubCiAccessProblems } from "../../components/delivery/githubCiAccess";
import { discoverStacks, json, planned, record, rejection } from "../harness";

const REPO = "example-org/payments-platform";

describe("delivery: the bootstrap stack's CI access", () => {
    it("has a preview and a deploy role, under the names the workflows assume, for every environment a stack deploys to", async () => {
        const boot = await planned(discoverStacks().find((s) => s.role === "bootstrap")!.name);
        const names = boot.all("aws:iam/role:Role").map((r) => r.inputs.name);
        for (const env of new Set(discoverStacks().map((s) => s.environment)))
            expect(names, env).to.include.members([ciRoleName(env, "preview"), ciRoleName(env, "deploy")]);
    });

    it("deploy roles trust only a job in their own GitHub environment, with the STS audience", async () => {
        const boot = await planned("bootstrap");
        const provider = boot.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        expect(provider.inputs).to.deep.include({
            url: "https://token.actions.githubusercontent.com",
            clientIdLists: ["sts.amazonaws.com"],
        });
        expect(provider.retainOnDelete).to.equal(true);
        for (const env of ["dev", "prod", "shared"]) {
            const role = boot.one("aws:iam/role:Role", `bootstrap-github-${env}-deploy`);
            const [statement] = json(role.inputs.assumeRolePolicy).Statement;
            expect(statement.Principal.Federated).to.equal(boot.outputs.githubOidcProviderArn);
            expect(statement.Action).to.equal("sts:AssumeRoleWithWebIdentity");
            expect(statement.Condition).to.deep.equal({
                StringEquals: {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": [`repo:${REPO}:environment:${env}`],
                },
            });
            expect(role.inputs.maxSessionDuration).to.equal(10800);
            expect(role.dependencies).to.include(provider.urn);
        }
    });

    it("preview roles: pull requests and main only, read-only; deploy roles: PowerUser plus named IAM actions, never a wildcard", async () => {
        const boot = await planned("bootstrap");
        const preview = boot.one("aws:iam/role:Role", "bootstrap-github-prod-preview");
        expect(
            json(preview.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals[
                "token.actions.githubusercontent.com:sub"
            ],
        ).to.deep.equal([`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`]);
        const attachment = (n: string) =>
            boot.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", n).inputs.policyArn;
        expect(attachment("bootstrap-github-prod-preview-policy")).to.equal("arn:aws:iam::aws:policy/ReadOnlyAccess");
        expect(attachment("bootstrap-github-prod-deploy-policy")).to.equal("arn:aws:iam::aws:policy/PowerUserAccess");
        const iam = json(boot.one("aws:iam/rolePolicy:RolePolicy", "bootstrap-github-prod-deploy-iam").inputs.policy);
        const actions: string[] = iam.Statement[0].Action;
        expect(actions).to.include.members(["iam:CreateRole", "iam:PassRole", "iam:CreateOpenIDConnectProvider"]);
        expect(actions.filter((a) => a.includes("*"))).to.deep.equal([]);
        expect(boot.all("aws:iam/rolePolicy:RolePolicy", /preview/)).to.deep.equal([]);
    });

    it("reuses the account's OIDC provider when told (IAM allows one per issuer URL)", async () => {
        const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        const rec = await record(() => {
            new GithubCiAccess("ci", { repository: REPO, environments: ["dev"], existingOidcProviderArn: arn });
        });
        expect(rec.all("aws:iam/openIdConnectProvider:OpenIdConnectProvider")).to.deep.equal([]);
        expect(
            json(rec.one("aws:iam/role:Role", "ci-dev-deploy").inputs.assumeRolePolicy).Statement[0].Principal
                .Federated,
        ).to.equal(arn);
    });

    const bad: [string, Record<string, unknown>, string][] = [
        [
            "a repository without owner",
            { repository: "payments-platform" },
            'repository is "payments-platform", must be "owner/name" as GitHub spells it',
        ],
        [
            "a repository with a space",
            { repository: "example org/x" },
            'repository is "example org/x", must be "owner/name"',
        ],
        ["no environment", { environments: [] }, "environments is empty, at least one environment needs roles"],
        [
            "an upper-case environment",
            { environments: ["Prod"] },
            'environments has "Prod", must be lower-case letters, digits and -',
        ],
        [
            "a session IAM refuses",
            { deploySessionSeconds: 600 },
            "deploySessionSeconds is 600, IAM allows 3600 to 43200",
        ],
    ];
    for (const [title, over, message] of bad) {
        it(`rejects ${title} before any resource`, async () => {
            const args = { repository: REPO, environments: ["dev"], ...over } as Parameters<
                typeof githubCiAccessProblems
            >[0];
            expect(githubCiAccessProblems(args).join("\n")).to.contain(message);
            const err = await rejection(record(() => void new GithubCiAccess("ci", args)));
            expect(err.message).to.contain(message);
            expect((err as PlanError).records.map((r) => r.type)).to.not.include("aws:iam/role:Role");
        });
    }

    it("all problems at once", () => {
        expect(githubCiAccessProblems({ repository: "x", environments: [], deploySessionSeconds: 1 })).to.have.length(
            3,
        );
    });
});
