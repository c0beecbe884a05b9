/**
 * Readers of recorded EKS resources that several test files share.
 */
import { ResourceRecord } from "../../../automation/plan/types";
import { json } from "../../harness";

/** The principals of the key policy's Auto Scaling statements. */
export function autoscalingPrincipals(key: ResourceRecord): string[] {
    const doc = json<{ Statement: { Sid: string; Principal: { AWS: string } }[] }>(key.inputs.policy);
    return doc.Statement.filter((s) => s.Sid.startsWith("AutoScaling")).map((s) => s.Principal.AWS);
}
