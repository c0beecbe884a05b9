import { expect } from "chai";
import {
    cloudfrontTls,
    elasticacheTransitEncryption,
    lbHttpListenerRulesRedirect,
    lbListenerTls,
    rdsParameterGroupTls,
    rdsProxyRequireTls,
    rdsTlsParameterGroupAttached,
    s3BucketSecureTransport,
} from "../../policies/tls";
import { mutate, resourceCases, runResource, runStack, StackResource, TestResource, UNKNOWN_VALUE } from "./harness";

const REDIRECT = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];

describe("TLS policies", () => {
    describe("lb-listener-tls", () => {
        const https = (): TestResource => ({
            type: "aws:lb/listener:Listener",
            props: {
                loadBalancerArn: "arn:lb",
                port: 443,
                protocol: "HTTPS",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                certificateArn: "arn:cert",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        });
        resourceCases(lbListenerTls, https, [
            {
                what: "a TLS 1.0 policy",
                path: ["sslPolicy"],
                to: "ELBSecurityPolicy-2016-08",
                message: "Load balancer listener must use a TLS 1.2+ SSL policy (got ELBSecurityPolicy-2016-08)",
            },
            {
                what: "TLS 1.1 in a TLS13 policy",
                path: ["sslPolicy"],
                to: "ELBSecurityPolicy-TLS13-1-1-2021-06",
                message:
                    "Load balancer listener must use a TLS 1.2+ SSL policy (got ELBSecurityPolicy-TLS13-1-1-2021-06)",
            },
            {
                what: "no SSL policy",
                path: ["sslPolicy"],
                to: undefined,
                message: "Load balancer listener must use a TLS 1.2+ SSL policy (got none)",
            },
            {
                what: "an HTTP listener that forwards",
                path: ["protocol"],
                to: "HTTP",
                message: "HTTP load balancer listener must only redirect to HTTPS",
            },
        ]);

        it("accepts every allow-listed policy family", () => {
            for (const p of [
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
                "ELBSecurityPolicy-FS-1-2-Res-2020-10",
                "ELBSecurityPolicy-TLS13-1-3-2021-06",
            ]) {
                const r = https();
                r.props = mutate(r.props, ["sslPolicy"], p);
                expect(runResource(lbListenerTls, r), p).to.deep.equal([]);
            }
        });

        const http = (): TestResource => ({
            type: "aws:alb/listener:Listener",
            props: { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: REDIRECT },
        });
        resourceCases(lbListenerTls, http, [
            {
                what: "a redirect that keeps HTTP",
                path: ["defaultActions", 0, "redirect", "protocol"],
                to: undefined,
                message: "HTTP load balancer listener must only redirect to HTTPS",
            },
            {
                what: "a forward action",
                path: ["defaultActions", 0],
                to: { type: "forward", targetGroupArn: "arn:tg" },
                message: "HTTP load balancer listener must only redirect to HTTPS",
            },
        ]);

        const nlb = (): TestResource => ({
            type: "aws:lb/listener:Listener",
            props: {
                loadBalancerArn: "arn:nlb",
                port: 443,
                protocol: "TCP",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        });
        resourceCases(lbListenerTls, nlb, [
            {
                what: "TCP off the passthrough ports",
                path: ["port"],
                to: 5432,
                message: "Load balancer listener must use HTTPS or TLS (got TCP on port 5432)",
            },
            {
                what: "a TLS listener with a weak policy",
                path: ["protocol"],
                to: "TLS",
                message: "Load balancer listener must use a TLS 1.2+ SSL policy (got none)",
            },
        ]);

        it("ignores Gateway Load Balancer listeners and other types", () => {
            expect(
                runResource(lbListenerTls, { type: "aws:lb/listener:Listener", props: { defaultActions: [] } }),
            ).to.deep.equal([]);
            expect(
                runResource(lbListenerTls, { type: "aws:lb/listenerRule:ListenerRule", props: { protocol: "HTTP" } }),
            ).to.deep.equal([]);
        });
    });

    describe("lb-http-listener-rules-redirect", () => {
        const stack = (): StackResource[] => [
            {
                type: "aws:lb/listener:Listener",
                name: "http",
                props: { protocol: "HTTP", port: 80, defaultActions: REDIRECT },
            },
            {
                type: "aws:lb/listener:Listener",
                name: "https",
                props: { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
            },
            {
                type: "aws:lb/listenerRule:ListenerRule",
                name: "http-rule",
                props: { listenerArn: "a", actions: REDIRECT },
                deps: { listenerArn: ["http"] },
            },
            {
                type: "aws:lb/listenerRule:ListenerRule",
                name: "https-rule",
                props: { listenerArn: "b", actions: [{ type: "forward" }] },
                deps: { listenerArn: ["https"] },
            },
        ];

        it("accepts redirect rules on HTTP and forward rules on HTTPS", () => {
            expect(runStack(lbHttpListenerRulesRedirect, stack())).to.deep.equal([]);
        });

        it("reports a forwarding rule on an HTTP listener", () => {
            const s = stack();
            s[2].props = mutate(s[2].props, ["actions"], [{ type: "forward", targetGroupArn: "arn:tg" }]);
            expect(runStack(lbHttpListenerRulesRedirect, s)).to.deep.equal([
                { message: "Listener rule on an HTTP listener must only redirect to HTTPS", name: "http-rule" },
            ]);
        });
    });

    describe("cloudfront-tls", () => {
        const distribution = (): TestResource => ({
            type: "aws:cloudfront/distribution:Distribution",
            props: {
                enabled: true,
                defaultCacheBehavior: { targetOriginId: "alb", viewerProtocolPolicy: "redirect-to-https" },
                orderedCacheBehaviors: [
                    { pathPattern: "/api/*", targetOriginId: "alb", viewerProtocolPolicy: "https-only" },
                ],
                viewerCertificate: {
                    acmCertificateArn: "arn:cert",
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1.2_2021",
                },
                origins: [
                    {
                        originId: "alb",
                        domainName: "alb.example.com",
                        customOriginConfig: {
                            httpPort: 80,
                            httpsPort: 443,
                            originProtocolPolicy: "https-only",
                            originSslProtocols: ["TLSv1.2"],
                        },
                    },
                    { originId: "s3", domainName: "b.s3.amazonaws.com", originAccessControlId: "oac" },
                ],
            },
        });
        resourceCases(cloudfrontTls, distribution, [
            {
                what: "allow-all on the default behaviour",
                path: ["defaultCacheBehavior", "viewerProtocolPolicy"],
                to: "allow-all",
                message: "CloudFront default cache behaviour must use redirect-to-https or https-only (got allow-all)",
            },
            {
                what: "allow-all on an ordered behaviour",
                path: ["orderedCacheBehaviors", 0, "viewerProtocolPolicy"],
                to: "allow-all",
                message: "CloudFront cache behaviour /api/* must use redirect-to-https or https-only (got allow-all)",
            },
            {
                what: "a TLSv1 minimum",
                path: ["viewerCertificate", "minimumProtocolVersion"],
                to: "TLSv1",
                message:
                    "CloudFront viewer certificate must set minimumProtocolVersion TLSv1.2_2021 or newer (got TLSv1)",
            },
            {
                what: "TLSv1.2_2019",
                path: ["viewerCertificate", "minimumProtocolVersion"],
                to: "TLSv1.2_2019",
                message:
                    "CloudFront viewer certificate must set minimumProtocolVersion TLSv1.2_2021 or newer (got TLSv1.2_2019)",
            },
            {
                what: "an unset minimum (TLSv1)",
                path: ["viewerCertificate", "minimumProtocolVersion"],
                to: undefined,
                message:
                    "CloudFront viewer certificate must set minimumProtocolVersion TLSv1.2_2021 or newer (got TLSv1)",
            },
            {
                what: "the default certificate",
                path: ["viewerCertificate"],
                to: { cloudfrontDefaultCertificate: true },
                message: "CloudFront distribution must use its own certificate (the default certificate allows TLSv1)",
            },
            {
                what: "an origin reached over HTTP",
                path: ["origins", 0, "customOriginConfig", "originProtocolPolicy"],
                to: "match-viewer",
                message: "CloudFront origin alb must use originProtocolPolicy https-only (got match-viewer)",
            },
            {
                what: "an origin allowing TLSv1",
                path: ["origins", 0, "customOriginConfig", "originSslProtocols"],
                to: ["TLSv1", "TLSv1.2"],
                message: "CloudFront origin alb must not allow TLSv1",
            },
        ]);

        it("accepts TLSv1.2_2025 and TLSv1.3_2025", () => {
            for (const v of ["TLSv1.2_2025", "TLSv1.3_2025"]) {
                const r = distribution();
                r.props = mutate(r.props, ["viewerCertificate", "minimumProtocolVersion"], v);
                expect(runResource(cloudfrontTls, r)).to.deep.equal([]);
            }
        });
    });

    describe("rds-parameter-group-tls", () => {
        const clusterGroup = (family: string, name: string, value: string): TestResource => ({
            type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
            props: {
                family,
                parameters: [
                    { name: "log_statement", value: "ddl" },
                    { name, value, applyMethod: "pending-reboot" },
                ],
            },
        });
        resourceCases(rdsParameterGroupTls, () => clusterGroup("aurora-postgresql16", "rds.force_ssl", "1"), [
            {
                what: "force_ssl off",
                path: ["parameters", 1, "value"],
                to: "0",
                message: "RDS parameter group must set rds.force_ssl=1",
            },
            {
                what: "force_ssl missing",
                path: ["parameters"],
                to: [],
                message: "RDS parameter group must set rds.force_ssl=1",
            },
        ]);
        resourceCases(rdsParameterGroupTls, () => clusterGroup("aurora-mysql8.0", "require_secure_transport", "ON"), [
            {
                what: "require_secure_transport OFF",
                path: ["parameters", 1, "value"],
                to: "OFF",
                message: "RDS parameter group must set require_secure_transport=ON",
            },
        ]);
        resourceCases(
            rdsParameterGroupTls,
            () => ({
                type: "aws:rds/parameterGroup:ParameterGroup",
                props: { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] },
            }),
            [
                {
                    what: "an instance group without force_ssl",
                    path: ["parameters"],
                    to: undefined,
                    message: "RDS parameter group must set rds.force_ssl=1",
                },
            ],
        );

        it("ignores Aurora instance parameter groups and other engines", () => {
            expect(
                runResource(rdsParameterGroupTls, {
                    type: "aws:rds/parameterGroup:ParameterGroup",
                    props: { family: "aurora-postgresql16" },
                }),
            ).to.deep.equal([]);
            expect(
                runResource(rdsParameterGroupTls, {
                    type: "aws:rds/parameterGroup:ParameterGroup",
                    props: { family: "oracle-ee-19" },
                }),
            ).to.deep.equal([]);
        });
    });

    describe("rds-tls-parameter-group-attached", () => {
        const stack = (): StackResource[] => [
            {
                type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
                name: "pg",
                props: {
                    name: "payments-pg",
                    family: "aurora-postgresql16",
                    parameters: [{ name: "rds.force_ssl", value: "1" }],
                },
            },
            {
                type: "aws:rds/cluster:Cluster",
                name: "db",
                props: { engine: "aurora-postgresql", dbClusterParameterGroupName: "payments-pg" },
                deps: { dbClusterParameterGroupName: ["pg"] },
            },
        ];

        it("accepts a cluster on a TLS-enforcing group", () => {
            expect(runStack(rdsTlsParameterGroupAttached, stack())).to.deep.equal([]);
        });

        it("reports a cluster on the default group", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["dbClusterParameterGroupName"], undefined);
            s[1].deps = {};
            expect(runStack(rdsTlsParameterGroupAttached, s)).to.deep.equal([
                {
                    message:
                        "RDS cluster must use a parameter group that enforces TLS (dbClusterParameterGroupName is not set, so the engine default applies)",
                    name: "db",
                },
            ]);
        });

        it("reports a cluster on a group (linked by name) that does not enforce TLS", () => {
            const s = stack();
            s[0].props = mutate(s[0].props, ["parameters"], []);
            s[1].deps = {};
            expect(runStack(rdsTlsParameterGroupAttached, s)).to.deep.equal([
                {
                    message:
                        "RDS cluster must use a parameter group that enforces TLS (pg does not set rds.force_ssl=1)",
                    name: "db",
                },
            ]);
        });

        it("reports a PostgreSQL instance on a default.* group and ignores replicas and other engines", () => {
            const s: StackResource[] = [
                {
                    type: "aws:rds/instance:Instance",
                    name: "pg",
                    props: { engine: "postgres", parameterGroupName: "default.postgres16" },
                },
                {
                    type: "aws:rds/instance:Instance",
                    name: "replica",
                    props: { engine: "postgres", replicateSourceDb: "pg" },
                },
                { type: "aws:rds/instance:Instance", name: "oracle", props: { engine: "oracle-ee" } },
            ];
            expect(runStack(rdsTlsParameterGroupAttached, s)).to.deep.equal([
                {
                    message:
                        "RDS instance must use a parameter group that enforces TLS (parameterGroupName is not set, so the engine default applies)",
                    name: "pg",
                },
            ]);
        });
    });

    describe("rds-proxy-require-tls", () => {
        resourceCases(
            rdsProxyRequireTls,
            () => ({ type: "aws:rds/proxy:Proxy", props: { engineFamily: "POSTGRESQL", requireTls: true } }),
            [
                {
                    what: "requireTls off",
                    path: ["requireTls"],
                    to: false,
                    message: "RDS proxy must require TLS (requireTls)",
                },
                {
                    what: "requireTls unset",
                    path: ["requireTls"],
                    to: undefined,
                    message: "RDS proxy must require TLS (requireTls)",
                },
            ],
        );
    });

    describe("elasticache-transit-encryption", () => {
        resourceCases(
            elasticacheTransitEncryption,
            () => ({
                type: "aws:elasticache/replicationGroup:ReplicationGroup",
                props: { description: "r", transitEncryptionEnabled: true, transitEncryptionMode: "required" },
            }),
            [
                {
                    what: "transit encryption off",
                    path: ["transitEncryptionEnabled"],
                    to: false,
                    message:
                        "ElastiCache replication group must enable in-transit encryption (transitEncryptionEnabled)",
                },
                {
                    what: "preferred mode",
                    path: ["transitEncryptionMode"],
                    to: "preferred",
                    message:
                        "ElastiCache replication group must require TLS (transitEncryptionMode required, got preferred)",
                },
            ],
        );
        resourceCases(
            elasticacheTransitEncryption,
            () => ({
                type: "aws:elasticache/cluster:Cluster",
                props: { engine: "memcached", transitEncryptionEnabled: true },
            }),
            [
                {
                    what: "a standalone cluster without TLS",
                    path: ["transitEncryptionEnabled"],
                    to: undefined,
                    message: "ElastiCache cluster must enable in-transit encryption (transitEncryptionEnabled)",
                },
            ],
        );
        it("ignores replication group members", () => {
            expect(
                runResource(elasticacheTransitEncryption, {
                    type: "aws:elasticache/cluster:Cluster",
                    props: { replicationGroupId: "g" },
                }),
            ).to.deep.equal([]);
        });
    });

    describe("s3-bucket-secure-transport", () => {
        const deny = {
            Sid: "TlsOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        };
        const stack = (): StackResource[] => [
            { type: "aws:s3/bucket:Bucket", name: "assets", props: {} },
            {
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "assets-policy",
                props: { bucket: "id", policy: JSON.stringify({ Statement: [deny] }) },
                deps: { bucket: ["assets"] },
            },
        ];
        const message = {
            message: 'S3 bucket must have a bucket policy that denies aws:SecureTransport "false"',
            name: "assets",
        };

        it("accepts a bucket whose policy denies insecure transport", () => {
            expect(runStack(s3BucketSecureTransport, stack())).to.deep.equal([]);
        });

        it("reports a bucket without a bucket policy", () => {
            expect(runStack(s3BucketSecureTransport, [stack()[0]])).to.deep.equal([message]);
        });

        it("reports a policy whose deny has no SecureTransport condition", () => {
            const s = stack();
            s[1].props = mutate(
                s[1].props,
                ["policy"],
                JSON.stringify({ Statement: [{ ...deny, Condition: undefined }] }),
            );
            expect(runStack(s3BucketSecureTransport, s)).to.deep.equal([message]);
        });

        it("reports an Allow on SecureTransport false (not a deny)", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["policy"], JSON.stringify({ Statement: [{ ...deny, Effect: "Allow" }] }));
            expect(runStack(s3BucketSecureTransport, s)).to.deep.equal([message]);
        });

        it("accepts a boolean false and BoolIfExists", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["policy"], {
                Statement: [{ ...deny, Condition: { BoolIfExists: { "aws:SecureTransport": false } } }],
            });
            expect(runStack(s3BucketSecureTransport, s)).to.deep.equal([]);
        });

        it("skips a bucket whose policy is unknown at preview", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["policy"], UNKNOWN_VALUE);
            expect(runStack(s3BucketSecureTransport, s)).to.deep.equal([]);
        });
    });
});
