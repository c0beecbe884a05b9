import { expect } from "chai";
import fc from "fast-check";
import {
    OwnedCidr,
    SUBNET_TIERS,
    assertDisjoint,
    cidrContains,
    cidrRange,
    cidrSubnet,
    cidrsOverlap,
    findOverlaps,
    formatCidr,
    formatIpv4,
    layoutSubnets,
    parseCidr,
    planVpcCidrs,
    subnetCidrs,
    validateCidrs,
} from "../../../components/network/cidr";

const ALLOWED = 'expected IPv4 "a.b.c.d/n" with octets 0-255 and n 0-32, in plain decimal';

/** The test's own oracle: a block as integers, built without the module's bit maths. */
interface Block {
    network: number;
    prefixLength: number;
    first: number;
    last: number;
    cidr: string;
}

function block(address: number, prefixLength: number): Block {
    const size = 2 ** (32 - prefixLength);
    const network = Math.floor(address / size) * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
    return {
        network,
        prefixLength,
        first: network,
        last: network + size - 1,
        cidr: `${octets.join(".")}/${prefixLength}`,
    };
}

const arbBlock = (minPrefix: number, maxPrefix: number, within = block(0, 0)): fc.Arbitrary<Block> =>
    fc
        .tuple(fc.integer({ min: within.first, max: within.last }), fc.integer({ min: minPrefix, max: maxPrefix }))
        .map(([address, prefixLength]) => block(address, prefixLength));

function thrown(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error("expected a throw");
}

describe("cidr: parseCidr", () => {
    const valid: [string, number, number][] = [
        ["0.0.0.0/0", 0, 0],
        ["10.0.0.0/8", 167772160, 8],
        ["128.0.0.0/1", 2147483648, 1],
        ["172.16.0.0/12", 2886729728, 12],
        ["192.168.1.128/25", 3232235904, 25],
        ["255.255.255.255/32", 4294967295, 32],
    ];
    for (const [value, network, prefixLength] of valid) {
        it(`parses ${value}`, () => expect(parseCidr(value)).to.deep.equal({ network, prefixLength }));
    }

    const invalid: [string, string][] = [
        ["10.0.0.1/8", "host bits must be zero for a /8 (did you mean 10.0.0.0/8?)"],
        ["192.168.1.1/24", "host bits must be zero for a /24 (did you mean 192.168.1.0/24?)"],
        ["255.255.255.255/1", "host bits must be zero for a /1 (did you mean 128.0.0.0/1?)"],
        ["1.0.0.0/0", "host bits must be zero for a /0 (did you mean 0.0.0.0/0?)"],
        ["10.0.0.0/33", `prefix length /33 is out of range; ${ALLOWED}`],
        ["256.0.0.0/8", `octet 256 is out of range; ${ALLOWED}`],
        ["010.0.0.0/8", `"010" has a leading zero; ${ALLOWED}`],
        ["10.0.0.0/08", `"08" has a leading zero; ${ALLOWED}`],
        ["2001:db8::/32", `IPv6 is not supported; ${ALLOWED}`],
        ["10.0.0.0", ALLOWED],
        ["10.0.0/8", ALLOWED],
        ["10.0.0.0/-1", ALLOWED],
        [" 10.0.0.0/8", ALLOWED],
        ["", ALLOWED],
    ];
    for (const [value, why] of invalid) {
        it(`rejects ${JSON.stringify(value)}`, () => {
            expect(thrown(() => parseCidr(value))).to.equal(`Invalid CIDR ${JSON.stringify(value)}: ${why}`);
        });
    }

    it("round-trips every block through formatCidr (property)", () => {
        fc.assert(
            fc.property(arbBlock(0, 32), (b) => {
                expect(parseCidr(b.cidr)).to.deep.equal({ network: b.network, prefixLength: b.prefixLength });
                expect(formatCidr(parseCidr(b.cidr))).to.equal(b.cidr);
            }),
        );
    });

    it("formats addresses and rejects non-uint32 values", () => {
        expect([0, 167772160, 2147483648, 4294967295].map(formatIpv4)).to.deep.equal([
            "0.0.0.0",
            "10.0.0.0",
            "128.0.0.0",
            "255.255.255.255",
        ]);
        expect(thrown(() => formatIpv4(-1))).to.equal(
            "Invalid IPv4 address -1: expected an integer from 0 to 4294967295",
        );
        expect(() => formatIpv4(2 ** 32)).to.throw(/Invalid IPv4 address 4294967296/);
    });
});

