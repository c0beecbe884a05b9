/**
 * TLS in transit. Mandatory everywhere: PCI DSS 4.2.1 wants strong cryptography on every hop that
 * can carry cardholder data, and dev shares the code paths that prod runs.
 */
import {
    BUCKET_TYPES,
    bucketResources,
    get,
    globMatch,
    isOffOrMissing,
    isSet,
    isTrue,
    isUnknown,
    list,
    PlatformPolicy,
    resourcePolicy,
    StackNode,
    stackPolicy,
    Statement,
    statementsOf,
    strings,
} from "./helpers";

const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];

/** Whether every action of a listener (or rule) redirects to HTTPS. */
function onlyRedirectsToHttps(actions: unknown): boolean {
    const items = list(actions);
    if (isUnknown(items)) {
        return true;
    }
    return (
        items.length > 0 &&
        items.every(
            (a) => get(a, "type") === "redirect" && String(get(a, "redirect", "protocol")).toUpperCase() === "HTTPS",
        )
    );
}

interface ListenerConfig {
    allowedSslPolicies: string[];
    tlsPassthroughPorts: number[];
}

/**
 * TCP listeners are accepted only on tlsPassthroughPorts: an NLB in front of ingress-nginx passes
 * TLS through on 443 and the controller terminates it with its own TLS 1.2+ settings.
 */
export const lbListenerTls = resourcePolicy<ListenerConfig>({
    name: "lb-listener-tls",
    description: "Load balancer listeners terminate TLS 1.2+ or only redirect HTTP to HTTPS.",
    enforcementLevel: "mandatory",
    types: LISTENER_TYPES,
    config: {
        allowedSslPolicies: {
            type: "array",
            items: { type: "string" },
            description: "ELB security policies (globs) that allow nothing older than TLS 1.2.",
            default: [
                "ELBSecurityPolicy-TLS13-1-3-*",
                "ELBSecurityPolicy-TLS13-1-2-*",
                "ELBSecurityPolicy-TLS-1-2-*",
                "ELBSecurityPolicy-FS-1-2-*",
            ],
        },
        tlsPassthroughPorts: {
            type: "array",
            items: { type: "integer" },
            description: "Ports where a TCP listener may pass TLS through to a backend that terminates it.",
            default: [443],
        },
    },
    check(r, cfg, report) {
        const protocol = get(r.props, "protocol");
        if (isUnknown(protocol) || protocol === undefined || protocol === "GENEVE") {
            return; // Gateway Load Balancer listeners carry no protocol of their own.
        }
        switch (String(protocol).toUpperCase()) {
            case "HTTPS":
            case "TLS": {
                const policy = get(r.props, "sslPolicy");
                if (isUnknown(policy)) {
                    return;
                }
                if (typeof policy !== "string" || !cfg.allowedSslPolicies.some((p) => globMatch(p, policy))) {
                    report(`Load balancer listener must use a TLS 1.2+ SSL policy (got ${policy ?? "none"})`);
                }
                return;
            }
            case "HTTP":
                if (!onlyRedirectsToHttps(get(r.props, "defaultActions"))) {
                    report("HTTP load balancer listener must only redirect to HTTPS");
                }
                return;
            default: {
                const port = get(r.props, "port");
                if (!(typeof port === "number" && cfg.tlsPassthroughPorts.includes(port))) {
                    report(
                        `Load balancer listener must use HTTPS or TLS (got ${String(protocol)} on port ${String(port)})`,
                    );
                }
            }
        }
    },
});

