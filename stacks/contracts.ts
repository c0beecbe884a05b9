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
    /** The region's CIDR plan (plain): owners like "shared/shared-services", "on-prem/dc1", "prod/workloads". */
    cidrPlan: { owner: string; cidr: string }[];
}

/** What the data area needs from the EKS area to admit cluster traffic. */
export interface ClusterAccess {
    /** Security group of the worker nodes (pods use it too with the VPC CNI's default mode). */
    nodeSecurityGroupId: pulumi.Output<string>;
    /** The EKS-managed cluster security group. */
    clusterSecurityGroupId: pulumi.Output<string>;
}

// ---- network: the region hub's stack outputs (producer: stacks/network.ts, consumer: stacks/workload/network.ts)

/** The route domains, each with a TGW route table (mirrors components/network/domains.ts). */
export type NetworkRouteDomain = "dev" | "qa" | "prod" | "shared";

/** Outputs of a region's network hub stack (e.g. network-frankfurt), as plain values. */
export interface NetworkStackOutputs {
    /** The hub's region. */
    region: string;
    /** The Transit Gateway's id. */
    transitGatewayId: string;
    /** The Transit Gateway's ARN. */
    transitGatewayArn: string;
    /** The TGW route table id of each route domain. */
    routeTableIds: Record<NetworkRouteDomain, string>;
    /** The shared-services VPC's id. */
    sharedServicesVpcId: string;
    /** The shared-services VPC's CIDR. */
    sharedServicesVpcCidr: string;
    /** Shared-services subnet ids per tier (public is empty: no NAT, no internet-facing tier). */
    sharedServicesSubnetIds: { public: string[]; private: string[]; isolated: string[] };
    /** The egress VPC's id, or "" when centralized egress is off. */
    egressVpcId: string;
    /** The interface endpoints' security group. */
    endpointSecurityGroupId: string;
    /**
     * The Route 53 private hosted zone id per interface endpoint service (e.g. "sts"), each resolving
     * the service's DNS name to the hub's endpoint. Spokes associate every zone with their VPC.
     */
    endpointZoneIds: Record<string, string>;
    /** Flow-log group name per hub VPC role. */
    flowLogGroupNames: Record<string, string>;
    /** The region's CIDR plan as the hub validated it (owner, CIDR). */
    cidrPlan: { owner: string; cidr: string }[];
}

/** What the hub stack exports: the contract's keys, each an Input of the contract's type. */
export type NetworkStackExports = { [K in keyof NetworkStackOutputs]: pulumi.Input<NetworkStackOutputs[K]> };

/** Typed read access to a hub stack's outputs through a stack reference. */
export interface NetworkHubReference {
    ref: pulumi.StackReference;
    get<K extends keyof NetworkStackOutputs>(key: K): pulumi.Output<NetworkStackOutputs[K]>;
    /** The output's plain value, for what must be known before resources exist (e.g. which endpoint zones to associate). */
    value<K extends keyof NetworkStackOutputs>(key: K): Promise<NetworkStackOutputs[K]>;
}

/** A stack reference to the hub stack `stack` of this project and organization. */
export function readNetworkHub(stack: string, opts?: pulumi.CustomResourceOptions): NetworkHubReference {
    const ref = new pulumi.StackReference(
        `${pulumi.getOrganization()}/${pulumi.getProject()}/${stack}`,
        undefined,
        opts,
    );
    return {
        ref,
        get: <K extends keyof NetworkStackOutputs>(key: K) =>
            ref.requireOutput(key) as pulumi.Output<NetworkStackOutputs[K]>,
        value: async <K extends keyof NetworkStackOutputs>(key: K) =>
            (await ref.requireOutputValue(key)) as NetworkStackOutputs[K],
    };
}
