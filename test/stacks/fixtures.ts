/**
 * Shared inputs of the stack-program tests: a hub's CIDR plan, a hub stack's run options, and the
 * AWS registrations a failed run made (the "nothing exists yet" assertions read them).
 */
import { PlanError } from "../../automation/plan/engine";
import { ResourceRecord } from "../../automation/plan/types";
import { RunOptions } from "../harness";

/** The keys every stack needs, besides role and environment. */
export const BASE_CONFIG = { owner: "platform-team", costCenter: "cc-1" };

/** A region's plan as network-frankfurt has it: shared services, a dev and a prod spoke, one data centre. */
export const HUB_CFG = {
    supernet: "10.0.0.0/8",
    sharedServicesCidr: "10.0.0.0/20",
    spokes: [
        { name: "dev/workloads", domain: "dev", cidr: "10.16.0.0/16" },
        { name: "prod/workloads", domain: "prod", cidr: "10.32.0.0/16" },
    ],
    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
};

/** A hub stack ("network-test") with this `payments-platform:network`. */
export const hubStack = (network: Record<string, unknown>, region = "eu-central-1"): RunOptions => ({
    stack: "network-test",
    region,
    config: { ...BASE_CONFIG, role: "network", environment: "shared", network },
    secrets: ["pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
});

/** The AWS registrations (the provider included) a failed run had made. */
export const awsRecords = (err: Error): ResourceRecord[] =>
    ((err as PlanError).records ?? []).filter(
        (r: ResourceRecord) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws",
    );
