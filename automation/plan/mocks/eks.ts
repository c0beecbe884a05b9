/**
 * Mocks for the eks area: remote components' outputs and the data sources its components call.
 *
 * eks:index:Cluster is built by the pulumi-eks plugin at deploy time; here its outputs are derived
 * from its inputs the way the plugin derives them, and the children the plugin would create (the
 * aws.eks.Cluster, its service role, the OIDC provider) are recorded under it so policies see the
 * real child types.
 */
import { CallMock, MockContext, MockResourceArgs, ResourceMock, hex } from "./context";

/** The kubeconfig pulumi-eks generates: the cluster endpoint and CA, and `aws eks get-token` as credential. */
export function eksKubeconfig(
    clusterName: string,
    endpoint: string,
    caData: string,
    region: string,
): Record<string, unknown> {
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "kubernetes", cluster: { server: endpoint, "certificate-authority-data": caData } }],
        contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
        "current-context": "aws",
        preferences: {},
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "--region",
                            region,
                            "eks",
                            "get-token",
                            "--cluster-name",
                            clusterName,
                            "--output",
                            "json",
                        ],
                        env: [
                            {
                                name: "KUBERNETES_EXEC_INFO",
                                value: '{"apiVersion": "client.authentication.k8s.io/v1beta1"}',
                            },
                        ],
                    },
                },
            },
        ],
    };
}

function clusterChildren(a: MockResourceArgs, clusterName: string, issuerUrl: string, ctx: MockContext) {
    const i = a.inputs;
    return [
        {
            type: "aws:iam/role:Role",
            name: `${a.name}-eksRole-role`,
            inputs: {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                managedPolicyArns: [`arn:${ctx.partition}:iam::aws:policy/AmazonEKSClusterPolicy`],
            },
        },
        {
            type: "aws:eks/cluster:Cluster",
            name: `${a.name}-eksCluster`,
            inputs: {
                name: clusterName,
                version: i.version,
                bootstrapSelfManagedAddons: i.bootstrapSelfManagedAddons ?? true,
                deletionProtection: i.deletionProtection ?? false,
                enabledClusterLogTypes: i.enabledClusterLogTypes ?? [],
                accessConfig: {
                    authenticationMode: i.authenticationMode ?? "CONFIG_MAP",
                    bootstrapClusterCreatorAdminPermissions: true,
                },
                encryptionConfig: i.encryptionConfigKeyArn
                    ? { provider: { keyArn: i.encryptionConfigKeyArn }, resources: ["secrets"] }
                    : undefined,
                upgradePolicy: i.upgradePolicy,
                vpcConfig: {
                    subnetIds: [...(i.privateSubnetIds ?? []), ...(i.publicSubnetIds ?? []), ...(i.subnetIds ?? [])],
                    endpointPrivateAccess: i.endpointPrivateAccess ?? false,
                    endpointPublicAccess: i.endpointPublicAccess ?? true,
                    publicAccessCidrs: i.endpointPublicAccess === false ? [] : (i.publicAccessCidrs ?? ["0.0.0.0/0"]),
                },
                tags: i.clusterTags ?? {},
            },
        },
        ...(i.createOidcProvider
            ? [
                  {
                      type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                      name: `${a.name}-oidcProvider`,
                      inputs: { url: issuerUrl, clientIdLists: ["sts.amazonaws.com"] },
                  },
              ]
            : []),
    ];
}

/** eks:index:Cluster (remote): outputs the program reads, and the children the plugin creates. */
const eksCluster: ResourceMock = (a, ctx) => {
    const clusterName = String(a.inputs.name ?? `${a.name}-eksCluster-${hex(7, ctx.stack, a.urn)}`);
    const idHex = hex(32, ctx.stack, a.urn).toUpperCase();
    const endpoint = `https://${idHex}.gr7.${ctx.region}.eks.amazonaws.com`;
    const caData = Buffer.from(`mock-ca-${clusterName}`).toString("base64");
    const issuer = `oidc.eks.${ctx.region}.amazonaws.com/id/${idHex}`;
    const kubeconfig = eksKubeconfig(clusterName, endpoint, caData, ctx.region);
    // With skipDefaultSecurityGroups, pulumi-eks returns the EKS-created cluster security group for both.
    const clusterSg = `sg-${hex(17, ctx.stack, a.urn, "cluster-sg")}`;
    const nodeSg = a.inputs.skipDefaultSecurityGroups ? clusterSg : `sg-${hex(17, ctx.stack, a.urn, "node-sg")}`;
    return {
        outputs: {
            kubeconfig,
            kubeconfigJson: JSON.stringify(kubeconfig),
            clusterSecurityGroupId: clusterSg,
            nodeSecurityGroupId: nodeSg,
            oidcProviderArn: a.inputs.createOidcProvider
                ? `arn:${ctx.partition}:iam::${ctx.account}:oidc-provider/${issuer}`
                : "",
            oidcProviderUrl: `https://${issuer}`,
            oidcIssuer: issuer,
            clusterIngressRuleId: "",
            defaultNodeGroupAsgName: "",
            fargateProfileId: "",
            fargateProfileStatus: "",
            autoModeNodeRoleName: "",
        },
        children: clusterChildren(a, clusterName, `https://${issuer}`, ctx),
    };
};

export const eksResourceMocks: Record<string, ResourceMock> = {
    "eks:index:Cluster": eksCluster,
    "aws:eks/nodeGroup:NodeGroup": (a, ctx, b) => ({
        outputs: {
            arn: `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:nodegroup/${a.inputs.clusterName}/${a.inputs.nodeGroupName ?? b.physicalName}/${hex(8, b.id)}`,
            status: "ACTIVE",
        },
    }),
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ outputs: { latestVersion: 1, defaultVersion: 1 } }),
    "aws:eks/addon:Addon": (a, ctx) => ({
        outputs: {
            arn: `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:addon/${a.inputs.clusterName}/${a.inputs.addonName}/${hex(8, a.urn)}`,
        },
    }),
};

export const eksCallMocks: Record<string, CallMock> = {};
