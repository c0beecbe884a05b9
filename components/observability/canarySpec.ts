/**
 * The edge canary's rules without resources: its runtime floor, the schedules CloudWatch Synthetics
 * accepts, the health path, its name, and the script it runs. The config, the component and the
 * policy pack read the same rules. Pure: table-tested.
 */

/**
 * The runtime every canary gets unless config pins another: the newest of the family in AWS's
 * runtime tables (checked: CloudWatch user guide, "Test a canary locally", which lists the layer
 * ARNs from syn-nodejs-puppeteer-17.0, Node.js 22, down; pulumi-aws's own docstring lists only
 * long-retired ones). AWS retires a Synthetics runtime with its Lambda Node.js runtime, so the
 * newest lives longest; `aws synthetics describe-runtime-versions` gives the account's list. The
 * script uses Node's own https module only, no Synthetics library call (the library moved to
 * `@aws/synthetics-*` at 13.1), so any runtime of the family at the floor runs it unchanged.
 */
export const CANARY_DEFAULT_RUNTIME = "syn-nodejs-puppeteer-17.0";
/** The oldest runtime the platform accepts (issue 13): older ones are deprecated or close to it. */
export const CANARY_RUNTIME_FLOOR = { major: 9, minor: 1 } as const;
/** Every 5 minutes: one run per period of the canary-success alarm. */
export const CANARY_DEFAULT_SCHEDULE = "rate(5 minutes)";
/**
 * ingress-nginx's default server (every host no Ingress claims, as CloudFront's origin name and the api
 * name are until an app claims them) answers /healthz with 200 on its HTTP port, for cloud health checks.
 */
export const CANARY_DEFAULT_PATH = "/healthz";
/** Synthetics names the canary's Lambda `cwsyn-<first 21 characters of the name>-<id>`. */
export const CANARY_NAME_MAX = 21;

const RUNTIME = /^syn-nodejs-puppeteer-(\d+)\.(\d+)$/;

/** The runtime's version, or undefined when it is not of the syn-nodejs-puppeteer family. */
export function runtimeVersionOf(runtime: string): { major: number; minor: number } | undefined {
    const m = RUNTIME.exec(runtime);
    return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Whether the runtime is of the family and at or above the floor. */
export function runtimeAtFloor(runtime: string, floor = CANARY_RUNTIME_FLOOR): boolean {
    const v = runtimeVersionOf(runtime);
    return v !== undefined && (v.major > floor.major || (v.major === floor.major && v.minor >= floor.minor));
}

/** `field` is how the user wrote it. */
export function runtimeProblems(field: string, runtime: string): string[] {
    const floor = `syn-nodejs-puppeteer-${CANARY_RUNTIME_FLOOR.major}.${CANARY_RUNTIME_FLOOR.minor}`;
    if (runtimeVersionOf(runtime) === undefined)
        return [`${field} is ${JSON.stringify(runtime)}, must be a syn-nodejs-puppeteer-<major>.<minor> runtime`];
    if (!runtimeAtFloor(runtime)) return [`${field} is ${JSON.stringify(runtime)}, must be ${floor} or newer`];
    return [];
}

/**
 * The seconds between runs of a schedule CloudWatch Synthetics accepts as a rate: `rate(1 minute)`,
 * `rate(N minutes)` for N from 2 to 60, `rate(1 hour)`; undefined for anything else. `rate(0 minute)`
 * (run once) is a valid Synthetics schedule, but not one a monitor can use.
 */
export function scheduleSeconds(expression: string): number | undefined {
    const m = /^rate\((\d+) (minute|minutes|hour)\)$/.exec(expression);
    if (!m) return undefined;
    const n = Number(m[1]);
    if (m[2] === "hour") return n === 1 ? 3600 : undefined;
    if (m[2] === "minute") return n === 1 ? 60 : undefined;
    return n >= 2 && n <= 60 ? n * 60 : undefined;
}

/**
 * The schedule must be a rate, and run at least once per period of the canary-success alarm: the
 * alarm treats a missing datapoint as breaching (a stopped canary is a failed one), so a slower
 * schedule would page between runs.
 */
export function scheduleProblems(field: string, expression: string, alarmPeriodSeconds: number): string[] {
    const s = scheduleSeconds(expression);
    if (s === undefined)
        return [
            `${field} is ${JSON.stringify(expression)}, must be rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)`,
        ];
    if (s > alarmPeriodSeconds)
        return [
            `${field} is ${JSON.stringify(expression)} (every ${s} s), the canary-success alarm's period is ${alarmPeriodSeconds} s: missing runs count as failures, so run at least once per period`,
        ];
    return [];
}

/** Paths CloudFront serves from the static bucket, not the API (components/edge/distribution.ts). */
const STATIC_PREFIXES = ["/static/", "/media/"];

/** An absolute URL path of RFC 3986 path characters, reaching the API (not the static origin). */
export function pathProblems(field: string, path: string): string[] {
    if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(path) || path.length > 1024)
        return [`${field} is ${JSON.stringify(path)}, must be a URL path starting with / (at most 1024 characters)`];
    const prefix = STATIC_PREFIXES.find((p) => path.startsWith(p));
    if (prefix)
        return [
            `${field} is ${JSON.stringify(path)}, CloudFront serves ${prefix}* from the static bucket, not the API`,
        ];
    return [];
}

/**
 * A canary name: lower-case letters, digits, - and _, at most 21 characters, so that the Lambda
 * function and log group Synthetics names after it carry the whole name (the role's log
 * permission is scoped to that prefix). A longer base is cut, never at a dash.
 */
export function canaryName(base: string): string {
    const clean = base.toLowerCase().replace(/[^0-9a-z_-]/g, "-");
    return clean.slice(0, CANARY_NAME_MAX).replace(/-+$/, "");
}

/**
 * The canary's handler: a GET of each URL in order; any answer outside 2xx, a timeout or a
 * connection error throws, which Synthetics records as a failed run (SuccessPercent falls). It sends
 * a User-Agent: the CloudFront WAF's common rule set blocks requests without one. Built from the URLs
 * alone, so the code (and the plan) is the same on every run.
 */
export function canaryScript(urls: readonly string[], timeoutMs = 10_000): string {
    return [
        "// Generated by components/observability/canarySpec.ts: edit there.",
        '"use strict";',
        'const https = require("https");',
        `const URLS = ${JSON.stringify(urls)};`,
        `const TIMEOUT_MS = ${timeoutMs};`,
        "function check(url) {",
        "    return new Promise((resolve, reject) => {",
        '        const req = https.get(url, { timeout: TIMEOUT_MS, headers: { "user-agent": "payments-platform-canary" } }, (res) => {',
        "            res.resume();",
        '            res.on("end", () => {',
        "                const ok = res.statusCode >= 200 && res.statusCode < 300;",
        "                if (ok) resolve(res.statusCode);",
        "                else reject(new Error(url + ' answered ' + res.statusCode));",
        "            });",
        "        });",
        "        req.on(\"timeout\", () => req.destroy(new Error(url + ' timed out after ' + TIMEOUT_MS + ' ms')));",
        '        req.on("error", reject);',
        "    });",
        "}",
        "exports.handler = async () => {",
        "    for (const url of URLS) console.log(url + ' ' + (await check(url)));",
        '    return "ok";',
        "};",
        "",
    ].join("\n");
}

/** Where the handler sits in the code archive: Synthetics loads Node.js canaries from nodejs/node_modules/. */
export const CANARY_HANDLER = { file: "nodejs/node_modules/edgeHealth.js", handler: "edgeHealth.handler" } as const;
