/**
 * RegionalEdge: what the global edge reaches in one region. Two ALBs in front of ingress-nginx (one
 * for CloudFront, one for Global Accelerator, see loadBalancer.ts), their DNS-validated certificate,
 * access logs, a regional WAF on both, and TargetGroupBindings that keep ingress-nginx's pods
 * registered in the program's own target groups.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DrainingArgs, RegionalEdgeArgs } from "./args";
import { validatedCertificate } from "./certificate";
import { EdgeLoadBalancer, edgeLoadBalancer } from "./loadBalancer";
import { PrivateBucket, privateBucket } from "./privateBucket";
import { NGINX_HEALTH, NGINX_HTTP_PORT, REGIONAL_EDGE_DEFAULTS, regionalEdgeProblems } from "./settings";
import { targetGroupBinding } from "./targetGroupBinding";
import { REGIONAL_MANAGED_GROUPS, webAcl } from "./webAcl";

/** ALB and target group names are at most 32 characters and Pulumi appends 8 to `<name>-gat`. */
export const MAX_REGIONAL_EDGE_NAME = 20;

export class RegionalEdge extends pulumi.ComponentResource {
    /** The CloudFront-facing ALB's DNS name (the origin record's alias target). */
    public readonly albDnsName: pulumi.Output<string>;
    /** The CloudFront-facing ALB's ARN. */
    public readonly albArn: pulumi.Output<string>;
    /** The ALB's canonical hosted zone id (for Route 53 aliases). */
    public readonly albZoneId: pulumi.Output<string>;
    /** The CloudFront-facing ALB's target group. */
    public readonly albTargetGroupArn: pulumi.Output<string>;
    /** The internal Global Accelerator-facing ALB's ARN (the endpoint group's endpoint). */
    public readonly acceleratorAlbArn: pulumi.Output<string>;
    /** The regional web ACL on both ALBs. */
    public readonly webAclArn: pulumi.Output<string>;
    /** The access-log bucket. */
    public readonly accessLogBucket: pulumi.Output<string>;
    /** Both ALBs with their target groups, by entry path ("cf", "ga"): what the alarms watch. */
    public readonly paths: { path: string; loadBalancer: aws.lb.LoadBalancer; targetGroup: aws.lb.TargetGroup }[];
    /** The target groups' health check (plain): how fast this region drops out of the edge. */
    public readonly targetHealth: { intervalSeconds: number; threshold: number };

    constructor(name: string, args: RegionalEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:edge:RegionalEdge", name, {}, opts);
        const problems = regionalEdgeProblems(args);
        if (name.length > MAX_REGIONAL_EDGE_NAME)
            problems.unshift(
                `name is ${JSON.stringify(name)} (${name.length} characters), at most ${MAX_REGIONAL_EDGE_NAME}: ALB and target group names stop at 32 with Pulumi's 8-character suffix`,
            );
        if (problems.length > 0) throw new Error(`Invalid RegionalEdge args (${name}):\n - ${problems.join("\n - ")}`);
        const logs = this.accessLogs(name, args);
        const draining = { ...REGIONAL_EDGE_DEFAULTS.draining, ...args.draining };
        const [cf, ga] = this.loadBalancers(name, args, logs, draining);
        const acl = this.firewall(name, args, [cf, ga]);
        this.bindings(name, args, [cf, ga]);

        this.albDnsName = cf.loadBalancer.dnsName;
        this.albArn = cf.loadBalancer.arn;
        this.albZoneId = cf.loadBalancer.zoneId;
        this.albTargetGroupArn = cf.targetGroup.arn;
        this.acceleratorAlbArn = ga.loadBalancer.arn;
        this.paths = [cf, ga].map((lb) => ({
            path: lb.path,
            loadBalancer: lb.loadBalancer,
            targetGroup: lb.targetGroup,
        }));
        this.webAclArn = acl.arn;
        this.accessLogBucket = logs.bucket.bucket;
        this.targetHealth = {
            intervalSeconds: draining.healthCheckIntervalSeconds,
            threshold: draining.unhealthyThreshold,
        };
        this.registerOutputs({
            albDnsName: this.albDnsName,
            albArn: this.albArn,
            albZoneId: this.albZoneId,
            albTargetGroupArn: this.albTargetGroupArn,
            acceleratorAlbArn: this.acceleratorAlbArn,
            webAclArn: this.webAclArn,
            accessLogBucket: this.accessLogBucket,
        });
    }

