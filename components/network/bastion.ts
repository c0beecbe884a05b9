/**
 * Optional admin host for tools that need a shell inside the network. Reached only through SSM
 * Session Manager: private subnet, no public IP, no inbound rule at all (so never port 22).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The SSM public parameter AWS keeps pointing at the latest Amazon Linux 2023 AMI. */
export const AL2023_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

export interface BastionArgs {
    /** EC2 instance type. @default "t3.micro" */
    instanceType?: string;
    /**
     * A pinned AMI id. Changing it replaces the bastion: that is how to roll it deliberately.
     * @default the latest Amazon Linux 2023 when the bastion is created, kept after that
     */
    ami?: string;
}

export interface BastionContext {
    vpcId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    /**
     * Where the host may open HTTPS: the interface endpoints' VPC (the SSM agent's only way out, as
     * there is no NAT) and the spokes, whose private EKS API an operator reaches by SSM port
     * forwarding through this host. Nothing else, and no other port.
     */
    egress: { cidr: string; description: string }[];
    /** Root volume key. */
    kmsKeyArn: pulumi.Input<string>;
    tags: Record<string, string>;
}

function ssmRole(name: string, tags: Record<string, string>, parent: pulumi.Resource): aws.iam.InstanceProfile {
    const role = new aws.iam.Role(
        `${name}-bastion-role`,
        {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: { ...tags, Name: `${name}-bastion-role` },
        },
        { parent },
    );
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    new aws.iam.RolePolicyAttachment(
        `${name}-bastion-ssm`,
        {
            role: role.name,
            policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
        },
        { parent },
    );
    return new aws.iam.InstanceProfile(
        `${name}-bastion-profile`,
        { role: role.name, tags: { ...tags, Name: `${name}-bastion-profile` } },
        { parent },
    );
}

export function bastionHost(
    name: string,
    args: BastionArgs,
    ctx: BastionContext,
    parent: pulumi.Resource,
): aws.ec2.Instance {
    const sg = new aws.ec2.SecurityGroup(
        `${name}-bastion-sg`,
        {
            vpcId: ctx.vpcId,
            description: "Bastion: no inbound; HTTPS out to the SSM endpoints and the spoke APIs only",
            tags: { ...ctx.tags, Name: `${name}-bastion-sg` },
        },
        { parent },
    );
    ctx.egress.forEach(
        ({ cidr, description }, i) =>
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-bastion-https-out-${i}`,
                {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: cidr,
                    description,
                    tags: { ...ctx.tags, Name: `${name}-bastion-https-out-${i}` },
                },
                { parent },
            ),
    );
    const ami = args.ami ?? aws.ssm.getParameterOutput({ name: AL2023_AMI_PARAMETER }, { parent }).value;
    return new aws.ec2.Instance(
        `${name}-bastion`,
        {
            ami,
            instanceType: args.instanceType ?? "t3.micro",
            subnetId: ctx.subnetId,
            associatePublicIpAddress: false,
            vpcSecurityGroupIds: [sg.id],
            iamInstanceProfile: ssmRole(name, ctx.tags, parent).name,
            // IMDSv2 only, one hop: a container on the host can't borrow the instance role.
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
            rootBlockDevice: { encrypted: true, kmsKeyId: ctx.kmsKeyArn, volumeType: "gp3", volumeSize: 20 },
            tags: { ...ctx.tags, Name: `${name}-bastion` },
        },
        // The parameter points at a new AMI every few weeks; following it would replace the bastion on
        // the first `pulumi up` after each release, dropping open sessions. So the unpinned AMI is
        // ignored after creation (`--replace` would keep it too: ignoreChanges feeds the old input to
        // the replacement). To roll it deliberately, pin `ami` (e.g. today's parameter value): a pinned
        // AMI is not ignored, so setting or changing it replaces the instance.
        { parent, ignoreChanges: args.ami === undefined ? ["ami"] : [] },
    );
}
