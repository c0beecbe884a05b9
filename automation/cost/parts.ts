/**
 * Building blocks of a price: an hourly, monthly or usage-driven part from a price-table row, with
 * its basis written out, and readers for recorded inputs.
 */
import { HOURS_PER_MONTH, Part, PriceContext } from "./types";

const money = (n: number) => `$${n < 0.1 ? n.toPrecision(2) : n.toFixed(n < 10 ? 3 : 2)}`;

/** `count` of `what` billed per hour, for a whole month. */
export function hourly(ctx: PriceContext, key: string, count: number, what: string): Part {
    const p = ctx.price(key);
    return {
        usd: p * count * HOURS_PER_MONTH,
        basis: `${fmt(count)} × ${what} × ${money(p)}/h × ${HOURS_PER_MONTH} h`,
        scales: "hours",
    };
}

/** A per-month price. `prorated`: AWS bills it by the hour it exists (KMS, Secrets Manager). */
export function monthly(ctx: PriceContext, key: string, count: number, what: string, prorated = true): Part {
    const p = ctx.price(key);
    return {
        usd: p * count,
        basis: `${fmt(count)} × ${what} × ${money(p)}/month`,
        scales: prorated ? "hours" : "month",
    };
}

/** A usage-driven price: `quantity` (from an assumption, named) × the row's unit price. */
export function usage(ctx: PriceContext, key: string, quantity: number, unit: string, assumption: string): Part {
    const p = ctx.price(key);
    return {
        usd: p * quantity,
        basis: `${fmt(quantity)} ${unit} (${assumption}) × ${money(p)}/${unit}`,
        scales: "usage",
    };
}

function fmt(n: number): string {
    return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function num(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
}

export function obj(v: unknown): Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function arr(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}
