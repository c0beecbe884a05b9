import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FLAGS } from "../../../automation/plan/args";
import { PROJECT_DIR, discoverStacks } from "../../harness";
import { CliOptions, CliRun, LIGHT, PACK, REFS, alive, pool, processesMentioning, runCli } from "./cliProcess";

const CRASHING_PACK = path.join(PROJECT_DIR, "test/fixtures/packs/crashes");

/**
 * A copy of the real project (its stack files, package.json hooks and program by absolute path)
 * with some stack files edited or added: bad input the way a person would write it.
 */
function projectWith(files: Record<string, (text: string) => string>, extra: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
    const abs = (p: string) => path.join(PROJECT_DIR, p);
    const hooks = pkg.offlinePlan;
    pkg.offlinePlan = {
        secrets: abs(hooks.secrets),
        checks: abs(hooks.checks),
        policyPack: abs(hooks.policyPack),
        policyConfig: abs(hooks.policyConfig),
    };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
    const project = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        project.replace(/^main: (.*)$/m, (_m, m) => `main: ${abs(m)}`),
    );
    for (const s of discoverStacks()) {
        const file = `Pulumi.${s.name}.yaml`;
        const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
        fs.writeFileSync(path.join(dir, file), (files[s.name] ?? ((t) => t))(text));
    }
    for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const hubText = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.network-frankfurt.yaml"), "utf8");

interface ErrorRow {
    title: string;
    /** The arguments; a row that builds a project dir gets it here too. */
    args: () => string[];
    code: number;
    /** Every one must be in stderr. */
    stderr: (string | RegExp)[];
    /** The row's CLI gets as far as starting the policy pack (which must be gone when it exits); a bad config stops it before. */
    pack: boolean;
}

const OVERLAP = () => projectWith({ dev: (t) => t.replace("vpcCidr: 10.16.0.0/16", "vpcCidr: 10.32.0.0/16") });
const HUB_OVERLAP = () =>
    projectWith(
        {},
        {
            "Pulumi.network-virginia.yaml": hubText
                .replace("aws:region: eu-central-1", "aws:region: us-east-1")
                .replace(/spokes:\n( {8}- .*\n)+/, "spokes: []\n"),
        },
    );

const badYaml = projectWith({ dev: (t) => `${t}  payments-platform:broken: [unclosed\n` });

