/**
 * Readers of recorded EKS resources that several test files share.
 */
import { baseOutputs } from "../../../automation/plan/mocks/aws";
import { MOCK_ACCOUNT } from "../../../automation/plan/mocks/context";
import { ResourceRecord } from "../../../automation/plan/types";
import { Recorded, json } from "../../harness";

/** The principals of the key policy's Auto Scaling statements. */
export function autoscalingPrincipals(key: ResourceRecord): string[] {
    const doc = json<{ Statement: { Sid: string; Principal: { AWS: string } }[] }>(key.inputs.policy);
    return doc.Statement.filter((s) => s.Sid.startsWith("AutoScaling")).map((s) => s.Principal.AWS);
}

/** The ARN (or id) the plan's mocks give a recorded resource: what other resources' inputs see. */
export function mockArnOf(rec: Recorded, r: ResourceRecord): string {
    const partition = rec.plan.region.startsWith("cn-")
        ? "aws-cn"
        : rec.plan.region.startsWith("us-gov-")
          ? "aws-us-gov"
          : "aws";
    const ctx = {
        stack: rec.plan.name,
        project: rec.plan.project,
        region: rec.plan.region,
        account: MOCK_ACCOUNT,
        partition,
    };
    return baseOutputs({ type: r.type, name: r.name, urn: r.urn, inputs: r.inputs, custom: r.custom }, ctx).arn;
}

/** The KEDA operator's IRSA role and every inline policy document on it. */
export function kedaPolicies(rec: Recorded): { role: ResourceRecord; policies: { name: string; doc: PolicyDoc }[] } {
    const release = rec.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "keda")!;
    const roleUrn = release.propertyDependencies.values.find((u) => rec.byUrn(u).type === "aws:iam/role:Role")!;
    const role = rec.byUrn(roleUrn);
    const policies = rec
        .all("aws:iam/rolePolicy:RolePolicy")
        .filter((p) => (p.propertyDependencies.role ?? []).includes(role.urn))
        .map((p) => ({ name: p.name, doc: json<PolicyDoc>(p.inputs.policy) }));
    return { role, policies };
}

export interface PolicyDoc {
    Statement: { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[] }[];
}
