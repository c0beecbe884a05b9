/**
 * How a failure reads without --verbose: the message a person wrote (a validation error, a config
 * problem), without the stack frames, the minified source line and the Node banner that an error
 * from a child process (the policy pack) drags along.
 */

const NOISE: RegExp[] = [
    /^\s+at /, // a stack frame
    /^\s*\^+\s*$/, // the caret under a source excerpt
    /^Node\.js v\d/, // the banner after a crash
    /^\S+\.[cm]?[jt]s:\d+$/, // "file.ts:2" heading a source excerpt
];

// tsx-compiled code prints a whole module on one line; no message a person wrote is this long.
const MAX_LINE = 400;

// The SDK wraps an error thrown while an input resolves (a data source's, an apply's) in one
// `error serializing property "x": ` per level of nesting; a deep one outgrows MAX_LINE and the
// message itself would be dropped with the noise.
const SERIALIZING = /(error serializing property "[^"]*": )+/g;

/** The message without trace noise; blank runs collapse. */
export function cleanMessage(message: string): string {
    const kept = message
        .split("\n")
        .map((l) => l.replace(SERIALIZING, ""))
        .filter((l) => l.length <= MAX_LINE && !NOISE.some((re) => re.test(l)))
        .map((l) => l.trimEnd());
    return kept
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim();
}
