// `node --require ./scripts/register.js file.ts`: tsx's CommonJS hook for the project's own
// TypeScript, but not for the packages. For every .js file tsx reads the source and runs its ESM
// lexer to spot ESM syntax; @pulumi/aws alone is thousands of compiled CommonJS files, and that
// scan was about 1.4 s of CPU per process (plan, each mocha worker). Packages load as plain node
// loads them. Plain CommonJS .js so that it starts without tsx.
const Module = require("node:module");
const path = require("node:path");

// V8's compiled code for every module, kept on disk (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): @pulumi/pulumi alone is about a
// quarter second less to load. Keyed by file and content, so an edited file is compiled afresh.
Module.enableCompileCache?.();
require("./lazy-closure.js");

const plainJs = Module._extensions[".js"];
require("tsx/cjs");
const tsxJs = Module._extensions[".js"];
const inPackage = `${path.sep}node_modules${path.sep}`;
Module._extensions[".js"] = function (module, filename) {
    return (filename.includes(inPackage) ? plainJs : tsxJs).call(this, module, filename);
};
