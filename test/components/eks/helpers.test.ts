import { expect } from "chai";
import fc from "fast-check";
import {
    rateLimitAnnotations,
    rateLimitConfig,
    serviceAccountTrustPolicy,
    validateNodePool,
} from "../../../components/eks";
import {
    LB_CONTROLLER_POLICY,
    clusterAutoscalerPolicy,
    externalSecretsPolicy,
    isAdminStatement,
} from "../../../components/eks/policies";

describe("EKS pure helpers", () => {
    describe("validateNodePool", () => {
        const cases: [string, number, number, number, string | undefined][] = [
            ["valid", 1, 2, 3, undefined],
            ["min > max", 4, 4, 3, "p.desiredSize is 4, must be <= maxSize 3"],
            ["desired below min", 2, 1, 3, "p.minSize is 2, must be <= desiredSize 1"],
            ["desired above max", 0, 5, 3, "p.desiredSize is 5, must be <= maxSize 3"],
            ["max 0", 0, 0, 0, "p.maxSize is 0, must be at least 1"],
            ["fractional", 0.5, 1, 2, "p.minSize is 0.5, must be a whole number >= 0"],
        ];
        for (const [label, minSize, desiredSize, maxSize, msg] of cases) {
            it(label, () => {
                const p = validateNodePool("p", { instanceTypes: ["t3.medium"], minSize, desiredSize, maxSize });
                if (msg) expect(p).to.include(msg);
                else expect(p).to.deep.equal([]);
            });
        }
        for (const [hops, msg] of [
            [1, undefined],
            [2, undefined],
            [0, "p.imdsHopLimit is 0, must be 1 or 2"],
            [3, "p.imdsHopLimit is 3, must be 1 or 2"],
        ] as const) {
            it(`imdsHopLimit ${hops}`, () => {
                const p = validateNodePool("p", {
                    instanceTypes: ["t3.medium"],
                    minSize: 1,
                    desiredSize: 1,
                    maxSize: 2,
                    imdsHopLimit: hops as 1 | 2,
                });
                expect(p).to.deep.equal(msg ? [msg] : []);
            });
        }
        it("rejects Graviton instance types, which the x86_64 AL2023 AMI cannot boot, and keeps x86 look-alikes", () => {
            const arm = ["m7g.large", "c6gn.xlarge", "r7gd.2xlarge", "t4g.medium", "is4gen.large", "a1.large"];
            const x86 = [
                "m6i.large",
                "g4dn.xlarge",
                "g5.xlarge",
                "m7i-flex.large",
                "c5n.large",
                "x2iedn.xlarge",
                "t3a.large",
            ];
            const p = validateNodePool("nodeGroups.apps", {
                instanceTypes: [...arm, ...x86],
                minSize: 1,
                desiredSize: 1,
                maxSize: 2,
            });
            expect(p).to.deep.equal(
                arm.map(
                    (t) =>
                        `nodeGroups.apps.instanceTypes has "${t}", an arm64 (Graviton) type; node groups run AL2023_x86_64_STANDARD, so only x86_64 types are allowed`,
                ),
            );
        });
        it("accepts exactly the whole-number triples with min <= desired <= max and max >= 1", () => {
            fc.assert(
                fc.property(fc.nat(20), fc.nat(20), fc.nat(20), (a, b, c) => {
                    const ok = a <= b && b <= c && c >= 1;
                    expect(
                        validateNodePool("p", { instanceTypes: ["m6i.large"], minSize: a, desiredSize: b, maxSize: c })
                            .length === 0,
                    ).to.equal(ok);
                }),
            );
        });
    });

    it("rate limit: zone rate and burst come from the limit, 429 on excess; per-ingress multiplier rounds up", () => {
        const c = rateLimitConfig({ requestsPerSecond: 30, burst: 75 });
        expect(c["http-snippet"]).to.equal(
            "limit_req_zone $binary_remote_addr zone=platform_per_client:10m rate=30r/s;",
        );
        expect(c["location-snippet"]).to.equal("limit_req zone=platform_per_client burst=75 nodelay;");
        expect(c["limit-req-status-code"]).to.equal("429");
        expect(rateLimitAnnotations({ requestsPerSecond: 30, burst: 75 })).to.deep.equal({
            "nginx.ingress.kubernetes.io/limit-rps": "30",
            "nginx.ingress.kubernetes.io/limit-burst-multiplier": "3",
        });
    });

    it("trust policy names exactly one service account and the STS audience, whatever the issuer's scheme", () => {
        const a = serviceAccountTrustPolicy("arn:aws:iam::1:oidc-provider/x", "https://oidc.example/id/A", "ns", "sa");
        const b = serviceAccountTrustPolicy("arn:aws:iam::1:oidc-provider/x", "oidc.example/id/A", "ns", "sa");
        expect(a).to.deep.equal(b);
        expect((a.Statement[0].Condition as any).StringEquals).to.deep.equal({
            "oidc.example/id/A:sub": "system:serviceaccount:ns:sa",
            "oidc.example/id/A:aud": "sts.amazonaws.com",
        });
    });

    it("the LB controller's official policy, the autoscaler's and external-secrets' grant no Action * on Resource *", () => {
        const docs = [
            LB_CONTROLLER_POLICY,
            clusterAutoscalerPolicy("c"),
            externalSecretsPolicy("aws", "eu-central-1", "1", "/p/", ["k"]),
        ];
        expect(LB_CONTROLLER_POLICY.Statement).to.have.length(16);
        for (const d of docs) for (const s of d.Statement) expect(isAdminStatement(s)).to.equal(false);
        expect(isAdminStatement({ Effect: "Allow", Action: ["*"], Resource: "*" })).to.equal(true);
    });

    it("the autoscaler may only resize ASGs tagged as its own cluster's", () => {
        const st = clusterAutoscalerPolicy("prod-eu").Statement[1];
        expect(st.Condition).to.deep.equal({
            StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-eu": "owned" },
        });
    });
});
