/**
 * The cost model's shapes: what a pricer says about one recorded resource, and what the plan's JSON
 * carries per stack (`cost`).
 */
import type { Assumptions } from "./assumptions";
import type { ResourceRecord } from "../plan/types";

/** On-demand prices are per hour; AWS's monthly figures assume 730 hours. */
export const HOURS_PER_MONTH = 730;

/**
 * How a part of a price behaves when the resource exists only part of the month: `hours` is billed
 * per hour it exists (instances, NAT, keys); `month` per calendar month it exists at all (a hosted
 * zone); `usage` by what flows through it (traffic, log GiB, requests).
 */
export type Scale = "hours" | "month" | "usage";

export interface Part {
    usd: number;
    basis: string;
    scales: Scale;
}

/** What a pricer says about one resource. */
export type Pricing = { parts: Part[] } | { noCharge: string } | { unpriced: string };

export interface PriceContext {
    region: string;
    environment: string;
    assumptions: Assumptions;
    /** USD per unit of a price row in this region; throws MissingPrice where the table has none. */
    price(key: string): number;
    /** The stack's resources by their recorded id (a node group's launch template, by id). */
    byId: Map<string, ResourceRecord>;
    resources: ResourceRecord[];
}

export type Pricer = (r: ResourceRecord, ctx: PriceContext) => Pricing;

/** The price table has no row, or no figure for this region. */
export class MissingPrice extends Error {}

/** One priced resource, as the plan's JSON carries it. */
export interface CostLine {
    urn: string;
    type: string;
    /** Monthly USD. */
    usd: number;
    /** How the figure was reached, in words and numbers. */
    basis: string;
    /** The part of `usd` billed per hour of existence (what a teardown saves). */
    hourlyUsd: number;
    /** The part billed per calendar month the resource exists at all (paid again when re-created). */
    calendarUsd: number;
}

export interface UnpricedLine {
    urn: string;
    type: string;
    reason: string;
}

/** Types AWS does not bill for (or bills through another resource), with the count and why. */
export interface NoChargeType {
    type: string;
    count: number;
    reason: string;
}

/** The `cost` field of a stack in the plan's JSON. */
export interface StackCost {
    monthlyUsd: number;
    lines: CostLine[];
    unpriced: UnpricedLine[];
    noCharge: NoChargeType[];
    environment: string;
    assumptions: Assumptions;
}
