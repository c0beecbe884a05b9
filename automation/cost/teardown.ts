/**
 * The weekend teardown's saving: what a stack stops paying while it is destroyed (Friday 19:00 to
 * Monday 05:00, the seeds' "destroy during weekends"), less what it pays because of it.
 */
import { round, sum, unitPrice } from "./engine";
import { HOURS_PER_MONTH, StackCost } from "./types";
import type { StackPlan } from "../plan/types";

export const TORN_DOWN_HOURS_PER_WEEK = 58;
export const HOURS_PER_WEEK = 168;
/** The seeds' teardown must save at least this share of the stack's monthly cost. */
export const REQUIRED_SAVING = 0.28;

export interface Stay {
    what: string;
    /** Monthly USD. */
    usd: number;
    /** true: a cost the teardown adds, taken off the saving. */
    extra: boolean;
}

export interface Teardown {
    stack: string;
    tornDownHoursPerWeek: number;
    /** Hourly-billed cost no longer paid while torn down. */
    savedUsd: number;
    /**
     * What stays or is paid again: the final snapshot and per-month charges re-paid (`extra`, taken
     * off the saving), retained resources (billing as before, so simply not saved).
     */
    stays: Stay[];
    monthlySavingUsd: number;
    /** Saving ÷ the stack's monthly cost. */
    savingShare: number;
    meetsRequirement: boolean;
    /** Why the requirement isn't met (empty when it is). */
    why: string;
}

/** The saving of a stack whose config sets `<project>:weekendTeardown: true`; undefined otherwise. */
export function weekendTeardown(s: StackPlan, cost: StackCost): Teardown | undefined {
    if (s.config?.[`${s.project}:weekendTeardown`] !== "true") return undefined;
    const share = TORN_DOWN_HOURS_PER_WEEK / HOURS_PER_WEEK;
    const retained = new Set(s.resources.filter((r) => r.retainOnDelete).map((r) => r.urn));
    const destroyed = cost.lines.filter((l) => !retained.has(l.urn));
    const savedUsd = round(sum(destroyed.map((l) => l.hourlyUsd)) * share);
    const stays = [
        ...finalSnapshots(s, cost),
        ...cost.lines
            .filter((l) => retained.has(l.urn))
            .map((l) => ({ what: `retained ${name(l.urn)}`, usd: l.usd, extra: false })),
        ...destroyed
            .filter((l) => l.calendarUsd > 0)
            .map((l) => ({
                // Re-created every Monday: a per-month charge is paid for each week's new resource.
                what: `${name(l.urn)} re-created weekly, billed per calendar month`,
                usd: round(l.calendarUsd * (HOURS_PER_MONTH / HOURS_PER_WEEK - 1)),
                extra: true,
            })),
    ];
    const monthlySavingUsd = round(savedUsd - sum(stays.filter((x) => x.extra).map((x) => x.usd)));
    const savingShare = cost.monthlyUsd > 0 ? Math.round((monthlySavingUsd / cost.monthlyUsd) * 10_000) / 10_000 : 0;
    const meetsRequirement = savingShare >= REQUIRED_SAVING;
    return {
        stack: s.name,
        tornDownHoursPerWeek: TORN_DOWN_HOURS_PER_WEEK,
        savedUsd,
        stays,
        monthlySavingUsd,
        savingShare,
        meetsRequirement,
        why: meetsRequirement ? "" : whyNot(cost, retained, savingShare),
    };
}

/** Aurora's final snapshot outlives the cluster, billed as backup storage once the cluster is gone. */
function finalSnapshots(s: StackPlan, cost: StackCost): Stay[] {
    return s.resources
        .filter((r) => r.type === "aws:rds/cluster:Cluster" && r.inputs.skipFinalSnapshot !== true)
        .map((r) => {
            const gib = cost.assumptions.auroraStorageGiB;
            const usd = round(gib * unitPrice("aurora:backup", s.region));
            return {
                what: `final snapshot of ${r.name} (${gib} GiB, auroraStorageGiB; one kept, older ones deleted)`,
                usd,
                extra: true,
            };
        });
}

function whyNot(cost: StackCost, retained: Set<string>, share: number): string {
    const fixed = cost.lines
        .map((l) => ({ urn: l.urn, usd: retained.has(l.urn) ? l.usd : round(l.usd - l.hourlyUsd) }))
        .filter((x) => x.usd > 0)
        .sort((a, b) => b.usd - a.usd)
        .slice(0, 3);
    const ceiling = Math.round((TORN_DOWN_HOURS_PER_WEEK / HOURS_PER_WEEK) * 100);
    return (
        `saves ${Math.round(share * 100)}% (at most ${ceiling}% of hourly costs); ` +
        `largest costs a teardown doesn't cut: ${fixed.map((x) => `${name(x.urn)} $${x.usd}`).join(", ") || "none"}`
    );
}

function name(urn: string): string {
    return urn.split("::").pop() ?? urn;
}