describe("cidr: ranges, overlap and containment", () => {
    const ranges: [string, number, number, number][] = [
        ["0.0.0.0/0", 0, 4294967295, 4294967296],
        ["128.0.0.0/1", 2147483648, 4294967295, 2147483648],
        ["10.0.0.0/24", 167772160, 167772415, 256],
        ["255.255.255.255/32", 4294967295, 4294967295, 1],
    ];
    for (const [cidr, first, last, size] of ranges) {
        it(`cidrRange(${cidr}) is ${first}..${last}`, () =>
            expect(cidrRange(cidr)).to.deep.equal({ first, last, size }));
    }

    // [a, b, overlap, a contains b, b contains a]
    const pairs: [string, string, boolean, boolean, boolean][] = [
        ["10.0.0.0/16", "10.0.0.0/16", true, true, true],
        ["10.0.0.0/8", "10.1.0.0/16", true, true, false],
        ["10.1.0.0/16", "10.1.128.0/17", true, true, false],
        ["10.0.0.0/16", "10.1.0.0/16", false, false, false],
        ["10.0.255.0/24", "10.1.0.0/24", false, false, false],
        ["0.0.0.0/0", "255.255.255.255/32", true, true, false],
        ["128.0.0.0/1", "127.255.255.255/32", false, false, false],
        ["192.168.0.0/16", "192.168.255.255/32", true, true, false],
    ];
    for (const [a, b, overlap, aHasB, bHasA] of pairs) {
        it(`${a} vs ${b}`, () => {
            expect([cidrsOverlap(a, b), cidrsOverlap(b, a)]).to.deep.equal([overlap, overlap]);
            expect([cidrContains(a, b), cidrContains(b, a)]).to.deep.equal([aHasB, bHasA]);
        });
    }

    it("overlap agrees with integer ranges and means one contains the other (property)", () => {
        fc.assert(
            fc.property(arbBlock(0, 32), arbBlock(0, 32), (a, b) => {
                const overlap = a.first <= b.last && b.first <= a.last;
                expect(cidrsOverlap(a.cidr, b.cidr)).to.equal(overlap);
                expect(cidrContains(a.cidr, b.cidr) || cidrContains(b.cidr, a.cidr)).to.equal(overlap);
                expect(cidrContains(a.cidr, b.cidr)).to.equal(a.first <= b.first && b.last <= a.last);
            }),
        );
    });
});

