/**
 * Typed contracts between the areas of a stack, and between stacks (stack-reference outputs).
 * Producer and consumer both import these, so a renamed output fails type-checking, not a deploy.
 */
import * as pulumi from "@pulumi/pulumi";

/** The workloads VPC of an environment, as the EKS and data areas consume it. */
export interface SpokeNetwork {
    vpcId: pulumi.Output<string>;
    /** The VPC's CIDR (plain: planned from config, needed for validation and security rules). */
    vpcCidr: string;
    /** The AZs the spoke spans, in subnet order (plain). */
    availabilityZones: string[];
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    /** Isolated (database) subnets: no route to the internet. */
    isolatedSubnetIds: pulumi.Output<string[]>;
}

/** What the data area needs from the EKS area to admit cluster traffic. */
export interface ClusterAccess {
    /** Security group of the worker nodes (pods use it too with the VPC CNI's default mode). */
    nodeSecurityGroupId: pulumi.Output<string>;
    /** The EKS-managed cluster security group. */
    clusterSecurityGroupId: pulumi.Output<string>;
}
