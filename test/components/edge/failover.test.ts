/** The worst-case failover model and the RTO check, from a table of cases. */
import { expect } from "chai";
import { FailoverInputs, rtoProblems, worstCaseFailoverSeconds } from "../../../components/edge";

const inputs = (t: [number, number], ttl: number, ga: [number, number]): FailoverInputs => ({
    target: { intervalSeconds: t[0], threshold: t[1] },
    dnsTtlSeconds: ttl,
    accelerator: { intervalSeconds: ga[0], threshold: ga[1] },
});

describe("worstCaseFailoverSeconds", () => {
    const rows: [string, FailoverInputs, { cloudFront: number; accelerator: number }][] = [
        [
            "the platform's defaults (10 s × 2 targets, 60 s TTL, GA 10 s × 3)",
            inputs([10, 2], 60, [10, 3]),
            { cloudFront: 80, accelerator: 50 },
        ],
        ["AWS's defaults (30 s × 2, GA 30 s × 3)", inputs([30, 2], 60, [30, 3]), { cloudFront: 120, accelerator: 150 }],
        [
            "a slow target check dominates both paths",
            inputs([300, 10], 60, [10, 1]),
            { cloudFront: 3060, accelerator: 3010 },
        ],
        ["a zero TTL leaves detection alone", inputs([5, 2], 0, [10, 1]), { cloudFront: 10, accelerator: 20 }],
    ];
    for (const [what, i, want] of rows) it(what, () => expect(worstCaseFailoverSeconds(i)).to.deep.equal(want));
});

describe("rtoProblems", () => {
    const rows: [string, FailoverInputs, number, string[]][] = [
        ["both within", inputs([10, 2], 60, [10, 3]), 80, []],
        [
            "CloudFront's path over by its TTL",
            inputs([10, 2], 60, [10, 3]),
            79,
            [
                "the CloudFront path fails over in up to 80 s (target health 10 s × 2 + DNS TTL 60 s), above the RTO of 79 s",
            ],
        ],
        [
            "both over",
            inputs([30, 2], 60, [30, 3]),
            100,
            [
                "the CloudFront path fails over in up to 120 s (target health 30 s × 2 + DNS TTL 60 s), above the RTO of 100 s",
                "the Global Accelerator path fails over in up to 150 s (target health 30 s × 2 + accelerator 30 s × 3), above the RTO of 100 s",
            ],
        ],
    ];
    for (const [what, i, rto, want] of rows) it(what, () => expect(rtoProblems(i, rto)).to.deep.equal(want));
});
