import { expect } from "chai";
import { execFileSync } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_DIR, record } from "../../harness";
import { NODE_ARGS } from "./cliProcess";

// The SDK's internal, untyped runtime module.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T>;
    debugPromiseLeaks: boolean;
};

/** Runs a script the way `npm run plan` starts node (package.json's plan script's arguments). */
function runNode(script: string): string {
    return execFileSync(process.execPath, [...NODE_ARGS, "-e", script], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"], // serializeFunction's deprecation warnings
    });
}

describe("what the plan's processes load and keep per promise", function () {
    this.timeout(120_000);

    it("loads the SDK without its function serializer's TypeScript and arborist, which a serialized function still gets", () => {
        const out = runNode(`
            const loaded = () => ["typescript", "@npmcli/arborist"].filter((m) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + m + "/")));
            const pulumi = require("@pulumi/pulumi");
            const before = loaded();
            pulumi.runtime.serializeFunction(() => 6 * 7).then(async (s) => {
                const paths = await pulumi.runtime.computeCodePaths({ extraIncludePackages: ["yaml"] });
                console.log(JSON.stringify({ before, after: loaded(), text: s.text.includes("6 * 7"), yaml: [...paths.keys()].some((p) => p.includes("yaml")) }));
            });
        `);
        expect(JSON.parse(out)).to.deep.equal({
            before: [],
            after: ["typescript", "@npmcli/arborist"],
            text: true,
            yaml: true,
        });
    });

    it("starts node with AsyncLocalStorage on context frames (no promise hooks), in the plan and in this test run", () => {
        expect(NODE_ARGS).to.include("--experimental-async-context-frame");
        expect(process.execArgv).to.include("--experimental-async-context-frame");
    });

    it("keeps the SDK's leak bookkeeping during a run but not the debug-only properties; restores it after", async () => {
        const original = debuggable.debuggablePromise;
        const seen: { debugProps: boolean; tracked: boolean }[] = [];
        const probe = async () => {
            const p = Promise.resolve(1);
            const wrapped = debuggable.debuggablePromise(p, "probe");
            const leakCandidates = (
                require("@pulumi/pulumi/runtime/state") as { getStore: () => { leakCandidates: Set<unknown> } }
            ).getStore().leakCandidates;
            seen.push({ debugProps: Object.hasOwn(p, "_debugStackTrace"), tracked: leakCandidates.has(p) });
            await wrapped;
        };
        await record(async () => {
            new pulumi.ComponentResource("test:probe:P", "p");
            await probe();
            await probe();
        });
        expect(debuggable.debuggablePromise).to.equal(original);
        // The run's first call is the SDK's own (it arms the exit-time leak check); the rest are light.
        expect(seen.at(-1)).to.deep.equal({ debugProps: false, tracked: true });
        // PULUMI_DEBUG_PROMISE_LEAKS (read by the SDK at load) keeps every property.
        debuggable.debugPromiseLeaks = true;
        seen.length = 0;
        try {
            await record(async () => {
                await probe();
                await probe();
            });
        } finally {
            debuggable.debugPromiseLeaks = false;
        }
        expect(seen).to.deep.equal([
            { debugProps: true, tracked: true },
            { debugProps: true, tracked: true },
        ]);
    });
});
