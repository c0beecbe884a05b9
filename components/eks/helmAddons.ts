/**
 * The platform's Helm add-ons, each with a pinned chart, typed values and (where it calls AWS) its
 * own IRSA role trusted by its own service account only.
 *
 * cluster-autoscaler rather than Karpenter: the node groups are the unit the config sizes (min and
 * max per AZ, on-demand vs spot per pool), and the autoscaler scales inside those bounds. Karpenter
 * would launch capacity outside the node groups, needing its own NodePools, an interruption queue
 * and EventBridge rules, and the configured maxima would no longer bound the bill.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IngressArgs } from "./args";
import * as v from "./chartValues";
import { rateLimitConfig, realIpConfig } from "./ingressNginx";
import { OidcProvider, PolicyDocument, ServiceAccountRole, serviceAccountRole } from "./irsa";
import { POOL_LABEL, SYSTEM_TOLERATION } from "./nodeGroups";
import { LB_CONTROLLER_POLICY, clusterAutoscalerPolicy, externalSecretsPolicy, kedaPolicy } from "./policies";
import { CHARTS, ChartPin } from "./versions";

/** The platform's own PriorityClass for add-ons outside kube-system that sit in the data path. */
export const PLATFORM_PRIORITY_CLASS = "platform-critical";
const ROLE_ARN = "eks.amazonaws.com/role-arn";

export interface HelmAddonsContext {
    name: string;
    clusterName: string;
    /** Several replicas, PDBs and autoscaling (prod). */
    ha: boolean;
    region: pulumi.Input<string>;
    account: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    vpcCidr?: string;
    oidc: OidcProvider;
    provider: k8s.Provider;
    tags: Record<string, string>;
    parent: pulumi.Resource;
    /** What must exist first: nodes, coredns, priority classes. */
    ready: pulumi.Resource[];
}

/** The system pool, at the priority of the cluster's own critical add-ons. */
export const system: v.Placement = {
    nodeSelector: { [POOL_LABEL]: "system" },
    tolerations: [SYSTEM_TOLERATION],
    priorityClassName: "system-cluster-critical",
};

/** A pinned, atomic Helm release bound to the cluster's provider, after `ctx.ready` and `dependsOn`. */
export function release(
    ctx: HelmAddonsContext,
    id: string,
    pin: ChartPin,
    namespace: pulumi.Input<string>,
    values: object,
    dependsOn: pulumi.Resource[],
): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        `${ctx.name}-${id}`,
        {
            name: id,
            chart: pin.chart,
            version: pin.version,
            repositoryOpts: { repo: pin.repo },
            namespace,
            values,
            // A failed upgrade rolls back rather than leaving a half-applied controller.
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 900,
        },
        { parent: ctx.parent, provider: ctx.provider, dependsOn: [...ctx.ready, ...dependsOn] },
    );
}

/** An IRSA role for one service account, with `policy` inline. */
export function role(
    ctx: HelmAddonsContext,
    id: string,
    namespace: string,
    serviceAccount: string,
    policy: pulumi.Input<PolicyDocument>,
): ServiceAccountRole {
    return serviceAccountRole(
        `${ctx.name}-${id}`,
        { oidc: ctx.oidc, namespace, serviceAccount, policy, tags: ctx.tags },
        ctx.parent,
    );
}

/** AWS Load Balancer Controller with the official IAM policy. */
export function lbController(ctx: HelmAddonsContext): k8s.helm.v3.Release {
    const sa = "aws-load-balancer-controller";
    const r = role(ctx, "lb-controller", "kube-system", sa, LB_CONTROLLER_POLICY);
    const values: v.LbControllerValues = {
        ...system,
        clusterName: ctx.clusterName,
        region: ctx.region,
        vpcId: ctx.vpcId,
        replicaCount: 2,
        serviceAccount: { create: true, name: sa, annotations: { [ROLE_ARN]: r.role.arn } },
        podDisruptionBudget: { maxUnavailable: 1 },
        // Only Services that ask for it (loadBalancerClass) get an NLB; nothing is converted silently.
        enableServiceMutatorWebhook: false,
        defaultTargetType: "ip",
    };
    return release(
        ctx,
        "aws-load-balancer-controller",
        CHARTS.awsLoadBalancerController,
        "kube-system",
        values,
        r.policies,
    );
}

/** ingress-nginx behind the edge's ALBs (TLS ends there) with the platform-wide rate limit. */
export function ingressNginx(
    ctx: HelmAddonsContext,
    ingress: IngressArgs,
    namespace: k8s.core.v1.Namespace,
    lbc: k8s.helm.v3.Release,
): k8s.helm.v3.Release {
    const selector = {
        matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
    };
    const values: v.IngressNginxValues = {
        controller: {
            priorityClassName: PLATFORM_PRIORITY_CLASS,
            replicaCount: ctx.ha ? 3 : 1,
            maxUnavailable: 1,
            config: {
                ...rateLimitConfig(ingress.rateLimit),
                ...realIpConfig(ctx.vpcCidr ?? "0.0.0.0/0", ingress.trustedProxyCidrs ?? []),
                "ssl-redirect": "false",
                "hide-headers": "Server,X-Powered-By",
            },
            allowSnippetAnnotations: false,
            ingressClassResource: { name: "nginx", default: true },
            // The seeds scale nginx on CPU.
            autoscaling: { enabled: ctx.ha, minReplicas: 3, maxReplicas: 12, targetCPUUtilizationPercentage: 60 },
            topologySpreadConstraints: [
                {
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: ctx.ha ? "DoNotSchedule" : "ScheduleAnyway",
                    labelSelector: selector,
                },
            ],
            resources: { requests: { cpu: "250m", memory: "256Mi" } },
            metrics: { enabled: true },
            // ClusterIP: the edge's ALBs (program-owned, in Pulumi state) reach the pods through
            // TargetGroupBindings, so no controller-made load balancer exists outside the program.
            // TLS ends at the ALBs; nginx serves plain HTTP only.
            service: {
                type: "ClusterIP",
                enableHttp: true,
                enableHttps: false,
                targetPorts: { http: "http", https: "https" },
            },
        },
    };
    return release(ctx, "ingress-nginx", CHARTS.ingressNginx, namespace.metadata.name, values, [lbc]);
}

