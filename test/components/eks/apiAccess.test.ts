import { expect } from "chai";
import { ec2Description } from "../../../components/eks/apiAccess";
import { apiAccessCidrProblems, defaultApiAccessCidrs, ownerOf, PlannedCidr } from "../../../stacks/config/eksChecks";
import { recordCluster, validArgs } from "./fixtures";
import { rejection } from "../../harness";

const PLAN: PlannedCidr[] = [
    { owner: "shared/shared-services", cidr: "10.0.0.0/20" },
    { owner: "dev/workloads", cidr: "10.16.0.0/16" },
    { owner: "prod/workloads", cidr: "10.32.0.0/16" },
    { owner: "on-prem/dc1", cidr: "10.128.0.0/16" },
];
const SHOWN =
    "shared/shared-services 10.0.0.0/20, dev/workloads 10.16.0.0/16, prod/workloads 10.32.0.0/16, on-prem/dc1 10.128.0.0/16";
const KEY = "payments-platform:eks.apiAccessCidrs";

describe("eks.apiAccessCidrs", () => {
    it("defaults to the plan's on-prem and shared-services ranges", () => {
        expect(defaultApiAccessCidrs(PLAN)).to.deep.equal(["10.0.0.0/20", "10.128.0.0/16"]);
    });

    it("names the smallest planned block holding a range", () => {
        const plan = [...PLAN, { owner: "on-prem/dc1-ops", cidr: "10.128.4.0/24" }];
        expect(ownerOf("10.128.4.0/26", plan)).to.equal("on-prem/dc1-ops");
        expect(ownerOf("10.128.9.0/24", plan)).to.equal("on-prem/dc1");
        expect(ownerOf("192.168.0.0/16", plan)).to.equal(undefined);
    });

    const rows: [string, string[], { given?: boolean; publicEndpoint?: boolean }, string[]][] = [
        ["the default ranges", ["10.0.0.0/20", "10.128.0.0/16"], {}, []],
        ["a subnet of a planned block", ["10.128.12.0/24"], {}, []],
        [
            "a range outside the plan",
            ["10.0.0.0/20", "192.168.0.0/16"],
            {},
            [`${KEY}[1] is "192.168.0.0/16", must lie inside the region's CIDR plan (${SHOWN})`],
        ],
        [
            "a range wider than any planned block",
            ["10.0.0.0/8"],
            {},
            [`${KEY}[0] is "10.0.0.0/8", must lie inside the region's CIDR plan (${SHOWN})`],
        ],
        [
            "the whole internet",
            ["0.0.0.0/0"],
            {},
            [`${KEY}[0] is "0.0.0.0/0", must lie inside the region's CIDR plan (${SHOWN})`],
        ],
        [
            "not a CIDR",
            ["10.128.0.0/33"],
            {},
            [
                `${KEY}[0] is "10.128.0.0/33", must be an IPv4 CIDR such as "10.128.0.0/16" (prefix length /33 is out of range; expected IPv4 "a.b.c.d/n" with octets 0-255 and n 0-32, in plain decimal)`,
            ],
        ],
        ["a repeat", ["10.0.0.0/20", "10.0.0.0/20"], {}, [`${KEY}[1] is "10.0.0.0/20", repeats ${KEY}[0]`]],
        [
            "an empty list for a private endpoint",
            [],
            {},
            [
                `${KEY} is [], must list the ranges that run \`pulumi up\` (the API endpoint is private, nothing else reaches it)`,
            ],
        ],
        ["an empty list with the public endpoint on", [], { publicEndpoint: true }, []],
        [
            "an empty default",
            [],
            { given: false },
            [
                `${KEY} is unset and the region's CIDR plan (${SHOWN}) has no on-prem/ or shared/ range to default to; list the ranges that run \`pulumi up\` (the API endpoint is private)`,
            ],
        ],
    ];
    for (const [label, cidrs, opts, want] of rows) {
        it(label, () => {
            expect(apiAccessCidrProblems(cidrs, PLAN, opts)).to.deep.equal(want);
        });
    }
});

describe("ec2Description", () => {
    for (const [input, want] of [
        ["Kubernetes API from on-prem/dc1", "Kubernetes API from on-prem/dc1"],
        ["Kubernetes API from büro-köln", "Kubernetes API from b-ro-k-ln"],
        ["from <ops> 'vpn' \"x\" ~ ^ | ? %", "from -ops- -vpn- -x- - - - - -"],
        ["x".repeat(300), "x".repeat(255)],
    ] as const) {
        it(JSON.stringify(input.slice(0, 40)), () => expect(ec2Description(input)).to.equal(want));
    }
});

describe("EksCluster apiAccessCidrs", () => {
    it("rejects a range that is not a CIDR, and a repeated one, before creating anything", async () => {
        const err = await rejection(
            recordCluster(
                validArgs({
                    apiAccessCidrs: [{ cidr: "10.128.0.0/16" }, { cidr: "10.128.0.0" }, { cidr: "10.128.0.0/16" }],
                }),
            ),
        );
        expect(err.message).to.contain(
            'apiAccessCidrs[1].cidr is "10.128.0.0", must be an IPv4 CIDR such as "10.128.0.0/16"',
        );
        expect(err.message).to.contain('apiAccessCidrs[2].cidr is "10.128.0.0/16", repeats apiAccessCidrs[0]');
    });

    it("one 443 rule per range on the control plane's own security group, named by its CIDR, described by its source", async () => {
        const rec = await recordCluster(
            validArgs({ apiAccessCidrs: [{ cidr: "10.128.0.0/16", source: "on-prem/dc1" }, { cidr: "10.0.0.0/20" }] }),
        );
        const rules = rec.all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(rules.map((r) => [r.name, r.inputs.cidrIpv4, r.inputs.description])).to.deep.equal([
            ["plat-api-from-10-128-0-0-16", "10.128.0.0/16", "Kubernetes API from on-prem/dc1"],
            ["plat-api-from-10-0-0-0-20", "10.0.0.0/20", "Kubernetes API from 10.0.0.0/20"],
        ]);
        // The group only the control plane's ENIs carry, not the EKS-created one nodes and pods share.
        const api = rec.one("aws:ec2/securityGroup:SecurityGroup", "plat-api");
        for (const r of rules) expect(r.propertyDependencies.securityGroupId).to.deep.equal([api.urn]);
        // A resource reference: recorded by URN.
        expect(rec.one("eks:index:Cluster").inputs.clusterSecurityGroup).to.equal(api.urn);
        // Stateful rules, and the EKS-created group on the same ENIs allows egress: the API group needs none.
        expect(api.inputs.egress ?? []).to.deep.equal([]);
    });
});
