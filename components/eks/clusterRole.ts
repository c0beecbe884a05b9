/**
 * IAM roles of the cluster itself (not of its nodes or add-ons).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The control plane's service role. Ours rather than the one pulumi-eks makes: the plugin tags its
 * role with `tags` only (no Name), and a role created inside the remote component is invisible to
 * the plan. The cluster must depend on the attachment, or EKS may start without its policy.
 * pulumi-eks's schema types `serviceRole` as an aws:iam/role:Role resource reference (v4.3.0,
 * provider/cmd/pulumi-gen-eks/main.go), so the role crosses into the remote component as is.
 * The EKS cluster's roleArn is ForceNew: on a live cluster this role must never be swapped.
 */
export function clusterServiceRole(
    name: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
    const role = new aws.iam.Role(
        `${name}-cluster-role`,
        {
            description: `Control plane of EKS cluster ${name}`,
            // sts:TagSession: AWS's documented cluster-role trust (needed by EKS Auto Mode, harmless otherwise).
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                    },
                ],
            }),
            tags: { ...tags, Name: `${name}-cluster-role` },
        },
        { parent },
    );
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    const attachment = new aws.iam.RolePolicyAttachment(
        `${name}-cluster-AmazonEKSClusterPolicy`,
        { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy` },
        { parent: role },
    );
    return { role, attachment };
}
