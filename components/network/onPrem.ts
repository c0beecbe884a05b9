/**
 * On-premises links on the Transit Gateway: Site-to-Site VPN and a Direct Connect gateway
 * association. Both attach into the `shared` domain, so every environment reaches on-premises
 * while on-premises cannot bridge environments (each domain table routes only its own spokes).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DomainRouteTableIds, wireIntoDomain } from "./tgwRouting";

export interface VpnArgs {
    /** Public IPv4 address of the on-premises VPN device. */
    customerGatewayIp: string;
    /** BGP ASN of the on-premises side. */
    bgpAsn: number;
    /**
     * Pre-shared keys for tunnel 1 and 2, e.g. from `secretConfig(...)`. Never plain config.
     * @default AWS generates them and keeps them in Secrets Manager
     */
    presharedKeys?: [pulumi.Input<string>, pulumi.Input<string>];
}

export interface DirectConnectArgs {
    /** The Direct Connect gateway's id. */
    dxGatewayId: string;
    /** Prefixes advertised to on-premises over Direct Connect (the region's VPC CIDRs, summarised). */
    allowedPrefixes: string[];
}

/** IKEv2 only, AEAD ciphers, SHA-2 integrity and elliptic-curve DH groups: no legacy suites to downgrade to. */
export const TUNNEL_CRYPTO = {
    ikeVersions: ["ikev2"],
    encryption: ["AES256-GCM-16"],
    integrity: ["SHA2-256", "SHA2-384", "SHA2-512"],
    dhGroups: [19, 20, 21],
};

function tunnelOptions(n: 1 | 2, psk: pulumi.Input<string> | undefined): Record<string, unknown> {
    const t = `tunnel${n}`;
    return {
        [`${t}IkeVersions`]: TUNNEL_CRYPTO.ikeVersions,
        [`${t}Phase1EncryptionAlgorithms`]: TUNNEL_CRYPTO.encryption,
        [`${t}Phase2EncryptionAlgorithms`]: TUNNEL_CRYPTO.encryption,
        [`${t}Phase1IntegrityAlgorithms`]: TUNNEL_CRYPTO.integrity,
        [`${t}Phase2IntegrityAlgorithms`]: TUNNEL_CRYPTO.integrity,
        [`${t}Phase1DhGroupNumbers`]: TUNNEL_CRYPTO.dhGroups,
        [`${t}Phase2DhGroupNumbers`]: TUNNEL_CRYPTO.dhGroups,
        // AWS initiates: the tunnel comes up without waiting for on-premises traffic.
        [`${t}StartupAction`]: "start",
        ...(psk !== undefined ? { [`${t}PresharedKey`]: pulumi.secret(psk) } : {}),
    };
}

export function siteToSiteVpn(
    name: string,
    args: VpnArgs,
    tgwId: pulumi.Input<string>,
    tables: DomainRouteTableIds,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.VpnConnection {
    const cgw = new aws.ec2.CustomerGateway(
        `${name}-cgw`,
        {
            ipAddress: args.customerGatewayIp,
            bgpAsn: String(args.bgpAsn),
            type: "ipsec.1",
            tags: { ...tags, Name: `${name}-cgw` },
        },
        { parent },
    );
    const vpn = new aws.ec2.VpnConnection(
        `${name}-vpn`,
        {
            customerGatewayId: cgw.id,
            transitGatewayId: tgwId,
            type: "ipsec.1",
            // BGP, so on-premises prefixes propagate and a failed tunnel withdraws its routes.
            staticRoutesOnly: false,
            presharedKeyStorage: args.presharedKeys ? undefined : "SecretsManager",
            ...tunnelOptions(1, args.presharedKeys?.[0]),
            ...tunnelOptions(2, args.presharedKeys?.[1]),
            tags: { ...tags, Name: `${name}-vpn` },
        },
        { parent },
    );
    wireIntoDomain(
        `${name}-vpn`,
        { attachmentId: vpn.transitGatewayAttachmentId, domain: "shared", routeTableIds: tables },
        parent,
    );
    return vpn;
}

export function directConnect(
    name: string,
    args: DirectConnectArgs,
    tgwId: pulumi.Input<string>,
    tables: DomainRouteTableIds,
    parent: pulumi.Resource,
): aws.directconnect.GatewayAssociation {
    const assoc = new aws.directconnect.GatewayAssociation(
        `${name}-dx`,
        {
            dxGatewayId: args.dxGatewayId,
            associatedGatewayId: tgwId,
            allowedPrefixes: args.allowedPrefixes,
        },
        { parent },
    );
    wireIntoDomain(
        `${name}-dx`,
        { attachmentId: assoc.transitGatewayAttachmentId, domain: "shared", routeTableIds: tables },
        parent,
    );
    return assoc;
}
