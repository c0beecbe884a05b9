/**
 * What the offline plan tells a person on stderr while it works: a line per stack (its resource
 * count and time) when stderr is a file or a pipe, one live line on a terminal, and a closing
 * summary. stdout stays for the preview text or the JSON.
 */
import type { StackEvent } from "./engine";

export interface ProgressOptions {
    /** Only the summary. @default false */
    quiet?: boolean;
    /** A live, rewritten line instead of a line per stack. @default the stream's isTTY */
    tty?: boolean;
}

/** One stack's row of the summary. */
export interface SummaryRow {
    stack: string;
    resources: number;
    /** "passed", "2 advisory", "1 mandatory, 2 advisory", "skipped", or "not run". */
    policy: string;
}

interface Writable {
    write(s: string): unknown;
    isTTY?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export class Progress {
    private readonly quiet: boolean;
    private readonly tty: boolean;
    private readonly running = new Set<string>();
    private done = 0;
    private live = false;

    constructor(
        private readonly out: Writable,
        opts: ProgressOptions = {},
    ) {
        this.quiet = opts.quiet ?? false;
        this.tty = opts.tty ?? out.isTTY === true;
    }

    /** Feeds the engine's stack events. */
    public readonly onStack = (e: StackEvent): void => {
        if (e.phase === "start") this.running.add(e.stack);
        else this.running.delete(e.stack);
        if (this.quiet) return;
        if (e.phase === "start") {
            if (this.tty) this.liveLine();
            return;
        }
        this.done++;
        const what = e.phase === "done" ? `${String(e.resources).padStart(5)} resources` : "   failed      ";
        this.line(`plan: ${e.stack.padEnd(24)} ${what}  ${seconds(e.ms).padStart(8)}`);
        if (this.tty && this.running.size > 0) this.liveLine();
    };

    /** A note between progress lines (a policy-config fallback). */
    public note(text: string): void {
        if (!this.quiet) this.line(`plan: ${text}`);
    }

    /** A step after the programs (the policy pack), on the live line only. */
    public step(text: string): void {
        if (this.quiet || !this.tty) return;
        this.out.write(`\r\x1b[Kplan: ${text}`);
        this.live = true;
    }

    /** Clears the live line (before an error message or the summary). */
    public clear(): void {
        if (this.live) this.out.write("\r\x1b[K");
        this.live = false;
    }

    public summary(rows: SummaryRow[], wallMs: number): void {
        this.clear();
        this.out.write(formatSummary(rows, wallMs));
    }

    private line(text: string): void {
        this.clear();
        this.out.write(`${text}\n`);
    }

    private liveLine(): void {
        this.out.write(`\r\x1b[Kplan: ${[...this.running].join(", ")} … (${this.done} done)`);
        this.live = true;
    }
}

/** The closing summary: one row per stack, then the totals and the wall time. */
export function formatSummary(rows: SummaryRow[], wallMs: number): string {
    const total = rows.reduce((n, r) => n + r.resources, 0);
    const width = Math.max(5, ...rows.map((r) => r.stack.length));
    const lines = [
        "",
        `Summary: ${rows.length} stack${rows.length === 1 ? "" : "s"}, ${total} resources, ${seconds(wallMs)} wall`,
        ...rows.map(
            (r) => `    ${r.stack.padEnd(width)}  ${String(r.resources).padStart(5)} resources  policy: ${r.policy}`,
        ),
    ];
    return lines.join("\n") + "\n";
}

/** The policy verdict of one stack in words. */
export function policyVerdict(violations: { enforcement: string }[] | undefined): string {
    if (!violations) return "skipped";
    const count = (level: string) => violations.filter((v) => v.enforcement === level).length;
    const parts = [
        count("mandatory") ? `${count("mandatory")} mandatory` : "",
        count("advisory") ? `${count("advisory")} advisory` : "",
    ].filter(Boolean);
    return parts.length ? parts.join(", ") : "passed";
}