describe("cidr: cidrSubnet and subnetCidrs", () => {
    const cases: [string, number, number, string][] = [
        ["10.0.0.0/16", 8, 2, "10.0.2.0/24"],
        ["10.0.0.0/16", 0, 0, "10.0.0.0/16"],
        ["10.0.0.0/16", 16, 65535, "10.0.255.255/32"],
        ["0.0.0.0/0", 1, 1, "128.0.0.0/1"],
        ["10.1.0.0/22", 2, 3, "10.1.3.0/24"],
    ];
    for (const [cidr, newBits, netNum, expected] of cases) {
        it(`cidrSubnet(${cidr}, ${newBits}, ${netNum}) is ${expected}`, () => {
            expect(cidrSubnet(cidr, newBits, netNum)).to.equal(expected);
        });
    }

    it("lists consecutive subnets", () => {
        expect(subnetCidrs("10.0.0.0/16", 2, 4)).to.deep.equal([
            "10.0.0.0/18",
            "10.0.64.0/18",
            "10.0.128.0/18",
            "10.0.192.0/18",
        ]);
        expect(subnetCidrs("10.0.0.0/16", 4, 0)).to.deep.equal([]);
    });

    const errors: [() => unknown, string][] = [
        [() => cidrSubnet("10.0.0.0/16", 17, 0), "Invalid cidrSubnet args:\n - newBits is 17; a /16 allows 0 to 16"],
        [
            () => cidrSubnet("10.0.0.0/16", 8, 256),
            "Invalid cidrSubnet args:\n - netNum is 256; 10.0.0.0/16 split by 8 bits has subnets 0 to 255",
        ],
        [
            () => subnetCidrs("10.0.0.0/16", 2, 5),
            "Invalid subnetCidrs args:\n - count is 5; 10.0.0.0/16 split by 2 bits has 4 subnets",
        ],
        [
            () => subnetCidrs("10.0.0.0/16", 1.5, 1),
            "Invalid subnetCidrs args:\n - newBits is 1.5; a /16 allows 0 to 16",
        ],
        [
            () => subnetCidrs("10.0.0.1/16", 1, 1),
            'Invalid CIDR "10.0.0.1/16": host bits must be zero for a /16 (did you mean 10.0.0.0/16?)',
        ],
    ];
    errors.forEach(([f, message], i) => it(`rejects bad split #${i + 1}`, () => expect(thrown(f)).to.equal(message)));
});

describe("cidr: findOverlaps and assertDisjoint", () => {
    const hub: OwnedCidr[] = [
        { owner: "on-prem/dc1", cidr: "10.1.128.0/17" },
        { owner: "prod/workloads", cidr: "10.2.0.0/16" },
        { owner: "dev/workloads", cidr: "10.1.0.0/16" },
        { owner: "on-prem/dc2", cidr: "10.1.200.0/24" },
    ];

    it("lists every overlapping pair in address order with both owners", () => {
        expect(thrown(() => assertDisjoint(hub, "NetworkHub args"))).to.equal(
            [
                "Invalid NetworkHub args:",
                " - 10.1.0.0/16 (dev/workloads) overlaps 10.1.128.0/17 (on-prem/dc1)",
                " - 10.1.0.0/16 (dev/workloads) overlaps 10.1.200.0/24 (on-prem/dc2)",
                " - 10.1.128.0/17 (on-prem/dc1) overlaps 10.1.200.0/24 (on-prem/dc2)",
            ].join("\n"),
        );
    });

    it("orders pairs by first address, then larger block, then owner", () => {
        const [edge, big, twinB, twinA, apart] = [
            { owner: "a-edge", cidr: "10.0.0.255/32" },
            { owner: "z-big", cidr: "10.0.0.0/24" },
            { owner: "twin-b", cidr: "10.0.0.0/25" },
            { owner: "twin-a", cidr: "10.0.0.0/25" },
            { owner: "apart", cidr: "10.0.1.0/32" },
        ];
        expect(findOverlaps([edge, big, twinB, twinA, apart])).to.deep.equal([
            { a: big, b: twinA },
            { a: big, b: twinB },
            { a: big, b: edge },
            { a: twinA, b: twinB },
        ]);
    });

    it("also reports invalid CIDRs and blocks outside the supernet, all at once", () => {
        const cidrs = [
            ...hub.slice(1, 3),
            { owner: "peer", cidr: "192.168.0.0/16" },
            { owner: "typo", cidr: "10.3.0.1/16" },
        ];
        expect(validateCidrs(cidrs, { supernet: "10.0.0.0/8" })).to.deep.equal([
            'typo has an invalid CIDR "10.3.0.1/16": host bits must be zero for a /16 (did you mean 10.3.0.0/16?)',
            "192.168.0.0/16 (peer) is outside the supernet 10.0.0.0/8",
        ]);
        expect(validateCidrs(hub.slice(1, 3), { supernet: "10.0.0.0/33" })).to.deep.equal([
            `supernet has an invalid CIDR "10.0.0.0/33": prefix length /33 is out of range; ${ALLOWED}`,
        ]);
    });

    it("accepts disjoint blocks inside the supernet", () => {
        expect(() => assertDisjoint(hub.slice(1, 3), "NetworkHub args", { supernet: "10.0.0.0/8" })).not.to.throw();
        expect(findOverlaps([])).to.deep.equal([]);
        expect(() => findOverlaps([{ owner: "x", cidr: "nope" }])).to.throw('Invalid CIDR "nope"');
    });

    it("agrees with a brute-force integer check, whatever the input order (property)", () => {
        const arbSet = fc.array(arbBlock(22, 32, block(167772160, 22)), { maxLength: 16 }).chain((blocks) =>
            fc.tuple(
                fc.constant(blocks),
                fc.shuffledSubarray(
                    blocks.map((b, i) => i),
                    {
                        minLength: blocks.length,
                        maxLength: blocks.length,
                    },
                ),
            ),
        );
        fc.assert(
            fc.property(arbSet, ([blocks, order]) => {
                const owned = blocks.map((b, i) => ({ owner: `o${String(i).padStart(2, "0")}`, cidr: b.cidr }));
                const expected: string[] = [];
                blocks.forEach((x, i) =>
                    blocks.forEach((y, j) => {
                        if (i < j && x.first <= y.last && y.first <= x.last)
                            expected.push(`${owned[i].owner}|${owned[j].owner}`);
                    }),
                );
                const found = findOverlaps(owned);
                expect(found.map(({ a, b }) => [a.owner, b.owner].sort().join("|")).sort()).to.deep.equal(
                    expected.sort(),
                );
                expect(findOverlaps(order.map((i) => owned[i]))).to.deep.equal(found);
                expect(validateCidrs(owned)).to.have.length(found.length);
            }),
        );
    });
});

