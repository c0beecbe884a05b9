import { expect } from "chai";
import { KNOWN_REGIONS, isKnownRegion, partitionOf } from "../../components/regions";

describe("regions", () => {
    const cases: { region: string; known: boolean; partition: string | undefined }[] = [
        { region: "eu-central-1", known: true, partition: "aws" },
        { region: "ap-northeast-1", known: true, partition: "aws" },
        { region: "us-west-1", known: true, partition: "aws" },
        { region: "cn-north-1", known: true, partition: "aws-cn" },
        { region: "cn-northwest-1", known: true, partition: "aws-cn" },
        { region: "us-gov-west-1", known: true, partition: "aws-us-gov" },
        { region: "us-gov-east-1", known: true, partition: "aws-us-gov" },
        { region: "eu-centrall-1", known: false, partition: undefined },
        { region: "eu-central-9", known: false, partition: undefined },
        { region: "EU-CENTRAL-1", known: false, partition: undefined },
        { region: "", known: false, partition: undefined },
        { region: "toString", known: false, partition: undefined },
        { region: "us-iso-east-1", known: false, partition: undefined },
    ];
    for (const c of cases) {
        it(`${JSON.stringify(c.region)}: known ${c.known}, partition ${c.partition}`, () => {
            expect(isKnownRegion(c.region)).to.equal(c.known);
            expect(partitionOf(c.region)).to.equal(c.partition);
        });
    }

    it("lists every region once, sorted", () => {
        expect(KNOWN_REGIONS).to.deep.equal([...new Set(KNOWN_REGIONS)].sort());
        expect(KNOWN_REGIONS).to.include.members(["eu-central-1", "us-east-1", "ap-southeast-1", "eu-west-2"]);
    });
});
