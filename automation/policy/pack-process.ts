/**
 * Runs a policy pack the way the engine's `pulumi-analyzer-policy` plugin does: a node process in
 * the pack's directory that loads the pack's main module, whose PolicyPack starts an Analyzer gRPC
 * server and prints its port on stdout. The engine uses ts-node with type checking (seconds per
 * start); here tsx transpiles instead, since `tsc` already checks the pack.
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import { EnforcementLevel, PolicyConfig } from "./config";

const LEVEL_TO_PB: Record<EnforcementLevel, analyzerpb.EnforcementLevel> = {
    advisory: analyzerpb.EnforcementLevel.ADVISORY,
    mandatory: analyzerpb.EnforcementLevel.MANDATORY,
    remediate: analyzerpb.EnforcementLevel.REMEDIATE,
    disabled: analyzerpb.EnforcementLevel.DISABLED,
};

export function levelFromPb(l: analyzerpb.EnforcementLevel): EnforcementLevel {
    const found = (Object.keys(LEVEL_TO_PB) as EnforcementLevel[]).find((k) => LEVEL_TO_PB[k] === l);
    if (!found) {
        throw new Error(`Unknown enforcement level ${l} from the policy pack`);
    }
    return found;
}

// Matches the server's limit: a large stack's AnalyzeStack request exceeds gRPC's 4 MB default.
const MAX_MESSAGE = 400 * 1024 * 1024;

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => grpc.ClientUnaryCall;

function call<Req, Res>(client: analyzerrpc.AnalyzerClient, fn: Unary<Req, Res>, req: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
        fn.call(client, req, (err, res) =>
            err ? reject(new Error(`policy pack: ${err.details || err.message}`)) : resolve(res),
        ),
    );
}

/** The pack's entry module, resolved like `require(packDir)` resolves it. */
function packMain(packDir: string): string {
    const file = path.join(packDir, "package.json");
    if (!fs.existsSync(file)) throw new Error(`policy pack: no ${file} (is ${packDir} a policy pack directory?)`);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as {
        main?: string;
        version?: string;
    };
    if (!pkg.version) {
        // PolicyPack would throw at start-up; fail with the reason instead of a dead process.
        throw new Error(`${packDir}/package.json must have a version`);
    }
    return path.resolve(packDir, pkg.main ?? "index.js");
}

/**
 * Loads the pack's @pulumi/policy (and with it @pulumi/pulumi, hundreds of modules) with plain
 * node first and only then registers tsx, so tsx's hooks see the pack's few .ts files instead of
 * every module: about 0.5 s less start-up. Resolved from the pack directory, so the pack gets the
 * very same module instances.
 */
function tsxBoot(packDir: string, main: string): string {
    const policy = require.resolve("@pulumi/policy", { paths: [packDir] });
    return [
        ORPHAN_GUARD,
        // As the plan's own process loads (scripts/register.js): compiled code cached on disk, and
        // the SDK's function serializer's dependencies only when a function is serialized.
        `require("node:module").enableCompileCache?.();`,
        `require(${JSON.stringify(path.resolve(__dirname, "../../scripts/lazy-closure.js"))});`,
        `require(${JSON.stringify(policy)});`,
        `require(${JSON.stringify(require.resolve("tsx/cjs"))});`,
        `require(${JSON.stringify(main)});`,
    ].join("\n");
}

/**
 * The pack ends itself when its stdin pipe closes, which happens however its parent ends, SIGKILL
 * and crashes included: an `exit` handler in the parent can't cover those, and an orphaned pack holds
 * about 110 MiB until someone notices.
 */
const ORPHAN_GUARD = `process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();`;

/** run-policy-pack as the CLI runs it (address and pack dir in argv), behind the same guard. */
function cliBoot(): string {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    return [
        ORPHAN_GUARD,
        `process.argv = [process.argv[0], ${JSON.stringify(runner)}, "127.0.0.1:0", "."];`,
        `require(${JSON.stringify(runner)});`,
    ].join("\n");
}

const live = new Set<ChildProcess>();

