import { expect } from "chai";
import { ec2Imdsv2Required, eksEndpointRestricted, securityGroupNoPublicIngress } from "../../policies/network";
import { mutate, resourceCases, runResource, runStack, StackResource } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";

describe("network policies", () => {
    describe("security-group-no-public-ingress", () => {
        const stack = (): StackResource[] => [
            {
                type: SG,
                name: "alb-sg",
                props: {
                    vpcId: "vpc",
                    ingress: [
                        {
                            protocol: "tcp",
                            fromPort: 443,
                            toPort: 443,
                            cidrBlocks: ["0.0.0.0/0"],
                            ipv6CidrBlocks: ["::/0"],
                        },
                        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
                    ],
                },
            },
            {
                type: "aws:lb/loadBalancer:LoadBalancer",
                name: "alb",
                props: { internal: false, securityGroups: ["sg-1"] },
                deps: { securityGroups: ["alb-sg"] },
            },
            {
                type: SG,
                name: "db-sg",
                props: {
                    vpcId: "vpc",
                    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] }],
                },
            },
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "db-from-vpc",
                props: {
                    securityGroupId: "sg-2",
                    ipProtocol: "tcp",
                    fromPort: 5432,
                    toPort: 5432,
                    cidrIpv4: "10.0.0.0/16",
                },
                deps: { securityGroupId: ["db-sg"] },
            },
        ];

        it("accepts 80/443 from the internet on an internet-facing ALB and private ingress elsewhere", () => {
            expect(runStack(securityGroupNoPublicIngress, stack())).to.deep.equal([]);
        });

        it("reports SSH from the internet on an inline rule", () => {
            const s = stack();
            s[2].props = mutate(s[2].props, ["ingress", 0], {
                protocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrBlocks: ["0.0.0.0/0"],
            });
            expect(runStack(securityGroupNoPublicIngress, s)).to.deep.equal([
                { message: "Security group must not allow ingress from 0.0.0.0/0 (tcp 22)", name: "db-sg" },
            ]);
        });

        it("reports an IPv6 world rule on a SecurityGroupIngressRule", () => {
            const s = stack();
            s[3].props = mutate(s[3].props, ["cidrIpv4"], undefined);
            s[3].props = mutate(s[3].props, ["cidrIpv6"], "::/0");
            expect(runStack(securityGroupNoPublicIngress, s)).to.deep.equal([
                { message: "Security group must not allow ingress from ::/0 (tcp 5432)", name: "db-from-vpc" },
            ]);
        });

        it("reports all traffic from the internet on a SecurityGroupRule", () => {
            const s: StackResource[] = [
                ...stack(),
                {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    name: "open",
                    props: {
                        type: "ingress",
                        securityGroupId: "sg-2",
                        protocol: "-1",
                        fromPort: 0,
                        toPort: 0,
                        cidrBlocks: ["0.0.0.0/0"],
                    },
                    deps: { securityGroupId: ["db-sg"] },
                },
                {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    name: "egress",
                    props: {
                        type: "egress",
                        securityGroupId: "sg-2",
                        protocol: "-1",
                        fromPort: 0,
                        toPort: 0,
                        cidrBlocks: ["0.0.0.0/0"],
                    },
                },
            ];
            expect(runStack(securityGroupNoPublicIngress, s)).to.deep.equal([
                { message: "Security group must not allow ingress from 0.0.0.0/0 (all traffic)", name: "open" },
            ]);
        });

        it("reports extra ports on an internet-facing load balancer group", () => {
            const s = stack();
            s[0].props = mutate(s[0].props, ["ingress", 1, "toPort"], 8080);
            expect(runStack(securityGroupNoPublicIngress, s)).to.deep.equal([
                {
                    message:
                        "Internet-facing load balancer security group must only open tcp 80, 443 to 0.0.0.0/0 (got tcp 80-8080)",
                    name: "alb-sg",
                },
            ]);
        });

        it("treats the ALB's group as private when the ALB is internal", () => {
            const s = stack();
            s[1].props = mutate(s[1].props, ["internal"], true);
            expect(runStack(securityGroupNoPublicIngress, s).map((r) => r.message)).to.deep.equal([
                "Security group must not allow ingress from 0.0.0.0/0, ::/0 (tcp 443)",
                "Security group must not allow ingress from 0.0.0.0/0 (tcp 80)",
            ]);
        });

        it("recognises load balancer groups by tag and by configured name", () => {
            const s = stack().filter((r) => r.name !== "alb");
            expect(runStack(securityGroupNoPublicIngress, s)).to.have.length(2);
            const tagged = s.map((r) =>
                r.name === "alb-sg" ? { ...r, props: { ...r.props, tags: { "platform:internet-facing": "true" } } } : r,
            );
            expect(runStack(securityGroupNoPublicIngress, tagged)).to.deep.equal([]);
            expect(
                runStack(securityGroupNoPublicIngress, s, { internetFacingSecurityGroups: ["alb-*"] }),
            ).to.deep.equal([]);
        });
    });

    describe("ec2-imdsv2-required", () => {
        for (const [type, what] of [
            ["aws:ec2/instance:Instance", "EC2 instance"],
            ["aws:ec2/launchTemplate:LaunchTemplate", "Launch template"],
        ]) {
            resourceCases(
                ec2Imdsv2Required,
                () => ({ type, props: { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" } } }),
                [
                    {
                        what: "optional tokens",
                        path: ["metadataOptions", "httpTokens"],
                        to: "optional",
                        message: `${what} must require IMDSv2 (metadataOptions.httpTokens "required", got optional)`,
                    },
                    {
                        what: "no metadata options",
                        path: ["metadataOptions"],
                        to: undefined,
                        message: `${what} must require IMDSv2 (metadataOptions.httpTokens "required", got unset)`,
                    },
                ],
            );
        }
    });

    describe("eks-endpoint-restricted", () => {
        const message = "EKS cluster endpoint must be private or restricted to known CIDRs (publicAccessCidrs)";
        resourceCases(
            eksEndpointRestricted,
            () => ({
                type: "aws:eks/cluster:Cluster",
                props: { vpcConfig: { subnetIds: ["a"], endpointPrivateAccess: true, endpointPublicAccess: false } },
            }),
            [
                {
                    what: "a public endpoint with default CIDRs",
                    path: ["vpcConfig", "endpointPublicAccess"],
                    to: true,
                    message,
                },
                {
                    what: "an endpoint public by default",
                    path: ["vpcConfig", "endpointPublicAccess"],
                    to: undefined,
                    message,
                },
            ],
        );
        resourceCases(
            eksEndpointRestricted,
            () => ({
                type: "eks:index:Cluster",
                props: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            }),
            [
                {
                    what: "public to 0.0.0.0/0",
                    path: ["publicAccessCidrs"],
                    to: ["203.0.113.0/24", "0.0.0.0/0"],
                    message,
                },
                { what: "public without CIDRs", path: ["publicAccessCidrs"], to: undefined, message },
            ],
        );

        it("rejects any public endpoint when allowPublicWithCidrs is false", () => {
            const r = {
                type: "eks:index:Cluster",
                props: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            };
            expect(runResource(eksEndpointRestricted, r, { allowPublicWithCidrs: false })).to.deep.equal([
                "EKS cluster endpoint must be private (endpointPublicAccess false)",
            ]);
        });
    });
});
