/**
 * Arguments of the regional edge part: the load balancers that CloudFront and Global Accelerator
 * reach in one region, in front of ingress-nginx.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** How the target groups drain and judge ingress-nginx's pods. */
export interface DrainingArgs {
    /**
     * Seconds a deregistered pod keeps its in-flight requests. Payments API calls finish well within
     * the ALB's 60 s idle timeout, and the value stays below ingress-nginx's termination grace period
     * (300 s in the chart) so a pod is never killed while the ALB still drains it. @default 60
     */
    deregistrationDelaySeconds?: number;
    /** Seconds between health checks (5-300). @default 10 */
    healthCheckIntervalSeconds?: number;
    /** Failed checks before a pod is taken out (2-10): 2 × 10 s takes a broken pod out in 20 s. @default 2 */
    unhealthyThreshold?: number;
    /** Passed checks before a pod gets traffic (2-10). @default 2 */
    healthyThreshold?: number;
}

export interface RegionalEdgeArgs {
    /** Environment; "prod" turns deletion protection on. */
    environment: string;
    /** The spoke VPC. */
    vpcId: pulumi.Input<string>;
    /** The VPC's CIDR (plain): the ALBs' only egress destination (the pods). */
    vpcCidr: string;
    /** Public subnets (one per AZ): the CloudFront-facing ALB. */
    publicSubnetIds: pulumi.Input<string[]>;
    /** Private subnets (one per AZ): the Global Accelerator-facing internal ALB. */
    privateSubnetIds: pulumi.Input<string[]>;
    /** The platform's public Route 53 hosted zone (where the certificate is DNS-validated). */
    hostedZoneId: pulumi.Input<string>;
    /** Name CloudFront reaches the region's ALB by (latency-routed over every region), e.g. "origin.pay.example.com". */
    originHostname: string;
    /** Name clients reach the API by through Global Accelerator, e.g. "api.pay.example.com". */
    apiHostname: string;
    /** The value CloudFront sends in `originHeaderName` (a secret). */
    originSecret: pulumi.Input<string>;
    /** Header CloudFront adds to every origin request. @default "X-Origin-Verify" */
    originHeaderName?: string;
    /** The CloudFront origin-facing managed prefix list (com.amazonaws.global.cloudfront.origin-facing). */
    cloudFrontPrefixListId: pulumi.Input<string>;
    /** The ELB account of the region (aws.elb.getServiceAccount): legacy regions' log writer. */
    elbServiceAccountArn: pulumi.Input<string>;
    /** Requests per client IP per 5 minutes before the regional WAF blocks with 429 (100-2000000000). @default 2000 */
    wafRateLimit?: number;
    /** Deletion protection on both load balancers. @default true in prod, false elsewhere */
    deletionProtection?: boolean;
    /** Days the access logs are kept. @default 90 */
    accessLogRetentionDays?: number;
    /** Target group draining and health. @default see DrainingArgs */
    draining?: DrainingArgs;
    /** ALB listener TLS policy (TLS 1.3 with 1.2 fallback). @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
    sslPolicy?: string;
    /** Where ingress-nginx's Service lives, for the TargetGroupBindings. */
    ingress: IngressServiceArgs;
    /** Extra tags. @default {} */
    tags?: Record<string, string>;
}

/** The ingress-nginx Service the target groups are bound to. */
export interface IngressServiceArgs {
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    namespace: pulumi.Input<string>;
    /** Service name, e.g. "ingress-nginx-controller". */
    serviceName: string;
    /** What must exist first: the load balancer controller (its CRD and webhook) and the Service. */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}
