/**
 * Typed values of the platform's Helm charts: only the keys we set, spelled as each chart's
 * values.yaml at its pinned version spells them (read from the charts' repositories).
 */
import * as pulumi from "@pulumi/pulumi";

export interface Toleration {
    key: string;
    operator: string;
    effect: string;
}
export interface Placement {
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    priorityClassName?: string;
}
export interface ServiceAccountValues {
    create: boolean;
    name: string;
    annotations: Record<string, pulumi.Input<string>>;
}
export interface TopologySpread {
    maxSkew: number;
    topologyKey: string;
    whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
    labelSelector: { matchLabels: Record<string, string> };
}

/** aws-load-balancer-controller 1.17.1 */
export interface LbControllerValues extends Placement {
    clusterName: string;
    region: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    replicaCount: number;
    serviceAccount: ServiceAccountValues;
    podDisruptionBudget: { maxUnavailable: number } | Record<string, never>;
    enableServiceMutatorWebhook: boolean;
    defaultTargetType: "ip" | "instance";
}

/** ingress-nginx 4.15.1 (controller.*) */
export interface IngressNginxValues {
    controller: Placement & {
        replicaCount: number;
        maxUnavailable: number;
        config: Record<string, pulumi.Input<string>>;
        allowSnippetAnnotations: boolean;
        ingressClassResource: { name: string; default: boolean };
        autoscaling: {
            enabled: boolean;
            minReplicas: number;
            maxReplicas: number;
            targetCPUUtilizationPercentage: number;
        };
        topologySpreadConstraints: TopologySpread[];
        resources: { requests: { cpu: string; memory: string } };
        metrics: { enabled: boolean };
        service: {
            type: "ClusterIP";
            enableHttp: boolean;
            enableHttps: boolean;
            targetPorts: { http: string; https: string };
        };
    };
}

/** metrics-server 3.13.1 */
export interface MetricsServerValues extends Placement {
    replicas: number;
    podDisruptionBudget: { enabled: boolean; maxUnavailable: number };
}

/** cluster-autoscaler 9.53.0 */
export interface ClusterAutoscalerValues extends Placement {
    cloudProvider: "aws";
    awsRegion: pulumi.Input<string>;
    autoDiscovery: { clusterName: string };
    image: { tag: string };
    rbac: { serviceAccount: ServiceAccountValues };
    extraArgs: Record<string, string | number | boolean>;
    podDisruptionBudget: { maxUnavailable: number };
    replicaCount: number;
}

/** keda 2.18.3 */
export interface KedaValues extends Placement {
    operator: { replicaCount: number };
    serviceAccount: { operator: { create: boolean; name: string } };
    podIdentity: { aws: { irsa: { enabled: boolean; roleArn: pulumi.Input<string> } } };
    podDisruptionBudget: {
        operator: { maxUnavailable: number };
        metricServer: { maxUnavailable: number };
        webhooks: { maxUnavailable: number };
    };
}

/** external-secrets 1.3.2 */
export interface ExternalSecretsValues extends Placement {
    installCRDs: boolean;
    replicaCount: number;
    leaderElect: boolean;
    serviceAccount: ServiceAccountValues;
    podDisruptionBudget: { enabled: boolean; minAvailable: number };
    webhook: Placement & { replicaCount: number };
    certController: Placement;
}
