/**
 * One valid object of every kind the schemas cover, as the program would send it (a payments
 * namespace, a Django web Deployment, a Celery ScaledObject, ...), for the validator's table tests.
 */
type Obj = Record<string, any>;

const meta = (name: string, namespace = "payments"): Obj => ({ name, namespace, labels: { app: name } });

const podSpec = (): Obj => ({
    serviceAccountName: "web",
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
        {
            name: "web",
            image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/web:1.4.2",
            ports: [{ name: "http", containerPort: 8000 }],
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
            readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 5 },
            lifecycle: { preStop: { exec: { command: ["sleep", "40"] } } },
            securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
            },
            volumeMounts: [{ name: "logs", mountPath: "/var/log/app" }],
        },
    ],
    terminationGracePeriodSeconds: 75,
    volumes: [{ name: "logs", persistentVolumeClaim: { claimName: "shared-logs" } }],
});

const template = (): Obj => ({ metadata: { labels: { app: "web" } }, spec: podSpec() });
const selector = { matchLabels: { app: "web" } };

/** Valid objects, by `apiVersion kind`. */
export const VALID: Record<string, Obj> = {
    "v1 Namespace": { apiVersion: "v1", kind: "Namespace", metadata: { name: "payments" } },
    "v1 ServiceAccount": {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: {
            ...meta("web"),
            annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/web" },
        },
    },
    "v1 ConfigMap": { apiVersion: "v1", kind: "ConfigMap", metadata: meta("web"), data: { DJANGO_DEBUG: "false" } },
    "v1 Secret": { apiVersion: "v1", kind: "Secret", metadata: meta("web"), type: "Opaque", stringData: { k: "v" } },
    "v1 Service": {
        apiVersion: "v1",
        kind: "Service",
        metadata: meta("web"),
        spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }], type: "ClusterIP" },
    },
    "v1 PersistentVolume": {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "shared-logs" },
        spec: {
            capacity: { storage: "5Gi" },
            accessModes: ["ReadWriteMany"],
            persistentVolumeReclaimPolicy: "Retain",
            storageClassName: "efs",
            csi: { driver: "efs.csi.aws.com", volumeHandle: "fs-0123456789abcdef0::fsap-0123456789abcdef0" },
        },
    },
    "v1 PersistentVolumeClaim": {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: meta("shared-logs"),
        spec: { accessModes: ["ReadWriteMany"], storageClassName: "efs", resources: { requests: { storage: "5Gi" } } },
    },
    "apps/v1 Deployment": {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta("web"),
        spec: {
            replicas: 3,
            selector,
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
            template: template(),
        },
    },
    "apps/v1 StatefulSet": {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: meta("ledger"),
        spec: {
            serviceName: "ledger",
            replicas: 2,
            selector,
            template: template(),
            volumeClaimTemplates: [
                {
                    metadata: { name: "data" },
                    spec: {
                        accessModes: ["ReadWriteOnce"],
                        storageClassName: "gp3-encrypted",
                        resources: { requests: { storage: "20Gi" } },
                    },
                },
            ],
        },
    },
    "apps/v1 DaemonSet": {
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: meta("log-agent"),
        spec: { selector, template: template() },
    },
    "batch/v1 Job": {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: meta("db-users"),
        spec: { backoffLimit: 3, template: { ...template(), spec: { ...podSpec(), restartPolicy: "OnFailure" } } },
    },
    "batch/v1 CronJob": {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: meta("cache-warm"),
        spec: {
            schedule: "*/15 * * * *",
            concurrencyPolicy: "Forbid",
            jobTemplate: { spec: { template: { ...template(), spec: { ...podSpec(), restartPolicy: "Never" } } } },
        },
    },
    "autoscaling/v2 HorizontalPodAutoscaler": {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: meta("web"),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
            minReplicas: 3,
            maxReplicas: 12,
            metrics: [
                {
                    type: "Resource",
                    resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
                },
            ],
            behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        },
    },
    "policy/v1 PodDisruptionBudget": {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: meta("web"),
        spec: { minAvailable: 2, selector },
    },
    "networking.k8s.io/v1 Ingress": {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: meta("web"),
        spec: {
            ingressClassName: "nginx",
            rules: [
                {
                    host: "www.example.com",
                    http: {
                        paths: [
                            {
                                path: "/",
                                pathType: "Prefix",
                                backend: { service: { name: "web", port: { name: "http" } } },
                            },
                        ],
                    },
                },
            ],
        },
    },
    "networking.k8s.io/v1 NetworkPolicy": {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta("default-deny"),
        spec: {
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "10.128.0.0/16" } }], ports: [{ protocol: "TCP", port: 1433 }] }],
        },
    },
    "rbac.authorization.k8s.io/v1 Role": {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: meta("lease"),
        rules: [{ apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "update"] }],
    },
    "rbac.authorization.k8s.io/v1 RoleBinding": {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("lease"),
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "lease" },
        subjects: [{ kind: "ServiceAccount", name: "ledger", namespace: "payments" }],
    },
    "rbac.authorization.k8s.io/v1 ClusterRole": {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "read-nodes" },
        rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["list"] }],
    },
    "rbac.authorization.k8s.io/v1 ClusterRoleBinding": {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "read-nodes" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "read-nodes" },
        subjects: [{ kind: "ServiceAccount", name: "ledger", namespace: "payments" }],
    },
    "coordination.k8s.io/v1 Lease": {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: meta("ledger-leader"),
        spec: { holderIdentity: "ledger-0", leaseDurationSeconds: 15 },
    },
    "scheduling.k8s.io/v1 PriorityClass": {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: "payments" },
        value: 1000000,
        preemptionPolicy: "PreemptLowerPriority",
    },
    "storage.k8s.io/v1 StorageClass": {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "efs" },
        provisioner: "efs.csi.aws.com",
        parameters: { provisioningMode: "efs-ap" },
        volumeBindingMode: "Immediate",
    },
    "keda.sh/v1alpha1 ScaledObject": {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: meta("celery-payments"),
        spec: {
            scaleTargetRef: { name: "celery-payments" },
            minReplicaCount: 1,
            maxReplicaCount: 20,
            triggers: [
                {
                    type: "redis",
                    metadata: { address: "cache:6379", listName: "payments", listLength: "20", enableTLS: "true" },
                    authenticationRef: { name: "cache-auth" },
                },
            ],
        },
    },
    "keda.sh/v1alpha1 TriggerAuthentication": {
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: meta("cache-auth"),
        spec: { secretTargetRef: [{ parameter: "password", name: "cache", key: "auth-token" }] },
    },
    "keda.sh/v1alpha1 ClusterTriggerAuthentication": {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ClusterTriggerAuthentication",
        metadata: { name: "cache-auth" },
        spec: { podIdentity: { provider: "aws" } },
    },
    "external-secrets.io/v1 ExternalSecret": {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: meta("db"),
        spec: {
            refreshInterval: "1h",
            secretStoreRef: { kind: "ClusterSecretStore", name: "platform-parameter-store" },
            target: { name: "db", creationPolicy: "Owner" },
            data: [{ secretKey: "password", remoteRef: { key: "/payments/db/web", property: "password" } }],
        },
    },
    "external-secrets.io/v1 SecretStore": {
        apiVersion: "external-secrets.io/v1",
        kind: "SecretStore",
        metadata: meta("secrets-manager"),
        spec: { provider: { aws: { service: "SecretsManager", region: "eu-central-1" } } },
    },
    "external-secrets.io/v1 ClusterSecretStore": {
        apiVersion: "external-secrets.io/v1",
        kind: "ClusterSecretStore",
        metadata: { name: "platform-parameter-store" },
        spec: {
            provider: {
                aws: {
                    service: "ParameterStore",
                    region: "eu-central-1",
                    auth: { jwt: { serviceAccountRef: { name: "external-secrets", namespace: "external-secrets" } } },
                },
            },
        },
    },
    "elbv2.k8s.aws/v1beta1 TargetGroupBinding": {
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "TargetGroupBinding",
        metadata: { namespace: "ingress-nginx" },
        spec: {
            serviceRef: { name: "ingress-nginx-controller", port: 80 },
            targetGroupARN: "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/web/0123456789abcdef",
            targetType: "ip",
            networking: {
                ingress: [
                    {
                        from: [{ securityGroup: { groupID: "sg-0123456789abcdef0" } }],
                        ports: [{ port: 80, protocol: "TCP" }],
                    },
                ],
            },
        },
    },
    "monitoring.coreos.com/v1 ServiceMonitor": {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: meta("web"),
        spec: { selector, endpoints: [{ port: "metrics", interval: "30s", path: "/metrics" }] },
    },
    "monitoring.coreos.com/v1 PodMonitor": {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: meta("celery"),
        spec: { selector, podMetricsEndpoints: [{ port: "metrics" }] },
    },
    "monitoring.coreos.com/v1 PrometheusRule": {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: meta("payments"),
        spec: {
            groups: [
                {
                    name: "payments",
                    rules: [
                        {
                            alert: "QueueBacklog",
                            expr: "redis_list_length > 1000",
                            for: "10m",
                            labels: { severity: "page" },
                        },
                    ],
                },
            ],
        },
    },
    "monitoring.coreos.com/v1alpha1 AlertmanagerConfig": {
        apiVersion: "monitoring.coreos.com/v1alpha1",
        kind: "AlertmanagerConfig",
        metadata: meta("payments"),
        spec: { route: { receiver: "pagerduty", groupBy: ["alertname"] }, receivers: [{ name: "pagerduty" }] },
    },
};
