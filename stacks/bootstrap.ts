/**
 * The bootstrap stack: the account's CI access, deployed once by a person with admin credentials
 * before any workflow runs (the workflows' roles are what it creates). No baseline key, no network.
 */
import * as aws from "@pulumi/aws";
import { GithubCiAccess } from "../components/delivery/githubCiAccess";
import { StackSettings } from "./config";

export function buildBootstrapStack(cfg: StackSettings, provider: aws.Provider): Record<string, unknown> {
    if (!cfg.bootstrap)
        throw new Error(
            `Invalid stack config:\n - payments-platform:bootstrap is missing, a bootstrap stack needs bootstrap.githubRepository`,
        );
    const access = new GithubCiAccess(
        `${cfg.stack}-github`,
        {
            repository: cfg.bootstrap.githubRepository,
            environments: cfg.bootstrap.environments,
            existingOidcProviderArn: cfg.bootstrap.existingOidcProviderArn,
            deploySessionSeconds: cfg.bootstrap.deploySessionSeconds,
        },
        { providers: { aws: provider } },
    );
    return { githubOidcProviderArn: access.oidcProviderArn, ciRoleArns: access.roleArns };
}
