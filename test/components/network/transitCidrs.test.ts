import { expect } from "chai";
import { cidrContains, cidrsOverlap, layoutSubnets } from "../../../components/network/cidr";
import { transitSubnetCidrs } from "../../../components/network/transitCidrs";

describe("transitSubnetCidrs: a /28 per AZ for the TGW attachment, in the layout's free space", () => {
    const rows: { vpc: string; azCount: number; want: string[] }[] = [
        // /16 over 3 AZs: /18 slices; private /19, isolated /20, public /21, then the free /21.
        { vpc: "10.16.0.0/16", azCount: 3, want: ["10.16.56.0/28", "10.16.120.0/28", "10.16.184.0/28"] },
        // The shared-services /20: /22 slices, tiers end at .3.128 of each slice.
        { vpc: "10.0.0.0/20", azCount: 3, want: ["10.0.3.128/28", "10.0.7.128/28", "10.0.11.128/28"] },
        { vpc: "10.1.0.0/20", azCount: 2, want: ["10.1.7.0/28", "10.1.15.0/28"] },
        // The smallest VPC the default tiers allow per AZ: a /25 slice.
        { vpc: "10.2.0.0/23", azCount: 4, want: ["10.2.0.112/28", "10.2.0.240/28", "10.2.1.112/28", "10.2.1.240/28"] },
    ];
    for (const { vpc, azCount, want } of rows) {
        it(`${vpc} over ${azCount} AZs → ${want.join(", ")}`, () => {
            const layout = layoutSubnets(vpc, { azCount });
            const got = transitSubnetCidrs(vpc, layout);
            expect(got).to.deep.equal(want);
            const others = [...layout.public, ...layout.private, ...layout.isolated];
            for (const c of got) {
                expect(cidrContains(vpc, c)).to.equal(true);
                expect(others.filter((o) => cidrsOverlap(o, c))).to.deep.equal([]);
            }
        });
    }

    it("fails clearly when the tiers fill the AZ slice", () => {
        const layout = layoutSubnets("10.3.0.0/24", { azCount: 2, tiers: { private: 26, isolated: 27, public: 27 } });
        expect(() => transitSubnetCidrs("10.3.0.0/24", layout)).to.throw(
            "Invalid subnet layout:\n - AZ 1 of 10.3.0.0/24 has no free /28 after its tiers for the Transit Gateway attachment",
        );
    });
});
