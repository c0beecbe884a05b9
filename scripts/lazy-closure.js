// @pulumi/pulumi loads its function serializer (runtime/closure, for `pulumi.runtime.serializeFunction`
// and callback Lambdas) eagerly, and with it @npmcli/arborist and the whole TypeScript compiler:
// about 0.9 s and 0.6 s of CPU in every process that loads the SDK (the plan, the policy pack, each
// mocha worker), for code that only runs when a function is serialized. Neither the program nor the
// pack serializes functions, so for the SDK's closure files alone those two modules are stand-ins
// that load the real module on first use: a program that does serialize a function gets the real
// thing, a moment later. Every other requirer (tsc, eslint, a test) gets the real module as always.
// Plain CommonJS, loaded before anything requires the SDK (scripts/register.js, the pack's boot).
const Module = require("node:module");
const path = require("node:path");

// By path, not by resolving the SDK from here: a policy pack may have an SDK copy of its own.
const sdk = `${path.sep}node_modules${path.sep}@pulumi${path.sep}pulumi${path.sep}`;
const closureDir = `${sdk}runtime${path.sep}closure${path.sep}`;
const shim = `${sdk}typescript-shim.js`;

/**
 * Which requests from which SDK files get a stand-in: only installed ones, so that a missing
 * TypeScript still takes the shim's fallback (the SDK's vendored copy) at once, as without this.
 */
function deferred(request, parent) {
    const from = parent?.filename ?? "";
    const wanted =
        (request === "@npmcli/arborist" && from.includes(closureDir)) ||
        (request === "typescript" && from.endsWith(shim));
    if (!wanted) return false;
    try {
        Module._resolveFilename(request, parent, false);
        return true;
    } catch {
        return false;
    }
}

/**
 * A stand-in whose every property read loads the real module. It answers `__esModule` as true
 * before loading, so TypeScript's `__importStar` (which would otherwise copy every key at once)
 * keeps the stand-in itself; the SDK reads only named members (`arborist.Arborist`, `ts.isX`).
 */
function standIn(load) {
    let real;
    const target = () => (real ??= load());
    return new Proxy(
        {},
        {
            get: (_t, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key)),
            has: (_t, key) => Reflect.has(target(), key),
            ownKeys: () => Reflect.ownKeys(target()),
            getOwnPropertyDescriptor: (_t, key) => {
                const d = Reflect.getOwnPropertyDescriptor(target(), key);
                return d && { ...d, configurable: true };
            },
        },
    );
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
    if (!deferred(request, parent)) return load.call(this, request, parent, isMain);
    return standIn(() => load.call(this, request, parent, isMain));
};
