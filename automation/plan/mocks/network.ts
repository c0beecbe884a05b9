/**
 * Mocks for the network area: the awsx.ec2.Vpc remote component (its outputs and the children its
 * plugin creates, computed from its inputs the way awsx 3.x does) and the data sources the network
 * components call.
 *
 * awsx (pulumi-awsx awsx/ec2/vpc.ts): per AZ i (1-based n), subnet specs sorted public, private,
 * isolated; each gets a Subnet (tags: the VPC's, then the spec's, then Name and SubnetType),
 * RouteTable and RouteTableAssociation named `<vpc>-<spec name or type>-<n>`; a public subnet gets a 0.0.0.0/0 route to the internet gateway and, when the NAT
 * strategy asks for one in this AZ (OnePerAz: every AZ; Single: the first; None: never), an Eip and a
 * NatGateway named `<vpc>-<n>`; a private subnet gets a 0.0.0.0/0 route to its AZ's NAT (Single: the
 * one NAT) unless the strategy is None; isolated subnets get no route. The IGW is always created.
 * Children are recorded flat under the component (the plugin nests them under the VPC and subnets).
 */
import { baseOutputs } from "./aws";
import { CallMock, MockChild, MockContext, ResourceMock, hex } from "./context";

type Tier = "Public" | "Private" | "Isolated" | "Unused";
interface Spec {
    type: Tier;
    name?: string;
    cidrBlocks?: string[];
    cidrMask?: number;
    tags?: Record<string, string>;
}
interface Placed {
    type: Tier;
    specName: string;
    az: string;
    azNum: number;
    cidr: string;
    tags: Record<string, string>;
}

/** Route table id of each awsx subnet, by stack and subnet id, for getRouteTable({ subnetId }). */
const routeTableBySubnet = new Map<string, { routeTableId: string; vpcId: string }>();
/** NAT gateway of each awsx public subnet that has one, by stack and subnet id, for getNatGateway({ subnetId }). */
const natBySubnet = new Map<string, { id: string; vpcId: string; allocationId: string }>();