/** Rules on an HTTP listener could forward plaintext even when its default action redirects. */
export const lbHttpListenerRulesRedirect = stackPolicy({
    name: "lb-http-listener-rules-redirect",
    description: "Rules on HTTP load balancer listeners only redirect to HTTPS.",
    enforcementLevel: "mandatory",
    config: {},
    check(stack, _cfg, report) {
        const httpListeners = stack
            .ofType(...LISTENER_TYPES)
            .filter((l) => String(get(l.props, "protocol")).toUpperCase() === "HTTP");
        for (const rule of stack.ofType(...LISTENER_RULE_TYPES)) {
            const onHttp = stack.linked(rule, "listenerArn", httpListeners).length > 0;
            if (onHttp && !onlyRedirectsToHttps(get(rule.props, "actions"))) {
                report("Listener rule on an HTTP listener must only redirect to HTTPS", rule.urn);
            }
        }
    },
});

const SECURE_VIEWER_POLICIES = ["redirect-to-https", "https-only"];
const WEAK_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

interface CloudFrontConfig {
    allowedMinimumProtocolVersions: string[];
}

export const cloudfrontTls = resourcePolicy<CloudFrontConfig>({
    name: "cloudfront-tls",
    description: "CloudFront serves viewers over TLS 1.2+ only and reaches custom origins over HTTPS.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    config: {
        allowedMinimumProtocolVersions: {
            type: "array",
            items: { type: "string" },
            description: "Viewer security policies at TLSv1.2_2021 or newer.",
            default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
        },
    },
    check(r, cfg, report) {
        checkViewerProtocols(r.props, report);
        checkViewerCertificate(r.props, cfg, report);
        checkOrigins(r.props, report);
    },
});

function checkViewerProtocols(props: Record<string, unknown>, report: (m: string) => void): void {
    const def = get(props, "defaultCacheBehavior", "viewerProtocolPolicy");
    if (!isUnknown(def) && !SECURE_VIEWER_POLICIES.includes(String(def))) {
        report(`CloudFront default cache behaviour must use redirect-to-https or https-only (got ${String(def)})`);
    }
    const ordered = list(get(props, "orderedCacheBehaviors"));
    for (const b of isUnknown(ordered) ? [] : ordered) {
        const v = get(b, "viewerProtocolPolicy");
        if (!isUnknown(v) && !SECURE_VIEWER_POLICIES.includes(String(v))) {
            const path = String(get(b, "pathPattern"));
            report(`CloudFront cache behaviour ${path} must use redirect-to-https or https-only (got ${String(v)})`);
        }
    }
}

function checkViewerCertificate(
    props: Record<string, unknown>,
    cfg: CloudFrontConfig,
    report: (m: string) => void,
): void {
    const cert = get(props, "viewerCertificate");
    if (isUnknown(cert)) {
        return;
    }
    // The *.cloudfront.net certificate pins the security policy to TLSv1.
    if (isTrue(get(cert, "cloudfrontDefaultCertificate"))) {
        report("CloudFront distribution must use its own certificate (the default certificate allows TLSv1)");
        return;
    }
    const min = get(cert, "minimumProtocolVersion");
    if (!isUnknown(min) && !cfg.allowedMinimumProtocolVersions.includes(String(min))) {
        report(
            `CloudFront viewer certificate must set minimumProtocolVersion TLSv1.2_2021 or newer (got ${String(min ?? "TLSv1")})`,
        );
    }
}

function checkOrigins(props: Record<string, unknown>, report: (m: string) => void): void {
    const origins = list(get(props, "origins"));
    for (const o of isUnknown(origins) ? [] : origins) {
        const custom = get(o, "customOriginConfig");
        if (custom === undefined || isUnknown(custom)) {
            continue;
        }
        const id = String(get(o, "originId"));
        const policy = get(custom, "originProtocolPolicy");
        if (!isUnknown(policy) && policy !== "https-only") {
            report(`CloudFront origin ${id} must use originProtocolPolicy https-only (got ${String(policy)})`);
        }
        const weak = strings(get(custom, "originSslProtocols")).filter((p) => WEAK_ORIGIN_PROTOCOLS.includes(p));
        if (weak.length > 0) {
            report(`CloudFront origin ${id} must not allow ${weak.join(", ")}`);
        }
    }
}