    /** The CloudFront-facing and the Global Accelerator-facing ALB, on one certificate. */
    private loadBalancers(
        name: string,
        args: RegionalEdgeArgs,
        logs: PrivateBucket,
        draining: Required<DrainingArgs>,
    ): [EdgeLoadBalancer, EdgeLoadBalancer] {
        const tags = args.tags ?? {};
        const certificateArn = validatedCertificate(
            `${name}-cert`,
            { hostedZoneId: args.hostedZoneId, names: [args.originHostname, args.apiHostname], tags },
            this,
        );
        const common = {
            vpcId: args.vpcId,
            vpcCidr: args.vpcCidr,
            certificateArn,
            sslPolicy: args.sslPolicy ?? REGIONAL_EDGE_DEFAULTS.sslPolicy,
            deletionProtection: args.deletionProtection ?? args.environment === "prod",
            logsBucket: logs.bucket.bucket,
            draining,
            // ELB writes a test object when access logs are turned on: the policy must exist first.
            dependsOn: [logs.policy],
            tags,
        };
        const cf = edgeLoadBalancer(
            name,
            {
                ...common,
                path: "cf",
                subnetIds: args.publicSubnetIds,
                source: { prefixListId: args.cloudFrontPrefixListId },
                originHeader: {
                    name: args.originHeaderName ?? REGIONAL_EDGE_DEFAULTS.originHeaderName,
                    value: pulumi.secret(args.originSecret),
                },
            },
            this,
        );
        const ga = edgeLoadBalancer(
            name,
            { ...common, path: "ga", subnetIds: args.privateSubnetIds, source: { cidr: "0.0.0.0/0" } },
            this,
        );
        return [cf, ga];
    }

    /**
     * SSE-S3, not the platform key: ELB delivers access logs only to SSE-S3 buckets. The writer is
     * the region's ELB account in regions older than August 2022 and the log-delivery service
     * principal in newer ones (ELB guide, "Enable access logs": bucket policy), so both are allowed,
     * each only under this account's AWSLogs prefix.
     */
    private accessLogs(name: string, args: RegionalEdgeArgs): PrivateBucket {
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return privateBucket(
            `${name}-alb-logs`,
            {
                encryption: "SSE-S3",
                expireAfterDays: args.accessLogRetentionDays ?? REGIONAL_EDGE_DEFAULTS.accessLogRetentionDays,
                statements: (arn) => [
                    {
                        Sid: "ElbAccessLogs",
                        Effect: "Allow",
                        Principal: {
                            AWS: args.elbServiceAccountArn,
                            Service: "logdelivery.elasticloadbalancing.amazonaws.com",
                        },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${arn}/*/AWSLogs/${account}/*`,
                    },
                ],
                tags: args.tags,
            },
            this,
        );
    }

    private firewall(name: string, args: RegionalEdgeArgs, lbs: EdgeLoadBalancer[]): aws.wafv2.WebAcl {
        const acl = webAcl(
            `${name}-waf`,
            {
                scope: "REGIONAL",
                managedGroups: REGIONAL_MANAGED_GROUPS,
                rateLimit: args.wafRateLimit ?? REGIONAL_EDGE_DEFAULTS.wafRateLimit,
                tags: args.tags,
            },
            { parent: this },
        );
        for (const lb of lbs)
            new aws.wafv2.WebAclAssociation(
                `${name}-waf-${lb.path}`,
                { resourceArn: lb.loadBalancer.arn, webAclArn: acl.arn },
                { parent: this },
            );
        return acl;
    }

    private bindings(name: string, args: RegionalEdgeArgs, lbs: EdgeLoadBalancer[]): void {
        const i = args.ingress;
        for (const lb of lbs)
            targetGroupBinding(
                `${name}-${lb.path}`,
                {
                    namespace: i.namespace,
                    service: { name: i.serviceName, port: NGINX_HTTP_PORT },
                    targetGroupArn: lb.targetGroup.arn,
                    loadBalancerSecurityGroupId: lb.securityGroup.id,
                    ports: [NGINX_HTTP_PORT, NGINX_HEALTH.port],
                },
                { parent: this, provider: i.provider, dependsOn: i.dependsOn },
            );
    }
}
