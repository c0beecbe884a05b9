import { expect } from "chai";
import { readProject, readStackConfig } from "../../automation/plan/stackConfig";
import { PlannedStackConfig, crossStackProblems } from "../../stacks/config/planChecks";
import { PROJECT_DIR, discoverStacks } from "../harness";

const NET = "payments-platform:network";
const spoke = (name: string, vpcCidr: string, hubStack = "network-frankfurt"): PlannedStackConfig => ({
    name,
    config: { [NET]: { spoke: { hubStack, vpcCidr } } },
});
const hub = (name: string, h: Record<string, unknown>): PlannedStackConfig => ({ name, config: { [NET]: { hub: h } } });
const frankfurt = hub("network-frankfurt", {
    sharedServicesCidr: "10.0.0.0/20",
    spokes: [{ name: "dev/workloads", domain: "dev", cidr: "10.16.0.0/16" }],
    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
});

describe("plan-level checks across stacks (offlinePlan.checks)", () => {
    const cases: [string, PlannedStackConfig[], string[]][] = [
        [
            "the real shape: disjoint spokes, a hub listing its spokes",
            [frankfurt, spoke("dev", "10.16.0.0/16"), spoke("prod", "10.32.0.0/16")],
            [],
        ],
        [
            "two spokes claiming the same CIDR",
            [spoke("dev", "10.32.0.0/16"), spoke("prod-frankfurt", "10.32.0.0/16")],
            [
                `stack dev's ${NET}.spoke.vpcCidr 10.32.0.0/16 and stack prod-frankfurt's ${NET}.spoke.vpcCidr 10.32.0.0/16 claim the same CIDR: every spoke VPC needs a range of its own`,
            ],
        ],
        [
            "a spoke inside another spoke (two regions)",
            [spoke("prod-virginia", "10.32.128.0/17"), spoke("prod-frankfurt", "10.32.0.0/16")],
            [
                `stack prod-frankfurt's ${NET}.spoke.vpcCidr 10.32.0.0/16 and stack prod-virginia's ${NET}.spoke.vpcCidr 10.32.128.0/17 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
        [
            "two regions' hubs with overlapping shared-services and egress ranges",
            [frankfurt, hub("network-virginia", { sharedServicesCidr: "10.0.8.0/21", egressCidr: "10.128.5.0/24" })],
            [
                `stack network-frankfurt's ${NET}.hub.sharedServicesCidr 10.0.0.0/20 and stack network-virginia's ${NET}.hub.sharedServicesCidr 10.0.8.0/21 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
                `stack network-frankfurt's ${NET}.hub.onPremCidrs[0].cidr 10.128.0.0/16 and stack network-virginia's ${NET}.hub.egressCidr 10.128.5.0/24 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
        [
            "a spoke inside another region's shared-services range",
            [frankfurt, spoke("prod-virginia", "10.0.0.0/16")],
            [
                `stack network-frankfurt's ${NET}.hub.sharedServicesCidr 10.0.0.0/20 and stack prod-virginia's ${NET}.spoke.vpcCidr 10.0.0.0/16 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
        [
            "the same data centre reached from two regions' hubs is not an overlap",
            [
                frankfurt,
                hub("network-virginia", {
                    sharedServicesCidr: "10.1.0.0/20",
                    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
                }),
            ],
            [],
        ],
        [
            "a different on-prem owner on the same range is",
            [
                frankfurt,
                hub("network-virginia", {
                    sharedServicesCidr: "10.1.0.0/20",
                    onPremCidrs: [{ owner: "on-prem/dc2", cidr: "10.128.0.0/16" }],
                }),
            ],
            [
                `stack network-frankfurt's ${NET}.hub.onPremCidrs[0].cidr 10.128.0.0/16 and stack network-virginia's ${NET}.hub.onPremCidrs[0].cidr 10.128.0.0/16 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
        [
            "a malformed CIDR is left to the stack's own validation",
            [spoke("dev", "10.16.0.0/33"), spoke("prod", "10.16.0.0/16")],
            [],
        ],
        ["stacks without network config", [{ name: "edge", config: {} }, spoke("dev", "10.16.0.0/16")], []],
        [
            "two regions' hubs planning overlapping spokes that no stack deploys yet",
            [
                frankfurt,
                hub("network-virginia", {
                    sharedServicesCidr: "10.0.16.0/20",
                    spokes: [{ name: "qa/workloads", domain: "qa", cidr: "10.16.0.0/17" }],
                }),
            ],
            [
                `stack network-frankfurt's ${NET}.hub.spokes[0].cidr 10.16.0.0/16 and stack network-virginia's ${NET}.hub.spokes[0].cidr 10.16.0.0/17 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
        [
            "a spoke stack on another region's hub, with the block a hub planned for its own spoke",
            [frankfurt, spoke("prod-virginia", "10.16.0.0/16", "network-virginia")],
            [
                `stack network-frankfurt's ${NET}.hub.spokes[0].cidr 10.16.0.0/16 and stack prod-virginia's ${NET}.spoke.vpcCidr 10.16.0.0/16 overlap: VPC and hub ranges must be disjoint across every stack and region (they are routed to each other)`,
            ],
        ],
    ];
    for (const [title, stacks, expected] of cases) {
        it(title, () => expect(crossStackProblems(stacks)).to.deep.equal(expected));
    }

    const linking = (name: string, peers: string[], role = "network"): PlannedStackConfig => ({
        name,
        config: {
            "payments-platform:role": role,
            [NET]: { hub: { links: peers.map((peerStack) => ({ peerStack })) } },
        },
    });
    const linkCases: [string, PlannedStackConfig[], string[]][] = [
        [
            "a later hub linking to earlier ones (qualified names too)",
            [
                linking("network-frankfurt", []),
                linking("network-virginia", ["network-frankfurt"]),
                linking("network-oregon", ["network-frankfurt", "acme/payments-platform/network-virginia"]),
            ],
            [],
        ],
        [
            "two hubs linking to each other",
            [linking("network-frankfurt", ["network-virginia"]), linking("network-virginia", ["network-frankfurt"])],
            [
                `stack network-frankfurt's ${NET}.hub.links[0].peerStack "network-virginia" and stack network-virginia's ${NET}.hub.links link to each other: only the hub that joins later owns the link, remove it from the earlier one`,
            ],
        ],
        [
            "three hubs linking round",
            [
                linking("network-frankfurt", ["network-oregon"]),
                linking("network-virginia", ["network-frankfurt"]),
                linking("network-oregon", ["network-virginia"]),
            ],
            [
                `${NET}.hub.links form a cycle network-frankfurt → network-oregon → network-virginia → network-frankfurt: links point only at hubs that joined earlier`,
            ],
        ],
        [
            "a link to a workload stack",
            [linking("network-virginia", ["prod-frankfurt"]), linking("prod-frankfurt", [], "workload")],
            [
                `stack network-virginia's ${NET}.hub.links[0].peerStack "prod-frankfurt" has role "workload", a link joins two hubs (role "network")`,
            ],
        ],
        [
            "a link to a stack that has no file",
            [linking("network-virginia", ["network-paris"])],
            [
                `stack network-virginia's ${NET}.hub.links[0].peerStack "network-paris" is no stack of this project (no Pulumi.network-paris.yaml)`,
            ],
        ],
    ];
    for (const [title, stacks, expected] of linkCases) {
        it(`links: ${title}`, () => expect(crossStackProblems(stacks)).to.deep.equal(expected));
    }

    it("finds nothing in the project's own stacks, every one of them, as the plan reads them", () => {
        const project = readProject(PROJECT_DIR);
        const stacks = discoverStacks().map((s) => ({
            name: s.name,
            config: readStackConfig(PROJECT_DIR, project, s.name).parsed ?? {},
        }));
        expect(stacks.filter((s) => NET in s.config).length).to.be.greaterThan(1);
        expect(crossStackProblems(stacks)).to.deep.equal([]);
    });
});
