/**
 * The pull-request summary: per stack what the change creates, changes and removes against the
 * target branch's plan JSON, the policy verdict with each violation, the monthly cost and its delta,
 * the critical path and its change. Stacks without changes are folded away. GitHub refuses comments
 * over 65,536 characters, so the least important parts go first, with a note saying what went.
 */
import { stableStringify } from "../../plan/values";

export const COMMENT_LIMIT = 65_536;

/** The parts of the plan's JSON the summary reads. */
export interface JsonStack {
    name: string;
    region: string;
    resources: { urn: string; type: string; inputs?: unknown }[];
    cost?: { monthlyUsd: number };
    deployTime?: { criticalPathSeconds: number };
    policy?: { violations: { policy: string; enforcement: string; urn: string; message: string }[] };
}
export interface JsonPlan {
    stacks: JsonStack[];
}

interface Diff {
    create: string[];
    change: string[];
    remove: string[];
}

export function diffStack(head: JsonStack, base: JsonStack | undefined): Diff {
    const before = new Map((base?.resources ?? []).map((r) => [r.urn, stableStringify(r.inputs ?? {})]));
    const after = new Map(head.resources.map((r) => [r.urn, stableStringify(r.inputs ?? {})]));
    return {
        create: [...after.keys()].filter((u) => !before.has(u)),
        change: [...after.keys()].filter((u) => before.has(u) && before.get(u) !== after.get(u)),
        remove: [...before.keys()].filter((u) => !after.has(u)),
    };
}

const usd = (n: number) => `$${n.toFixed(2)}`;
const signed = (n: number, f: (x: number) => string) => (n === 0 ? "±0" : `${n > 0 ? "+" : "−"}${f(Math.abs(n))}`);
const mins = (s: number) => `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
const short = (urn: string) => urn.split("::").pop() ?? urn;

/** A part of the summary; `rank` 0 is never trimmed, higher ranks go first. */
interface Block {
    rank: number;
    text: string;
    trimmed: string;
}

export function prSummary(head: JsonPlan, base?: JsonPlan, limit = COMMENT_LIMIT): string {
    const baseBy = new Map((base?.stacks ?? []).map((s) => [s.name, s]));
    const removed = (base?.stacks ?? []).filter((s) => !head.stacks.some((h) => h.name === s.name));
    const rows: string[] = [];
    const blocks: Block[] = [];
    for (const s of head.stacks) {
        const b = baseBy.get(s.name);
        const d = diffStack(s, b);
        const changed = d.create.length + d.change.length + d.remove.length > 0;
        rows.push(row(s, b, d));
        blocks.push(...stackBlocks(s, d, changed));
    }
    for (const s of removed)
        rows.push(`| ${s.name} | removed (${s.resources.length} resources) | | ${usd(-(s.cost?.monthlyUsd ?? 0))} | |`);
    const headTotal = head.stacks.reduce((n, s) => n + (s.cost?.monthlyUsd ?? 0), 0);
    const baseTotal = (base?.stacks ?? []).reduce((n, s) => n + (s.cost?.monthlyUsd ?? 0), 0);
    const header = [
        "## Offline plan",
        base ? "Against the target branch's plan." : "No base plan given: everything is shown as created.",
        `Monthly cost ${usd(headTotal)} (${signed(headTotal - baseTotal, usd)}).`,
        "",
        "| Stack | Create / change / remove | Policy | Monthly (Δ) | Critical path (Δ) |",
        "|---|---|---|---|---|",
        ...rows,
    ].join("\n");
    return fit(header, blocks, limit);
}

function row(s: JsonStack, b: JsonStack | undefined, d: Diff): string {
    const v = s.policy?.violations;
    const mandatory = v?.filter((x) => x.enforcement === "mandatory").length ?? 0;
    const policy = !v ? "not run" : v.length === 0 ? "passed" : `${mandatory ? "**failed**" : "advisory"}: ${v.length}`;
    const cost = s.cost?.monthlyUsd ?? 0;
    const path = s.deployTime?.criticalPathSeconds ?? 0;
    const dPath = path - (b?.deployTime?.criticalPathSeconds ?? 0);
    return `| ${s.name} | +${d.create.length} ~${d.change.length} −${d.remove.length} | ${policy} | ${usd(cost)} (${signed(cost - (b?.cost?.monthlyUsd ?? 0), usd)}) | ${mins(path)} (${signed(dPath, mins)}) |`;
}

function stackBlocks(s: JsonStack, d: Diff, changed: boolean): Block[] {
    const v = s.policy?.violations ?? [];
    const line = (x: (typeof v)[number]) => `- \`${x.policy}\` (${x.enforcement}) ${short(x.urn)}: ${x.message}`;
    const list = (label: string, urns: string[]) =>
        urns.length ? `${label}:\n${urns.map((u) => `- ${short(u)}`).join("\n")}\n` : "";
    const resources = list("Create", d.create) + list("Change", d.change) + list("Remove", d.remove);
    const out: Block[] = [];
    const mandatory = v.filter((x) => x.enforcement === "mandatory");
    const advisory = v.filter((x) => x.enforcement !== "mandatory");
    if (mandatory.length)
        out.push({
            rank: 0,
            text: `\n**${s.name}: mandatory violations**\n${mandatory.map(line).join("\n")}\n`,
            trimmed: "",
        });
    if (advisory.length)
        out.push({
            rank: 2,
            text: `\n<details><summary>${s.name}: ${advisory.length} advisory violations</summary>\n\n${advisory.map(line).join("\n")}\n</details>\n`,
            trimmed: `${s.name}'s advisory violations`,
        });
    if (resources)
        out.push({
            rank: changed ? 1 : 3,
            text: `\n<details><summary>${s.name}: resources</summary>\n\n${resources}</details>\n`,
            trimmed: `${s.name}'s resource list`,
        });
    return out;
}

/** Drops the highest-ranked blocks (last first) until the summary fits, and says what went. */
function fit(header: string, blocks: Block[], limit: number): string {
    const kept = [...blocks];
    const dropped: string[] = [];
    const render = () => {
        const note = dropped.length
            ? `\n\n_Trimmed to stay under GitHub's ${limit.toLocaleString("en-US")}-character limit: ${dropped.join(", ")}._`
            : "";
        return `${header}\n${kept.map((b) => b.text).join("")}${note}\n`;
    };
    while (render().length > limit) {
        const rank = Math.max(...kept.map((b) => b.rank));
        if (rank <= 0) break;
        let i = kept.length - 1;
        while (kept[i].rank !== rank) i--;
        dropped.unshift(kept[i].trimmed);
        kept.splice(i, 1);
    }
    const out = render();
    // Only the must-keep parts left and still too long: cut, and say so.
    const cut = "\n\n_Cut at GitHub's comment limit._\n";
    return out.length <= limit ? out : out.slice(0, limit - cut.length) + cut;
}