interface Request {
    owner: string;
    prefixLength: number;
}

describe("cidr: planVpcCidrs", () => {
    const tables: [string, string, Request[], Record<string, string>, OwnedCidr[]?][] = [
        [
            "the issue's example",
            "10.0.0.0/8",
            [
                { owner: "network-frankfurt/shared-services", prefixLength: 22 },
                { owner: "prod-frankfurt/eu-central-1/workloads", prefixLength: 16 },
                { owner: "dev/eu-central-1/workloads", prefixLength: 16 },
                { owner: "dev/eu-central-1/egress", prefixLength: 24 },
            ],
            {
                "dev/eu-central-1/egress": "10.2.4.0/24",
                "dev/eu-central-1/workloads": "10.0.0.0/16",
                "network-frankfurt/shared-services": "10.2.0.0/22",
                "prod-frankfurt/eu-central-1/workloads": "10.1.0.0/16",
            },
        ],
        [
            "small blocks fill in after large ones",
            "172.16.0.0/12",
            [
                { owner: "b", prefixLength: 28 },
                { owner: "a", prefixLength: 28 },
                { owner: "c", prefixLength: 17 },
            ],
            { a: "172.16.128.0/28", b: "172.16.128.16/28", c: "172.16.0.0/17" },
        ],
        [
            "an exactly full supernet",
            "10.0.0.0/16",
            [
                { owner: "x", prefixLength: 17 },
                { owner: "y", prefixLength: 18 },
                { owner: "z", prefixLength: 18 },
            ],
            { x: "10.0.0.0/17", y: "10.0.128.0/18", z: "10.0.192.0/18" },
        ],
        [
            "reserved ranges are skipped",
            "10.0.0.0/8",
            [
                { owner: "dev", prefixLength: 16 },
                { owner: "prod", prefixLength: 16 },
                { owner: "tiny", prefixLength: 24 },
            ],
            { dev: "10.2.0.0/16", prod: "10.3.0.0/16", tiny: "10.0.0.0/24" },
            [
                { owner: "on-prem/dc1", cidr: "10.1.0.0/16" },
                { owner: "legacy", cidr: "10.0.128.0/17" },
            ],
        ],
    ];
    for (const [name, supernet, requests, expected, reserved] of tables) {
        it(`allocates ${name}`, () => {
            const plan = planVpcCidrs({ supernet, requests, reserved });
            expect(plan).to.deep.equal(expected);
            expect(Object.keys(plan)).to.deep.equal(Object.keys(expected).sort());
        });
    }

    const errors: [string, string, Request[], string[], OwnedCidr[]?][] = [
        [
            "a supernet that is too small",
            "10.0.0.0/15",
            [
                { owner: "dev", prefixLength: 16 },
                { owner: "prod", prefixLength: 16 },
                { owner: "qa", prefixLength: 16 },
                { owner: "edge", prefixLength: 24 },
            ],
            [
                "qa needs a /16 but 10.0.0.0/15 has no free /16 left",
                "edge needs a /24 but 10.0.0.0/15 has no free /24 left",
            ],
        ],
        [
            "bad requests, all at once",
            "10.0.0.0/20",
            [
                { owner: "a", prefixLength: 16 },
                { owner: "b", prefixLength: 29 },
                { owner: "b", prefixLength: 24 },
                { owner: "", prefixLength: 24 },
                { owner: "c", prefixLength: 24.5 },
            ],
            [
                "a asks for a /16; allowed: /20 to /28 (AWS VPCs are /16 to /28, inside the supernet)",
                "b asks for a /29; allowed: /20 to /28 (AWS VPCs are /16 to /28, inside the supernet)",
                'owner "" is not a non-empty string',
                "c asks for a /24.5; allowed: /20 to /28 (AWS VPCs are /16 to /28, inside the supernet)",
                "b is requested 2 times; owners must be unique",
            ],
        ],
        [
            "invalid supernet and reservations",
            "10.0.0.1/8",
            [{ owner: "a", prefixLength: 16 }],
            [
                'supernet has an invalid CIDR "10.0.0.1/8": host bits must be zero for a /8 (did you mean 10.0.0.0/8?)',
                `reserved dc1 has an invalid CIDR "10.1.0.0/33": prefix length /33 is out of range; ${ALLOWED}`,
            ],
            [{ owner: "dc1", cidr: "10.1.0.0/33" }],
        ],
        [
            "a supernet smaller than any VPC",
            "10.0.0.0/29",
            [],
            ["supernet 10.0.0.0/29 is a /29; a VPC needs a /28 or larger"],
        ],
        [
            "reservations that fill the supernet",
            "10.0.0.0/16",
            [{ owner: "a", prefixLength: 28 }],
            ["a needs a /28 but 10.0.0.0/16 has no free /28 left"],
            [{ owner: "all", cidr: "10.0.0.0/8" }],
        ],
    ];
    for (const [name, supernet, requests, problems, reserved] of errors) {
        it(`rejects ${name}`, () => {
            const message = thrown(() => planVpcCidrs({ supernet, requests, reserved }));
            expect(message).to.equal(["Invalid CIDR plan:", ...problems.map((p) => ` - ${p}`)].join("\n"));
        });
    }

    const arbPlan = fc.integer({ min: 8, max: 24 }).chain((superPrefix) =>
        fc.record({
            supernet: arbBlock(superPrefix, superPrefix),
            requests: fc.uniqueArray(
                fc.record({
                    owner: fc.string({ minLength: 1, maxLength: 6 }),
                    prefixLength: fc.integer({ min: Math.max(16, superPrefix), max: 28 }),
                }),
                { selector: (r) => r.owner, minLength: 1, maxLength: 24 },
            ),
        }),
    );

    it("never overlaps, stays inside the supernet, and fits whenever the sizes add up (property)", () => {
        fc.assert(
            fc.property(arbPlan, ({ supernet, requests }) => {
                const need = requests.reduce((sum, r) => sum + 2 ** (32 - r.prefixLength), 0);
                if (need > supernet.last - supernet.first + 1) {
                    expect(() => planVpcCidrs({ supernet: supernet.cidr, requests })).to.throw(
                        /has no free \/\d+ left/,
                    );
                    return;
                }
                const plan = planVpcCidrs({ supernet: supernet.cidr, requests });
                for (const r of requests) expect(parseCidr(plan[r.owner]).prefixLength).to.equal(r.prefixLength);
                const owned = Object.entries(plan).map(([owner, cidr]) => ({ owner, cidr }));
                expect(owned).to.have.length(requests.length);
                expect(validateCidrs(owned, { supernet: supernet.cidr })).to.deep.equal([]);
            }),
        );
    });

    it("is deterministic and independent of input order (property)", () => {
        const arbShuffled = arbPlan.chain((p) =>
            fc.tuple(
                fc.constant(p),
                fc.shuffledSubarray(p.requests, {
                    minLength: p.requests.length,
                    maxLength: p.requests.length,
                }),
            ),
        );
        fc.assert(
            fc.property(arbShuffled, ([{ supernet, requests }, shuffled]) => {
                const run = (rs: Request[]) => {
                    try {
                        return JSON.stringify(planVpcCidrs({ supernet: supernet.cidr, requests: rs }));
                    } catch (e) {
                        return (e as Error).message;
                    }
                };
                expect(run(shuffled)).to.equal(run(requests));
            }),
        );
    });

    it("keeps clear of reserved ranges (property)", () => {
        const arbReserved = arbPlan.chain((p) =>
            fc.tuple(fc.constant(p), fc.array(arbBlock(p.supernet.prefixLength, 32, p.supernet), { maxLength: 4 })),
        );
        fc.assert(
            fc.property(arbReserved, ([{ supernet, requests }, blocks]) => {
                const reserved = blocks.map((b, i) => ({ owner: `reserved-${i}`, cidr: b.cidr }));
                let plan: Record<string, string>;
                try {
                    plan = planVpcCidrs({ supernet: supernet.cidr, requests, reserved });
                } catch (e) {
                    expect((e as Error).message).to.match(
                        /^Invalid CIDR plan:\n( - .+ needs a \/\d+ but .+ has no free \/\d+ left\n?)+$/,
                    );
                    return;
                }
                for (const cidr of Object.values(plan)) {
                    expect(cidrContains(supernet.cidr, cidr)).to.equal(true);
                    for (const r of reserved) expect(cidrsOverlap(cidr, r.cidr)).to.equal(false);
                }
            }),
        );
    });
});

