/**
 * EdgeDelivery: the platform's global edge, in us-east-1 (CloudFront takes certificates and WAF web
 * ACLs from there only). CloudFront with its WAF, a private static origin and the regional ALBs as
 * the dynamic origin; Global Accelerator over the regions' internal ALBs; the zone's records.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptionKey } from "../kms";
import { accelerator } from "./accelerator";
import { validatedCertificate } from "./certificate";
import { accessLogging, distribution, securityHeaders } from "./distribution";
import { records } from "./dns";
import { EdgeDeliveryArgs } from "./globalArgs";
import { PrivateBucket, privateBucket } from "./privateBucket";
import { EDGE_DEFAULTS, edgeDeliveryProblems } from "./globalValidation";
import { REGIONAL_EDGE_DEFAULTS } from "./settings";
import { CLOUDFRONT_MANAGED_GROUPS, webAcl } from "./webAcl";

export class EdgeDelivery extends pulumi.ComponentResource {
    /** The distribution's id and domain name (d…cloudfront.net). */
    public readonly distributionId: pulumi.Output<string>;
    public readonly distributionDomainName: pulumi.Output<string>;
    /** The accelerator's DNS name and static addresses. */
    public readonly acceleratorDnsName: pulumi.Output<string>;
    /** The CLOUDFRONT-scope web ACL. */
    public readonly webAclArn: pulumi.Output<string>;
    /** The static origin bucket (upload under static/ and media/). */
    public readonly staticBucket: pulumi.Output<string>;

    constructor(name: string, args: EdgeDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:edge:EdgeDelivery", name, {}, opts);
        const problems = edgeDeliveryProblems(args);
        if (problems.length > 0) throw new Error(`Invalid EdgeDelivery args (${name}):\n - ${problems.join("\n - ")}`);
        const tags = args.tags ?? {};
        const { dist, acl, statics } = this.cloudFront(name, args, tags);
        const ga = accelerator(
            name,
            { regions: args.regions, health: args.acceleratorHealth ?? EDGE_DEFAULTS.acceleratorHealth, tags },
            this,
        );
        records(
            name,
            {
                zoneId: args.hostedZoneId,
                domain: args.domain,
                originHostname: `origin.${args.domain}`,
                apiHostname: `api.${args.domain}`,
                regions: args.regions,
                geolocation: args.geolocation ?? [],
                distribution: dist,
                accelerator: ga,
            },
            this,
        );
        if (args.shieldAdvanced)
            this.shield(
                name,
                [
                    ["cloudfront", dist.arn],
                    ["accelerator", ga.arn],
                ],
                tags,
            );

        this.distributionId = dist.id;
        this.distributionDomainName = dist.domainName;
        this.acceleratorDnsName = ga.dnsName;
        this.webAclArn = acl.arn;
        this.staticBucket = statics.bucket.bucket;
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionDomainName: this.distributionDomainName,
            acceleratorDnsName: this.acceleratorDnsName,
            webAclArn: this.webAclArn,
            staticBucket: this.staticBucket,
        });
    }

    /** The distribution with its certificate, WAF, static origin (OAC) and logging. */
    private cloudFront(
        name: string,
        args: EdgeDeliveryArgs,
        tags: Record<string, string>,
    ): { dist: aws.cloudfront.Distribution; acl: aws.wafv2.WebAcl; statics: PrivateBucket } {
        const certificateArn = validatedCertificate(
            `${name}-cert`,
            { hostedZoneId: args.hostedZoneId, names: [args.domain, `www.${args.domain}`], tags },
            this,
        );
        const acl = webAcl(
            `${name}-waf`,
            {
                scope: "CLOUDFRONT",
                managedGroups: CLOUDFRONT_MANAGED_GROUPS,
                rateLimit: args.wafRateLimit ?? REGIONAL_EDGE_DEFAULTS.wafRateLimit,
                tags,
            },
            { parent: this },
        );
        const oac = new aws.cloudfront.OriginAccessControl(
            `${name}-oac`,
            {
                name: `${name}-static`,
                originAccessControlOriginType: "s3",
                signingBehavior: "always",
                signingProtocol: "sigv4",
            },
            { parent: this },
        );
        // The bucket policy names the distribution, which needs the bucket's domain first.
        const [distArn, resolveDistArn] = pulumi.deferredOutput<string>();
        const statics = this.staticOrigin(name, distArn, tags);
        const logs = this.logBucket(name, args, tags);
        const dist = distribution(
            name,
            {
                aliases: [args.domain, `www.${args.domain}`],
                certificateArn,
                webAclArn: acl.arn,
                staticBucketDomainName: statics.bucket.bucketRegionalDomainName,
                originAccessControlId: oac.id,
                originHostname: `origin.${args.domain}`,
                originHeader: {
                    name: args.originHeaderName ?? REGIONAL_EDGE_DEFAULTS.originHeaderName,
                    value: pulumi.secret(args.originSecret),
                },
                priceClass: args.priceClass ?? EDGE_DEFAULTS.priceClass,
                tags,
            },
            securityHeaders(name, this),
            this,
        );
        resolveDistArn(dist.arn);
        accessLogging(name, dist, logs.bucket.arn, [logs.policy], this);
        return { dist, acl, statics };
    }

    /**
     * $3,000 a month per organization on a one-year commitment, plus data transfer out; the
     * subscription is the account's (made outside the program), the protections are this stack's.
     */
    private shield(name: string, targets: [string, pulumi.Output<string>][], tags: Record<string, string>): void {
        for (const [id, arn] of targets)
            new aws.shield.Protection(
                `${name}-shield-${id}`,
                { name: `${name}-${id}`, resourceArn: arn, tags },
                { parent: this },
            );
    }

    /**
     * SSE-KMS with a key of its own: CloudFront decrypts through OAC only if the key policy admits
     * cloudfront.amazonaws.com. Reads are admitted for this distribution only (AWS:SourceArn).
     */
    private staticOrigin(
        name: string,
        distributionArn: pulumi.Output<string>,
        tags: Record<string, string>,
    ): PrivateBucket {
        const key = encryptionKey(
            `${name}-static`,
            {
                description: "static origin of the platform's CloudFront distribution",
                servicePrincipals: ["cloudfront.amazonaws.com"],
                tags,
                protect: true,
            },
            this,
        );
        return privateBucket(
            `${name}-static`,
            {
                encryption: key.key.arn,
                versioned: true,
                noncurrentVersionDays: 30,
                statements: (arn) => [
                    {
                        Sid: "CloudFrontReadsThroughOac",
                        Effect: "Allow",
                        Principal: { Service: "cloudfront.amazonaws.com" },
                        Action: "s3:GetObject",
                        Resource: pulumi.interpolate`${arn}/*`,
                        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
                    },
                ],
                tags,
            },
            this,
        );
    }

    /** SSE-S3: the log delivery service writes with its own credentials, and no KMS grant is needed. */
    private logBucket(name: string, args: EdgeDeliveryArgs, tags: Record<string, string>): PrivateBucket {
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return privateBucket(
            `${name}-cf-logs`,
            {
                encryption: "SSE-S3",
                expireAfterDays: args.logRetentionDays ?? EDGE_DEFAULTS.logRetentionDays,
                statements: (arn) => [
                    {
                        Sid: "LogDeliveryWrites",
                        Effect: "Allow",
                        Principal: { Service: "delivery.logs.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${arn}/*`,
                        Condition: { StringEquals: { "aws:SourceAccount": account } },
                    },
                ],
                tags,
            },
            this,
        );
    }
}
