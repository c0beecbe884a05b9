/**
 * Runs the CrossGuard pack over the offline plan's recordings through the Analyzer protocol, as
 * `pulumi preview --policy-pack` would: GetAnalyzerInfo, Configure with the environment's policy
 * config, Analyze per resource, then AnalyzeStack. One pack process serves every stack; it is
 * re-Configured whenever the config file changes (the server keeps only the latest config).
 */
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as path from "path";
import { StackPlan } from "../plan/types";
import { EnforcementLevel, loadPolicyPackConfig, PolicyConfig, PolicyMeta, reconcilePolicyPackConfig } from "./config";
import { byUrnOf } from "./marshal";
import { RequestEncoder } from "./requestBytes";
import { levelFromPb, PolicyPackProcess } from "./pack-process";

export interface Violation {
    policy: string;
    enforcement: EnforcementLevel;
    /** The resource the violation is about; a stack-level finding without one gets the stack's URN. */
    urn: string;
    /** What is wrong with this resource ("S3 bucket must ..."). */
    message: string;
    /** The policy's one-sentence description. */
    description: string;
    policyPack: string;
    policyPackVersion: string;
}

export interface AnalyzeOptions {
    /** The policy pack directory (holding PulumiPolicy.yaml and package.json). */
    packDir: string;
    /** The `--policy-pack-config` file for a stack, or undefined for the pack's defaults. */
    configFor(stack: StackPlan): string | undefined;
    /** Analyze calls in flight at once. @default 32 */
    concurrency?: number;
}

/** Analyzes every stack with one pack process, which is always ended before this returns. */
export async function analyzeStacks(stacks: StackPlan[], opts: AnalyzeOptions): Promise<Map<string, Violation[]>> {
    const analyzer = PolicyAnalyzer.start(opts.packDir, { concurrency: opts.concurrency });
    try {
        const results = new Map<string, Violation[]>();
        for (const stack of stacks) {
            results.set(stack.name, await analyzer.analyze(stack, opts.configFor(stack)));
        }
        return results;
    } finally {
        await analyzer.close();
    }
}

/**
 * A running pack. `start` returns at once and boots the process in the background (about 1.5 s),
 * so a caller can start it before running the stacks' programs and hide that cost; the first
 * `analyze` waits for it. The owner must call `close`.
 */
export class PolicyAnalyzer {
    private readonly ready: Promise<{ pack: PolicyPackProcess; metas: PolicyMeta[] }>;
    private readonly configs = new Map<string, Record<string, Required<PolicyConfig>>>();
    private configured: string | undefined;
    private queue: Promise<unknown> = Promise.resolve();
    // Lets close() end a pack that is still booting at once, instead of waiting for its port.
    private readonly booting = new AbortController();
    private isReady = false;

    private constructor(
        packDir: string,
        private readonly concurrency: number,
    ) {
        this.ready = (async () => {
            const pack = await PolicyPackProcess.start(path.resolve(packDir), { signal: this.booting.signal });
            this.isReady = true;
            try {
                return { pack, metas: policyMetas(await pack.getAnalyzerInfo()) };
            } catch (e) {
                await pack.close();
                throw e;
            }
        })();
        this.ready.catch(() => undefined); // reported by analyze()/close(), not as an unhandled rejection
    }

    public static start(packDir: string, opts: { concurrency?: number } = {}): PolicyAnalyzer {
        return new PolicyAnalyzer(packDir, opts.concurrency ?? 32);
    }

    /** The pack process id, once it has started. */
    public async processId(): Promise<number | undefined> {
        return (await this.ready).pack.pid;
    }

    /** The pack's policies as GetAnalyzerInfo reports them. */
    public async policies(): Promise<PolicyMeta[]> {
        return (await this.ready).metas;
    }

    /** Analyzes one stack under a config file (calls are serialised: the pack holds one config). */
    public analyze(stack: StackPlan, configFile?: string): Promise<Violation[]> {
        const run = this.queue.then(() => this.analyzeNow(stack, configFile));
        this.queue = run.catch(() => undefined);
        return run;
    }

