/**
 * Wiring of the eks area into a workload stack: the EKS platform in the spoke's private subnets.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApiAccessCidr, EksCluster } from "../../components/eks";
import { secretConfig } from "../config";
import { PlannedCidr, defaultApiAccessCidrs, ownerOf } from "../config/eksChecks";
import { StackContext } from "../context";
import { ClusterAccess, SpokeNetwork, WorkloadExportsPart } from "../contracts";

/** Where AWS keeps Auto Scaling's service-linked role: one per account, made by the first group or by us. */
export const AUTOSCALING_SLR = {
    pathPrefix: "/aws-service-role/autoscaling.amazonaws.com/",
    nameRegex: "^AWSServiceRoleForAutoScaling$",
};

/**
 * Whether this stack must create Auto Scaling's service-linked role: as configured, or ("auto") when
 * the account does not have it yet. The role outlives the stack that made it (it is retained on
 * destroy), so creating it unconditionally fails in every later stack of the account
 * ("has been taken in this account"). On the run after this stack created it, the look-up finds it
 * and the program stops declaring it: with retainOnDelete, Pulumi only forgets it.
 */
export async function autoscalingRoleToCreate(setting: boolean | "auto", provider: aws.Provider): Promise<boolean> {
    if (setting !== "auto") return setting;
    const found = await aws.iam.getRoles(AUTOSCALING_SLR, { provider });
    return found.names.length === 0;
}

export function buildEks(
    ctx: StackContext,
    spoke: SpokeNetwork,
    outputs: WorkloadExportsPart,
    parameterKeyArns: pulumi.Input<string>[] = [],
    createAutoscalingRole = true,
    trustedProxyCidrs: pulumi.Input<string[]> = [],
): ClusterAccess & { cluster: EksCluster } {
    const { cfg } = ctx;
    if (!cfg.eks)
        throw new Error(`stack ${cfg.stack}: role "workload" needs payments-platform:eks (nodeGroups, ingress)`);
    const e = cfg.eks;
    const apiAccess = apiAccessFor(e.apiAccessCidrs, spoke.cidrPlan);
    const cluster = new EksCluster(
        `${cfg.stack}-eks`,
        {
            environment: cfg.environment,
            kubernetesVersion: e.kubernetesVersion,
            vpcId: spoke.vpcId,
            vpcCidr: spoke.vpcCidr,
            privateSubnetIds: spoke.privateSubnetIds,
            availabilityZones: spoke.availabilityZones,
            endpointPublicAccess: e.endpointPublicAccess,
            publicAccessCidrs: e.publicAccessCidrs,
            apiAccessCidrs: apiAccess,
            adminRoleArn: secretConfig("eksAdminRoleArn"),
            adminRoleIsDeployer: e.adminRoleIsDeployer,
            logRetentionDays: e.logRetentionDays,
            logKmsKeyArn: ctx.baseline.keyArn,
            nodeGroups: e.nodeGroups,
            ingress: { ...e.ingress, trustedProxyCidrs },
            parameterPath: e.parameterPath ?? `/payments/${cfg.environment}/`,
            parameterKmsKeyArns: [ctx.baseline.keyArn, ...parameterKeyArns],
            createAutoscalingServiceLinkedRole: createAutoscalingRole,
        },
        { ...ctx.opts },
    );
    // A typed literal: a key outside the WorkloadStackOutputs contract fails to compile.
    const part: WorkloadExportsPart = {
        eksClusterName: cluster.clusterName,
        eksKubeconfig: cluster.kubeconfig,
        eksOidcProviderArn: cluster.oidcProviderArn,
        eksOidcProviderUrl: cluster.oidcProviderUrl,
        eksClusterSecurityGroupId: cluster.clusterSecurityGroupId,
        eksApiSecurityGroupId: cluster.apiSecurityGroupId,
        eksNodeSecurityGroupId: cluster.nodeSecurityGroupId,
    };
    Object.assign(outputs, part);
    return {
        cluster,
        nodeSecurityGroupId: cluster.nodeSecurityGroupId,
        clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    };
}

/**
 * eks.apiAccessCidrs (or its default), each with the plan block it comes from. The preflight
 * (workloadPlanProblems) has checked them against the same plan before any resource.
 */
function apiAccessFor(given: string[] | undefined, plan: PlannedCidr[]): ApiAccessCidr[] {
    const cidrs = given ?? defaultApiAccessCidrs(plan);
    return cidrs.map((cidr) => ({ cidr, source: ownerOf(cidr, plan) }));
}
