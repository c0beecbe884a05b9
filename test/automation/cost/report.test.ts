/**
 * The HTML report in a real headless Chromium (Debian's `chromium`; .ci/run installs it where
 * missing): no console errors, a diagram node per component, totals equal to the JSON's. Saves a
 * screenshot as the test's artefact (TEST_ARTIFACTS_DIR, default the OS temp directory).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import puppeteer, { Browser } from "puppeteer-core";
import { components } from "../../../automation/cost/report/diagram";
import { analyse, stackJson } from "../../../automation/cost/analysis";
import { writeReports } from "../../../automation/cost/report/write";
import { main } from "../../../automation/plan/cli";
import { planJson } from "../../../automation/plan/report";
import { planProject } from "../../harness";
import { StackPlan } from "../../../automation/plan/types";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = process.env.TEST_ARTIFACTS_DIR ?? path.join(os.tmpdir(), "payments-platform-artifacts");

describe("the HTML report (--html) in headless Chromium", function () {
    this.timeout(180_000);
    let browser: Browser | undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-report-"));
    const html = path.join(dir, "report.html");
    const json = path.join(dir, "plan.json");
    const md = path.join(dir, "summary.md");

    before(async function () {
        if (!fs.existsSync(CHROMIUM))
            throw new Error(
                `no Chromium at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`,
            );
        // The shared project plan (planned once per test worker), reported the way the CLI does.
        const plan = await planProject();
        const analysis = analyse(plan);
        fs.writeFileSync(
            json,
            planJson(plan, (s) => stackJson(analysis, s)),
        );
        await writeReports({ html, markdown: md }, plan, analysis, undefined);
        browser = await puppeteer.launch({
            executablePath: CHROMIUM,
            headless: true,
            args: ["--no-sandbox", "--disable-gpu"],
        });
    });

    after(async () => {
        await browser?.close();
    });

    it("--markdown writes the PR summary of the same run: a row per stack with the JSON's cost", () => {
        const plan = JSON.parse(fs.readFileSync(json, "utf8")) as {
            stacks: (StackPlan & { cost: { monthlyUsd: number } })[];
        };
        const text = fs.readFileSync(md, "utf8");
        expect(text.length).to.be.at.most(65_536);
        for (const s of plan.stacks)
            expect(text).to.contain(
                `| ${s.name} | +${s.resources.length} ~0 −0 | not run | $${s.cost.monthlyUsd.toFixed(2)} `,
            );
    });

    it("renders without console errors, a diagram node per component, and the JSON's totals", async () => {
        const page = await browser!.newPage();
        const errors: string[] = [];
        page.on("console", (m) => {
            if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
        await page.setViewport({ width: 1400, height: 1000 });
        await page.goto(`file://${html}`, { waitUntil: "load" });

        const plan = JSON.parse(fs.readFileSync(json, "utf8")) as {
            stacks: (StackPlan & { cost: { monthlyUsd: number } })[];
        };
        const expected = plan.stacks.reduce((n, s) => n + components(s).length, 0);
        const nodes = await page.$$eval("#platform-diagram svg g.node.component", (els) => els.length);
        expect(nodes).to.equal(expected);

        const shown = await page.$$eval("[data-stack-cost]", (els) =>
            els.map((e) => [e.getAttribute("data-stack-cost"), e.textContent]),
        );
        expect(Object.fromEntries(shown)).to.deep.equal(
            Object.fromEntries(plan.stacks.map((s) => [s.name, `$${s.cost.monthlyUsd.toFixed(2)}`])),
        );
        const total = plan.stacks.reduce((n, s) => n + s.cost.monthlyUsd, 0);
        expect(await page.$eval("[data-total=platform]", (e) => e.textContent)).to.equal(`$${total.toFixed(2)}`);

        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, "plan-report.png") as `${string}.png` });
        expect(errors).to.deep.equal([]);
    });

    it("the CLI writes both with --html and --markdown (one stack, to keep it light)", async () => {
        const h = path.join(dir, "cli.html");
        const m = path.join(dir, "cli.md");
        let said = "";
        const sink = { write: (t: string) => (said += t) };
        // --verbose keeps main() off fastStacks()'s process-wide settings, as the other in-process CLI tests do.
        const argv = ["--verbose", "--no-policy", "-s", "network-frankfurt", "--html", h, "--markdown", m];
        expect(await main(argv, { stdout: sink, stderr: sink }), said.slice(-2000)).to.equal(0);
        expect(fs.readFileSync(h, "utf8")).to.contain('id="stack-network-frankfurt"');
        expect(fs.readFileSync(m, "utf8")).to.match(/^\| network-frankfurt \| \+\d+ ~0 −0 \| not run \| \$/m);
        expect(said).to.match(/Monthly cost \(on-demand, 730 h/);
    });
});
