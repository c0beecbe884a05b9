/**
 * The cost engine: prices every recorded resource of a stack from the price table, by type and the
 * inputs that drive its price, in the stack's region; sums per stack, per region and for the plan.
 */
import { AssumptionOverrides, assumptionsFor } from "./assumptions";
import { PRICES } from "./prices";
import { priceOf } from "./pricers";
import { CostLine, MissingPrice, Part, NoChargeType, Pricing, PriceContext, StackCost, UnpricedLine } from "./types";
import type { Plan, ResourceRecord, StackPlan } from "../plan/types";

const TABLE = new Map(PRICES.map((row) => [row.key, row]));

/** USD per unit of `key` in `region`. */
export function unitPrice(key: string, region: string): number {
    const row = TABLE.get(key);
    if (!row) throw new MissingPrice(`no price row ${key}`);
    const usd = row.usd[region];
    if (usd === undefined) throw new MissingPrice(`no ${key} price for ${region || "an empty region"}`);
    return usd;
}

/** The stack's environment as its config says (`<project>:environment`), else "unknown". */
export function environmentOf(s: StackPlan): string {
    return s.config?.[`${s.project}:environment`] ?? "unknown";
}

export function costStack(s: StackPlan, overrides: AssumptionOverrides = {}): StackCost {
    const environment = environmentOf(s);
    const ctx: PriceContext = {
        region: s.region,
        environment,
        assumptions: assumptionsFor(environment, overrides),
        price: (key) => unitPrice(key, s.region),
        byId: new Map(s.resources.filter((r) => r.id).map((r) => [r.id, r])),
        resources: s.resources,
    };
    const lines: CostLine[] = [];
    const unpriced: UnpricedLine[] = [];
    const free = new Map<string, NoChargeType>();
    for (const r of s.resources) {
        const p = safely(r, ctx);
        if ("parts" in p) lines.push(toLine(r, p.parts));
        else if ("unpriced" in p) unpriced.push({ urn: r.urn, type: r.type, reason: p.unpriced });
        else {
            const key = `${r.type}\0${p.noCharge}`;
            const t = free.get(key) ?? { type: r.type, count: 0, reason: p.noCharge };
            t.count++;
            free.set(key, t);
        }
    }
    const noCharge = [...free.values()].sort((a, b) => a.type.localeCompare(b.type));
    return {
        monthlyUsd: round(sum(lines.map((l) => l.usd))),
        lines,
        unpriced,
        noCharge,
        environment,
        assumptions: ctx.assumptions,
    };
}

function safely(r: ResourceRecord, ctx: PriceContext): Pricing {
    try {
        return priceOf(r, (pricer) => pricer(r, ctx));
    } catch (e) {
        if (e instanceof MissingPrice) return { unpriced: e.message };
        throw e;
    }
}

function toLine(r: ResourceRecord, parts: Part[]): CostLine {
    return {
        urn: r.urn,
        type: r.type,
        usd: round(sum(parts.map((p) => p.usd))),
        basis: parts.map((p) => p.basis).join(" + "),
        hourlyUsd: round(sum(parts.filter((p) => p.scales === "hours").map((p) => p.usd))),
        calendarUsd: round(sum(parts.filter((p) => p.scales === "month").map((p) => p.usd))),
    };
}

export interface PlanCost {
    stacks: Map<string, StackCost>;
    byRegion: Record<string, number>;
    totalUsd: number;
}

export function costPlan(plan: Plan, overrides: AssumptionOverrides = {}): PlanCost {
    const stacks = new Map(plan.stacks.map((s) => [s.name, costStack(s, overrides)]));
    const byRegion: Record<string, number> = {};
    for (const s of plan.stacks) byRegion[s.region] = round((byRegion[s.region] ?? 0) + stacks.get(s.name)!.monthlyUsd);
    return { stacks, byRegion, totalUsd: round(sum([...stacks.values()].map((c) => c.monthlyUsd))) };
}

export function sum(xs: number[]): number {
    return xs.reduce((a, b) => a + b, 0);
}

/** Cents: the JSON stays byte-identical across runs and readable. */
export function round(n: number): number {
    return Math.round(n * 100) / 100;
}
