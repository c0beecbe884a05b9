/** The tool's failures: each carries the message a person reads and the exit code a job reads. */

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, sigint: 130, sigterm: 143 } as const;

/** The stack may not be torn down or restored; nothing was touched. */
export class RefusedError extends Error {
    constructor(
        stack: string,
        action: string,
        public readonly problems: string[],
    ) {
        super(`refusing to ${action} stack ${stack}, nothing was touched:\n - ${problems.join("\n - ")}`);
    }
}

/** A step failed; the message says which and what is left. */
export class TeardownError extends Error {}

export class UsageError extends Error {}
