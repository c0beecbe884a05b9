/**
 * TargetGroupBinding: the AWS Load Balancer Controller's CRD (elbv2.k8s.aws/v1beta1) that registers
 * a Service's endpoints in a target group it does not own. The program owns the ALB and the target
 * group (they stay in Pulumi state: stack references, teardown and policies see them); the
 * controller only keeps the pod IPs registered as ingress-nginx scales and rolls.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface TargetGroupBindingArgs {
    namespace: pulumi.Input<string>;
    /** The Service whose endpoints are registered, and its port (name or number). */
    service: { name: string; port: number | string };
    targetGroupArn: pulumi.Input<string>;
    /**
     * The ALB's security group: the controller adds rules to the pods' group admitting it on
     * `ports` (the traffic port and the health-check port).
     */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    ports: number[];
}

export function targetGroupBinding(
    name: string,
    args: TargetGroupBindingArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
        name,
        {
            apiVersion: "elbv2.k8s.aws/v1beta1",
            kind: "TargetGroupBinding",
            // Auto-named: the controller refuses a changed targetGroupARN, so a new target group
            // means a new binding, created before the old one goes.
            metadata: { namespace: args.namespace },
            spec: {
                serviceRef: args.service,
                targetGroupARN: args.targetGroupArn,
                targetType: "ip",
                networking: {
                    ingress: [
                        {
                            from: [{ securityGroup: { groupID: args.loadBalancerSecurityGroupId } }],
                            ports: args.ports.map((port) => ({ protocol: "TCP", port })),
                        },
                    ],
                },
            },
        },
        { ...opts, replaceOnChanges: ["spec.targetGroupARN"] },
    );
}
