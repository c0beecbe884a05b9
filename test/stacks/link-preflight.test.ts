/**
 * A hub's `network.hub.links`, checked before any AWS resource: the config alone, then each linked
 * peer hub's outputs read through its stack reference (the real network-frankfurt's, or a changed
 * copy). Under the real CLI this is the only place a plan overlapping a peer region's is caught.
 */
import { expect } from "chai";
import main from "../../stacks/index";
import { RunOptions, planned, record, rejection } from "../harness";
import { BASE_CONFIG, awsRecords } from "./fixtures";

const HUB = "payments-platform:network.hub";
const VIRGINIA = {
    supernet: "10.0.0.0/8",
    sharedServicesCidr: "10.0.16.0/20",
    spokes: [{ name: "prod/workloads", domain: "prod", cidr: "10.48.0.0/16" }],
    onPremCidrs: [{ owner: "on-prem/dc1", cidr: "10.128.0.0/16" }],
    links: [{ peerStack: "network-frankfurt" }],
};

/** A hub stack "network-test" (us-east-1 unless told) whose hub is VIRGINIA plus `over`, on frankfurt's outputs changed by `peer`. */
async function linkedHub(
    over: Record<string, unknown>,
    peer: Record<string, unknown> = {},
    region = "us-east-1",
): Promise<RunOptions> {
    return {
        stack: "network-test",
        region,
        config: { ...BASE_CONFIG, role: "network", environment: "shared", network: { hub: { ...VIRGINIA, ...over } } },
        references: { "network-frankfurt": { ...(await planned("network-frankfurt")).outputs, ...peer } },
        secrets: ["pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
    };
}

describe("network.hub.links: bad links fail in config words before any AWS resource", function () {
    this.timeout(120_000);

    const rows: { why: string; run: () => Promise<RunOptions>; message: string }[] = [
        {
            why: "a link to the stack itself",
            run: () => linkedHub({ links: [{ peerStack: "network-test" }] }),
            message: `${HUB}.links[0].peerStack is "network-test", this stack itself: a link joins two regions' hubs`,
        },
        {
            why: "the same peer twice, once qualified",
            run: () =>
                linkedHub({
                    links: [
                        { peerStack: "network-frankfurt" },
                        { peerStack: "organization/payments-platform/network-frankfurt" },
                    ],
                }),
            message: `${HUB}.links[1].peerStack is "organization/payments-platform/network-frankfurt", linked more than once: each pair of hubs needs one link`,
        },
        {
            why: "a peer stack name with two parts",
            run: () => linkedHub({ links: [{ peerStack: "payments-platform/network-frankfurt" }] }),
            message: `${HUB}.links.0.peerStack is "payments-platform/network-frankfurt", it has 2 parts`,
        },
        {
            why: "a link with keys the schema doesn't know (routes come from the peer's outputs)",
            run: () => linkedHub({ links: [{ peerStack: "network-frankfurt", routes: ["10.32.0.0/16"] }] }),
            message: `${HUB}.links.0 has unknown keys routes`,
        },
        {
            why: "links without a supernet for the prod spokes to route",
            run: () => linkedHub({ supernet: undefined }),
            message: `${HUB}.supernet is unset, a hub with links needs it`,
        },
        {
            why: "links on a hub without a prod spoke",
            run: () => linkedHub({ spokes: [{ name: "qa/workloads", domain: "qa", cidr: "10.48.0.0/16" }] }),
            message: `${HUB}.links lists 1 link(s), but ${HUB}.spokes has no prod spoke: links carry prod traffic only`,
        },
        {
            why: "a peer in the same region",
            run: () => linkedHub({}, {}, "eu-central-1"),
            message: `${HUB}.links[0].peerStack is "network-frankfurt", a hub in eu-central-1 like this one: a link joins two regions`,
        },
        {
            why: "a plan overlapping the peer's (its shared services)",
            run: () => linkedHub({ sharedServicesCidr: "10.0.8.0/21" }),
            message: `${HUB}: stack network-test's shared/shared-services 10.0.8.0/21 overlaps stack network-frankfurt's shared/shared-services 10.0.0.0/20 (its cidrPlan output): the platform's blocks must be disjoint across linked regions`,
        },
        {
            why: "a prod spoke inside the peer's dev spoke",
            run: () => linkedHub({ spokes: [{ name: "prod/workloads", domain: "prod", cidr: "10.16.0.0/17" }] }),
            message: `${HUB}: stack network-test's prod/workloads 10.16.0.0/17 overlaps stack network-frankfurt's dev/workloads 10.16.0.0/16`,
        },
        {
            why: "a peer whose prod spokes don't route this region's prod block",
            run: () => linkedHub({}, { interRegionCidrs: ["10.32.0.0/12"] }),
            message: `${HUB}.links[0].peerStack is "network-frankfurt", whose prod spokes route only [10.32.0.0/12] to their hub (output interRegionCidrs), not this region's prod block 10.48.0.0/16`,
        },
        {
            why: "a peer's prod block outside this hub's supernet",
            run: () =>
                linkedHub({
                    supernet: "10.0.16.0/20",
                    sharedServicesCidr: "10.0.16.0/21",
                    spokes: [{ name: "prod/workloads", domain: "prod", cidr: "10.0.24.0/21" }],
                    onPremCidrs: [],
                }),
            message: `${HUB}.links[0].peerStack is "network-frankfurt", whose prod block 10.32.0.0/16 lies outside ${HUB}.supernet 10.0.16.0/20`,
        },
        {
            why: "a peer without a prod spoke",
            run: () => linkedHub({}, { domainCidrs: { dev: ["10.16.0.0/16"], qa: [], prod: [], shared: [] } }),
            message: `${HUB}.links[0].peerStack is "network-frankfurt", whose output domainCidrs has no prod block`,
        },
    ];
    for (const row of rows)
        it(`${row.why}: names the key, registers nothing in AWS (not even the provider)`, async () => {
            const err = await rejection(record(() => main(), await row.run()));
            expect(err.message).to.contain("Invalid stack config:").and.contain(row.message);
            expect(awsRecords(err).map((r) => r.type)).to.deep.equal([]);
        });

    it("collects every problem and throws once", async () => {
        const run = await linkedHub({ supernet: undefined, links: [{ peerStack: "network-test" }] });
        const err = await rejection(record(() => main(), run));
        expect(err.message.match(/^ - /gm)).to.have.length(2);
    });

    it("a peer hub that predates the contract's link outputs: says which output of which stack", async () => {
        const err = await rejection(record(() => main(), await linkedHub({}, { interRegionCidrs: "10.0.0.0/8" })));
        expect(err.message).to.contain(
            'stack network-frankfurt: output interRegionCidrs is "10.0.0.0/8", must be a list of CIDRs (update that hub stack first)',
        );
    });
});
