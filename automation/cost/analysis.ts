/**
 * Everything the cost and deploy-time models say about a plan, computed once: what the CLI prints,
 * what the JSON and the reports carry.
 */
import * as fs from "fs";
import * as path from "path";
import { AssumptionOverrides, parseOverrides } from "./assumptions";
import { PlanCost, costPlan } from "./engine";
import { Teardown, weekendTeardown } from "./teardown";
import { RegionTime, StackTime, regionTimes, stackTime } from "./time/deployTime";
import type { Plan, StackPlan } from "../plan/types";

export interface Analysis {
    cost: PlanCost;
    teardown: Map<string, Teardown>;
    time: Map<string, StackTime>;
    regions: RegionTime[];
}

/** package.json `offlinePlan.costAssumptions` of the project, checked. */
export function projectOverrides(dir: string): AssumptionOverrides {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) return {};
    return parseOverrides(
        (JSON.parse(fs.readFileSync(file, "utf8")) as { offlinePlan?: { costAssumptions?: unknown } }).offlinePlan
            ?.costAssumptions,
    );
}

/** Checks the project's assumptions now (before any stack runs) and returns the analysis to run after. */
export function analyser(dir: string): (plan: Plan) => Analysis {
    const overrides = projectOverrides(dir);
    return (plan) => analyse(plan, overrides);
}

export function analyse(plan: Plan, overrides: AssumptionOverrides = {}): Analysis {
    const cost = costPlan(plan, overrides);
    const teardown = new Map<string, Teardown>();
    for (const s of plan.stacks) {
        const t = weekendTeardown(s, cost.stacks.get(s.name)!);
        if (t) teardown.set(s.name, t);
    }
    const time = new Map(plan.stacks.map((s) => [s.name, stackTime(s)]));
    return { cost, teardown, time, regions: regionTimes(plan.stacks, time) };
}

/** What a stack gains in the plan's JSON: `cost` (with the teardown where it has one) and `deployTime`. */
export function stackJson(a: Analysis, s: StackPlan): Record<string, unknown> {
    const teardown = a.teardown.get(s.name);
    return {
        cost: { ...a.cost.stacks.get(s.name)!, ...(teardown ? { weekendTeardown: teardown } : {}) },
        deployTime: a.time.get(s.name)!,
    };
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const mins = (s: number) => `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;

/** The text the plan prints after the stacks: cost per stack, per region and in total; time; teardown. */
export function summaryText(plan: Plan, a: Analysis): string {
    const w = Math.max(...plan.stacks.map((s) => s.name.length));
    const lines = ["Monthly cost (on-demand, 730 h; usage from stated assumptions):"];
    for (const s of plan.stacks) {
        const c = a.cost.stacks.get(s.name)!;
        const t = a.time.get(s.name)!;
        const unpriced = c.unpriced.length ? `  ${c.unpriced.length} unpriced` : "";
        lines.push(
            `    ${s.name.padEnd(w)}  ${usd(c.monthlyUsd).padStart(11)}  deploy ${mins(t.criticalPathSeconds)} (bound ${mins(t.lowerBoundSeconds)})${unpriced}`,
        );
    }
    lines.push("  per region:");
    for (const [region, v] of Object.entries(a.cost.byRegion).sort())
        lines.push(`    ${region.padEnd(w)}  ${usd(v).padStart(11)}`);
    lines.push(`  total ${usd(a.cost.totalUsd)} a month`);
    const unpriced = [...a.cost.stacks.values()].flatMap((c) => c.unpriced);
    for (const [type, reason] of new Map(unpriced.map((u) => [u.type, u.reason])))
        lines.push(`  unpriced: ${type} (${reason})`);
    for (const t of a.teardown.values())
        lines.push(
            `Weekend teardown of ${t.stack}: saves ${usd(t.monthlySavingUsd)} a month (${(t.savingShare * 100).toFixed(1)}%; ${t.tornDownHoursPerWeek} of 168 h torn down), ` +
                (t.meetsRequirement ? "meets the 28% the seeds need" : `below the 28% the seeds need: ${t.why}`),
        );
    lines.push("Deploy time, a region's full platform (stacks in reference order) against the seeds' 10 minutes:");
    for (const r of a.regions)
        lines.push(
            `    ${r.region.padEnd(w)}  ${mins(r.seconds)} (${r.chain.join(" → ")}) ${r.meetsTarget ? "meets it" : `misses it; bounded by ${r.boundedBy.join("; ")}`}`,
        );
    return lines.join("\n");
}
