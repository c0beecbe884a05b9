/**
 * Argument checks for the network components (pure). Each returns every problem as one line naming
 * the field, the value and what is allowed; the component throws them together before it creates
 * any resource.
 */
import { OwnedCidr, layoutSubnets, parseCidr, validateCidrs } from "./cidr";
import { ROUTE_DOMAINS, isRouteDomain } from "./domains";
import { ec2TextProblem } from "../ec2Text";
import { transitSubnetCidrs } from "./transitCidrs";
import { isKnownRegion } from "../regions";

/** Shown wherever a domain is checked. */
const DOMAINS_ALLOWED = `allowed: ${ROUTE_DOMAINS.join(", ")}`;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const show = (v: unknown) => (v === undefined ? "missing" : JSON.stringify(v));

/** Throws `Invalid <component> args:\n - ...` when there are problems. */
export function throwIfProblems(component: string, problems: string[]): void {
    if (problems.length > 0) throw new Error(`Invalid ${component} args:\n - ${problems.join("\n - ")}`);
}

export function domainProblem(field: string, v: unknown): string[] {
    return isRouteDomain(v) ? [] : [`${field} is ${show(v)}, an unknown route domain; ${DOMAINS_ALLOWED}`];
}

export function azProblems(azs: unknown, needsHa: boolean, why: string): string[] {
    if (!Array.isArray(azs) || azs.length === 0)
        return [`availabilityZones is ${show(azs)}, must list at least one AZ name`];
    const problems: string[] = [];
    if (needsHa && azs.length < 2)
        problems.push(`availabilityZones has ${azs.length} AZ (${azs.join(", ")}), ${why} needs at least 2`);
    if (new Set(azs).size !== azs.length) problems.push(`availabilityZones is ${show(azs)}, AZ names must be distinct`);
    return problems;
}

/** CIDR problems: invalid blocks, every overlapping pair with both owners, blocks outside the supernet. */
export function cidrProblems(owned: OwnedCidr[], supernet?: string): string[] {
    try {
        return validateCidrs(owned, { supernet });
    } catch (e) {
        return [(e as Error).message];
    }
}

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy); anything else fails at deploy. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function retentionProblems(field: string, days: unknown): string[] {
    if (days === undefined || (LOG_RETENTION_DAYS as readonly unknown[]).includes(days)) return [];
    return [`${field} is ${show(days)}, CloudWatch Logs allows: ${LOG_RETENTION_DAYS.join(", ")}`];
}

export interface VpnLike {
    customerGatewayIp?: unknown;
    bgpAsn?: unknown;
}

export function vpnProblems(vpn: VpnLike | undefined): string[] {
    if (vpn === undefined) return [];
    const problems: string[] = [];
    if (typeof vpn.customerGatewayIp !== "string" || !IPV4.test(vpn.customerGatewayIp)) {
        problems.push(
            `vpn.customerGatewayIp is ${show(vpn.customerGatewayIp)}, a VPN needs the customer gateway's public IPv4 address`,
        );
    }
    const asn = vpn.bgpAsn;
    if (!(Number.isInteger(asn) && (asn as number) >= 1 && (asn as number) <= 4294967294)) {
        problems.push(`vpn.bgpAsn is ${show(asn)}, must be an ASN from 1 to 4294967294`);
    }
    return problems;
}

export interface PeeringLike {
    name?: unknown;
    peerTransitGatewayId?: unknown;
    peerRegion?: unknown;
    routes?: { cidr?: unknown; domain?: unknown }[];
}

export function peeringProblems(field: string, peers: PeeringLike[] | undefined, needsRegion: boolean): string[] {
    const problems: string[] = [];
    (peers ?? []).forEach((p, i) => {
        const at = `${field}[${i}]`;
        if (typeof p.name !== "string" || p.name === "")
            problems.push(`${at}.name is ${show(p.name)}, must be a non-empty string`);
        if (needsRegion && (typeof p.peerRegion !== "string" || !isKnownRegion(p.peerRegion))) {
            problems.push(`${at}.peerRegion is ${show(p.peerRegion)}, a peer needs its AWS region, e.g. "eu-west-1"`);
        }
        if (needsRegion && (typeof p.peerTransitGatewayId !== "string" || !p.peerTransitGatewayId.startsWith("tgw-"))) {
            problems.push(
                `${at}.peerTransitGatewayId is ${show(p.peerTransitGatewayId)}, must be a Transit Gateway id ("tgw-...")`,
            );
        }
        (p.routes ?? []).forEach((r, j) => problems.push(...domainProblem(`${at}.routes[${j}].domain`, r.domain)));
    });
    return problems;
}

/** A value that ends up in a security group (rule) description must fit EC2's charset. */
export function textProblems(field: string, v: unknown): string[] {
    if (typeof v !== "string") return [`${field} is ${show(v)}, must be a string`];
    const problem = ec2TextProblem(field, v);
    return problem ? [problem] : [];
}

/** The endpoints the SSM agent needs when the host has no NAT (Session Manager docs, "VPC endpoints"). */
export const SSM_ENDPOINTS = ["ssm", "ssmmessages", "ec2messages"] as const;

export function bastionProblems(
    bastion: { ami?: unknown } | undefined,
    endpoints: readonly string[],
    fields = { endpoints: "interfaceEndpoints", ami: "bastion.ami" },
): string[] {
    if (bastion === undefined) return [];
    const problems: string[] = [];
    const missing = SSM_ENDPOINTS.filter((e) => !endpoints.includes(e));
    if (missing.length > 0)
        problems.push(
            `${fields.endpoints} is ${show(endpoints)}, the bastion (SSM only, no NAT) needs ${missing.join(", ")} too`,
        );
    if (bastion.ami !== undefined && !(typeof bastion.ami === "string" && /^ami-[0-9a-f]{8,17}$/.test(bastion.ami)))
        problems.push(`${fields.ami} is ${show(bastion.ami)}, must be an AMI id ("ami-" and 8 or 17 hex digits)`);
    return problems;
}

/** The Transit Gateway's Amazon-side ASN must be private (16- or 32-bit range). */
export function asnProblems(field: string, asn: number): string[] {
    if ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294)) return [];
    return [`${field} is ${asn}, must be a private ASN (64512-65534 or 4200000000-4294967294)`];
}

/**
 * Whether a VPC of `cidr` can be cut into the tiers and (with `transit`) a TGW attachment /28 per AZ. A VPC too small
 * for its AZs would otherwise fail half-way through the component, after other resources exist.
 */
export function vpcLayoutProblems(field: string, cidr: string, azCount: number, transit = true): string[] {
    try {
        parseCidr(cidr);
    } catch {
        return []; // the CIDR check reports it
    }
    try {
        const layout = layoutSubnets(cidr, { azCount: Math.max(azCount, 1) });
        if (transit) transitSubnetCidrs(cidr, layout);
        return [];
    } catch (e) {
        const why = (e as Error).message.split("\n - ").slice(1).join("; ");
        return [`${field} is ${show(cidr)}, too small for ${azCount} AZs: ${why}`];
    }
}
