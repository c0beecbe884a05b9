/**
 * The self-contained HTML report of a plan: one file, no external script, style or font (CI keeps it
 * as an artefact and a reviewer opens it offline). Collapsibles are <details>, so it needs no script.
 */
import type { Analysis } from "../analysis";
import type { Violation } from "../../policy/analyzer";
import type { Plan, ResourceRecord, StackPlan } from "../../plan/types";

export interface ReportInput {
    plan: Plan;
    analysis: Analysis;
    /** Policy results by stack; undefined when the policy step didn't run. */
    violations?: Map<string, Violation[]>;
    /** The whole platform's diagram, and each stack's, as inline SVG. */
    diagrams: { platform: string; stacks: Map<string, string> };
}

export function esc(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const usd = (n: number) => `$${n.toFixed(2)}`;
const mins = (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`;
const short = (urn: string) => urn.split("::").pop() ?? urn;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left;vertical-align:top}td.n{text-align:right}
details{margin:.2em 0 .2em 1em}summary{cursor:pointer}.bad{color:#b42318}.ok{color:#067647}.muted{color:#57606a}
svg{max-width:100%;height:auto}code{font-size:12px}`;

export function renderHtml(input: ReportInput): string {
    const { plan, analysis: a } = input;
    const body = [
        `<h1>Offline plan: ${plan.stacks.length} stacks</h1>`,
        `<p>Platform total <strong data-total="platform">${usd(a.cost.totalUsd)}</strong> a month (on-demand, 730 h; usage from the stated assumptions). Prices: AWS pricing pages as published at each row's date, not re-read here.</p>`,
        summaryTable(input),
        regionTable(a),
        teardownSection(a),
        `<h2>Architecture</h2><div id="platform-diagram">${input.diagrams.platform}</div>`,
        ...plan.stacks.map((s) => stackSection(s, input)),
    ];
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Offline plan report</title><style>${STYLE}</style></head><body>${body.join("\n")}</body></html>\n`;
}

function verdict(v: Violation[] | undefined): string {
    if (!v) return `<span class="muted">not run</span>`;
    const mandatory = v.filter((x) => x.enforcement === "mandatory").length;
    if (v.length === 0) return `<span class="ok">passed</span>`;
    return `<span class="${mandatory ? "bad" : "muted"}">${mandatory} mandatory, ${v.length - mandatory} advisory</span>`;
}

function summaryTable({ plan, analysis: a, violations }: ReportInput): string {
    const rows = plan.stacks.map((s) => {
        const c = a.cost.stacks.get(s.name)!;
        const t = a.time.get(s.name)!;
        return `<tr><td><a href="#stack-${esc(s.name)}">${esc(s.name)}</a></td><td>${esc(s.region)}</td><td class="n">${s.resources.length}</td><td>${verdict(violations?.get(s.name))}</td><td class="n" data-stack-cost="${esc(s.name)}">${usd(c.monthlyUsd)}</td><td class="n">${mins(t.criticalPathSeconds)}</td><td class="n">${mins(t.lowerBoundSeconds)}</td></tr>`;
    });
    return `<h2>Stacks</h2><table><tr><th>Stack</th><th>Region</th><th>Resources</th><th>Policy</th><th>Monthly</th><th>Critical path</th><th>Lower bound</th></tr>${rows.join("")}</table>`;
}

function regionTable(a: Analysis): string {
    const rows = a.regions.map((r) => {
        const cost = a.cost.byRegion[r.region] ?? 0;
        const ok = r.meetsTarget
            ? `<span class="ok">meets 10 min</span>`
            : `<span class="bad">misses 10 min</span>: ${esc(r.boundedBy.join("; "))}`;
        return `<tr><td>${esc(r.region)}</td><td class="n" data-region-cost="${esc(r.region)}">${usd(cost)}</td><td>${esc(r.chain.join(" → "))}</td><td class="n">${mins(r.seconds)}</td><td>${ok}</td></tr>`;
    });
    return `<h2>Regions</h2><table><tr><th>Region</th><th>Monthly</th><th>Deploy order</th><th>Full platform</th><th>Seeds' 10 minutes</th></tr>${rows.join("")}</table>`;
}

function teardownSection(a: Analysis): string {
    const parts = [...a.teardown.values()].map((t) => {
        const stays = t.stays
            .map(
                (x) =>
                    `<li>${esc(x.what)}: ${usd(x.usd)}${x.extra ? " (taken off the saving)" : " (keeps billing)"}</li>`,
            )
            .join("");
        const ok = t.meetsRequirement
            ? `<span class="ok">meets the seeds' 28%</span>`
            : `<span class="bad">below 28%</span>: ${esc(t.why)}`;
        return `<p>${esc(t.stack)}: saves <strong>${usd(t.monthlySavingUsd)}</strong> a month (${(t.savingShare * 100).toFixed(1)}%, ${t.tornDownHoursPerWeek} of 168 h torn down); ${ok}</p><ul>${stays}</ul>`;
    });
    return parts.length ? `<h2>Weekend teardown</h2>${parts.join("")}` : "";
}

function stackSection(s: StackPlan, input: ReportInput): string {
    const c = input.analysis.cost.stacks.get(s.name)!;
    const t = input.analysis.time.get(s.name)!;
    const lines = [...c.lines]
        .sort((x, y) => y.usd - x.usd)
        .map(
            (l) =>
                `<tr><td>${esc(short(l.urn))}</td><td><code>${esc(l.type)}</code></td><td class="n">${usd(l.usd)}</td><td>${esc(l.basis)}</td></tr>`,
        );
    const unpriced = c.unpriced.map(
        (u) => `<li class="bad">unpriced ${esc(short(u.urn))} <code>${esc(u.type)}</code>: ${esc(u.reason)}</li>`,
    );
    const path = t.path.map(
        (p) => `<li>${mins(p.startsAt)}: ${esc(short(p.urn))} <code>${esc(p.type)}</code> ${p.seconds} s</li>`,
    );
    const removable = t.removableDependsOn.map(
        (d) =>
            `<li>${esc(short(d.urn))} waits ${d.lengthensBySeconds} s for ${esc(short(d.dependsOn))}, a dependsOn AWS doesn't need</li>`,
    );
    const v = input.violations?.get(s.name) ?? [];
    const violations = v.map(
        (x) =>
            `<li class="${x.enforcement === "mandatory" ? "bad" : "muted"}">${esc(x.policy)} (${esc(x.enforcement)}) ${esc(short(x.urn))}: ${esc(x.message)}</li>`,
    );
    return [
        `<section id="stack-${esc(s.name)}"><h2>${esc(s.name)} <span class="muted">${esc(s.region)}</span></h2>`,
        `<p>Policy: ${verdict(input.violations?.get(s.name))}</p>${violations.length ? `<ul>${violations.join("")}</ul>` : ""}`,
        `<details><summary>Cost ${usd(c.monthlyUsd)} a month, ${c.lines.length} priced resources</summary><table><tr><th>Resource</th><th>Type</th><th>Monthly</th><th>Basis</th></tr>${lines.join("")}</table><ul>${unpriced.join("")}</ul></details>`,
        `<details><summary>Critical path ${mins(t.criticalPathSeconds)} (lower bound ${mins(t.lowerBoundSeconds)})</summary><ol>${path.join("")}</ol>${removable.length ? `<ul>${removable.join("")}</ul>` : ""}</details>`,
        `<details><summary>Resources (${s.resources.length})</summary>${tree(s.resources)}</details>`,
        `<details><summary>Diagram</summary>${input.diagrams.stacks.get(s.name) ?? ""}</details></section>`,
    ].join("\n");
}

function tree(resources: ResourceRecord[]): string {
    const kids = new Map<string, ResourceRecord[]>();
    for (const r of resources) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
    const walk = (parent: string): string =>
        (kids.get(parent) ?? [])
            .map((r) => {
                const label = `<code>${esc(r.type)}</code> ${esc(r.name)}`;
                const inner = walk(r.urn);
                return inner ? `<details><summary>${label}</summary>${inner}</details>` : `<div>${label}</div>`;
            })
            .join("");
    return walk("");
}
