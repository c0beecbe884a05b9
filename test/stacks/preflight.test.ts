import { expect } from "chai";
import { KNOWN_REGIONS } from "../../components/regions";
import { StackSettings, loadStackSettings } from "../../stacks/config";
import main from "../../stacks/index";
import { qualifyStackName, stackNameProblem } from "../../stacks/config/network";
import { spokeCidrPlan } from "../../stacks/preflight";
import { RunOptions, discoverStacks, planned, projectConfigOf, record, rejection } from "../harness";
import { BASE_CONFIG, HUB_CFG, awsRecords, hubStack } from "./fixtures";

type Net = Record<string, unknown>;

/**
 * A workload stack on the real network-frankfurt's outputs, with the eks and database settings of a
 * real stack of the same environment, so the network problem under test is the only one.
 */
const workload = async (
    environment: string,
    network: Net,
    hubOutputs?: Record<string, unknown>,
): Promise<RunOptions> => ({
    stack: `${environment}-test`,
    config: { ...BASE_CONFIG, role: "workload", environment, network, ...areasOf(environment) },
    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
    references: { "network-frankfurt": hubOutputs ?? (await planned("network-frankfurt")).outputs },
});
/** The `eks` and `database` config of the first discovered workload stack of the environment. */
function areasOf(environment: string): Net {
    const real = discoverStacks().find((d) => d.role === "workload" && d.environment === environment);
    if (!real) return {};
    const { eks, database } = projectConfigOf(real.name);
    return { eks, database };
}
const spoke = (s: Net, extra: Net = {}) => ({ ...extra, spoke: { hubStack: "network-frankfurt", ...s } });

/** The aws registrations of a failed run (the provider included). */

