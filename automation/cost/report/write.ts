/** Writes the reports the options asked for, after the plan (and its policy step) ran. */
import * as fs from "fs";
import type { Analysis } from "../analysis";
import type { ReportArgs } from "../args";
import { components, diagramSvg } from "./diagram";
import { renderHtml } from "./html";
import type { Violation } from "../../policy/analyzer";
import type { Plan } from "../../plan/types";

export async function writeReports(
    report: ReportArgs,
    plan: Plan,
    analysis: Analysis,
    violations: Map<string, Violation[]> | undefined,
): Promise<void> {
    if (report.html) {
        const platform = await diagramSvg(plan.stacks);
        const stacks = new Map<string, string>();
        for (const s of plan.stacks) if (components(s).length > 0) stacks.set(s.name, await diagramSvg([s]));
        fs.writeFileSync(report.html, renderHtml({ plan, analysis, violations, diagrams: { platform, stacks } }));
    }
}
