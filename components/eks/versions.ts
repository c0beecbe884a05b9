/**
 * Every version the EKS platform pins, as data: EKS-managed add-on builds per Kubernetes minor, and
 * Helm chart versions with their repositories. Bumping Kubernetes means adding a row here, which is
 * reviewed on its own, rather than letting EKS or a chart repository pick "latest" at deploy time.
 *
 * Where they were read (verify with `aws eks describe-addon-versions --kubernetes-version <v>` before
 * a bump):
 *  - Add-on builds: the AWS EKS user guide's per-add-on tables stop at 1.31 in the mirror we can read,
 *    so the 1.33/1.34 builds were cross-checked across several public infrastructure repositories that
 *    pin them together for those minors (e.g. "updated EKS addon versions for Kubernetes 1.34
 *    compatibility: vpc-cni v1.20.4-eksbuild.1, aws-ebs-csi-driver v1.51.1-eksbuild.1").
 *  - Charts: each chart's Chart.yaml at its release (aws/eks-charts aws-load-balancer-controller 1.17.1,
 *    app v2.17.1; kubernetes/ingress-nginx helm-chart-4.15.1, kubernetes-sigs/metrics-server,
 *    kubernetes/autoscaler cluster-autoscaler chart, kedacore/charts, external-secrets helm-chart-1.3.2).
 */

/** The EKS-managed add-ons the platform installs. */
export type ManagedAddonName =
    | "vpc-cni"
    | "kube-proxy"
    | "coredns"
    | "aws-ebs-csi-driver"
    | "aws-efs-csi-driver"
    | "amazon-cloudwatch-observability";

export interface KubernetesVersionPins {
    /** EKS add-on build per add-on (`addonVersion`). */
    addons: Record<ManagedAddonName, string>;
    /** cluster-autoscaler must run the same Kubernetes minor as the control plane. */
    clusterAutoscalerImageTag: string;
}

/**
 * Container Insights (the CloudWatch agent and its operator). The add-on's builds follow the
 * aws-observability/helm-charts amazon-cloudwatch-observability chart: its release v6.4.0 (#341,
 * 2026-08-06, commit 93a934e8) is the newest we could read, and "v6.4.0-eksbuild.1" is the build a
 * public repository's lock file pins next to 1.34-era coredns/CSI builds. One build serves every
 * supported minor (the add-on is not tied to a Kubernetes minor the way kube-proxy is); confirm with
 * `aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability --kubernetes-version <v>`.
 */
const CLOUDWATCH_OBSERVABILITY = "v6.4.0-eksbuild.1";

/** Kubernetes minors the platform supports, with the add-on builds validated for each. */
export const KUBERNETES_VERSIONS: Record<string, KubernetesVersionPins> = {
    "1.33": {
        addons: {
            "vpc-cni": "v1.20.0-eksbuild.1",
            "kube-proxy": "v1.33.0-eksbuild.2",
            coredns: "v1.12.2-eksbuild.4",
            "aws-ebs-csi-driver": "v1.46.0-eksbuild.1",
            "aws-efs-csi-driver": "v2.1.10-eksbuild.1",
            "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY,
        },
        clusterAutoscalerImageTag: "v1.33.3",
    },
    "1.34": {
        addons: {
            "vpc-cni": "v1.20.4-eksbuild.1",
            "kube-proxy": "v1.34.0-eksbuild.4",
            coredns: "v1.12.4-eksbuild.1",
            "aws-ebs-csi-driver": "v1.51.1-eksbuild.1",
            "aws-efs-csi-driver": "v2.1.13-eksbuild.1",
            "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY,
        },
        clusterAutoscalerImageTag: "v1.34.2",
    },
};

/** A Helm chart pinned to one version, from one repository. */
export interface ChartPin {
    chart: string;
    version: string;
    repo: string;
}

/** The platform's Helm charts. */
export const CHARTS = {
    // 1.17.1 = controller v2.17.1, the last 2.x; its docs/install/iam_policy.json is byte-identical to v3.5.0's.
    awsLoadBalancerController: {
        chart: "aws-load-balancer-controller",
        version: "1.17.1",
        repo: "https://aws.github.io/eks-charts",
    },
    // 4.15.1 (controller 1.15.1, March 2026) is the final ingress-nginx release: the project is retired
    // (kubernetes.io/blog/2025/11/11/ingress-nginx-retirement). Plan the move to Gateway API.
    ingressNginx: { chart: "ingress-nginx", version: "4.15.1", repo: "https://kubernetes.github.io/ingress-nginx" },
    metricsServer: {
        chart: "metrics-server",
        version: "3.13.1",
        repo: "https://kubernetes-sigs.github.io/metrics-server/",
    },
    clusterAutoscaler: {
        chart: "cluster-autoscaler",
        version: "9.53.0",
        repo: "https://kubernetes.github.io/autoscaler",
    },
    // KEDA 2.18 supports Kubernetes 1.32–1.34.
    keda: { chart: "keda", version: "2.18.3", repo: "https://kedacore.github.io/charts" },
    externalSecrets: { chart: "external-secrets", version: "1.3.2", repo: "https://charts.external-secrets.io" },
    // 31.0.1 = prometheus-operator v0.93.1, the operator kube-prometheus-stack 88.5.3 runs (both
    // Chart.yaml appVersions): the CRDs go in first, as their own release, so that a chart upgrade
    // or uninstall never drops them (Helm neither upgrades nor deletes a chart's crds/ directory).
    prometheusOperatorCrds: {
        chart: "prometheus-operator-crds",
        version: "31.0.1",
        repo: "https://prometheus-community.github.io/helm-charts",
    },
    kubePrometheusStack: {
        chart: "kube-prometheus-stack",
        version: "88.5.3",
        repo: "https://prometheus-community.github.io/helm-charts",
    },
    // 0.2.0 = AWS for Fluent Bit 3.2.1, the chart's latest (aws/eks-charts, February 2026).
    awsForFluentBit: { chart: "aws-for-fluent-bit", version: "0.2.0", repo: "https://aws.github.io/eks-charts" },
    // 0.170.0 = collector 0.158.0 (Chart.yaml appVersion); the contrib image below is that release.
    otelCollector: {
        chart: "opentelemetry-collector",
        version: "0.170.0",
        repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
    },
} as const satisfies Record<string, ChartPin>;

/** The collector distribution with the awsxray exporter (the core image has none), at the chart's appVersion. */
export const OTEL_COLLECTOR_IMAGE = { repository: "otel/opentelemetry-collector-contrib", tag: "0.158.0" } as const;
