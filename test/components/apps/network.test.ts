import { expect } from "chai";
import { egressTo, isolatedCidrs, onPremCidrs, tierCidrs } from "../../../components/apps/network";

describe("apps: the ranges the pods' NetworkPolicies name", () => {
    const spoke = { vpcCidr: "10.16.0.0/16", availabilityZones: ["a", "b", "c"] };

    it("takes the isolated tier of the spoke's layout, one /20 per AZ", () => {
        expect(isolatedCidrs(spoke)).to.deep.equal(["10.16.32.0/20", "10.16.96.0/20", "10.16.160.0/20"]);
        expect(tierCidrs(spoke, "isolated")).to.deep.equal(isolatedCidrs(spoke));
        expect(tierCidrs(spoke, "private")).to.not.include.members(isolatedCidrs(spoke));
    });

    it("reaches the on-prem ranges only, on the given TCP ports", () => {
        const plan = [
            { owner: "on-prem/dc1", cidr: "10.128.0.0/16" },
            { owner: "prod/eu-central-1/workloads", cidr: "10.32.0.0/16" },
            { owner: "on-prem/dc2", cidr: "172.16.0.0/12" },
        ];
        expect(onPremCidrs({ cidrPlan: plan })).to.deep.equal(["10.128.0.0/16", "172.16.0.0/12"]);
        expect(egressTo(["10.128.0.0/16"], 1433)).to.deep.equal({
            to: [{ ipBlock: { cidr: "10.128.0.0/16" } }],
            ports: [{ protocol: "TCP", port: 1433 }],
        });
        expect(egressTo(["10.16.32.0/20"], 5432, 6379).ports).to.deep.equal([
            { protocol: "TCP", port: 5432 },
            { protocol: "TCP", port: 6379 },
        ]);
    });
});