describe("preflight: bad network config fails in config words before any AWS resource", function () {
    this.timeout(120_000);

    const rows: { why: string; run: () => RunOptions | Promise<RunOptions>; message: string }[] = [
        {
            why: "a region that is not an AWS region",
            run: () => ({ ...hubStack({ hub: HUB_CFG }), region: "eu-centrall-1" }),
            message: `aws:region is "eu-centrall-1", must be an AWS region (known: ${KNOWN_REGIONS.join(", ")})`,
        },
        {
            why: "a network stack without its hub",
            run: () => hubStack({ azCount: 3 }),
            message: "payments-platform:network.hub is missing, a network stack needs the region's CIDR plan",
        },
        {
            why: "a hub on one AZ",
            run: () => hubStack({ azCount: 1, hub: HUB_CFG }),
            message: "payments-platform:network.azCount is 1, a network hub serves prod and needs at least 2",
        },
        {
            why: "overlapping blocks in the hub's plan",
            run: () =>
                hubStack({ hub: { ...HUB_CFG, onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.16.128.0/17" }] } }),
            message:
                "payments-platform:network.hub: 10.16.0.0/16 (dev/workloads) overlaps 10.16.128.0/17 (on-prem/dc1)",
        },
        {
            why: "a block outside the supernet",
            run: () => hubStack({ hub: { ...HUB_CFG, egressCidr: "172.16.0.0/20" } }),
            message: "payments-platform:network.hub: 172.16.0.0/20 (shared/egress) is outside the supernet 10.0.0.0/8",
        },
        {
            why: "a malformed endpoint service",
            run: () => hubStack({ hub: { ...HUB_CFG, interfaceEndpoints: ["ECR API"] } }),
            message: 'payments-platform:network.hub.interfaceEndpoints[0] is "ECR API", must be a service short name',
        },
        {
            why: "a public TGW ASN",
            run: () => hubStack({ hub: { ...HUB_CFG, amazonSideAsn: 100 } }),
            message: "payments-platform:network.hub.amazonSideAsn is 100, must be a private ASN",
        },
        {
            why: "a flow-log retention CloudWatch Logs refuses",
            run: () => hubStack({ flowLogRetentionDays: 100, hub: HUB_CFG }),
            message: "payments-platform:network.flowLogRetentionDays is 100, CloudWatch Logs allows: 1, 3, 5",
        },
        {
            why: "a spoke name EC2 refuses in a rule description",
            run: () =>
                hubStack({ hub: { ...HUB_CFG, spokes: [{ name: "dev's", domain: "dev", cidr: "10.16.0.0/16" }] } }),
            message: `payments-platform:network.hub.spokes[0].name is "dev's", it has "'"; EC2 allows`,
        },
        {
            why: "a bastion without the SSM endpoints",
            run: () => hubStack({ hub: { ...HUB_CFG, bastion: true, interfaceEndpoints: ["sts"] } }),
            message:
                'payments-platform:network.hub.interfaceEndpoints is ["sts"], the bastion (SSM only, no NAT) needs ssm, ssmmessages, ec2messages too',
        },
        {
            why: "a pinned bastion AMI that is no AMI id",
            run: () => hubStack({ hub: { ...HUB_CFG, bastion: true, bastionAmi: "latest" } }),
            message: 'payments-platform:network.hub.bastionAmi is "latest", must be an AMI id',
        },
        {
            why: "a shared-services VPC too small for its AZs and TGW subnets",
            run: () => hubStack({ hub: { ...HUB_CFG, sharedServicesCidr: "10.0.0.0/24" } }),
            message: 'payments-platform:network.hub.sharedServicesCidr is "10.0.0.0/24", too small for 3 AZs',
        },
        {
            why: "a spoke VPC too small for its AZs",
            run: () => workload("dev", spoke({ vpcCidr: "10.16.0.0/26" })),
            message: 'payments-platform:network.spoke.vpcCidr is "10.16.0.0/26", too small for 3 AZs',
        },
        {
            why: "a workload stack without its spoke",
            run: () => workload("dev", { azCount: 3 }),
            message: "payments-platform:network.spoke is missing, a workload stack needs its spoke (hubStack, vpcCidr)",
        },
        {
            why: "a hub stack name of two parts",
            run: () =>
                workload("dev", spoke({ hubStack: "payments-platform/network-frankfurt", vpcCidr: "10.16.0.0/16" })),
            message:
                'payments-platform:network.spoke.hubStack is "payments-platform/network-frankfurt", it has 2 parts',
        },
        {
            why: "AZs pinned on a spoke",
            run: () =>
                workload(
                    "dev",
                    spoke({ vpcCidr: "10.16.0.0/16" }, { availabilityZones: ["eu-central-1a"], azCount: 1 }),
                ),
            message:
                "payments-platform:network.availabilityZones is set on a workload stack, only a hub pins its AZs (a spoke takes its hub's first network.azCount)",
        },
        {
            why: "a prod spoke on one AZ",
            run: () => workload("prod", spoke({ vpcCidr: "10.32.0.0/16" }, { azCount: 1 })),
            message: "payments-platform:network.azCount is 1, a prod spoke needs at least 2",
        },
        {
            why: "a spoke block the hub's plan doesn't hold",
            run: () => workload("dev", spoke({ vpcCidr: "10.99.0.0/16" })),
            message:
                'payments-platform:network.spoke.vpcCidr is "10.99.0.0/16", the hub network-frankfurt\'s plan has no such block (plan: shared/shared-services 10.0.0.0/20, dev/workloads 10.16.0.0/16, prod/workloads 10.32.0.0/16, on-prem/dc1 10.128.0.0/16)',
        },
        {
            why: "a prod spoke on dev's block",
            run: () => workload("prod", spoke({ vpcCidr: "10.16.0.0/16" })),
            message:
                'payments-platform:network.spoke.vpcCidr is "10.16.0.0/16", the hub network-frankfurt\'s plan gives it to dev/workloads, not to a prod spoke',
        },
        {
            why: "an addition that repeats a block of the hub's plan",
            run: () =>
                workload("dev", spoke({ vpcCidr: "10.16.0.0/16", regionCidrs: { "on-prem/dc1": "10.128.0.0/16" } })),
            message:
                'payments-platform:network.spoke.regionCidrs.on-prem/dc1 is "10.128.0.0/16", the hub network-frankfurt\'s plan already holds on-prem/dc1 (10.128.0.0/16)',
        },
        {
            why: "an addition overlapping the hub's plan",
            run: () =>
                workload("dev", spoke({ vpcCidr: "10.16.0.0/16", regionCidrs: { "on-prem/lab": "10.128.4.0/24" } })),
            message:
                "payments-platform:network.spoke.regionCidrs: 10.128.0.0/16 (on-prem/dc1) overlaps 10.128.4.0/24 (on-prem/lab)",
        },
    ];
    for (const row of rows) {
        it(`${row.why}: names the key, registers nothing in AWS (not even the provider)`, async () => {
            const err = await rejection(record(() => main(), await row.run()));
            expect(err.message).to.contain(row.message);
            expect(err.message).to.contain("Invalid stack config:");
            expect(awsRecords(err).map((r) => r.type)).to.deep.equal([]);
        });
    }

    // The AZ lookup goes through the stack's provider, so the provider (which creates nothing in AWS)
    // is the one registration these two may have made; no AWS resource exists yet.
    const azRows: { why: string; run: () => RunOptions | Promise<RunOptions>; message: string }[] = [
        {
            why: "azCount 3 in us-west-1 (two AZs)",
            run: () => hubStack({ azCount: 3, hub: HUB_CFG }, "us-west-1"),
            message:
                "payments-platform:network.azCount is 3, us-west-1 offers this account only 2 availability zones (us-west-1a, us-west-1c)",
        },
        {
            why: "azCount 6 in us-east-1, where EKS refuses use1-az3 (us-east-1e here)",
            run: () => hubStack({ azCount: 6, hub: HUB_CFG }, "us-east-1"),
            message:
                "payments-platform:network.azCount is 6, us-east-1 offers this account only 5 availability zones (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f)",
        },
        {
            why: "pinned AZs fewer than azCount",
            run: () => hubStack({ azCount: 3, availabilityZones: ["eu-central-1a", "eu-central-1b"], hub: HUB_CFG }),
            message: "payments-platform:network.availabilityZones has 2 zones, network.azCount is 3",
        },
        {
            why: "a pinned AZ the account is not offered",
            run: () =>
                hubStack(
                    { azCount: 2, availabilityZones: ["ap-northeast-1a", "ap-northeast-1b"], hub: HUB_CFG },
                    "ap-northeast-1",
                ),
            message:
                'payments-platform:network.availabilityZones lists "ap-northeast-1b", which ap-northeast-1 does not offer this account (offered, excluded ids left out: ap-northeast-1a, ap-northeast-1c, ap-northeast-1d)',
        },
        {
            why: "a pinned AZ whose id is excluded",
            run: () =>
                hubStack({ azCount: 2, availabilityZones: ["us-east-1a", "us-east-1e"], hub: HUB_CFG }, "us-east-1"),
            message:
                'payments-platform:network.availabilityZones lists "us-east-1e", which us-east-1 does not offer this account',
        },
        {
            why: "a spoke whose AZs are not its hub's",
            run: async () =>
                workload("dev", spoke({ vpcCidr: "10.16.0.0/16" }), {
                    ...(await planned("network-frankfurt")).outputs,
                    availabilityZones: ["eu-central-1a", "eu-central-1b"],
                }),
            message:
                "payments-platform:network.azCount is 3, the spoke's AZs (eu-central-1a, eu-central-1b, eu-central-1c) must be the first 3 of the hub network-frankfurt's (eu-central-1a, eu-central-1b)",
        },
    ];
    for (const row of azRows) {
        it(`${row.why}: names the key, registers only the provider`, async () => {
            const err = await rejection(record(() => main(), await row.run()));
            expect(err.message).to.contain(row.message);
            expect(awsRecords(err).map((r) => r.type)).to.deep.equal(["pulumi:providers:aws"]);
        });
    }
});

describe("availability zones come from the region, never made up", function () {
    this.timeout(120_000);

    it("pinned AZs are the hub's, in the order given, and its spokes follow them", async () => {
        const pinned = ["eu-central-1c", "eu-central-1a"];
        const hub = await record(() => main(), hubStack({ azCount: 2, availabilityZones: pinned, hub: HUB_CFG }));
        expect(hub.one("awsx:ec2:Vpc").inputs.availabilityZoneNames).to.deep.equal(pinned);
        expect(hub.outputs.availabilityZones).to.deep.equal(pinned);
    });

    it("us-east-1: use1-az3 is never chosen, whatever letter the account gives it", async () => {
        const hub = await record(() => main(), hubStack({ azCount: 5, hub: HUB_CFG }, "us-east-1"));
        expect(hub.outputs.availabilityZones).to.not.include("us-east-1e");
        expect(hub.outputs.availabilityZones).to.have.length(5);
    });

    const subnetAzs = (rec: Awaited<ReturnType<typeof record>>, tier: string) =>
        rec.all("aws:ec2/subnet:Subnet", new RegExp(`-${tier}-\\d$`)).map((s) => s.inputs.availabilityZone);

    for (const { region, azCount, azs } of [
        { region: "ap-northeast-1", azCount: 3, azs: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"] },
        { region: "us-west-1", azCount: 2, azs: ["us-west-1a", "us-west-1c"] },
    ]) {
        it(`${region}: the hub's and a spoke's subnets are in ${azs.join(", ")}`, async () => {
            const hub = await record(() => main(), hubStack({ azCount, hub: HUB_CFG }, region));
            expect(hub.one("awsx:ec2:Vpc").inputs.availabilityZoneNames).to.deep.equal(azs);
            expect(subnetAzs(hub, "private")).to.deep.equal(azs);
            expect(hub.outputs.availabilityZones).to.deep.equal(azs);
            const dev = await record(() => main(), {
                stack: "dev-test",
                region,
                config: {
                    ...BASE_CONFIG,
                    role: "workload",
                    environment: "dev",
                    network: spoke({ hubStack: "network-test", vpcCidr: "10.16.0.0/16" }, { azCount }),
                    eks: minimalEks(),
                },
                secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                references: { "network-test": hub.outputs },
            });
            for (const tier of ["public", "private", "isolated"]) expect(subnetAzs(dev, tier), tier).to.deep.equal(azs);
        });
    }
});

/** A minimal eks key for a workload stack in `region`. */
function minimalEks(): Record<string, unknown> {
    const pool = { instanceTypes: ["t3.medium"], minSize: 1, desiredSize: 1, maxSize: 2 };
    return {
        nodeGroups: { system: pool, apps: pool },
        ingress: {},
    };
}

describe("the spoke's CIDR plan (SpokeNetwork.cidrPlan): the hub's, plus the spoke's additions", () => {
    const hubPlan = [
        { owner: "shared/shared-services", cidr: "10.0.0.0/20" },
        { owner: "dev/workloads", cidr: "10.16.0.0/16" },
        { owner: "on-prem/dc1", cidr: "10.128.0.0/16" },
    ];
    const rows: { why: string; regionCidrs: Record<string, string>; want: { owner: string; cidr: string }[] }[] = [
        { why: "no additions: exactly the hub's plan", regionCidrs: {}, want: hubPlan },
        {
            why: "an on-prem lab the hub doesn't own is appended",
            regionCidrs: { "on-prem/lab": "192.168.10.0/24" },
            want: [...hubPlan, { owner: "on-prem/lab", cidr: "192.168.10.0/24" }],
        },
    ];
    it("a workload stack routes the hub's plan and its addition to the TGW from every private and isolated table", async function () {
        this.timeout(120_000);
        const hub = await planned("network-frankfurt");
        const dev = await record(() => main(), {
            stack: "dev-test",
            config: {
                ...BASE_CONFIG,
                role: "workload",
                environment: "dev",
                network: spoke({ vpcCidr: "10.16.0.0/16", regionCidrs: { "on-prem/lab": "192.168.10.0/24" } }),
                eks: minimalEks(),
            },
            secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
            references: { "network-frankfurt": hub.outputs },
        });
        const inner = dev
            .all("aws:ec2/routeTable:RouteTable", /-(private|isolated)-\d$/)
            .map((t) => t.id)
            .sort();
        expect(inner).to.have.length(6);
        for (const cidr of ["10.0.0.0/20", "10.32.0.0/16", "10.128.0.0/16", "192.168.10.0/24"]) {
            const tables = dev
                .all("aws:ec2/route:Route")
                .filter(
                    (r) =>
                        r.inputs.destinationCidrBlock === cidr &&
                        r.inputs.transitGatewayId === hub.outputs.transitGatewayId,
                )
                .map((r) => r.inputs.routeTableId)
                .sort();
            expect(tables, cidr).to.deep.equal(inner);
        }
    });

    for (const row of rows) {
        it(row.why, () => {
            const cfg = { network: { spoke: { regionCidrs: row.regionCidrs } } } as unknown as StackSettings;
            expect(
                spokeCidrPlan(cfg, { stack: "network-frankfurt", cidrPlan: hubPlan, availabilityZones: [] }),
            ).to.deep.equal(row.want);
        });
    }
});

describe("hub stack names (network.spoke.hubStack)", () => {
    const ok: [string, string][] = [
        ["network-frankfurt", "acme/payments-platform/network-frankfurt"],
        ["acme/payments-platform/network-frankfurt", "acme/payments-platform/network-frankfurt"],
        ["other-org/shared-network/network_frankfurt.v2", "other-org/shared-network/network_frankfurt.v2"],
        ["organization/payments-platform/network-frankfurt", "organization/payments-platform/network-frankfurt"],
    ];
    for (const [value, qualified] of ok) {
        it(`${value} → ${qualified}`, () => {
            expect(stackNameProblem(value)).to.equal(undefined);
            expect(qualifyStackName(value, "acme", "payments-platform")).to.equal(qualified);
        });
    }
    const ALLOWED =
        'must be a stack of this project ("network-frankfurt") or fully qualified ("<org>/<project>/<stack>")';
    const bad: [string, string][] = [
        ["payments-platform/network-frankfurt", `it has 2 parts, ${ALLOWED}`],
        ["a/b/c/d", `it has 4 parts, ${ALLOWED}`],
        ["", `the name is empty, ${ALLOWED}`],
        ["/payments-platform/network-frankfurt", `the organization is empty, ${ALLOWED}`],
        ["acme//network-frankfurt", `the project is empty, ${ALLOWED}`],
        ["acme/payments-platform/", `the stack is empty, ${ALLOWED}`],
        ["network frankfurt", `the name "network frankfurt" has characters outside A-Z a-z 0-9 _ . -, ${ALLOWED}`],
    ];
    for (const [value, problem] of bad) {
        it(`rejects ${JSON.stringify(value)}: ${problem.split(",")[0]}`, async () => {
            expect(stackNameProblem(value)).to.equal(problem);
            expect(() => qualifyStackName(value, "acme", "payments-platform")).to.throw(problem);
            // In config words, before anything is registered.
            const err = await rejection(
                record(() => loadStackSettings(), {
                    stack: "dev",
                    config: {
                        role: "workload",
                        environment: "dev",
                        owner: "o",
                        costCenter: "c",
                        network: { spoke: { hubStack: value, vpcCidr: "10.16.0.0/16" } },
                    },
                    secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
                }),
            );
            expect(err.message).to.contain(
                `payments-platform:network.spoke.hubStack is ${JSON.stringify(value)}, ${problem}`,
            );
        });
    }
});