    private async analyzeNow(stack: StackPlan, configFile?: string): Promise<Violation[]> {
        const { pack, metas } = await this.ready;
        const key = configFile ? path.resolve(configFile) : "";
        try {
            if (!this.configs.has(key)) {
                this.configs.set(
                    key,
                    reconcilePolicyPackConfig(metas, configFile ? loadPolicyPackConfig(configFile) : {}),
                );
            }
            if (key !== this.configured) {
                await pack.configure(this.configs.get(key)!);
                this.configured = key;
            }
            await pack.configureStack(stack.name, stack.project);
            return await analyzeStack(pack, stack, this.concurrency);
        } catch (e) {
            const log = pack.log.trim();
            throw log ? new Error(`${(e as Error).message}\npolicy pack stderr:\n${log}`) : e;
        }
    }

    /** Ends the pack process (waiting for a start still in progress). Never throws. */
    public async close(): Promise<void> {
        if (!this.isReady) this.booting.abort();
        const started = await this.ready.catch(() => undefined);
        await started?.pack.close();
    }
}

/** The policies' declared levels and config schemas, as the CLI reads them from GetAnalyzerInfo. */
export function policyMetas(info: analyzerpb.AnalyzerInfo): PolicyMeta[] {
    return info.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
            name: p.getName(),
            enforcementLevel: levelFromPb(p.getEnforcementlevel()),
            configSchema: (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
            required: schema?.getRequiredList() ?? [],
        };
    });
}

async function analyzeStack(pack: PolicyPackProcess, stack: StackPlan, concurrency: number): Promise<Violation[]> {
    const encoder = new RequestEncoder(byUrnOf(stack.resources));
    const perResource = await mapPool(stack.resources, concurrency, async (r) =>
        // Like the engine, a per-resource diagnostic is always reported against that resource.
        (await pack.analyzeEncoded("Analyze", encoder.analyzeRequest(r)))
            .getDiagnosticsList()
            .map((d) => toViolation(d, r.urn)),
    );
    const req = encoder.analyzeStackRequest(stack.resources);
    const stackUrn = stack.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    const stackLevel = (await pack.analyzeEncoded("AnalyzeStack", req))
        .getDiagnosticsList()
        .map((d) => toViolation(d, d.getUrn() || stackUrn));
    return [...perResource.flat(), ...stackLevel];
}

function toViolation(d: analyzerpb.AnalyzeDiagnostic, urn: string): Violation {
    const description = d.getDescription();
    // @pulumi/policy sends "<description>\n<message>" for reportViolation(message).
    const full = d.getMessage();
    const message = full.startsWith(`${description}\n`) ? full.slice(description.length + 1) : full;
    return {
        policy: d.getPolicyname(),
        enforcement: levelFromPb(d.getEnforcementlevel()),
        urn,
        message,
        description,
        policyPack: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
    };
}

/** Runs `fn` over the items, at most `limit` at once, keeping their order. */
export async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` → type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4) {
        return { type: "", name: urn };
    }
    return { type: parts[2].split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/**
 * The "Policies:" block of `pulumi preview`, for one stack: the pack line (✅, ⚠️ when only
 * advisory, ❌ with a mandatory violation), then each violation with its level, policy, resource
 * and message, plus the resource URN so it can be found in the plan.
 */
export function formatViolations(
    stackName: string,
    violations: Violation[],
    pack: { name: string; version: string; local?: string } = { name: "payments-platform", version: "0.1.0" },
): string {
    const name = violations[0]?.policyPack ?? pack.name;
    const version = violations[0]?.policyPackVersion ?? pack.version;
    const icon = violations.some((v) => v.enforcement === "mandatory") ? "❌" : violations.length > 0 ? "⚠️" : "✅";
    const lines = [
        `Policies (stack ${stackName}):`,
        `    ${icon} ${name}@v${version} (local: ${pack.local ?? "policies"})`,
    ];
    for (const v of violations) {
        const { type, name: resName } = parseUrn(v.urn);
        const where = type ? `  (${type}: ${resName})` : "";
        lines.push(`        - [${v.enforcement}]  ${v.policy}${where}`);
        for (const l of v.message.split("\n")) {
            lines.push(`          ${l}`);
        }
        if (v.urn) {
            lines.push(`          ${v.urn}`);
        }
    }
    return lines.join("\n") + "\n";
}