/** Kills every pack process still running (SIGKILL) and waits for each to end, at most `waitMs`. */
export async function killAllPacks(waitMs: number): Promise<void> {
    const gone = [...live].map((c) => new Promise((resolve) => c.once("exit", resolve)));
    for (const c of live) c.kill("SIGKILL");
    await Promise.race([Promise.all(gone), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

/** Called with the pid of every pack process as soon as it is spawned (the CLI's debug line). */
export type SpawnListener = (pid: number) => void;
const spawnListeners: SpawnListener[] = [];
export function onPackSpawn(listener: SpawnListener): void {
    spawnListeners.push(listener);
}

export interface StartOptions {
    /** How to run the pack's TypeScript. @default "tsx" */
    runner?: "tsx" | "cli";
    /** How long to wait for the port. @default 60000 */
    timeoutMs?: number;
    /** Aborting it kills a pack still booting (start then rejects). @default none */
    signal?: AbortSignal;
}

export class PolicyPackProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        private readonly stderr: () => string,
    ) {}

    /**
     * Starts the pack and connects to it; kills the process if either step fails. The "tsx" runner
     * transpiles only; "cli" is exactly what the CLI runs (run-policy-pack: ts-node with type
     * checking, engine address unused by it), for checking that the pack boots there.
     */
    public static async start(packDir: string, opts: StartOptions = {}): Promise<PolicyPackProcess> {
        const main = packMain(packDir);
        const args = ["-e", opts.runner === "cli" ? cliBoot() : tsxBoot(packDir, main)];
        const timeoutMs = opts.timeoutMs ?? 60_000;
        const child = spawn(process.execPath, args, {
            cwd: packDir,
            stdio: ["pipe", "pipe", "pipe"],
            signal: opts.signal,
            killSignal: "SIGKILL",
            env: { ...process.env, PULUMI_DRY_RUN: "true", PULUMI_NODEJS_DRY_RUN: "true" },
        });
        // From the first moment, not only once the port is read: a plan that fails or is interrupted
        // while the pack boots must not leave it behind.
        const killOnExit = () => child.kill("SIGKILL");
        process.once("exit", killOnExit);
        live.add(child);
        child.once("exit", () => {
            process.removeListener("exit", killOnExit);
            live.delete(child);
        });
        child.stdin!.on("error", () => undefined); // EPIPE once the pack is gone
        if (child.pid !== undefined) for (const l of spawnListeners) l(child.pid);
        let stderr = "";
        child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
        try {
            const port = await readPort(child, timeoutMs, () => stderr);
            const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": MAX_MESSAGE,
                "grpc.max_send_message_length": MAX_MESSAGE,
            });
            return new PolicyPackProcess(child, client, () => stderr);
        } catch (e) {
            // Reaped before start rejects, so a CLI that exits right after leaves not even a zombie.
            if (child.exitCode === null && child.signalCode === null) {
                const gone = new Promise((resolve) => child.once("exit", resolve));
                child.kill("SIGKILL");
                await gone;
            }
            throw e;
        }
    }

    /** Recent stderr of the pack process, for error reports. */
    public get log(): string {
        return this.stderr();
    }

    /** The pack process id (tests check that it is gone after close). */
    public get pid(): number | undefined {
        return this.child.pid;
    }

    public getAnalyzerInfo(): Promise<analyzerpb.AnalyzerInfo> {
        return call(this.client, this.client.getAnalyzerInfo, new Empty());
    }

    /** Replaces the pack's whole config; the server keeps only the latest, so it may be called per stack. */
    public async configure(config: Record<string, Required<PolicyConfig>>): Promise<void> {
        const req = new analyzerpb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerpb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_TO_PB[c.enforcementLevel]);
            // The server calls getProperties().toJavaScript() unconditionally, so always send a Struct.
            pc.setProperties(Struct.fromJavaScript(c.properties as Record<string, JavaScriptValue>));
            map.set(name, pc);
        }
        await call(this.client, this.client.configure, req);
    }

    public async configureStack(stack: string, project: string): Promise<void> {
        const req = new analyzerpb.AnalyzerStackConfigureRequest();
        req.setStack(stack);
        req.setProject(project);
        req.setDryRun(true);
        await call(this.client, this.client.configureStack, req);
    }

    public analyze(req: analyzerpb.AnalyzeRequest): Promise<analyzerpb.AnalyzeResponse> {
        return call(this.client, this.client.analyze, req);
    }

    public analyzeStack(req: analyzerpb.AnalyzeStackRequest): Promise<analyzerpb.AnalyzeResponse> {
        return call(this.client, this.client.analyzeStack, req);
    }

    /**
     * The same calls with the request already encoded (automation/policy/requestBytes): the same
     * method, the same bytes on the wire, without building google-protobuf objects first.
     */
    public analyzeEncoded(method: "Analyze" | "AnalyzeStack", req: Buffer): Promise<analyzerpb.AnalyzeResponse> {
        return new Promise((resolve, reject) =>
            this.client.makeUnaryRequest(
                `/pulumirpc.Analyzer/${method}`,
                (b: Buffer) => b,
                (b: Buffer) => analyzerpb.AnalyzeResponse.deserializeBinary(new Uint8Array(b)),
                req,
                (err, res) =>
                    err || !res ? reject(new Error(`policy pack: ${err?.details || err?.message}`)) : resolve(res),
            ),
        );
    }

    /** Closes the channel and ends the process (SIGTERM, then SIGKILL after a grace period). */
    public async close(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
            return;
        }
        await new Promise<void>((resolve) => {
            const force = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
            this.child.once("exit", () => {
                clearTimeout(force);
                resolve();
            });
            this.child.kill("SIGTERM");
        });
    }
}

function readPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const settle = (port: number | undefined, why?: string) => {
            clearTimeout(timer);
            child.removeListener("exit", onExit);
            child.removeListener("error", onError);
            child.stdout!.removeListener("data", onData);
            child.stdout!.resume(); // keep draining so a chatty pack never blocks on a full pipe
            if (port !== undefined) {
                resolve(port);
            } else {
                reject(new Error(`policy pack did not start: ${why}\n${stderr()}`));
            }
        };
        const onExit = (code: number | null, signal: string | null) =>
            settle(undefined, `exited with ${code ?? signal}`);
        const onError = (e: Error) => settle(undefined, e.message);
        const onData = (d: Buffer) => {
            out += d.toString();
            const nl = out.indexOf("\n");
            if (nl >= 0) {
                const line = out.slice(0, nl).trim();
                const port = Number.parseInt(line, 10);
                if (/^\d+$/.test(line) && port > 0) {
                    settle(port);
                } else {
                    settle(undefined, `printed ${JSON.stringify(line)} instead of a port`);
                }
            }
        };
        const timer = setTimeout(() => settle(undefined, `no port within ${timeoutMs} ms`), timeoutMs);
        child.once("exit", onExit);
        child.once("error", onError);
        child.stdout!.on("data", onData);
    });
}
