/**
 * Network exposure. Advisory by default so dev experiments aren't blocked; prod's policy config
 * makes them mandatory.
 */
import {
    get,
    globMatch,
    isTrue,
    isUnknown,
    list,
    PlatformPolicy,
    resourcePolicy,
    Stack,
    StackNode,
    stackPolicy,
    strings,
    tagsOf,
} from "./helpers";

const WORLD = ["0.0.0.0/0", "::/0"];
const SG_TYPE = "aws:ec2/securityGroup:SecurityGroup";
const LB_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

interface IngressConfig {
    allowedPublicPorts: number[];
    internetFacingTagKey: string;
    internetFacingTagValue: string;
    internetFacingSecurityGroups: string[];
}

/** One ingress permission, whichever of the three resource shapes it came from. */
interface Ingress {
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    cidrs: string[];
    sg?: StackNode;
    reportOn: string;
}

function isAllPorts(protocol: unknown): boolean {
    return protocol === "-1" || protocol === -1 || String(protocol).toLowerCase() === "all";
}

function portsLabel(i: Ingress): string {
    if (isAllPorts(i.protocol)) {
        return "all traffic";
    }
    const ports = i.fromPort === i.toPort ? String(i.fromPort) : `${String(i.fromPort)}-${String(i.toPort)}`;
    return `${String(i.protocol)} ${ports}`;
}

function onlyAllowedPorts(i: Ingress, allowed: number[]): boolean {
    const tcp = ["tcp", "6"].includes(String(i.protocol).toLowerCase());
    if (!tcp || typeof i.fromPort !== "number" || typeof i.toPort !== "number") {
        return false;
    }
    for (let port = i.fromPort; port <= i.toPort; port++) {
        if (!allowed.includes(port)) {
            return false;
        }
    }
    return true;
}

function collectIngress(stack: Stack): Ingress[] {
    const sgs = stack.ofType(SG_TYPE);
    const out: Ingress[] = [];
    for (const sg of sgs) {
        const rules = list(get(sg.props, "ingress"));
        for (const r of isUnknown(rules) ? [] : rules) {
            out.push({
                protocol: get(r, "protocol"),
                fromPort: get(r, "fromPort"),
                toPort: get(r, "toPort"),
                cidrs: [...strings(get(r, "cidrBlocks")), ...strings(get(r, "ipv6CidrBlocks"))],
                sg,
                reportOn: sg.urn,
            });
        }
    }
    for (const r of stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
        out.push({
            protocol: get(r.props, "ipProtocol"),
            fromPort: get(r.props, "fromPort"),
            toPort: get(r.props, "toPort"),
            cidrs: [...strings(get(r.props, "cidrIpv4")), ...strings(get(r.props, "cidrIpv6"))],
            sg: stack.linked(r, "securityGroupId", sgs)[0],
            reportOn: r.urn,
        });
    }
    for (const r of stack.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")) {
        if (get(r.props, "type") !== "ingress") {
            continue;
        }
        out.push({
            protocol: get(r.props, "protocol"),
            fromPort: get(r.props, "fromPort"),
            toPort: get(r.props, "toPort"),
            cidrs: [...strings(get(r.props, "cidrBlocks")), ...strings(get(r.props, "ipv6CidrBlocks"))],
            sg: stack.linked(r, "securityGroupId", sgs)[0],
            reportOn: r.urn,
        });
    }
    return out;
}

/**
 * An internet-facing load balancer's security group is recognised three ways: a non-internal
 * aws:lb LoadBalancer in the stack uses it; it carries the configured tag (for groups handed to the
 * AWS Load Balancer Controller, whose load balancers aren't Pulumi resources); or its resource name
 * is on the configured allow-list.
 */