/** metrics-server for HPA and KEDA's CPU/memory triggers. */
export function metricsServer(ctx: HelmAddonsContext): k8s.helm.v3.Release {
    const values: v.MetricsServerValues = {
        ...system,
        replicas: ctx.ha ? 2 : 1,
        podDisruptionBudget: { enabled: ctx.ha, maxUnavailable: 1 },
    };
    return release(ctx, "metrics-server", CHARTS.metricsServer, "kube-system", values, []);
}

/** cluster-autoscaler, scaling only this cluster's node groups. */
export function clusterAutoscaler(ctx: HelmAddonsContext, imageTag: string): k8s.helm.v3.Release {
    const sa = "cluster-autoscaler";
    const r = role(ctx, "cluster-autoscaler", "kube-system", sa, clusterAutoscalerPolicy(ctx.clusterName));
    const values: v.ClusterAutoscalerValues = {
        ...system,
        cloudProvider: "aws",
        awsRegion: ctx.region,
        autoDiscovery: { clusterName: ctx.clusterName },
        image: { tag: imageTag },
        rbac: { serviceAccount: { create: true, name: sa, annotations: { [ROLE_ARN]: r.role.arn } } },
        extraArgs: {
            "balance-similar-node-groups": true,
            expander: "least-waste",
            "skip-nodes-with-system-pods": false,
            "scale-down-unneeded-time": "10m",
        },
        podDisruptionBudget: { maxUnavailable: 1 },
        replicaCount: 1,
    };
    return release(ctx, "cluster-autoscaler", CHARTS.clusterAutoscaler, "kube-system", values, r.policies);
}

/**
 * KEDA, with its own IRSA role. Queues are granted afterwards (EksCluster.allowQueueScaling): they
 * are created after the cluster and auto-named, so no name pattern known here could match them.
 */
export function keda(ctx: HelmAddonsContext, namespace: k8s.core.v1.Namespace): aws.iam.Role {
    const sa = "keda-operator";
    const r = role(ctx, "keda", "keda", sa, kedaPolicy());
    const values: v.KedaValues = {
        ...system,
        priorityClassName: PLATFORM_PRIORITY_CLASS,
        operator: { replicaCount: ctx.ha ? 2 : 1 },
        serviceAccount: { operator: { create: true, name: sa } },
        podIdentity: { aws: { irsa: { enabled: true, roleArn: r.role.arn } } },
        podDisruptionBudget: {
            operator: { maxUnavailable: 1 },
            metricServer: { maxUnavailable: 1 },
            webhooks: { maxUnavailable: 1 },
        },
    };
    release(ctx, "keda", CHARTS.keda, namespace.metadata.name, values, r.policies);
    return r.role;
}

/** external-secrets, allowed to read the platform's SSM path only. */
export function externalSecrets(
    ctx: HelmAddonsContext,
    namespace: k8s.core.v1.Namespace,
    parameterPath: string,
    kmsKeyArns: pulumi.Input<string>[],
): { release: k8s.helm.v3.Release; serviceAccount: string } {
    const sa = "external-secrets";
    const policy = pulumi
        .all([ctx.partition, ctx.region, ctx.account, pulumi.all(kmsKeyArns)])
        .apply(([p, reg, acct, keys]) => externalSecretsPolicy(p, reg, acct, parameterPath, keys));
    const r = role(ctx, "external-secrets", "external-secrets", sa, policy);
    const placement: v.Placement = { ...system, priorityClassName: PLATFORM_PRIORITY_CLASS };
    const values: v.ExternalSecretsValues = {
        ...placement,
        installCRDs: true,
        replicaCount: ctx.ha ? 2 : 1,
        // The chart defaults leaderElect to false: two replicas would then both reconcile every
        // ExternalSecret, racing on the same Kubernetes Secrets and doubling SSM calls.
        leaderElect: ctx.ha,
        serviceAccount: { create: true, name: sa, annotations: { [ROLE_ARN]: r.role.arn } },
        podDisruptionBudget: { enabled: ctx.ha, minAvailable: 1 },
        webhook: { ...placement, replicaCount: ctx.ha ? 2 : 1 },
        certController: placement,
    };
    return {
        release: release(ctx, "external-secrets", CHARTS.externalSecrets, namespace.metadata.name, values, r.policies),
        serviceAccount: sa,
    };
}
