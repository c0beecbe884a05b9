// `node --require ./scripts/register.js file.ts`: tsx's CommonJS hook for the project's own
// TypeScript, but not for the packages. For every .js file tsx reads the source and runs its ESM
// lexer to spot ESM syntax; @pulumi/aws alone is thousands of compiled CommonJS files, and that
// scan was about 1.4 s of CPU per process (plan, each mocha worker). Packages load as plain node
// loads them. Plain CommonJS .js so that it starts without tsx.
const Module = require("node:module");
const path = require("node:path");

const plainJs = Module._extensions[".js"];
require("tsx/cjs");
const tsxJs = Module._extensions[".js"];
const inPackage = `${path.sep}node_modules${path.sep}`;
Module._extensions[".js"] = function (module, filename) {
    return (filename.includes(inPackage) ? plainJs : tsxJs).call(this, module, filename);
};