export const securityGroupNoPublicIngress = stackPolicy<IngressConfig>({
    name: "security-group-no-public-ingress",
    description: "Security groups admit the internet only on 80/443 of internet-facing load balancers.",
    enforcementLevel: "advisory",
    config: {
        allowedPublicPorts: {
            type: "array",
            items: { type: "integer" },
            description: "TCP ports an internet-facing load balancer may open to 0.0.0.0/0 and ::/0.",
            default: [80, 443],
        },
        internetFacingTagKey: {
            type: "string",
            description: "Tag key that marks a security group as an internet-facing load balancer's.",
            default: "platform:internet-facing",
        },
        internetFacingTagValue: {
            type: "string",
            description: "Tag value that goes with internetFacingTagKey.",
            default: "true",
        },
        internetFacingSecurityGroups: {
            type: "array",
            items: { type: "string" },
            description: "Security group resource names (globs) that belong to internet-facing load balancers.",
            default: [],
        },
    },
    check(stack, cfg, report) {
        const lbGroups = new Set(
            stack
                .ofType(...LB_TYPES)
                .filter((lb) => !isTrue(get(lb.props, "internal")))
                .flatMap((lb) => lb.propertyDependencies["securityGroups"] ?? []),
        );
        const isPublicLb = (sg?: StackNode) =>
            !!sg &&
            (lbGroups.has(sg.urn) ||
                tagsOf(get(sg.props, "tags"))[cfg.internetFacingTagKey] === cfg.internetFacingTagValue ||
                cfg.internetFacingSecurityGroups.some((p) => globMatch(p, sg.name)));
        for (const i of collectIngress(stack)) {
            const world = i.cidrs.filter((c) => WORLD.includes(c));
            if (world.length === 0) {
                continue;
            }
            if (!isPublicLb(i.sg)) {
                report(`Security group must not allow ingress from ${world.join(", ")} (${portsLabel(i)})`, i.reportOn);
            } else if (!onlyAllowedPorts(i, cfg.allowedPublicPorts)) {
                const ports = cfg.allowedPublicPorts.join(", ");
                report(
                    `Internet-facing load balancer security group must only open tcp ${ports} to ${world.join(", ")} (got ${portsLabel(i)})`,
                    i.reportOn,
                );
            }
        }
    },
});

export const ec2Imdsv2Required = resourcePolicy({
    name: "ec2-imdsv2-required",
    description: "EC2 instances and launch templates require IMDSv2 session tokens.",
    enforcementLevel: "advisory",
    types: ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"],
    config: {},
    check(r, _cfg, report) {
        const tokens = get(r.props, "metadataOptions", "httpTokens");
        if (!isUnknown(tokens) && tokens !== "required") {
            const what = r.type === "aws:ec2/instance:Instance" ? "EC2 instance" : "Launch template";
            report(
                `${what} must require IMDSv2 (metadataOptions.httpTokens "required", got ${String(tokens ?? "unset")})`,
            );
        }
    },
});

interface EksEndpointConfig {
    allowPublicWithCidrs: boolean;
}

export const eksEndpointRestricted = resourcePolicy<EksEndpointConfig>({
    name: "eks-endpoint-restricted",
    description: "EKS API endpoints are private, or public only to listed CIDRs.",
    enforcementLevel: "advisory",
    types: ["aws:eks/cluster:Cluster", "eks:index:Cluster"],
    config: {
        allowPublicWithCidrs: {
            type: "boolean",
            description: "Accept a public endpoint whose publicAccessCidrs exclude 0.0.0.0/0 and ::/0.",
            default: true,
        },
    },
    check(r, cfg, report) {
        // Both resources default to a public endpoint open to 0.0.0.0/0.
        const vpc = r.type === "eks:index:Cluster" ? r.props : get(r.props, "vpcConfig");
        const isPublic = get(vpc, "endpointPublicAccess");
        const cidrs = get(vpc, "publicAccessCidrs");
        if (isUnknown(isPublic) || isPublic === false || isPublic === "false" || isUnknown(cidrs)) {
            return;
        }
        const allowed = strings(cidrs);
        if (!cfg.allowPublicWithCidrs) {
            report("EKS cluster endpoint must be private (endpointPublicAccess false)");
        } else if (allowed.length === 0 || allowed.some((c) => WORLD.includes(c))) {
            report("EKS cluster endpoint must be private or restricted to known CIDRs (publicAccessCidrs)");
        }
    },
});

export const networkPolicies: PlatformPolicy[] = [
    securityGroupNoPublicIngress,
    ec2Imdsv2Required,
    eksEndpointRestricted,
];