const ERRORS: ErrorRow[] = [
    {
        title: "an invalid YAML stack file, named by its path",
        args: () => ["--dir", badYaml],
        code: 1,
        stderr: [`error: stack dev: ${badYaml}/Pulumi.dev.yaml is not valid YAML: `],
        pack: false,
    },
    {
        title: "an unknown option, named",
        args: () => ["--stacks", "dev"],
        code: 2,
        stderr: ["plan: unknown option --stacks\n", "--help"],
        pack: false,
    },
    {
        title: "a stack that has no stack file, with the ones there are",
        args: () => ["--dir", LIGHT, "--stack", "nope"],
        code: 2,
        stderr: [`plan: --stack nope: no Pulumi.nope.yaml in ${LIGHT} (stacks: consumer, hangs, producer, throws)\n`],
        pack: false,
    },
    {
        title: "an option without its value",
        args: () => ["--stack"],
        code: 2,
        stderr: ["plan: --stack needs a value\n"],
        pack: false,
    },
    {
        title: "--json naming a directory, before any planning",
        args: () => ["--json", os.tmpdir()],
        code: 2,
        stderr: [`plan: --json ${os.tmpdir()}: is a directory; give a file path, or - for stdout\n`],
        pack: false,
    },
    {
        title: "--json to a path that can't be written",
        args: () => ["--json", "/proc/plan.json"],
        code: 2,
        stderr: ["plan: --json /proc/plan.json: can't be written"],
        pack: false,
    },
    {
        title: "--policy-pack naming no pack",
        args: () => ["--policy-pack", "/nonexistent-pack"],
        code: 2,
        stderr: ["plan: --policy-pack /nonexistent-pack: no package.json there (is it a policy pack directory?)\n"],
        pack: false,
    },
    {
        title: "a policy pack that fails to start",
        args: () => ["--dir", LIGHT, "--stack", "producer", "--policy-pack", CRASHING_PACK],
        code: 1,
        stderr: [/^error: plan failed: policy pack did not start: exited with 1$/m, "the crashes pack failed to load"],
        pack: true,
    },
    {
        title: "a throwing program",
        args: () => ["--dir", LIGHT, "--stack", "throws", "--policy-pack", PACK],
        code: 1,
        stderr: ["\nerror: stack throws: invalid light args:\n - parts is 0, must be at least 1\n"],
        pack: true,
    },
    {
        title: "a bad config (secret in plaintext, wrong type)",
        args: () => ["--dir", REFS, "--stack", "plaintext-secret", "--policy-pack", PACK],
        code: 1,
        stderr: ["error: stack plaintext-secret: Invalid config in Pulumi.plaintext-secret.yaml:\n - "],
        pack: false,
    },
    {
        title: "two spokes claiming the same VPC CIDR, in two stacks",
        args: () => ["--dir", OVERLAP()],
        code: 1,
        stderr: [
            "error: the plan's stacks don't fit together:\n - stack dev's payments-platform:network.spoke.vpcCidr 10.32.0.0/16 and stack prod-frankfurt's payments-platform:network.spoke.vpcCidr 10.32.0.0/16 claim the same CIDR",
        ],
        pack: false,
    },
    {
        title: "a second region's hub whose shared-services range overlaps the first's",
        args: () => ["--dir", HUB_OVERLAP()],
        code: 1,
        stderr: [
            " - stack network-frankfurt's payments-platform:network.hub.sharedServicesCidr 10.0.0.0/20 and stack network-virginia's payments-platform:network.hub.sharedServicesCidr 10.0.0.0/20 overlap",
        ],
        pack: false,
    },
];

function expectClean(run: CliRun, row: { pack: boolean }): void {
    expect(run.stderr, "no stack frame without --verbose").to.not.match(/^\s+at /m);
    expect(run.stderr, "no crash dump").to.not.match(/Node\.js v\d|__defProp/);
    if (row.pack) expect(run.packPids, "the CLI started a pack").to.have.length.greaterThan(0);
    else expect(run.packPids, "no pack for a plan that can't start").to.deep.equal([]);
    for (const pid of run.packPids) expect(alive(pid), `policy pack ${pid} outlived the CLI`).to.equal(false);
}

const HANGS = ["--dir", LIGHT, "--stack", "hangs", "--policy-pack", PACK];
const PACK_STARTED = /^plan: policy pack pid \d+$/m;
const OTHER_RUNS: { key: string; args: string[]; opts?: CliOptions }[] = [
    { key: "SIGINT", args: HANGS, opts: { signal: { name: "SIGINT", when: PACK_STARTED } } },
    { key: "SIGTERM", args: HANGS, opts: { signal: { name: "SIGTERM", when: PACK_STARTED } } },
    { key: "help", args: ["--help"] },
    { key: "list", args: ["--list"] },
    { key: "json", args: ["--dir", LIGHT, "--stack", "consumer", "--json", "-", "--policy-pack", PACK] },
    { key: "quiet", args: ["--dir", LIGHT, "--stack", "producer", "--quiet", "--no-policy"] },
];

