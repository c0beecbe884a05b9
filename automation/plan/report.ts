/**
 * Renders a plan the way `pulumi preview` shows it: a tree of resources by parent, `+ N to create`,
 * counts per type, the outputs; and the JSON other tools read.
 */
import { Plan, ResourceRecord, StackPlan } from "./types";
import { stableStringify } from "./values";

function children(resources: ResourceRecord[]): Map<string, ResourceRecord[]> {
    const byParent = new Map<string, ResourceRecord[]>();
    for (const r of resources) {
        const list = byParent.get(r.parent) ?? [];
        list.push(r);
        byParent.set(r.parent, list);
    }
    return byParent;
}

function op(r: ResourceRecord): string {
    return r.type === "pulumi:pulumi:StackReference" ? "=" : "+";
}

function flags(r: ResourceRecord): string {
    const f = [r.protect ? "protect" : "", r.retainOnDelete ? "retain" : "", r.remote ? "remote" : ""].filter(Boolean);
    return f.length ? `  [${f.join(", ")}]` : "";
}

/** The preview-like text of one stack. */
export function renderStack(s: StackPlan): string {
    const lines: string[] = [
        `Previewing stack ${s.name} (${s.project}, ${s.region || "no region"}) — offline plan`,
        "",
    ];
    lines.push(`     ${"Type".padEnd(60)} Name`);
    const byParent = children(s.resources);
    const walk = (parent: string, prefix: string, root: boolean) => {
        const kids = byParent.get(parent) ?? [];
        kids.forEach((r, i) => {
            const last = i === kids.length - 1;
            const branch = root ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
            lines.push(` ${op(r)}   ${(branch + r.type).padEnd(60)} ${r.name}${flags(r)}`);
            walk(r.urn, root ? "" : `${prefix}${last ? "   " : "│  "}`, false);
        });
    };
    walk("", "", true);
    const creates = s.resources.filter((r) => op(r) === "+");
    const reads = s.resources.length - creates.length;
    lines.push("", "Resources:", `    + ${creates.length} to create${reads ? `, = ${reads} to read` : ""}`);
    const counts = new Map<string, number>();
    for (const r of creates) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    for (const [t, n] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
        lines.push(`      ${String(n).padStart(4)}  ${t}`);
    lines.push("", "Outputs:");
    for (const [k, v] of Object.entries(s.outputs).sort(([a], [b]) => a.localeCompare(b)))
        lines.push(`    ${k}: ${JSON.stringify(v)}`);
    if (s.references.length) lines.push("", `Stack references: ${s.references.join(", ")}`);
    if (s.secretPlaceholders.length) {
        lines.push(
            "",
            `Secrets: ${s.secretPlaceholders.join(", ")} unset; the offline plan used a placeholder (shown as [secret]). Set with \`pulumi config set --secret\` before \`pulumi up\`.`,
        );
    }
    return lines.join("\n");
}

/**
 * The order the stacks were planned in, referenced stacks first (the order `pulumi up` must follow
 * too, since a stack reads its references' outputs), as one line.
 */
export function planOrderLine(plan: Plan): string {
    return `Plan order (stack references): ${plan.stacks.map((s) => s.name).join(" → ")}`;
}

/** The plan's JSON: stable key order, so two runs are byte-identical. */
export function planJson(plan: Plan, extra: (s: StackPlan) => Record<string, unknown> = () => ({})): string {
    return (
        stableStringify({
            stacks: plan.stacks.map((s) => ({
                name: s.name,
                project: s.project,
                region: s.region,
                references: s.references,
                secretPlaceholders: s.secretPlaceholders,
                resources: s.resources,
                outputs: s.outputs,
                ...extra(s),
            })),
        }) + "\n"
    );
}
