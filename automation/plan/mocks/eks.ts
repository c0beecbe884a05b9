/**
 * Mocks for the eks area: remote components' outputs and the data sources its components call.
 *
 * eks:index:Cluster is built by the pulumi-eks plugin at deploy time; here its outputs are derived
 * from its inputs the way the plugin derives them, and the children the plugin would create (the
 * aws.eks.Cluster, its service role, the OIDC provider) are recorded under it so policies see the
 * real child types.
 */
import { createHash } from "crypto";
import { baseOutputs } from "./aws";
import { BaseOutputs, CallMock, MockChild, MockContext, MockResourceArgs, ResourceMock, hex } from "./context";

const ROLE = "aws:iam/role:Role";
/** Names IAM gives service-linked roles, by service (the IAM user guide's table). */
const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = {
    "autoscaling.amazonaws.com": "AWSServiceRoleForAutoScaling",
};
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

/** The record without its undefined fields: the plugin omits inputs it was not given. */
function dropUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

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

/** The URN the monitor gives a child recorded under `parentUrn` (see monitor.ts newUrn). */
function childUrn(parentUrn: string, type: string, name: string): string {
    const [prefix, project, chain] = parentUrn.split("::");
    return `${prefix}::${project}::${chain}$${type}::${name}`;
}

/** The mock id and ARN a synthesised child resolves to, exactly as the monitor will compute them. */
function childBase(a: MockResourceArgs, ctx: MockContext, child: MockChild): BaseOutputs {
    const urn = childUrn(a.urn, child.type, child.name);
    return baseOutputs({ type: child.type, name: child.name, urn, inputs: child.inputs, custom: true }, ctx);
}

/**
 * The cluster's service role: the one given as `serviceRole` (a resource reference arrives as the
 * role's id, its name; the program's roles have path "/"), else the ServiceRole the plugin makes.
 */
function serviceRole(a: MockResourceArgs, ctx: MockContext): { children: MockChild[]; arn: string } {
    if (a.inputs.serviceRole)
        return { children: [], arn: `arn:${ctx.partition}:iam::${ctx.account}:role/${String(a.inputs.serviceRole)}` };
    const role: MockChild = {
        type: ROLE,
        name: `${a.name}-eksRole-role`,
        inputs: {
            description: "Allows EKS to manage clusters on your behalf.",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Effect: "Allow",
                        Principal: { Service: ["eks.amazonaws.com"] },
                    },
                ],
            }),
            tags: a.inputs.tags ?? {},
        },
    };
    const base = childBase(a, ctx, role);
    const policyId = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
    const attachment: MockChild = {
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        name: `${a.name}-eksRole-${createHash("sha1").update(policyId).digest("hex").slice(0, 8)}`,
        inputs: { policyArn: `arn:${ctx.partition}:iam::aws:policy/AmazonEKSClusterPolicy`, role: base.id },
    };
    return { children: [role, attachment], arn: base.arn };
}

/**
 * The cluster's extra security group: the one given as `clusterSecurityGroup` (a resource reference
 * arrives as its id), else pulumi-eks's own, made only without skipDefaultSecurityGroups
 * (pulumi-eks 4.3.0 createCore checks clusterSecurityGroup first).
 */
function ownSecurityGroup(a: MockResourceArgs, ctx: MockContext): { children: MockChild[]; ids?: string[] } {
    if (a.inputs.clusterSecurityGroup) return { children: [], ids: [String(a.inputs.clusterSecurityGroup)] };
    if (a.inputs.skipDefaultSecurityGroups) return { children: [] };
    const sg: MockChild = {
        type: SECURITY_GROUP,
        name: `${a.name}-eksClusterSecurityGroup`,
        inputs: {
            vpcId: a.inputs.vpcId,
            revokeRulesOnDelete: true,
            tags: { Name: `${a.name}-eksClusterSecurityGroup`, ...(a.inputs.tags ?? {}) },
        },
    };
    return { children: [sg], ids: [childBase(a, ctx, sg).id] };
}

