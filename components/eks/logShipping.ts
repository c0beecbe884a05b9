/**
 * Container logs to CloudWatch Logs: log groups the program owns (retention and KMS key from
 * config, destroyed with the stack) and aws-for-fluent-bit writing into them with an IRSA role that
 * can touch those groups and nothing else. The chart's auto-create is off: a group Fluent Bit
 * created would have no retention (logs kept forever, billed forever) and no key.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HelmAddonsContext, release, role } from "./helmAddons";
import { SYSTEM_TOLERATION } from "./nodeGroups";
import { logShippingPolicy } from "./observabilityPolicies";
import { ClusterObservabilitySettings } from "./observabilitySettings";
import { FluentBitValues } from "./observabilityValues";
import { MONITORING_NAMESPACE } from "./prometheusValues";
import { CHARTS } from "./versions";

const ROLE_ARN = "eks.amazonaws.com/role-arn";
const SERVICE_ACCOUNT = "aws-for-fluent-bit";

/** The container log group of a cluster (EKS's own groups live under /aws/eks/<cluster>/ too). */
export function containerLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/containers`;
}

export interface ContainerLogsArgs {
    /** The `monitoring` namespace (privileged: Fluent Bit reads the nodes' /var/log). */
    namespace: k8s.core.v1.Namespace;
    /**
     * The Prometheus operator's CRDs. The chart renders its ServiceMonitor only when the API serves
     * monitoring.coreos.com/v1 (`.Capabilities.APIVersions.Has`), so installed before the CRDs it
     * would silently have none.
     */
    crds: pulumi.Resource;
    settings: ClusterObservabilitySettings;
    kmsKeyArn: pulumi.Input<string>;
}

/** The log group, Fluent Bit's role scoped to it, and the DaemonSet. */
export function containerLogs(
    ctx: HelmAddonsContext,
    args: ContainerLogsArgs,
): { release: k8s.helm.v3.Release; logGroups: aws.cloudwatch.LogGroup[] } {
    const group = new aws.cloudwatch.LogGroup(
        `${ctx.name}-container-logs`,
        {
            name: containerLogGroupName(ctx.clusterName),
            retentionInDays: args.settings.logRetentionDays ?? 90,
            kmsKeyId: args.kmsKeyArn,
            tags: { ...ctx.tags, Name: `${ctx.name}-container-logs` },
        },
        { parent: ctx.parent },
    );
    const logGroups = [group];
    const policy = pulumi.all(logGroups.map((g) => g.arn)).apply(logShippingPolicy);
    const r = role(ctx, "fluent-bit", MONITORING_NAMESPACE, SERVICE_ACCOUNT, policy);
    const values: FluentBitValues = {
        // A DaemonSet: every node, the tainted system pool included, at node-critical priority so
        // that a full node evicts workloads before its log shipper.
        tolerations: [SYSTEM_TOLERATION],
        priorityClassName: "system-node-critical",
        serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: { [ROLE_ARN]: r.role.arn } },
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
        cloudWatchLogs: {
            enabled: true,
            region: ctx.region,
            logGroupName: group.name,
            logStreamPrefix: "fluentbit-",
            autoCreateGroup: false,
        },
        serviceMonitor: { enabled: true },
    };
    return {
        release: release(ctx, "aws-for-fluent-bit", CHARTS.awsForFluentBit, args.namespace.metadata.name, values, [
            group,
            args.crds,
            ...r.policies,
        ]),
        logGroups,
    };
}
