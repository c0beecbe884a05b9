/**
 * The EksCluster's arguments. Values that validation needs (sizes, versions, CIDRs, AZs) are plain;
 * ids that only exist after other resources are created are Inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ApiAccessCidr } from "./apiAccess";

export type CapacityType = "ON_DEMAND" | "SPOT";

/** One pool of workers: a managed node group per availability zone, all sized alike. */
export interface NodePoolArgs {
    /** EC2 instance types; several types give spot pools more capacity to draw from. */
    instanceTypes: string[];
    /** On-demand or spot capacity. @default "ON_DEMAND" */
    capacityType?: CapacityType;
    /** Minimum nodes per availability zone. */
    minSize: number;
    /** Nodes per availability zone at creation (the autoscaler owns it afterwards). */
    desiredSize: number;
    /** Maximum nodes per availability zone. */
    maxSize: number;
    /** Root volume size in GiB (encrypted gp3). @default 50 */
    diskSizeGiB?: number;
    /** Share of a node group's nodes replaced at once during an update. @default 33 */
    maxUnavailablePercentage?: number;
    /**
     * IMDSv2 hop limit of the pool's nodes: 1 keeps pods (one network hop further) away from the
     * node role's credentials; 2 only for a pool whose pods must read instance metadata. @default 1
     */
    imdsHopLimit?: 1 | 2;
    /** Extra Kubernetes node labels. @default {} */
    labels?: Record<string, string>;
}

/** The two pools every cluster has. */
export interface NodePoolsArgs {
    /** Tainted `CriticalAddonsOnly` pool for cluster add-ons; always on-demand in prod. */
    system: NodePoolArgs;
    /** Pool for workloads; spot is allowed outside prod. */
    apps: NodePoolArgs;
}

/** Per-client request limits enforced by ingress-nginx (the seeds' published-SLO rate limit). */
export interface RateLimitArgs {
    /** Sustained requests per second per client IP. */
    requestsPerSecond: number;
    /** Requests a client may burst above the sustained rate before getting 429. */
    burst: number;
}

export interface IngressArgs {
    /** Per-client rate limit. */
    rateLimit: RateLimitArgs;
    /**
     * Proxies besides the VPC whose X-Forwarded-For nginx trusts when it looks for the client's
     * address: the CloudFront origin-facing ranges, so that behind CloudFront the limit keys on the
     * viewer and not on a CloudFront edge server. @default []
     */
    trustedProxyCidrs?: pulumi.Input<string[]>;
}

export interface EksClusterArgs {
    /** Environment; "prod" turns on the stricter rules (no public 0.0.0.0/0, on-demand only, 3 AZs, deletion protection). */
    environment: string;
    /** Kubernetes minor, e.g. "1.34"; must be a row of KUBERNETES_VERSIONS (add-on builds are pinned per minor). */
    kubernetesVersion: string;
    /** Physical EKS cluster name. @default the component name */
    clusterName?: string;
    /** The spoke VPC. */
    vpcId: pulumi.Input<string>;
    /** Private subnets, one per AZ, in the order of `availabilityZones`. */
    privateSubnetIds: pulumi.Input<string[]>;
    /** The VPC's CIDR; nginx trusts forwarded client addresses from it (the ALBs). @default "0.0.0.0/0" */
    vpcCidr?: string;
    /** The AZs of `privateSubnetIds` (plain: one node group is created per AZ). */
    availabilityZones: string[];
    /** Turn on the public API endpoint (private access is always on). @default false */
    endpointPublicAccess?: boolean;
    /** CIDRs allowed to the public endpoint; required when it is on; never 0.0.0.0/0 in prod. @default [] */
    publicAccessCidrs?: string[];
    /**
     * Ranges allowed to the API endpoint on 443 (where `pulumi up` and kubectl run: on-prem, shared
     * services): a rule each on the cluster security group. Without any, a private API admits no one.
     * @default []
     */
    apiAccessCidrs?: ApiAccessCidr[];
    /** IAM role granted cluster-admin through an access entry (a secret config value). @default none */
    adminRoleArn?: pulumi.Input<string>;
    /**
     * Whether `pulumi up` runs as `adminRoleArn` itself. pulumi-eks always creates the cluster with
     * EKS's creator bootstrap (the creator's role gets AmazonEKSClusterAdminPolicy), so an explicit
     * entry for that same role fails with ResourceInUseException; with true, none is made.
     * @default false
     */
    adminRoleIsDeployer?: boolean;
    /** Retention of the control-plane log group, in days (a CloudWatch Logs value). @default 90 */
    logRetentionDays?: number;
    /** KMS key ARN for the control-plane log group (its policy must admit CloudWatch Logs). @default AWS-owned key */
    logKmsKeyArn?: pulumi.Input<string>;
    /** Deletion protection on the EKS cluster. @default true in prod, false elsewhere */
    deletionProtection?: boolean;
    /** Worker pools. */
    nodeGroups: NodePoolsArgs;
    /** ingress-nginx, behind the edge's ALBs (a ClusterIP Service their target groups bind). */
    ingress: IngressArgs;
    /** SSM Parameter Store path the ClusterSecretStore may read, e.g. "/payments/dev/". @default `/${clusterName}/` */
    parameterPath?: string;
    /** KMS keys that encrypt those SecureString parameters (external-secrets may decrypt through SSM only). @default [] */
    parameterKmsKeyArns?: pulumi.Input<string>[];
    /**
     * Create the account's Auto Scaling service-linked role, which the volume key's policy names. Set
     * false where it already exists (any account that has had an Auto Scaling group), or import it.
     * @default true
     */
    createAutoscalingServiceLinkedRole?: boolean;
    /** Extra tags on the component's AWS resources. @default {} */
    tags?: Record<string, string>;
}