/** Which parameter turns on TLS-only connections for a parameter group family. */
function tlsParameter(type: string, family: string): { name: string; values: string[]; show: string } | undefined {
    const cluster = type === "aws:rds/clusterParameterGroup:ClusterParameterGroup";
    // Aurora's TLS switches are cluster-level; its instance parameter groups have none.
    if (!cluster && family.startsWith("aurora")) {
        return undefined;
    }
    if (/^(aurora-postgresql|postgres)/.test(family)) {
        return { name: "rds.force_ssl", values: ["1"], show: "rds.force_ssl=1" };
    }
    if (/^(aurora-mysql|aurora5|aurora|mysql|mariadb)/.test(family)) {
        return { name: "require_secure_transport", values: ["ON", "1"], show: "require_secure_transport=ON" };
    }
    return undefined;
}

/** Whether a parameter group (props) enforces TLS; undefined when the family has no such switch. */
export function enforcesTls(type: string, props: Record<string, unknown>): { ok: boolean; show: string } | undefined {
    const family = get(props, "family");
    if (typeof family !== "string") {
        return undefined;
    }
    const want = tlsParameter(type, family);
    if (!want) {
        return undefined;
    }
    const params = list(get(props, "parameters"));
    if (isUnknown(params)) {
        return { ok: true, show: want.show };
    }
    const value = params.find((p) => get(p, "name") === want.name);
    const v = get(value, "value");
    return { ok: isUnknown(v) || want.values.includes(String(v).toUpperCase()), show: want.show };
}

const PARAMETER_GROUP_TYPES = [
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "aws:rds/parameterGroup:ParameterGroup",
];

export const rdsParameterGroupTls = resourcePolicy({
    name: "rds-parameter-group-tls",
    description: "PostgreSQL and MySQL parameter groups refuse connections without TLS.",
    enforcementLevel: "mandatory",
    types: PARAMETER_GROUP_TYPES,
    config: {},
    check(r, _cfg, report) {
        const result = enforcesTls(r.type, r.props);
        if (result && !result.ok) {
            report(`RDS parameter group must set ${result.show}`);
        }
    },
});

const TLS_ENGINES = /^(aurora-postgresql|aurora-mysql|aurora|postgres|mysql|mariadb)$/;

/**
 * A cluster on the engine's default parameter group accepts plaintext, so every PostgreSQL/MySQL
 * database names its own group; when that group is in the stack it must enforce TLS too.
 */
export const rdsTlsParameterGroupAttached = stackPolicy({
    name: "rds-tls-parameter-group-attached",
    description: "RDS clusters and instances use a parameter group that enforces TLS.",
    enforcementLevel: "mandatory",
    config: {},
    check(stack, _cfg, report) {
        const groups = stack.ofType(...PARAMETER_GROUP_TYPES);
        const targets: [string, string, string][] = [
            ["aws:rds/cluster:Cluster", "dbClusterParameterGroupName", "RDS cluster"],
            ["aws:rds/instance:Instance", "parameterGroupName", "RDS instance"],
        ];
        for (const [type, prop, kind] of targets) {
            for (const db of stack.ofType(type)) {
                const problem = parameterGroupProblem(stack.linked(db, prop, groups, byName), db, prop);
                if (problem) {
                    report(`${kind} must use a parameter group that enforces TLS (${problem})`, db.urn);
                }
            }
        }
    },
});

function byName(group: StackNode, value: unknown): boolean {
    return typeof value === "string" && value === get(group.props, "name");
}