/**
 * The children pulumi-eks v4.3.0 creates, with the inputs it gives them. Read from
 * nodejs/eks/cluster/cluster.ts (createCore) and nodejs/eks/servicerole.ts at tag v4.3.0 of
 * github.com/pulumi/pulumi-eks:
 * - without `serviceRole`, a ServiceRole `<name>-eksRole` (role `<name>-eksRole-role`, trusted by
 *   eks.amazonaws.com for sts:AssumeRole and sts:TagSession, AmazonEKSClusterPolicy attached);
 * - aws.eks.Cluster `<name>-eksCluster` with roleArn = that role, vpcConfig.securityGroupIds only
 *   when it made its own cluster security group (never with skipDefaultSecurityGroups), the
 *   endpoint flags and publicAccessCidrs passed through as given (EKS applies its defaults),
 *   accessConfig only when authenticationMode is set, and then always with
 *   bootstrapClusterCreatorAdminPermissions: true (hard-coded: the component deploys charts as
 *   the creator), tags = { Name: "<name>-eksCluster", ...clusterTags, ...tags };
 * - the OIDC provider when createOidcProvider is set.
 */
function clusterChildren(a: MockResourceArgs, clusterName: string, issuerUrl: string, ctx: MockContext): MockChild[] {
    const i = a.inputs;
    const service = serviceRole(a, ctx);
    const sg = ownSecurityGroup(a, ctx);
    const subnetIds = i.subnetIds ?? [...(i.publicSubnetIds ?? []), ...(i.privateSubnetIds ?? [])];
    return [
        ...service.children,
        ...sg.children,
        {
            type: "aws:eks/cluster:Cluster",
            name: `${a.name}-eksCluster`,
            inputs: dropUndefined({
                name: clusterName,
                roleArn: service.arn,
                version: i.version,
                bootstrapSelfManagedAddons: i.bootstrapSelfManagedAddons ?? true,
                vpcConfig: dropUndefined({
                    securityGroupIds: sg.ids,
                    subnetIds,
                    endpointPrivateAccess: i.endpointPrivateAccess,
                    endpointPublicAccess: i.endpointPublicAccess,
                    publicAccessCidrs: i.publicAccessCidrs,
                }),
                enabledClusterLogTypes: i.enabledClusterLogTypes,
                encryptionConfig: i.encryptionConfigKeyArn
                    ? { provider: { keyArn: i.encryptionConfigKeyArn }, resources: ["secrets"] }
                    : undefined,
                accessConfig: i.authenticationMode
                    ? { authenticationMode: i.authenticationMode, bootstrapClusterCreatorAdminPermissions: true }
                    : undefined,
                upgradePolicy: i.upgradePolicy,
                deletionProtection: i.deletionProtection,
                tags: { Name: `${a.name}-eksCluster`, ...(i.clusterTags ?? {}), ...(i.tags ?? {}) },
            }),
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
    // pulumi-eks returns the given clusterSecurityGroup as clusterSecurityGroupId, else (with
    // skipDefaultSecurityGroups) the EKS-created cluster group, which is then the node group too.
    const eksCreated = `sg-${hex(17, ctx.stack, a.urn, "cluster-sg")}`;
    const clusterSg = a.inputs.clusterSecurityGroup ? String(a.inputs.clusterSecurityGroup) : eksCreated;
    const nodeSg = a.inputs.skipDefaultSecurityGroups ? eksCreated : `sg-${hex(17, ctx.stack, a.urn, "node-sg")}`;
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
    // IAM names a service-linked role after its service; the Terraform id is the role's ARN.
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": (a, ctx) => {
        const service = String(a.inputs.awsServiceName);
        const name = SERVICE_LINKED_ROLE_NAMES[service] ?? `AWSServiceRoleFor${service.split(".")[0]}`;
        const arn = `arn:${ctx.partition}:iam::${ctx.account}:role/aws-service-role/${service}/${name}`;
        return { id: arn, outputs: { arn, name, path: `/aws-service-role/${service}/` } };
    },
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ outputs: { latestVersion: 1, defaultVersion: 1 } }),
    "aws:eks/addon:Addon": (a, ctx) => ({
        outputs: {
            arn: `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:addon/${a.inputs.clusterName}/${a.inputs.addonName}/${hex(8, a.urn)}`,
        },
    }),
};

export const eksCallMocks: Record<string, CallMock> = {};
