/** Data and operations: Aurora, RDS Proxy, ElastiCache, SQS, EventBridge, KMS, logs, SSM, secrets, backup. */
import { DISCOUNTS, VCPUS } from "../prices";
import { arr, hourly, monthly, num, str, usage } from "../parts";
import { Part, Pricer } from "../types";

export const auroraCluster: Pricer = (r, ctx) => {
    const a = ctx.assumptions;
    const parts: Part[] = [
        usage(ctx, "aurora:storage", a.auroraStorageGiB, "GiB-month", "auroraStorageGiB"),
        usage(ctx, "aurora:io", a.auroraIoMillion, "million", "auroraIoMillion, Aurora Standard"),
    ];
    // RDS keeps the managed master password in a Secrets Manager secret of its own: billed, though not a resource here.
    if (r.inputs.manageMasterUserPassword === true)
        parts.push(monthly(ctx, "secrets:secret", 1, "RDS-managed master secret"));
    parts[0].basis += "; backups within the retention period up to the cluster's size are free";
    return { parts };
};

export const auroraInstance: Pricer = (r, ctx) => {
    const cls = str(r.inputs.instanceClass);
    if (!cls) return { unpriced: "instanceClass unknown at plan time" };
    const part = hourly(ctx, `aurora:${cls}`, 1, cls);
    if ((num(r.inputs.performanceInsightsRetentionPeriod) ?? 7) > 7)
        part.basis += "; Performance Insights retention beyond 7 days is extra, not modelled";
    return { parts: [part] };
};

/** Billed per vCPU of the instances behind it, at least 2 (the RDS Proxy page). */
export const rdsProxy: Pricer = (r, ctx) => {
    const target = ctx.resources.find(
        (t) => t.type === "aws:rds/proxyTarget:ProxyTarget" && t.dependencies.includes(r.urn),
    );
    const cluster = str(target?.inputs.dbClusterIdentifier);
    const instances = ctx.resources.filter(
        (i) => i.type === "aws:rds/clusterInstance:ClusterInstance" && str(i.inputs.clusterIdentifier) === cluster,
    );
    const classes = instances.map((i) => str(i.inputs.instanceClass) ?? "");
    const unknown = classes.filter((c) => VCPUS[c] === undefined);
    if (!cluster || instances.length === 0) return { unpriced: "no proxy target with cluster instances found" };
    if (unknown.length > 0) return { unpriced: `vCPUs of ${unknown.join(", ")} not in the table` };
    const vcpus = Math.max(
        2,
        classes.reduce((n, c) => n + VCPUS[c], 0),
    );
    return { parts: [hourly(ctx, "rdsproxy:vcpu-hour", vcpus, `vCPU of ${cluster}'s ${instances.length} instances`)] };
};

export const replicationGroup: Pricer = (r, ctx) => {
    const type = str(r.inputs.nodeType);
    if (!type) return { unpriced: "nodeType unknown at plan time" };
    const groups = num(r.inputs.numNodeGroups) ?? 1;
    const replicas = num(r.inputs.replicasPerNodeGroup);
    const nodes = replicas !== undefined ? groups * (1 + replicas) : (num(r.inputs.numCacheClusters) ?? 1);
    const part = hourly(ctx, `cache:${type}`, nodes, `${type} node (primary + replicas)`);
    if (str(r.inputs.engine) === "valkey") {
        part.usd *= DISCOUNTS.valkey.factor;
        part.basis += ` × ${DISCOUNTS.valkey.factor} (Valkey)`;
    }
    return { parts: [part] };
};

export const queue: Pricer = (_r, ctx) => ({
    parts: [
        usage(
            ctx,
            "sqs:requests",
            ctx.assumptions.sqsRequestsMillion,
            "million",
            "sqsRequestsMillion; free tier ignored",
        ),
    ],
});

export const eventBus: Pricer = (_r, ctx) => ({
    parts: [usage(ctx, "events:custom", ctx.assumptions.eventsMillion, "million", "eventsMillion")],
});

export const kmsKey: Pricer = (r, ctx) => {
    const part = monthly(ctx, "kms:key", 1, "customer managed key");
    // Each of a key's first two rotations adds $1/month: month one doesn't pay it, a year later it does.
    if (r.inputs.enableKeyRotation === true) part.basis += "; +$1/month after each of the first two rotations";
    return { parts: [part] };
};

export const logGroup: Pricer = (r, ctx) => {
    const name = str(r.inputs.name) ?? "";
    const flow = ctx.resources.some(
        (f) =>
            f.type === "aws:ec2/flowLog:FlowLog" && (str(f.inputs.logDestination) ?? "").endsWith(`:log-group:${name}`),
    );
    const gib = flow ? ctx.assumptions.flowLogGiB : ctx.assumptions.logGiB;
    const retention = num(r.inputs.retentionInDays) ?? 0;
    // Never-expiring groups grow without bound: price a year of it.
    const months = (retention === 0 ? 365 : retention) / 30;
    const p = ctx.price("logs:storage");
    const stored: Part = {
        usd: gib * months * p,
        basis: `${Number((gib * months).toFixed(1))} GiB stored (${retention || "no"} days' retention) × $${p}/GiB-month`,
        scales: "usage",
    };
    return {
        parts: [usage(ctx, "logs:ingest", gib, "GiB", flow ? "flowLogGiB, vended flow logs" : "logGiB"), stored],
    };
};

export const parameter: Pricer = (r, ctx) =>
    str(r.inputs.tier) === "Advanced"
        ? { parts: [monthly(ctx, "ssm:advanced-parameter", 1, "advanced parameter")] }
        : { noCharge: "standard-tier parameters have no charge" };

export const secret: Pricer = (_r, ctx) => ({ parts: [monthly(ctx, "secrets:secret", 1, "secret")] });

export const alarm: Pricer = (r, ctx) => ({
    parts: [monthly(ctx, "cloudwatch:alarm", Math.max(1, arr(r.inputs.metricQueries).length), "alarm metric")],
});

export const dashboard: Pricer = (_r, ctx) => ({ parts: [monthly(ctx, "cloudwatch:dashboard", 1, "dashboard")] });

export const backupPlan: Pricer = (_r, ctx) => ({
    parts: [usage(ctx, "backup:warm", ctx.assumptions.storedGiB, "GiB-month", "storedGiB")],
});

export const proxyEndpoint: Pricer = () => ({
    unpriced: "an additional RDS Proxy endpoint may carry PrivateLink endpoint charges; not verified offline",
});
