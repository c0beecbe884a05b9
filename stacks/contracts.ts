/**
 * Typed contracts between the areas of a stack, and between stacks (stack-reference outputs).
 * Producer and consumer both import these, so a renamed output fails type-checking, not a deploy.
 */
import * as pulumi from "@pulumi/pulumi";
import { qualifyStackName } from "./config/network";

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
    /**
     * The region's CIDR plan (plain): the hub's exported plan (shared services, spokes, `on-prem/...`,
     * peers) plus this spoke's own additions. Owners name who holds each block.
     */
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
    /** The region's CIDR plan as the hub validated it (owner, CIDR): the one source the spokes read. */
    cidrPlan: { owner: string; cidr: string }[];
    /**
     * The region's own spoke blocks by route domain (not blocks reached through links): a later hub
     * linking to this one routes the `prod` ones, and blackholes them in its dev and qa tables.
     */
    domainCidrs: Record<NetworkRouteDomain, string[]>;
    /**
     * Blocks of other regions a prod spoke routes into the Transit Gateway (the platform supernet, or []
     * without one): the hub's prod table then decides which linked regions are reached.
     */
    interRegionCidrs: string[];
    /** The hub's AZs in subnet order; every spoke of the region uses the same (a prefix of them). */
    availabilityZones: string[];
    /** The SSM bastion's instance id (SSM port forwarding to a spoke's private EKS API), or "" when off. */
    bastionInstanceId: string;
    /** The hub's alarm topic (PagerDuty): the Transit Gateway's alarms notify it. */
    alarmTopicArn: string;
    /** The region's ECR repository URL per payments service (components/apps/registry.ts). */
    imageRepositoryUrls: Record<string, string>;
    /**
     * The S3 interface endpoint on-premises reaches S3 through over DX/VPN, or "" when the hub has no
     * on-premises ranges: the on-prem backup bucket admits object requests through it only.
     */
    s3InterfaceEndpointId: string;
    /** Its regional DNS name, `*.vpce-<id>.s3.<region>.vpce.amazonaws.com` (the on-prem job's endpoint URL), or "". */
    s3InterfaceEndpointDnsName: string;
}

/** What the hub stack exports: the contract's keys, each an Input of the contract's type. */
export type NetworkStackExports = { [K in keyof NetworkStackOutputs]: pulumi.Input<NetworkStackOutputs[K]> };

/**
 * Typed read access to another stack's outputs of contract `T`, through a stack reference: the
 * producer's key names and types are the consumer's, so a renamed output fails to compile.
 */
export interface TypedStackReference<T> {
    /** The stack's name as configured. */
    stack: string;
    ref: pulumi.StackReference;
    get<K extends keyof T>(key: K): pulumi.Output<T[K]>;
    /** The output's plain value, for what must be known before resources exist (e.g. which endpoint zones to associate). */
    value<K extends keyof T>(key: K): Promise<T[K]>;
    /** The output's plain value, or undefined when the stack doesn't export it (an older version of it). */
    optionalValue<K extends keyof T>(key: K): Promise<T[K] | undefined>;
}

/** A stack reference to `stack`: fully qualified ("<org>/<project>/<stack>") as given, else of this project. */
function typedReference<T>(stack: string, opts?: pulumi.CustomResourceOptions): TypedStackReference<T> {
    const ref = new pulumi.StackReference(
        qualifyStackName(stack, pulumi.getOrganization(), pulumi.getProject()),
        undefined,
        opts,
    );
    return {
        stack,
        ref,
        get: <K extends keyof T>(key: K) => ref.requireOutput(key as string) as pulumi.Output<T[K]>,
        value: async <K extends keyof T>(key: K) => (await ref.requireOutputValue(key as string)) as T[K],
        optionalValue: async <K extends keyof T>(key: K) =>
            (await ref.getOutputValue(key as string)) as T[K] | undefined,
    };
}

/** Typed read access to a hub stack's outputs. */
export type NetworkHubReference = TypedStackReference<NetworkStackOutputs>;

/** A stack reference to the hub stack `stack`. */
export function readNetworkHub(stack: string, opts?: pulumi.CustomResourceOptions): NetworkHubReference {
    return typedReference<NetworkStackOutputs>(stack, opts);
}

