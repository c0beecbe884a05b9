/**
 * One ALB of the regional edge, with its security group, target group and listeners. Two entry
 * paths need two load balancers:
 *
 * - "cf": internet-facing, in the public subnets, reached by CloudFront only. Its group admits the
 *   CloudFront origin-facing prefix list, and a listener rule forwards only requests carrying the
 *   secret origin header CloudFront adds; anything else gets a fixed 403.
 * - "ga": internal, in the private subnets, reached by Global Accelerator only. With client IP
 *   preservation, GA's packets arrive from the clients' own addresses (the GA guide, "Adding
 *   endpoints with client IP address preservation", says to allow-list client IPs in the security
 *   groups), and GA adds no header, so neither the prefix list nor the header rule can work on this
 *   path. Being internal, the ALB has no public address: GA (through its ENIs in these subnets) is the
 *   only way in from the internet, so its group may admit 443 from anywhere. The regional WAF filters
 *   this path, which bypasses CloudFront's.
 *
 * A target group belongs to one load balancer, so each ALB has its own; both bind the same
 * ingress-nginx Service (TargetGroupBinding).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ec2Description } from "../ec2Text";
import { nameTag } from "../tags";
import { DrainingArgs } from "./args";
import { NGINX_HEALTH, NGINX_HTTP_PORT } from "./settings";

export type EntryPath = "cf" | "ga";

export interface LoadBalancerArgs {
    path: EntryPath;
    vpcId: pulumi.Input<string>;
    /** The VPC's CIDR: the pods' addresses, the only egress destination. */
    vpcCidr: string;
    subnetIds: pulumi.Input<string[]>;
    /** Where 443 (and 80, for the redirect) come from: a prefix list id, or a CIDR. */
    source: { prefixListId: pulumi.Input<string> } | { cidr: string };
    certificateArn: pulumi.Input<string>;
    sslPolicy: string;
    deletionProtection: boolean;
    logsBucket: pulumi.Input<string>;
    draining: Required<DrainingArgs>;
    /** The CloudFront path's header check: name and secret value. */
    originHeader?: { name: string; value: pulumi.Input<string> };
    /** What the load balancer waits for (the logs bucket's policy: ELB tests its write access). */
    dependsOn: pulumi.Resource[];
    tags: Record<string, string>;
}

export interface EdgeLoadBalancer {
    path: EntryPath;
    loadBalancer: aws.lb.LoadBalancer;
    securityGroup: aws.ec2.SecurityGroup;
    targetGroup: aws.lb.TargetGroup;
    httpsListener: aws.lb.Listener;
}

export function edgeLoadBalancer(name: string, args: LoadBalancerArgs, parent: pulumi.Resource): EdgeLoadBalancer {
    const id = `${name}-${args.path}`;
    const securityGroup = loadBalancerGroup(id, args, parent);
    const loadBalancer = new aws.lb.LoadBalancer(
        id,
        {
            loadBalancerType: "application",
            internal: args.path === "ga",
            subnets: args.subnetIds,
            securityGroups: [securityGroup.id],
            dropInvalidHeaderFields: true,
            enableDeletionProtection: args.deletionProtection,
            // Appending keeps the client's address for nginx's real-IP walk (it trusts only the VPC
            // and CloudFront), so the per-client rate limit stays per client.
            xffHeaderProcessingMode: "append",
            accessLogs: { bucket: args.logsBucket, prefix: args.path, enabled: true },
            tags: nameTag(id, args.tags),
        },
        { parent, dependsOn: args.dependsOn },
    );
    const targetGroup = nginxTargetGroup(`${name}-${args.path}t`, args, parent);
    const httpsListener = listeners(id, args, loadBalancer, targetGroup, parent);
    return { path: args.path, loadBalancer, securityGroup, targetGroup, httpsListener };
}

