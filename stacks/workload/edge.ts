/**
 * Wiring of the edge area into a workload stack: the regional ALBs in front of ingress-nginx.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalEdge } from "../../components/edge";
import { EksCluster } from "../../components/eks";
import { secretConfig } from "../config";
import { edgeHostnames, regionalSettings } from "../config/edge";
import { StackContext } from "../context";
import { SpokeNetwork, WorkloadExportsPart } from "../contracts";

/** The managed prefix list of CloudFront's origin-facing addresses (AWS owns it; one per region). */
export const CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

/** The CloudFront origin-facing prefix list, looked up by name through the stack's provider. */
export function cloudFrontOriginFacing(ctx: StackContext): pulumi.Output<aws.ec2.GetManagedPrefixListResult> {
    return aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING }, { provider: ctx.provider });
}

export function buildRegionalEdge(
    ctx: StackContext,
    spoke: SpokeNetwork,
    cluster: EksCluster,
    prefixList: pulumi.Output<aws.ec2.GetManagedPrefixListResult>,
    outputs: WorkloadExportsPart,
): RegionalEdge | undefined {
    const { cfg } = ctx;
    if (!cfg.edge) return undefined;
    const names = edgeHostnames(cfg.edge);
    const edge = new RegionalEdge(
        `${cfg.stack}-edge`,
        {
            ...regionalSettings(cfg.edge),
            environment: cfg.environment,
            vpcId: spoke.vpcId,
            vpcCidr: spoke.vpcCidr,
            publicSubnetIds: spoke.publicSubnetIds,
            privateSubnetIds: spoke.privateSubnetIds,
            hostedZoneId: cfg.edge.hostedZoneId,
            originHostname: names.origin,
            apiHostname: names.api,
            // The config check has required it whenever edge is set.
            originSecret: secretConfig("edgeOriginSecret") ?? pulumi.secret(""),
            cloudFrontPrefixListId: prefixList.id,
            elbServiceAccountArn: aws.elb.getServiceAccountOutput({}, { provider: ctx.provider }).arn,
            ingress: {
                provider: cluster.provider,
                namespace: cluster.ingressNamespace,
                serviceName: cluster.ingressServiceName,
                // The binding's CRD and webhook come with the load balancer controller, and the
                // Service with ingress-nginx: both are the cluster's children.
                dependsOn: [cluster],
            },
        },
        { ...ctx.opts },
    );
    const part: WorkloadExportsPart = {
        albDnsName: edge.albDnsName,
        albArn: edge.albArn,
        albZoneId: edge.albZoneId,
        albTargetGroupArn: edge.albTargetGroupArn,
        acceleratorAlbArn: edge.acceleratorAlbArn,
        edgeOriginHostname: names.origin,
        edgeApiHostname: names.api,
        albTargetHealth: edge.targetHealth,
    };
    Object.assign(outputs, part);
    return edge;
}
