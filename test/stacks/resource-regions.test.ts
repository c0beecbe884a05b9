import * as aws from "@pulumi/aws";
import { expect } from "chai";
import main from "../../stacks/index";
import { plannedStacks, record } from "../harness";
import { PEER_SIDE_TYPES, resourceRegionProblems } from "./resourceRegions";

const QUEUE = "aws:sqs/queue:Queue";
const ACCEPTER = "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter";
const provider = (name: string, region?: string) =>
    new aws.Provider(name, region ? { region: region as aws.Region } : {});
const requestTo = (peerRegion: string, p: aws.Provider) =>
    new aws.ec2transitgateway.PeeringAttachment(
        "peering",
        { transitGatewayId: "tgw-0123456789abcdef0", peerTransitGatewayId: "tgw-0fedcba9876543210", peerRegion },
        { provider: p },
    );
const accept = (p: aws.Provider) =>
    new aws.ec2transitgateway.PeeringAttachmentAccepter(
        "accepter",
        { transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0" },
        { provider: p },
    );

describe("the region rule on small recorded programs (a stack in eu-central-1)", function () {
    this.timeout(60_000);

    const rows: { why: string; program: () => void; problems: string[] }[] = [
        {
            why: "everything on the stack's region's provider",
            program: () => {
                new aws.sqs.Queue("q", {}, { provider: provider("home", "eu-central-1") });
            },
            problems: [],
        },
        {
            why: "a queue on a deliberately wrong-region provider",
            program: () => {
                new aws.sqs.Queue("q", {}, { provider: provider("elsewhere", "us-west-2") });
            },
            problems: [
                `${QUEUE} q is on provider elsewhere in us-west-2, neither the stack's region eu-central-1 nor a configured peering's`,
            ],
        },
        {
            why: "a global IAM role on another region's provider",
            program: () => {
                new aws.iam.Role("r", { assumeRolePolicy: "{}" }, { provider: provider("elsewhere", "us-west-2") });
            },
            problems: [],
        },
        {
            why: "a queue on the default provider",
            program: () => {
                new aws.sqs.Queue("q");
            },
            problems: [`${QUEUE} q is on the default provider, not the stack's explicit provider in eu-central-1`],
        },
        {
            why: "a provider without a region",
            program: () => {
                new aws.sqs.Queue("q", {}, { provider: provider("unset") });
            },
            problems: ["provider unset has no region: it would take the deploying machine's"],
        },
        {
            why: "the accepter of a peering to us-east-1, on a us-east-1 provider",
            program: () => {
                requestTo("us-east-1", provider("home", "eu-central-1"));
                accept(provider("peer", "us-east-1"));
            },
            problems: [],
        },
        {
            why: "an accepter in a region no peering goes to",
            program: () => {
                requestTo("us-east-1", provider("home", "eu-central-1"));
                accept(provider("peer", "ap-southeast-1"));
            },
            problems: [
                `${ACCEPTER} accepter is on provider peer in ap-southeast-1, neither the stack's region eu-central-1 nor a configured peering's`,
            ],
        },
        {
            why: "something other than the accepter in the peer's region",
            program: () => {
                requestTo("us-east-1", provider("home", "eu-central-1"));
                new aws.sqs.Queue("q", {}, { provider: provider("peer", "us-east-1") });
            },
            problems: [
                `${QUEUE} q is on provider peer in us-east-1, a peer's region, where only ${PEER_SIDE_TYPES.join(", ")} may be`,
            ],
        },
    ];
    for (const row of rows) {
        it(row.why, async () => {
            const rec = await record(row.program, { region: "eu-central-1" });
            expect(resourceRegionProblems(rec.plan)).to.deep.equal(row.problems);
        });
    }
});

describe("every resource of every planned stack lives in its stack's region", function () {
    this.timeout(120_000);

    it("except global services and the peer-side halves of a hub's links", async () => {
        const stacks = await plannedStacks();
        expect(stacks).to.not.have.length(0);
        for (const s of stacks) {
            expect(resourceRegionProblems(s.plan), s.plan.name).to.deep.equal([]);
            // Not vacuous: the stack has AWS resources, each on an explicit provider.
            expect(
                s.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
                s.plan.name,
            ).to.not.have.length(0);
        }
    });

    it("a hub that accepts its peering in this stack puts only the accepter in the peer's region", async () => {
        const hub = await record(() => main(), {
            stack: "network-test",
            secrets: ["pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
            config: {
                owner: "platform-team",
                costCenter: "cc-1",
                role: "network",
                environment: "shared",
                network: {
                    hub: {
                        sharedServicesCidr: "10.0.0.0/20",
                        spokes: [{ name: "prod/workloads", domain: "prod", cidr: "10.32.0.0/16" }],
                        peerings: [
                            {
                                name: "virginia",
                                peerTransitGatewayId: "tgw-0a1b2c3d4e5f60718",
                                peerRegion: "us-east-1",
                                routes: [{ cidr: "10.64.0.0/16", domain: "prod" }],
                                acceptInThisStack: true,
                            },
                        ],
                    },
                },
            },
        });
        expect(resourceRegionProblems(hub.plan)).to.deep.equal([]);
        const regions = hub.all("pulumi:providers:aws").map((p) => p.inputs.region);
        expect(regions.sort()).to.deep.equal(["eu-central-1", "us-east-1"]);
    });
});
