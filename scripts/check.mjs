// `node scripts/check.mjs`: the type-check (tsc --strict, as `tsc --noEmit -p .`) and ESLint in one
// process on ONE TypeScript program. ESLint's typed rules (@pulumi/eslint-plugin's Outputs in
// template literals, floating promises) need the whole program, and building it is most of what
// both tools cost: sharing it saves about a third of their CPU. Exits 1 on any diagnostic, error or
// warning. Plain .mjs so that it starts without tsx.
import { ESLint } from "eslint";
import ts from "typescript";

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) };
const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, "tsconfig.json");
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
const typeErrors = report([...parsed.errors, ...ts.getPreEmitDiagnostics(program)]);

const eslint = new ESLint({
    overrideConfig: { languageOptions: { parserOptions: { programs: [program], projectService: false } } },
});
const results = await eslint.lintFiles(["."]);
const lintProblems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
if (lintProblems > 0) process.stdout.write(await (await eslint.loadFormatter("stylish")).format(results));
process.exitCode = typeErrors > 0 || lintProblems > 0 ? 1 : 0;

/** Prints diagnostics as tsc does; returns how many there were. */
function report(diagnostics) {
    if (diagnostics.length === 0) return 0;
    const formatHost = {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => process.cwd(),
        getNewLine: () => "\n",
    };
    process.stdout.write(ts.formatDiagnostics(diagnostics, formatHost));
    return diagnostics.length;
}