// ---- workload: an environment's stack outputs (producer: stacks/workload.ts and stacks/workload/*.ts;
// consumers: the edge and delivery stacks to come, and the operators' `pulumi stack output`)

/** Outputs of a workload stack (dev, prod-<city>), as plain values. */
export interface WorkloadStackOutputs {
    region: string;
    environment: string;
    /** The stack's baseline KMS key (logs, topics). */
    platformKeyArn: string;
    // network (stacks/workload/network.ts)
    vpcId: string;
    vpcCidr: string;
    publicSubnetIds: string[];
    privateSubnetIds: string[];
    isolatedSubnetIds: string[];
    transitGatewayAttachmentId: string;
    flowLogGroupName: string;
    // eks (stacks/workload/eks.ts)
    eksClusterName: string;
    /** Secret: it names the endpoint and the exec credential plugin. */
    eksKubeconfig: string;
    eksOidcProviderArn: string;
    eksOidcProviderUrl: string;
    /** The EKS-created cluster group (control plane and nodes). */
    eksClusterSecurityGroupId: string;
    eksNodeSecurityGroupId: string;
    /** The group only the control plane's ENIs carry (443 from the API-access ranges). */
    eksApiSecurityGroupId: string;
    // database (stacks/workload/database.ts)
    dbWriterEndpoint: string;
    dbReaderEndpoint: string;
    dbProxyEndpoint: string;
    dbProxyReadOnlyEndpoint: string;
    dbPort: number;
    dbMasterSecretArn: string;
    dbKmsKeyArn: string;
    /**
     * Each service's database user secret (Secrets Manager ARN, encrypted with dbKmsKeyArn); {} on a
     * global secondary, whose apps read its primary's (the global database replicates the roles).
     */
    dbServiceUserSecretArns: Record<string, string>;
    dbClusterIdentifier: string;
    /** The cluster's ARN (a switchover's or failover's `--target-db-cluster-identifier`). */
    dbClusterArn: string;
    /** The engine version the cluster runs (on a global secondary, its primary's). */
    dbEngineVersion: string;
    /** "regional", or the cluster's role in its Aurora global database as created. */
    dbGlobalRole: "regional" | "primary" | "secondary";
    /** The global cluster the cluster is a member of ("" when regional): what secondaries join. */
    dbGlobalClusterIdentifier: string;
    /** The primary's managed RPO bound (`rds.global_db_rpo`), seconds; 0 when unset or not a primary. */
    dbGlobalRpoSeconds: number;
    /** How to switch over, fail over, what RPO to expect and the deletion order ("" when regional). */
    dbGlobalRunbook: string;
    /** The final snapshot a teardown leaves ("" where the stack skips it). */
    dbFinalSnapshotIdentifier: string;
    dbLogGroupName: string;
    dbSecurityGroupId: string;
    dbProxySecurityGroupId: string;
    cacheSecurityGroupId: string;
    cachePrimaryEndpoint: string;
    cacheReaderEndpoint: string;
    /** The SSM SecureString holding the cache AUTH token (its name, never the token). */
    cacheAuthTokenParameterName: string;
    paymentsQueueUrl: string;
    paymentsQueueArn: string;
    paymentsDlqArn: string;
    paymentsDlqName: string;
    legacyEventBusName: string;
    legacyEventsDlqName: string;
    // edge (stacks/workload/edge.ts; consumer: edge-global)
    /** The CloudFront-facing ALB's DNS name. */
    albDnsName: string;
    /** The CloudFront-facing ALB's ARN. */
    albArn: string;
    /** The ALBs' canonical hosted zone id (Route 53 alias target). */
    albZoneId: string;
    /** The CloudFront-facing ALB's target group. */
    albTargetGroupArn: string;
    /** The internal ALB Global Accelerator's endpoint group points at. */
    acceleratorAlbArn: string;
    /** The origin name CloudFront reaches the region by (the ALBs' certificate covers it). */
    edgeOriginHostname: string;
    /** The API name clients use through Global Accelerator (the certificate covers it). */
    edgeApiHostname: string;
    /** The ALBs' target health check: how fast a failed region drops out (edge-global's RTO check). */
    albTargetHealth: { intervalSeconds: number; threshold: number };
    // observability (stacks/workload/observability.ts)
    /** The SNS topic every alarm notifies (PagerDuty). */
    alarmTopicArn: string;
    /** The composite "region unhealthy" alarm (prod; not paging), or "". */
    regionHealthAlarmName: string;
    /** The stack's CloudWatch dashboard. */
    dashboardName: string;
    // apps (stacks/workload/apps.ts)
    /** The payments apps' namespace on the cluster. */
    appNamespace: string;
    /** The image each payments service runs, as pulled (repository and tag or digest). */
    appImages: Record<string, string>;
    /** The on-prem SQL Server backup bucket (components/apps/storage), or "" where there is none (dev). */
    onPremBackupBucket: string;
    /** The role its backup job takes through IAM Roles Anywhere (`aws_signing_helper --role-arn`), or "". */
    onPremBackupRoleArn: string;
    /** The Roles Anywhere profile that role is reached through (`--profile-arn`), or "". */
    onPremBackupProfileArn: string;
}

