/** Writes the reports the options asked for, after the plan (and its policy step) ran. */
import * as fs from "fs";
import type { Analysis } from "../analysis";
import type { ReportArgs } from "../args";
import { components, diagramSvg } from "./diagram";
import { renderHtml } from "./html";
import { JsonPlan, prSummary } from "./markdown";
import { stackJson } from "../analysis";
import { policyJson } from "../../plan/policy";
import { planJson } from "../../plan/report";
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
    if (report.markdown) {
        const head = JSON.parse(
            planJson(plan, (s) => ({ ...policyJson(violations?.get(s.name)), ...stackJson(analysis, s) })),
        ) as JsonPlan;
        fs.writeFileSync(report.markdown, prSummary(head, report.base ? readBase(report.base) : undefined));
    }
}

function readBase(file: string): JsonPlan {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`--base ${file}: not JSON (${(e as Error).message})`);
    }
    const stacks = (parsed as { stacks?: unknown } | null)?.stacks;
    if (!Array.isArray(stacks))
        throw new Error(`--base ${file}: not a plan JSON (no "stacks" array); write one with --json`);
    return parsed as JsonPlan;
}
