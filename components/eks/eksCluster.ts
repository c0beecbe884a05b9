/**
 * EksCluster: a region's private Kubernetes platform, in the spoke VPC's private subnets, with
 * managed node groups over every AZ, EKS-managed add-ons and the Helm add-ons, all pinned.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey, encryptionKey } from "../kms";
import { apiAccessRules, controlPlaneSecurityGroup } from "./apiAccess";
import { EksClusterArgs } from "./args";
import * as helm from "./helmAddons";
import { INGRESS_SERVICE } from "./ingressNginx";
import { OidcProvider, PolicyDocument, serviceAccountRole } from "./irsa";
import * as kr from "./kubernetesResources";
import { networkingAddons, workloadAddons } from "./managedAddons";
import {
    ClusterObservability,
    ClusterObservabilityArgs,
    ObservabilityHooks,
    clusterObservability,
} from "./observabilityAddons";
import { clusterServiceRole } from "./clusterRole";
import { nodePool, nodeRole } from "./nodeGroups";
import { kedaQueueScalingPolicy } from "./policies";
import { assertValidEksClusterArgs } from "./validation";
import { KUBERNETES_VERSIONS } from "./versions";
import { autoscalingServiceLinkedRole, volumeKey } from "./volumeKey";
import { remoteProviders } from "../provider";

const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

interface Locals {
    clusterName: string;
    prod: boolean;
    tags: Record<string, string>;
    region: pulumi.Output<string>;
    account: pulumi.Output<string>;
    partition: pulumi.Output<string>;
}

export class EksCluster extends pulumi.ComponentResource {
    /** Physical name of the EKS cluster. */
    public readonly clusterName: string;
    /** The Kubernetes provider bound to this cluster; use it for every Kubernetes resource. */
    public readonly provider: k8s.Provider;
    /** Kubeconfig (JSON, secret): it names the cluster endpoint and the exec credential plugin. */
    public readonly kubeconfig: pulumi.Output<string>;
    /** The EKS-created cluster security group (control plane ENIs and, with no SG in the launch template, every node). */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** Security group of the worker nodes (and of pods, with the VPC CNI's default mode). */
    public readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** The group only the control plane's ENIs carry: 443 from the API-access ranges. */
    public readonly apiSecurityGroupId: pulumi.Output<string>;
    /** ARN of the cluster's IAM OIDC provider (IRSA). */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** Issuer URL of the cluster's OIDC provider. */
    public readonly oidcProviderUrl: pulumi.Output<string>;
    /** Issuer without scheme, as IRSA condition keys spell it. */
    public readonly oidcIssuer: pulumi.Output<string>;
    /** ARN of the KMS key encrypting Kubernetes secrets. */
    public readonly secretsKeyArn: pulumi.Output<string>;
    /** ARN of the KMS key encrypting node and persistent volumes. */
    public readonly volumeKeyArn: pulumi.Output<string>;
    /** IngressClass served by ingress-nginx behind the edge's ALBs. */
    public readonly ingressClassName = "nginx";
    /** Namespace of ingress-nginx's controller Service. */
    public readonly ingressNamespace = INGRESS_SERVICE.namespace;
    /** ingress-nginx's controller Service (ClusterIP): the edge's TargetGroupBindings bind it. */
    public readonly ingressServiceName = INGRESS_SERVICE.name;
    /** ClusterSecretStore (SSM Parameter Store) that ExternalSecrets reference. */
    public readonly secretStoreName = kr.PARAMETER_STORE;

    private readonly oidc: OidcProvider;
    /** The group only the control plane's ENIs carry; the API-access rules go on it. */
    private apiSecurityGroup!: aws.ec2.SecurityGroup;
    /** KEDA's IRSA role, which allowQueueScaling grants queues to. */
    private kedaRole!: aws.iam.Role;
    /** What addObservability builds on: the add-on context, the storage class and the secret store. */
    private observabilityHooks!: ObservabilityHooks;
    private readonly name: string;
    /** args.tags, kept for the roles `createServiceAccountRole` adds after construction. */
    private readonly tags: Record<string, string>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:eks:EksCluster", name, {}, opts);
        assertValidEksClusterArgs(name, args);
        const l = this.locals(name, args);
        this.name = name;
        this.clusterName = l.clusterName;
        this.tags = l.tags;
        const { secretsKey, volumes } = this.keys(name, args, l);
        const cluster = this.cluster(name, args, l, secretsKey.key.arn);
        this.oidc = { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer };

        const pins = KUBERNETES_VERSIONS[args.kubernetesVersion];
        const addonArgs = {
            clusterName: l.clusterName,
            versions: pins.addons,
            oidc: this.oidc,
            volumeKeyArn: volumes.arn,
            partition: l.partition,
            tags: l.tags,
        };
        const networking = networkingAddons(name, addonArgs, [cluster], this);
        const nodes = this.nodeGroups(name, args, l, volumes.arn, [cluster, ...networking]);
        const [coredns, ebs, ...restAddons] = workloadAddons(name, addonArgs, nodes, this);

        this.provider = this.kubernetesProvider(name, args, l, cluster);
        this.addOns(name, args, l, { nodes, coredns, ebs, others: restAddons, volumeKeyArn: volumes.arn });

        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        // Given clusterSecurityGroup, pulumi-eks 4.3.0 reports *that* group as clusterSecurityGroupId;
        // with skipDefaultSecurityGroups its nodeSecurityGroupId is the EKS-created cluster group
        // (nodejs/eks/cluster/cluster.ts, createCore's return), which nodes and control plane share.
        this.clusterSecurityGroupId = cluster.nodeSecurityGroupId;
        this.nodeSecurityGroupId = cluster.nodeSecurityGroupId;
        this.apiSecurityGroupId = this.apiSecurityGroup.id;
        this.oidcProviderArn = cluster.oidcProviderArn;
        this.oidcProviderUrl = cluster.oidcProviderUrl;
        this.oidcIssuer = cluster.oidcIssuer;
        this.secretsKeyArn = secretsKey.key.arn;
        this.volumeKeyArn = volumes.arn;
        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            apiSecurityGroupId: this.apiSecurityGroupId,
            oidcProviderArn: this.oidcProviderArn,
            oidcProviderUrl: this.oidcProviderUrl,
            secretsKeyArn: this.secretsKeyArn,
            volumeKeyArn: this.volumeKeyArn,
        });
    }

    /**
     * An IAM role that only `system:serviceaccount:<namespace>:<serviceAccount>` of this cluster can
     * assume (audience sts.amazonaws.com), with `policyDocument` inline. Annotate the service account
     * with `eks.amazonaws.com/role-arn: <role.arn>`.
     */
    public createServiceAccountRole(
        name: string,
        namespace: string,
        serviceAccount: string,
        policyDocument: pulumi.Input<PolicyDocument>,
    ): aws.iam.Role {
        return serviceAccountRole(
            name,
            { oidc: this.oidc, namespace, serviceAccount, policy: policyDocument, tags: this.tags },
            this,
        ).role;
    }

    /**
     * Lets KEDA's aws-sqs-queue scaler read the depth of these queues (sqs:GetQueueAttributes only),
     * as a policy `<component>-keda-<name>` on KEDA's IRSA role. For queues created after the cluster.
     */
    public allowQueueScaling(name: string, queueArns: pulumi.Input<string>[]): aws.iam.RolePolicy {
        if (queueArns.length === 0)
            throw new Error(`allowQueueScaling(${name}): queueArns is [], name at least one queue`);
        return new aws.iam.RolePolicy(
            `${this.name}-keda-${name}`,
            {
                role: this.kedaRole.id,
                policy: pulumi.all(queueArns).apply((arns) => JSON.stringify(kedaQueueScalingPolicy(arns))),
            },
            { parent: this.kedaRole },
        );
    }

    /**
     * The cluster's own telemetry (observabilityAddons.ts): kube-prometheus-stack with Alertmanager
     * paging PagerDuty (the key through SSM and external-secrets), Fluent Bit to CloudWatch Logs and
     * the OpenTelemetry Collector to X-Ray. Called once, by the stack that has the PagerDuty key.
     */
    public addObservability(args: ClusterObservabilityArgs): ClusterObservability {
        return clusterObservability(this.observabilityHooks, args);
    }

    /** The secrets key, and the volume key with the Auto Scaling role its policy names. */
    private keys(name: string, args: EksClusterArgs, l: Locals): { secretsKey: EncryptionKey; volumes: aws.kms.Key } {
        const secretsKey = encryptionKey(
            `${name}-secrets`,
            // Protected in prod: replacing it would orphan the secrets the cluster encrypted with it.
            { description: `Kubernetes secrets of EKS cluster ${l.clusterName}`, tags: l.tags, protect: l.prod },
            this,
        );
        const slr =
            (args.createAutoscalingServiceLinkedRole ?? true)
                ? autoscalingServiceLinkedRole(name, l.tags, this)
                : undefined;
        return { secretsKey, volumes: volumeKey(name, l.tags, this, slr, l.prod) };
    }

    /** The cluster's Kubernetes provider; every Kubernetes call waits for the rules that let this machine reach the private endpoint. */
    private kubernetesProvider(name: string, args: EksClusterArgs, l: Locals, cluster: eks.Cluster): k8s.Provider {
        const apiAccess = apiAccessRules(name, args.apiAccessCidrs ?? [], this.apiSecurityGroup.id, l.tags, this);
        return new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true },
            { parent: this, dependsOn: [cluster, ...apiAccess] },
        );
    }

    private locals(name: string, args: EksClusterArgs): Locals {
        const opts = { parent: this };
        return {
            clusterName: args.clusterName ?? name,
            prod: args.environment === "prod",
            tags: { ...args.tags },
            region: aws.getRegionOutput({}, opts).region,
            account: aws.getCallerIdentityOutput({}, opts).accountId,
            partition: aws.getPartitionOutput({}, opts).partition,
        };
    }

    private controlPlaneLogGroup(name: string, args: EksClusterArgs, l: Locals): aws.cloudwatch.LogGroup {
        // EKS writes to this exact group; creating it first is the only way to own its retention and key.
        return new aws.cloudwatch.LogGroup(
            `${name}-control-plane-logs`,
            {
                name: `/aws/eks/${l.clusterName}/cluster`,
                retentionInDays: args.logRetentionDays ?? 90,
                kmsKeyId: args.logKmsKeyArn,
                tags: { ...l.tags, Name: `${name}-control-plane-logs` },
            },
            { parent: this },
        );
    }

    private cluster(name: string, args: EksClusterArgs, l: Locals, secretsKeyArn: pulumi.Output<string>): eks.Cluster {
        const logGroup = this.controlPlaneLogGroup(name, args, l);
        const publicAccess = args.endpointPublicAccess ?? false;
        const service = clusterServiceRole(name, l.tags, this);
        this.apiSecurityGroup = controlPlaneSecurityGroup(name, args.vpcId, l.tags, this);
        return new eks.Cluster(
            `${name}-cluster`,
            {
                name: l.clusterName,
                serviceRole: service.role,
                version: args.kubernetesVersion,
                vpcId: args.vpcId,
                privateSubnetIds: args.privateSubnetIds,
                nodeAssociatePublicIpAddress: false,
                // Private API: reach it over the hub (VPN / Direct Connect / TGW), never the internet by default.
                endpointPrivateAccess: true,
                endpointPublicAccess: publicAccess,
                publicAccessCidrs: publicAccess ? args.publicAccessCidrs : undefined,
                authenticationMode: eks.AuthenticationMode.Api,
                // pulumi-eks v4.3.0 hard-codes accessConfig.bootstrapClusterCreatorAdminPermissions to true
                // (nodejs/eks/cluster/cluster.ts: it installs charts as the creator), so the deploying
                // identity is always an admin and the only extra entry needed is a different admin role.
                accessEntries:
                    args.adminRoleArn && !args.adminRoleIsDeployer
                        ? {
                              platformAdmin: {
                                  principalArn: args.adminRoleArn,
                                  accessPolicies: {
                                      clusterAdmin: { policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } },
                                  },
                              },
                          }
                        : undefined,
                encryptionConfigKeyArn: secretsKeyArn,
                enabledClusterLogTypes: CONTROL_PLANE_LOGS,
                createOidcProvider: true,
                // Node groups are ours (nodeGroups.ts); so are the networking add-ons (managedAddons.ts).
                skipDefaultNodeGroup: true,
                skipDefaultSecurityGroups: true,
                // The API's own group, on the control plane's ENIs only (apiAccess.ts says why).
                clusterSecurityGroup: this.apiSecurityGroup,
                bootstrapSelfManagedAddons: false,
                useDefaultVpcCni: true,
                corednsAddonOptions: { enabled: false },
                kubeProxyAddonOptions: { enabled: false },
                // pulumi-eks 4.x passes this through to aws.eks.Cluster, so `pulumi destroy` and the console both refuse.
                deletionProtection: args.deletionProtection ?? l.prod,
                upgradePolicy: { supportType: l.prod ? "EXTENDED" : "STANDARD" },
                clusterTags: { ...l.tags, Name: l.clusterName },
                tags: l.tags,
            },
            { parent: this, dependsOn: [logGroup, service.attachment], providers: remoteProviders(this) },
        );
    }

    private nodeGroups(
        name: string,
        args: EksClusterArgs,
        l: Locals,
        volumeKeyArn: pulumi.Output<string>,
        dependsOn: pulumi.Resource[],
    ): aws.eks.NodeGroup[] {
        const node = nodeRole(name, l.tags, this);
        const common = {
            clusterName: l.clusterName,
            kubernetesVersion: args.kubernetesVersion,
            subnetIds: args.privateSubnetIds,
            availabilityZones: args.availabilityZones,
            volumeKeyArn,
            tags: l.tags,
            dependsOn,
        };
        return [
            ...nodePool(name, "system", args.nodeGroups.system, node, common, this),
            ...nodePool(name, "apps", args.nodeGroups.apps, node, common, this),
        ];
    }

    private addOns(
        name: string,
        args: EksClusterArgs,
        l: Locals,
        deps: {
            nodes: pulumi.Resource[];
            coredns: pulumi.Resource;
            ebs: pulumi.Resource;
            others: pulumi.Resource[];
            volumeKeyArn: pulumi.Output<string>;
        },
    ): void {
        const kctx = { name, provider: this.provider, parent: this };
        const base = [...deps.nodes, deps.coredns];
        const priority = kr.platformPriorityClass(kctx, base);
        const storageClass = kr.defaultStorageClass(
            kctx,
            deps.volumeKeyArn,
            l.prod ? "Retain" : "Delete",
            [deps.ebs],
            l.clusterName,
        );
        const ns = (n: string) => kr.namespace(kctx, n, base);
        const ctx: helm.HelmAddonsContext = {
            name,
            clusterName: l.clusterName,
            ha: l.prod,
            region: l.region,
            account: l.account,
            partition: l.partition,
            vpcId: args.vpcId,
            vpcCidr: args.vpcCidr,
            oidc: this.oidc,
            provider: this.provider,
            tags: l.tags,
            parent: this,
            ready: [...base, priority],
        };
        const lbc = helm.lbController(ctx);
        helm.ingressNginx(ctx, args.ingress, ns(INGRESS_SERVICE.namespace), lbc);
        helm.metricsServer(ctx);
        helm.clusterAutoscaler(ctx, KUBERNETES_VERSIONS[args.kubernetesVersion].clusterAutoscalerImageTag);
        this.kedaRole = helm.keda(ctx, ns("keda"));
        const parameterPath = args.parameterPath ?? `/${l.clusterName}/`;
        const parameterKmsKeyArns = args.parameterKmsKeyArns ?? [];
        const es = helm.externalSecrets(ctx, ns("external-secrets"), parameterPath, parameterKmsKeyArns);
        const secretStore = kr.parameterStore(
            kctx,
            { region: l.region, serviceAccount: es.serviceAccount, namespace: "external-secrets" },
            es.release,
        );
        this.observabilityHooks = { ctx, parameterPath, parameterKmsKeyArns, storageClass, secretStore };
    }
}