describe("cidr: layoutSubnets", () => {
    it("gives a /16 over 3 AZs /19 private, /20 isolated and /21 public subnets in /18 AZ slices", () => {
        expect(layoutSubnets("10.0.0.0/16")).to.deep.equal({
            private: ["10.0.0.0/19", "10.0.64.0/19", "10.0.128.0/19"],
            isolated: ["10.0.32.0/20", "10.0.96.0/20", "10.0.160.0/20"],
            public: ["10.0.48.0/21", "10.0.112.0/21", "10.0.176.0/21"],
        });
    });

    const cases: [string, string, Parameters<typeof layoutSubnets>[1], Record<string, string[]>][] = [
        [
            "a /22 shared-services VPC",
            "10.1.0.0/22",
            { azCount: 3 },
            {
                private: ["10.1.0.0/25", "10.1.1.0/25", "10.1.2.0/25"],
                isolated: ["10.1.0.128/26", "10.1.1.128/26", "10.1.2.128/26"],
                public: ["10.1.0.192/27", "10.1.1.192/27", "10.1.2.192/27"],
            },
        ],
        [
            "two AZs",
            "10.2.0.0/16",
            { azCount: 2 },
            {
                private: ["10.2.0.0/18", "10.2.128.0/18"],
                isolated: ["10.2.64.0/19", "10.2.192.0/19"],
                public: ["10.2.96.0/20", "10.2.224.0/20"],
            },
        ],
        [
            "explicit tiers and room for 8 AZs",
            "10.3.0.0/16",
            { azCount: 2, azSlots: 8, tiers: { public: 24, private: 20, isolated: 24 } },
            {
                private: ["10.3.0.0/20", "10.3.32.0/20"],
                isolated: ["10.3.16.0/24", "10.3.48.0/24"],
                public: ["10.3.17.0/24", "10.3.49.0/24"],
            },
        ],
    ];
    for (const [name, vpc, options, expected] of cases) {
        it(`lays out ${name}`, () => expect(layoutSubnets(vpc, options)).to.deep.equal(expected));
    }

    const errors: [string, Parameters<typeof layoutSubnets>[1], string[]][] = [
        ["10.0.0.0/8", {}, ["vpcCidr 10.0.0.0/8 is not a /16 to /28 (AWS's VPC sizes)"]],
        [
            "10.0.0.1/16",
            { azCount: 0 },
            [
                'vpcCidr has an invalid CIDR "10.0.0.1/16": host bits must be zero for a /16 (did you mean 10.0.0.0/16?)',
                "azCount is 0; allowed: an integer of at least 1",
            ],
        ],
        [
            "10.0.0.0/16",
            { azCount: 3, azSlots: 3 },
            ["azSlots is 3; allowed: a power of two no smaller than azCount (3)"],
        ],
        [
            "10.0.0.0/24",
            { azCount: 5 },
            [
                "vpcCidr 10.0.0.0/24 cut into 8 AZ slices gives /27 slices; three AWS subnets (/28 at the smallest) need a /26 per AZ",
            ],
        ],
        [
            "10.0.0.0/16",
            { tiers: { public: 17, private: 29 } },
            [
                "tiers.private is 29; allowed: 18 (one AZ slice) to 28",
                "tiers.public is 17; allowed: 18 (one AZ slice) to 28",
            ],
        ],
        [
            "10.0.0.0/25",
            { azCount: 2 },
            ["tiers.public is 29 (the default for a /26 AZ slice); allowed: 26 (one AZ slice) to 28"],
        ],
        [
            "10.0.0.0/16",
            { tiers: { private: 19, public: 18 } },
            ["tiers need 28672 addresses per AZ but each /18 AZ slice holds 16384"],
        ],
    ];
    errors.forEach(([vpc, options, problems], i) =>
        it(`rejects bad layout #${i + 1} (${vpc})`, () => {
            const message = thrown(() => layoutSubnets(vpc, options));
            expect(message).to.equal(["Invalid subnet layout:", ...problems.map((p) => ` - ${p}`)].join("\n"));
        }),
    );

    it("keeps tiers disjoint, inside the VPC and each AZ inside its own slice (property)", () => {
        const arbLayout = fc.integer({ min: 1, max: 6 }).chain((azCount) => {
            const slotBits = Math.ceil(Math.log2(azCount));
            return fc.record({
                azCount: fc.constant(azCount),
                vpc: fc.integer({ min: 16, max: 25 - slotBits }).chain((p) => arbBlock(p, p)),
                tiers: fc.option(
                    fc.record({ public: fc.integer({ min: 16, max: 28 }), private: fc.integer({ min: 16, max: 28 }) }),
                ),
            });
        });
        fc.assert(
            fc.property(arbLayout, ({ azCount, vpc, tiers }) => {
                let layout: Record<string, string[]>;
                try {
                    layout = layoutSubnets(vpc.cidr, { azCount, tiers: tiers ?? undefined });
                } catch (e) {
                    expect(tiers, (e as Error).message).to.not.equal(null);
                    expect((e as Error).message).to.match(/^Invalid subnet layout:\n - tiers/);
                    return;
                }
                const slices = subnetCidrs(vpc.cidr, Math.ceil(Math.log2(azCount)), azCount);
                const owned = SUBNET_TIERS.flatMap((tier) =>
                    layout[tier].map((cidr, az) => {
                        expect(cidrContains(slices[az], cidr), `${tier} ${az} ${cidr} in ${slices[az]}`).to.equal(true);
                        return { owner: `${tier}/${az}`, cidr };
                    }),
                );
                expect(owned).to.have.length(3 * azCount);
                expect(validateCidrs(owned, { supernet: vpc.cidr })).to.deep.equal([]);
                if (!tiers) {
                    const size = (tier: string) => cidrRange(layout[tier][0]).size;
                    expect(size("private")).to.be.greaterThan(size("isolated")).and.greaterThan(size("public"));
                }
            }),
        );
    });
});
