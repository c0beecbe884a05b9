/**
 * The architecture diagram: regions as clusters, each stack a cluster inside its region, components
 * as boxes (nested by parent), stack references as dashed edges. Written as DOT and rendered to SVG
 * by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): no system Graphviz.
 */
import type { StackPlan } from "../../plan/types";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The components of a stack: ComponentResources (local and remote) other than the stack itself. */
export function components(s: StackPlan) {
    return s.resources.filter((r) => (!r.custom || r.remote) && r.type !== STACK_TYPE);
}

const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Ids stable for one diagram: `<stack>:<index>`. */
function nodeId(stack: string, i: number): string {
    return `${stack}:${i}`;
}

/** DOT for the given stacks (the whole platform, or one stack). */
export function diagramDot(stacks: StackPlan[]): string {
    const lines = [
        "digraph platform {",
        "  compound=true; rankdir=LR; fontname=Helvetica;",
        "  node [fontname=Helvetica fontsize=10];",
    ];
    const names = new Set(stacks.map((s) => s.name));
    const regions = [...new Set(stacks.map((s) => s.region))].sort();
    for (const [ri, region] of regions.entries()) {
        lines.push(`  subgraph cluster_r${ri} { label=${q(region || "no region")}; style=rounded; color="#888888";`);
        for (const s of stacks.filter((x) => x.region === region)) lines.push(...stackCluster(s));
        lines.push("  }");
    }
    for (const s of stacks)
        for (const ref of s.references.filter((r) => names.has(r)))
            lines.push(
                `  ${q(`${s.name}:stack`)} -> ${q(`${ref}:stack`)} [style=dashed label="reference" fontsize=8 class="reference"];`,
            );
    lines.push("}");
    return lines.join("\n");
}

function stackCluster(s: StackPlan): string[] {
    const comps = components(s);
    const index = new Map(comps.map((r, i) => [r.urn, nodeId(s.name, i)]));
    const out = [
        `    subgraph ${q(`cluster_${s.name}`)} { label=${q(s.name)}; style=filled; fillcolor="#f4f6fa";`,
        `      ${q(`${s.name}:stack`)} [label=${q(s.name)} shape=folder class="stack" id=${q(`stack-${s.name}`)}];`,
    ];
    comps.forEach((r, i) => {
        const label = `${r.name}\n${r.type}`;
        const attrs = `shape=box style="rounded,filled" fillcolor="${r.remote ? "#fff4dd" : "#ffffff"}" class="component"`;
        out.push(`      ${q(nodeId(s.name, i))} [label=${q(label)} ${attrs} id=${q(`c-${s.name}-${i}`)}];`);
        const from = index.get(r.parent) ?? `${s.name}:stack`;
        out.push(`      ${q(from)} -> ${q(nodeId(s.name, i))} [arrowhead=none color="#aaaaaa"];`);
    });
    out.push("    }");
    return out;
}

type Renderer = { dot(src: string): string };
let graphviz: Promise<Renderer> | undefined;

/** Graphviz, loaded once (about a second of WebAssembly start-up; only reports pay for it). */
async function renderer(): Promise<Renderer> {
    graphviz ??= import("@hpcc-js/wasm-graphviz").then((m) => m.Graphviz.load());
    return graphviz;
}

/** The SVG of the given stacks' diagram (the XML prologue dropped, for inlining into HTML). */
export async function diagramSvg(stacks: StackPlan[]): Promise<string> {
    const svg = (await renderer()).dot(diagramDot(stacks));
    return svg.slice(svg.indexOf("<svg"));
}