function parameterGroupProblem(linked: StackNode[], db: StackNode, prop: string): string | undefined {
    const engine = get(db.props, "engine");
    if (typeof engine !== "string" || !TLS_ENGINES.test(engine) || isSet(get(db.props, "replicateSourceDb"))) {
        return undefined;
    }
    const name = get(db.props, prop);
    if (isUnknown(name)) {
        return undefined;
    }
    if (typeof name !== "string" || name === "" || name.startsWith("default.")) {
        return `${prop} is not set, so the engine default applies`;
    }
    const bad = linked.map((g) => ({ g, r: enforcesTls(g.type, g.props) })).find((x) => x.r && !x.r.ok);
    return bad ? `${bad.g.name} does not set ${bad.r!.show}` : undefined;
}

export const rdsProxyRequireTls = resourcePolicy({
    name: "rds-proxy-require-tls",
    description: "RDS proxies accept TLS connections only.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/proxy:Proxy"],
    config: {},
    check(r, _cfg, report) {
        const v = get(r.props, "requireTls");
        if (isOffOrMissing(v)) {
            report("RDS proxy must require TLS (requireTls)");
        }
    },
});

export const elasticacheTransitEncryption = resourcePolicy({
    name: "elasticache-transit-encryption",
    description: "ElastiCache replication groups and standalone clusters require TLS.",
    enforcementLevel: "mandatory",
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"],
    config: {},
    check(r, _cfg, report) {
        const group = r.type === "aws:elasticache/replicationGroup:ReplicationGroup";
        // Member clusters and global-datastore secondaries inherit the group's setting.
        if (isSet(get(r.props, group ? "globalReplicationGroupId" : "replicationGroupId"))) {
            return;
        }
        const kind = group ? "ElastiCache replication group" : "ElastiCache cluster";
        const enabled = get(r.props, "transitEncryptionEnabled");
        if (isOffOrMissing(enabled)) {
            report(`${kind} must enable in-transit encryption (transitEncryptionEnabled)`);
        } else if (get(r.props, "transitEncryptionMode") === "preferred") {
            report(`${kind} must require TLS (transitEncryptionMode required, got preferred)`);
        }
    },
});

/** A Deny whose condition matches requests that arrived without TLS. */
export function deniesInsecureTransport(s: Statement): boolean {
    if (s.Effect !== "Deny" || !s.Condition || typeof s.Condition !== "object") {
        return false;
    }
    return Object.entries(s.Condition as Record<string, unknown>).some(
        ([op, byKey]) =>
            /^Bool(IfExists)?$/.test(op) &&
            !!byKey &&
            typeof byKey === "object" &&
            Object.entries(byKey as Record<string, unknown>).some(
                ([k, v]) =>
                    k.toLowerCase() === "aws:securetransport" &&
                    (Array.isArray(v) ? v : [v]).some((x) => String(x) === "false"),
            ),
    );
}

export const s3BucketSecureTransport = stackPolicy({
    name: "s3-bucket-secure-transport",
    description: "Every S3 bucket's policy denies requests made without TLS.",
    enforcementLevel: "mandatory",
    config: {},
    check(stack, _cfg, report) {
        for (const bucket of stack.ofType(...BUCKET_TYPES)) {
            const docs = bucketResources(stack, bucket, ["aws:s3/bucketPolicy:BucketPolicy"]).map((p) =>
                get(p.props, "policy"),
            );
            const inline = get(bucket.props, "policy");
            if (inline !== undefined) {
                docs.push(inline);
            }
            const statements = docs.map(statementsOf);
            if (statements.some(isUnknown)) {
                continue; // The document interpolates outputs that only exist after deploy.
            }
            if (!statements.some((ss) => (ss as Statement[]).some(deniesInsecureTransport))) {
                report('S3 bucket must have a bucket policy that denies aws:SecureTransport "false"', bucket.urn);
            }
        }
    },
});

export const tlsPolicies: PlatformPolicy[] = [
    lbListenerTls,
    lbHttpListenerRulesRedirect,
    cloudfrontTls,
    rdsParameterGroupTls,
    rdsTlsParameterGroupAttached,
    rdsProxyRequireTls,
    elasticacheTransitEncryption,
    s3BucketSecureTransport,
];
