import { expect } from "chai";
import { imageReferenceProblems, imageUri } from "../../../components/apps/images";
import { lifecyclePolicy } from "../../../components/apps/registry";

const KEY = "payments-platform:apps.images.web";
const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("apps: image references", () => {
    const usable = ["2026.11.30-3f9c2e1", "v1.4.2", "8.4.7", "_build-17", DIGEST];
    for (const ref of usable)
        it(`accepts ${ref}`, () => {
            expect(imageReferenceProblems(KEY, ref)).to.deep.equal([]);
        });

    const rows: { ref: string; says: string }[] = [
        { ref: "latest", says: `${KEY} is "latest", a tag that moves` },
        { ref: "LATEST", says: `${KEY} is "LATEST", a tag that moves` },
        { ref: "main", says: `${KEY} is "main", a tag that moves` },
        { ref: "", says: `${KEY} is "": an ECR tag is 1-128 of` },
        { ref: "-rc1", says: `${KEY} is "-rc1": an ECR tag is 1-128 of` },
        { ref: "x".repeat(129), says: "an ECR tag is 1-128 of" },
        { ref: "web:1.0", says: "give only a tag or a digest" },
        { ref: `nginx@${DIGEST}`, says: "give only a tag or a digest" },
        { ref: "sha256:abc", says: "give only a tag or a digest" },
    ];
    for (const row of rows)
        it(`refuses ${JSON.stringify(row.ref.slice(0, 20))}`, () => {
            const problems = imageReferenceProblems(KEY, row.ref);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.include(row.says);
        });

    it("pulls a digest with @ and a tag with :", () => {
        expect(imageUri("r.example/web", DIGEST)).to.equal(`r.example/web@${DIGEST}`);
        expect(imageUri("r.example/web", "1.0")).to.equal("r.example/web:1.0");
    });

    it("expires untagged images and throwaway builds beyond the newest N, never a release tag", () => {
        const rules = JSON.parse(lifecyclePolicy(100, 7)).rules;
        expect(rules.map((r: { rulePriority: number }) => r.rulePriority)).to.deep.equal([1, 2]);
        expect(rules[0].selection).to.deep.include({ tagStatus: "untagged", countNumber: 7, countUnit: "days" });
        expect(rules[1].selection).to.deep.include({
            tagStatus: "tagged",
            tagPatternList: ["dev-*", "pr-*"],
            countType: "imageCountMoreThan",
            countNumber: 100,
        });
        // No rule may select "any" tag: it would count (and expire) the release prod runs.
        expect(rules.map((r: { selection: { tagStatus: string } }) => r.selection.tagStatus)).to.not.include("any");
    });
});
