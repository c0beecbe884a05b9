/**
 * Mocha setup: the same trade as the plan's CLI (see automation/plan/cli.ts fastStacks), softened so
 * a failing test still shows where it failed. TEST_SOURCE_MAPS=1 restores mapped, full traces.
 */
if (process.env.TEST_SOURCE_MAPS !== "1") {
    process.setSourceMapsEnabled(false);
    Error.stackTraceLimit = 8;
}