function loadBalancerGroup(id: string, args: LoadBalancerArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
    const internetFacing = args.path === "ga";
    const sg = new aws.ec2.SecurityGroup(
        `${id}-sg`,
        {
            vpcId: args.vpcId,
            description:
                args.path === "cf"
                    ? "CloudFront-facing ALB: its listeners from the CloudFront origin-facing prefix list only"
                    : "Global Accelerator-facing internal ALB: 443 from client addresses (GA preserves them)",
            // The GA group admits the internet by design (see above); the tag tells the pack's
            // security-group-no-public-ingress that it fronts a public entry point.
            tags: nameTag(
                `${id}-sg`,
                internetFacing ? { ...args.tags, "platform:internet-facing": "true" } : args.tags,
            ),
        },
        { parent },
    );
    // A rule naming a prefix list counts as the list's maximum entries against the group's rule
    // quota (55 for CloudFront's origin-facing list; 60 inbound rules by default), so the CloudFront
    // group has ONE rule, 80-443: an ALB accepts connections only on its listeners' ports, so the
    // range admits exactly 443 and the redirecting 80.
    const [fromPort, toPort] = args.path === "cf" ? [80, 443] : [443, 443];
    new aws.vpc.SecurityGroupIngressRule(
        `${id}-in`,
        {
            securityGroupId: sg.id,
            description: ec2Description(
                args.path === "cf" ? "CloudFront origin-facing to the listeners" : "Global Accelerator clients to 443",
            ),
            ipProtocol: "tcp",
            fromPort,
            toPort,
            ...("prefixListId" in args.source
                ? { prefixListId: args.source.prefixListId }
                : { cidrIpv4: args.source.cidr }),
            tags: nameTag(`${id}-in`, args.tags),
        },
        { parent },
    );
    // To the pods only: nginx's HTTP port and its health port, nowhere else.
    for (const port of [NGINX_HTTP_PORT, NGINX_HEALTH.port]) {
        new aws.vpc.SecurityGroupEgressRule(
            `${id}-out-${port}`,
            {
                securityGroupId: sg.id,
                description: ec2Description(`ingress-nginx pods ${port}`),
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                cidrIpv4: args.vpcCidr,
                tags: nameTag(`${id}-out-${port}`, args.tags),
            },
            { parent },
        );
    }
    return sg;
}

function nginxTargetGroup(id: string, args: LoadBalancerArgs, parent: pulumi.Resource): aws.lb.TargetGroup {
    const d = args.draining;
    return new aws.lb.TargetGroup(
        id,
        {
            // ip: pods are registered directly by the TargetGroupBinding (no NodePort hop).
            targetType: "ip",
            port: NGINX_HTTP_PORT,
            protocol: "HTTP",
            vpcId: args.vpcId,
            deregistrationDelay: d.deregistrationDelaySeconds,
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                path: NGINX_HEALTH.path,
                port: String(NGINX_HEALTH.port),
                matcher: "200",
                interval: d.healthCheckIntervalSeconds,
                timeout: Math.min(5, d.healthCheckIntervalSeconds - 1),
                healthyThreshold: d.healthyThreshold,
                unhealthyThreshold: d.unhealthyThreshold,
            },
            tags: nameTag(id, args.tags),
        },
        { parent },
    );
}

function listeners(
    id: string,
    args: LoadBalancerArgs,
    lb: aws.lb.LoadBalancer,
    tg: aws.lb.TargetGroup,
    parent: pulumi.Resource,
): aws.lb.Listener {
    const forward: aws.types.input.lb.ListenerRuleAction = { type: "forward", targetGroupArn: tg.arn };
    const https = new aws.lb.Listener(
        `${id}-https`,
        {
            loadBalancerArn: lb.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: args.sslPolicy,
            certificateArn: args.certificateArn,
            defaultActions: [
                args.originHeader
                    ? {
                          type: "fixed-response",
                          fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" },
                      }
                    : forward,
            ],
            tags: nameTag(`${id}-https`, args.tags),
        },
        { parent },
    );
    if (args.originHeader) originHeaderRule(id, args.originHeader, https, forward, args.tags, parent);
    if (args.path === "cf") redirectListener(id, lb, args.tags, parent);
    return https;
}

/** Only requests carrying CloudFront's secret header reach the pods; the listener answers the rest 403. */
function originHeaderRule(
    id: string,
    header: { name: string; value: pulumi.Input<string> },
    https: aws.lb.Listener,
    forward: aws.types.input.lb.ListenerRuleAction,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): void {
    new aws.lb.ListenerRule(
        `${id}-origin-header`,
        {
            listenerArn: https.arn,
            priority: 10,
            conditions: [{ httpHeader: { httpHeaderName: header.name, values: [header.value] } }],
            actions: [forward],
            tags: nameTag(`${id}-origin-header`, tags),
        },
        { parent },
    );
}

function redirectListener(
    id: string,
    lb: aws.lb.LoadBalancer,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): void {
    new aws.lb.Listener(
        `${id}-http`,
        {
            loadBalancerArn: lb.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [
                { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
            tags: nameTag(`${id}-http`, tags),
        },
        { parent },
    );
}
