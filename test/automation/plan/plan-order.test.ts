import { expect } from "chai";
import { planOrderLine } from "../../../automation/plan/report";
import { Plan, StackPlan } from "../../../automation/plan/types";
import { discoverStacks, planProject } from "../../harness";
import { CliRun, LIGHT, runCli } from "./cliProcess";

const PREFIX = "Plan order (stack references): ";

const stack = (name: string, references: string[] = []): StackPlan => ({
    name,
    project: "p",
    region: "eu-central-1",
    resources: [],
    outputs: {},
    references,
    secretPlaceholders: [],
});

describe("the plan order line", () => {
    const rows: { why: string; plan: Plan; line: string }[] = [
        { why: "one stack", plan: { stacks: [stack("dev")] }, line: `${PREFIX}dev` },
        {
            why: "a hub and two spokes, in the plan's (dependency) order",
            plan: { stacks: [stack("network-frankfurt"), stack("dev", ["network-frankfurt"]), stack("prod")] },
            line: `${PREFIX}network-frankfurt → dev → prod`,
        },
    ];
    for (const row of rows) it(row.why, () => expect(planOrderLine(row.plan)).to.equal(row.line));

    it("for the real project: every discovered stack once, each after the stacks it references", async function () {
        this.timeout(120_000);
        const plan = await planProject();
        const line = planOrderLine(plan);
        expect(line.startsWith(PREFIX)).to.equal(true);
        const order = line.slice(PREFIX.length).split(" → ");
        expect([...order].sort()).to.deep.equal(
            discoverStacks()
                .map((s) => s.name)
                .sort(),
        );
        for (const s of plan.stacks)
            for (const ref of s.references)
                expect(order.indexOf(ref), `${ref} before ${s.name}`).to.be.lessThan(order.indexOf(s.name));
    });
});

describe("npm run plan prints the plan order (spawned as a user runs it)", function () {
    this.timeout(120_000);
    let text: CliRun;
    let json: CliRun;
    before(async () => {
        [text, json] = await Promise.all([
            runCli(["--dir", LIGHT, "--stack", "consumer", "--no-policy"]),
            runCli(["--dir", LIGHT, "--stack", "consumer", "--no-policy", "--json", "-"]),
        ]);
    });

    it("the text output opens with the order, referenced stack first", () => {
        expect(text.code, text.stderr).to.equal(0);
        expect(text.stdout.split("\n")[0]).to.equal(`${PREFIX}producer → consumer`);
        expect(text.stdout.match(/^Plan order/gm)).to.have.length(1);
    });

    it("--json - keeps stdout pure JSON: no order line in it", () => {
        expect(json.code, json.stderr).to.equal(0);
        expect(() => JSON.parse(json.stdout) as unknown).to.not.throw();
        expect(json.stdout).to.not.include("Plan order");
    });
});