describe("offline plan CLI (spawned as a user runs it)", function () {
    this.timeout(120_000);
    const runs = new Map<string, CliRun>();
    before(async () => {
        // Every run at once, three at a time: each is mostly start-up, and they share nothing.
        const jobs: { key: string; args: string[]; opts?: CliOptions }[] = [
            ...ERRORS.map((row) => ({ key: row.title, args: row.args() })),
            ...OTHER_RUNS,
        ];
        const results = await pool(jobs, 3, (job) => runCli(job.args, job.opts));
        jobs.forEach((job, i) => runs.set(job.key, results[i]));
    });

    describe("bad input: one clear message, the right exit code, no trace, no pack left running", () => {
        for (const row of ERRORS) {
            it(`${row.title} → exit ${row.code}`, () => {
                const run = runs.get(row.title)!;
                expect(run.code, run.stderr).to.equal(row.code);
                for (const part of row.stderr)
                    if (typeof part === "string") expect(run.stderr).to.include(part);
                    else expect(run.stderr).to.match(part);
                expectClean(run, row);
                expect(run.stdout, "nothing planned, nothing printed").to.equal("");
            });
        }
        it("the crashing pack's process is gone too", () => {
            expect(processesMentioning(CRASHING_PACK)).to.deep.equal([]);
        });
    });

    describe("interrupted mid-plan", () => {
        for (const [signal, code] of [
            ["SIGINT", 130],
            ["SIGTERM", 143],
        ] as const) {
            it(`${signal}: exits ${code}, says so, and the policy pack is gone`, () => {
                const run = runs.get(signal)!;
                expect(run.code, run.stderr).to.equal(code);
                expect(run.stderr).to.include(`plan: interrupted (${signal}); stopped\n`);
                expectClean(run, { pack: true });
            });
        }
    });

    describe("the command line a user expects", () => {
        it("--help prints usage with every option the parser accepts, and exits 0", () => {
            const run = runs.get("help")!;
            expect(run.code).to.equal(0);
            expect(run.stdout).to.match(/^Usage: npm run plan -- \[options\]/);
            for (const flag of FLAGS) expect(run.stdout).to.match(new RegExp(`(^|[ ,])${flag}\\b`, "m"), flag);
            expect(run.stdout).to.include("Exit codes: 0 plan ok; 1 a stack failed or a mandatory policy violation");
            const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
            for (const flag of FLAGS) expect(readme, `README documents ${flag}`).to.include(`\`${flag}`);
        });

        it("--list lists every stack file with its role and region", () => {
            const run = runs.get("list")!;
            expect(run.code).to.equal(0);
            const rows = run.stdout.trim().split("\n").slice(1);
            expect(rows.map((r) => r.split(/\s+/))).to.deep.equal(
                discoverStacks().map((s) => [s.name, s.role, s.region]),
            );
        });

        it("--json - writes only the JSON to stdout; progress and summary go to stderr", () => {
            const run = runs.get("json")!;
            expect(run.code, run.stderr).to.equal(0);
            const plan = JSON.parse(run.stdout) as { stacks: { name: string; resources: unknown[] }[] };
            expect(plan.stacks.map((s) => s.name)).to.deep.equal(["producer", "consumer"]);
            // Not a TTY: a line per stack with its resource count and time, then the summary.
            for (const s of plan.stacks)
                expect(run.stderr).to.match(
                    new RegExp(`^plan: ${s.name} +${s.resources.length} resources +\\d+\\.\\d\\d s$`, "m"),
                );
            expect(run.stderr).to.match(/^Summary: 2 stacks, 6 resources, \d+\.\d\d s wall$/m);
            expect(run.stderr).to.match(/^ {4}producer +3 resources {2}policy: passed$/m);
            expect(run.stderr).to.match(/^ {4}consumer +3 resources {2}policy: passed\n$/m);
            expectClean(run, { pack: true });
        });

        it("--quiet prints only the summary", () => {
            const run = runs.get("quiet")!;
            expect(run.code, run.stderr).to.equal(0);
            expect(run.stdout).to.equal("");
            expect(run.stderr).to.match(
                /^\nSummary: 1 stack, 3 resources, \d+\.\d\d s wall\n {4}producer +3 resources {2}policy: skipped\n$/,
            );
        });
    });
});