/** What a workload stack exports: the contract's keys, each an Input of the contract's type. */
export type WorkloadStackExports = { [K in keyof WorkloadStackOutputs]: pulumi.Input<WorkloadStackOutputs[K]> };

/** One area's part of the exports; a typed literal, so a key outside the contract fails to compile. */
export type WorkloadExportsPart = Partial<WorkloadStackExports>;

// Every key once: the compiler fails here when the interface gains a key the list lacks, or the reverse.
const WORKLOAD_KEYS: Record<keyof WorkloadStackOutputs, true> = {
    region: true,
    environment: true,
    platformKeyArn: true,
    vpcId: true,
    vpcCidr: true,
    publicSubnetIds: true,
    privateSubnetIds: true,
    isolatedSubnetIds: true,
    transitGatewayAttachmentId: true,
    flowLogGroupName: true,
    eksClusterName: true,
    eksKubeconfig: true,
    eksOidcProviderArn: true,
    eksOidcProviderUrl: true,
    eksClusterSecurityGroupId: true,
    eksNodeSecurityGroupId: true,
    eksApiSecurityGroupId: true,
    dbWriterEndpoint: true,
    dbReaderEndpoint: true,
    dbProxyEndpoint: true,
    dbProxyReadOnlyEndpoint: true,
    dbPort: true,
    dbMasterSecretArn: true,
    dbKmsKeyArn: true,
    dbServiceUserSecretArns: true,
    dbClusterIdentifier: true,
    dbClusterArn: true,
    dbEngineVersion: true,
    dbGlobalRole: true,
    dbGlobalClusterIdentifier: true,
    dbGlobalRpoSeconds: true,
    dbGlobalRunbook: true,
    dbFinalSnapshotIdentifier: true,
    dbLogGroupName: true,
    dbSecurityGroupId: true,
    dbProxySecurityGroupId: true,
    cacheSecurityGroupId: true,
    cachePrimaryEndpoint: true,
    cacheReaderEndpoint: true,
    cacheAuthTokenParameterName: true,
    paymentsQueueUrl: true,
    paymentsQueueArn: true,
    paymentsDlqArn: true,
    paymentsDlqName: true,
    legacyEventBusName: true,
    legacyEventsDlqName: true,
    albDnsName: true,
    albArn: true,
    albZoneId: true,
    albTargetGroupArn: true,
    acceleratorAlbArn: true,
    edgeOriginHostname: true,
    edgeApiHostname: true,
    albTargetHealth: true,
    alarmTopicArn: true,
    regionHealthAlarmName: true,
    dashboardName: true,
    appNamespace: true,
    appImages: true,
    onPremBackupBucket: true,
    onPremBackupRoleArn: true,
    onPremBackupProfileArn: true,
};

/** The keys a workload stack exports, all of them. */
export const WORKLOAD_OUTPUT_KEYS = Object.keys(WORKLOAD_KEYS) as (keyof WorkloadStackOutputs)[];

/** Typed read access to a workload stack's outputs (edge-global reads every region it lists; a global secondary its primary). */
export type WorkloadReference = TypedStackReference<WorkloadStackOutputs>;

/** A stack reference to the workload stack `stack`. */
export function readWorkload(stack: string, opts?: pulumi.CustomResourceOptions): WorkloadReference {
    return typedReference<WorkloadStackOutputs>(stack, opts);
}