function ipToInt(ip: string): number {
    return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
}
function intToIp(n: number): string {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** awsx's allocation when no spec has explicit cidrBlocks: equal AZ slices, specs in order inside each. */
function allocate(cidr: string, azs: string[], specs: Spec[]): Placed[] {
    const explicit = specs.every((s) => s.cidrBlocks && s.cidrBlocks.length === azs.length);
    const [base, bits] = cidr.split("/");
    const azBits = Math.ceil(Math.log2(azs.length));
    const slice = Number(bits) + azBits;
    const out: Placed[] = [];
    azs.forEach((az, i) => {
        let next = ipToInt(base) + i * 2 ** (32 - slice);
        for (const s of specs) {
            const mask = s.cidrMask ?? slice + Math.ceil(Math.log2(specs.length));
            const block = explicit ? s.cidrBlocks![i] : `${intToIp(next)}/${mask}`;
            next += 2 ** (32 - mask);
            out.push({
                type: s.type,
                specName: s.name ?? s.type.toLowerCase(),
                az,
                azNum: i + 1,
                cidr: block,
                tags: s.tags ?? {},
            });
        }
    });
    return out.filter((p) => p.type !== "Unused");
}

const ORDER: Record<string, number> = { Public: 0, Private: 1, Isolated: 2 };

/** The id the monitor will give a synthetic child (same URN and hash rules). */
function childId(parentUrn: string, type: string, name: string, ctx: MockContext): string {
    const urn = `urn:pulumi:${ctx.stack}::${ctx.project}::${parentUrn.split("::")[2]}$${type}::${name}`;
    return baseOutputs({ type, name, urn, inputs: {}, custom: true }, ctx).id;
}

const awsxVpc: ResourceMock = (a, ctx) => {
    const name = a.name;
    const cidr: string = a.inputs.cidrBlock ?? "10.0.0.0/16";
    const azs: string[] =
        a.inputs.availabilityZoneNames ??
        ["a", "b", "c", "d", "e", "f"]
            .slice(0, a.inputs.numberOfAvailabilityZones ?? 3)
            .map((l) => `${ctx.region}${l}`);
    const specs: Spec[] = a.inputs.subnetSpecs ?? [{ type: "Private" }, { type: "Public" }];
    const strategy: string = a.inputs.natGateways?.strategy ?? "OnePerAz";
    const tags = a.inputs.tags ?? {};
    const id = (type: string, n: string) => childId(a.urn, type, n, ctx);
    const vpcId = id("aws:ec2/vpc:Vpc", name);
    const igwId = id("aws:ec2/internetGateway:InternetGateway", name);
    const children: MockChild[] = [
        {
            type: "aws:ec2/vpc:Vpc",
            name,
            inputs: {
                cidrBlock: cidr,
                enableDnsHostnames: a.inputs.enableDnsHostnames ?? false,
                enableDnsSupport: a.inputs.enableDnsSupport ?? true,
                tags: { Name: name, ...tags },
            },
        },
        { type: "aws:ec2/internetGateway:InternetGateway", name, inputs: { vpcId, tags: { Name: name, ...tags } } },
    ];
    const ids: Record<"Public" | "Private" | "Isolated", string[]> = { Public: [], Private: [], Isolated: [] };
    const nats: string[] = [];
    const placed = allocate(cidr, azs, specs).sort((x, y) => x.azNum - y.azNum || ORDER[x.type] - ORDER[y.type]);
    for (const p of placed) {
        const sn = `${name}-${p.specName}-${p.azNum}`;
        const subnetId = id("aws:ec2/subnet:Subnet", sn);
        const rtbId = id("aws:ec2/routeTable:RouteTable", sn);
        ids[p.type as "Public"].push(subnetId);
        routeTableBySubnet.set(`${ctx.stack}|${subnetId}`, { routeTableId: rtbId, vpcId });
        // As awsx: a subnet gets its spec's tags, its route table doesn't.
        const t = { ...tags, Name: sn, SubnetType: p.type };
        children.push(
            {
                type: "aws:ec2/subnet:Subnet",
                name: sn,
                inputs: {
                    vpcId,
                    availabilityZone: p.az,
                    cidrBlock: p.cidr,
                    mapPublicIpOnLaunch: p.type === "Public",
                    tags: { ...tags, ...p.tags, Name: sn, SubnetType: p.type },
                },
            },
            { type: "aws:ec2/routeTable:RouteTable", name: sn, inputs: { vpcId, tags: t } },
            {
                type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
                name: sn,
                inputs: { routeTableId: rtbId, subnetId },
            },
        );
        const wantsNat =
            strategy === "OnePerAz" ? nats.length < p.azNum : strategy === "Single" ? nats.length < 1 : false;
        if (p.type === "Public" && wantsNat) {
            const n = `${name}-${p.azNum}`;
            const eipId = id("aws:ec2/eip:Eip", n);
            children.push(
                { type: "aws:ec2/eip:Eip", name: n, inputs: { tags: { ...tags, Name: n } } },
                {
                    type: "aws:ec2/natGateway:NatGateway",
                    name: n,
                    inputs: { subnetId, allocationId: eipId, tags: { ...tags, Name: n } },
                },
            );
            nats.push(id("aws:ec2/natGateway:NatGateway", n));
            natBySubnet.set(`${ctx.stack}|${subnetId}`, { id: nats[nats.length - 1], vpcId, allocationId: eipId });
        }
        if (p.type === "Public") {
            children.push({
                type: "aws:ec2/route:Route",
                name: sn,
                inputs: { routeTableId: rtbId, gatewayId: igwId, destinationCidrBlock: "0.0.0.0/0" },
            });
        } else if (p.type === "Private" && strategy !== "None") {
            const natGatewayId = strategy === "Single" ? nats[0] : nats[p.azNum - 1];
            children.push({
                type: "aws:ec2/route:Route",
                name: sn,
                inputs: { routeTableId: rtbId, natGatewayId, destinationCidrBlock: "0.0.0.0/0" },
            });
        }
    }
    return {
        outputs: {
            vpcId,
            publicSubnetIds: ids.Public,
            privateSubnetIds: ids.Private,
            isolatedSubnetIds: ids.Isolated,
            subnetLayout: specs.map((s) => ({
                type: s.type,
                name: s.name ?? s.type.toLowerCase(),
                ...(s.cidrMask !== undefined ? { cidrMask: s.cidrMask } : {}),
            })),
        },
        children,
    };
};

/**
 * An interface endpoint's DNS entries as AWS returns them: the regional name first (what an alias
 * record targets), then one zonal name per subnet, all in the region's vpce.amazonaws.com hosted
 * zone (mock id, one per region). Gateway endpoints have none.
 */
const vpcEndpoint: ResourceMock = (a, ctx, b) => {
    if (a.inputs.vpcEndpointType !== "Interface") return { outputs: { dnsEntries: [] } };
    const service = String(a.inputs.serviceName ?? "")
        .split(".")
        .slice(3)
        .reverse()
        .join(".");
    const hostedZoneId = `Z${hex(13, "vpce", ctx.region).toUpperCase()}`;
    const base = `${b.id}-${hex(8, b.id, "dns")}`;
    const zonal = ((a.inputs.subnetIds as string[] | undefined) ?? []).map(
        (_s, i) => `${base}-${ctx.region}${"abcdef"[i]}`,
    );
    return {
        outputs: {
            dnsEntries: [base, ...zonal].map((h) => ({
                dnsName: `${h}.${service}.${ctx.region}.vpce.amazonaws.com`,
                hostedZoneId,
            })),
        },
    };
};

export const networkResourceMocks: Record<string, ResourceMock> = {
    "awsx:ec2:Vpc": awsxVpc,
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
    "aws:ec2/vpnConnection:VpnConnection": (_a, _ctx, b) => ({
        outputs: {
            transitGatewayAttachmentId: `tgw-attach-${hex(17, b.id, "vpn")}`,
            tunnel1Address: `203.0.113.${(parseInt(hex(2, b.id, "t1"), 16) % 250) + 1}`,
            tunnel2Address: `198.51.100.${(parseInt(hex(2, b.id, "t2"), 16) % 250) + 1}`,
        },
    }),
    "aws:directconnect/gatewayAssociation:GatewayAssociation": (_a, _ctx, b) => ({
        outputs: {
            transitGatewayAttachmentId: `tgw-attach-${hex(17, b.id, "dx")}`,
            dxGatewayAssociationId: `${hex(8, b.id)}-${hex(4, b.id, "a")}`,
        },
    }),
};

export const networkCallMocks: Record<string, CallMock> = {
    "aws:ec2/getNatGateway:getNatGateway": (a, ctx) => {
        const found = a.subnetId ? natBySubnet.get(`${ctx.stack}|${a.subnetId}`) : undefined;
        if (!found)
            throw new Error(`getNatGateway: no NAT gateway in subnet ${a.subnetId} (mock knows awsx NATs only)`);
        return {
            id: found.id,
            subnetId: a.subnetId,
            vpcId: found.vpcId,
            allocationId: found.allocationId,
            state: "available",
            connectivityType: "public",
            tags: {},
        };
    },
    "aws:ec2/getRouteTable:getRouteTable": (a, ctx) => {
        const found = a.subnetId ? routeTableBySubnet.get(`${ctx.stack}|${a.subnetId}`) : undefined;
        if (!found)
            throw new Error(
                `getRouteTable: no route table associated with subnet ${a.subnetId} (mock knows awsx subnets only)`,
            );
        return {
            id: found.routeTableId,
            routeTableId: found.routeTableId,
            vpcId: found.vpcId,
            subnetId: a.subnetId,
            ownerId: ctx.account,
            routes: [],
            associations: [],
            tags: {},
        };
    },
};
