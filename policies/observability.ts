/**
 * Alarms that notify someone. An alarm without an action changes colour in the console and pages
 * no one; one without an OK action leaves its PagerDuty incident open after the fault clears.
 */
import { get, isUnknown, list, PlatformPolicy, resourcePolicy } from "./helpers";

interface AlarmActionsConfig {
    requireOkActions: boolean;
}

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/compositeAlarm:CompositeAlarm"];

export const alarmHasActions = resourcePolicy<AlarmActionsConfig>({
    name: "cloudwatch-alarm-actions",
    description: "CloudWatch alarms notify someone when they fire and when they clear.",
    enforcementLevel: "mandatory",
    types: ALARM_TYPES,
    config: {
        requireOkActions: {
            type: "boolean",
            description: "Also require an OK action (PagerDuty resolves incidents on OK).",
            default: true,
        },
    },
    check(r, cfg, report) {
        const kind = r.type === ALARM_TYPES[0] ? "CloudWatch metric alarm" : "CloudWatch composite alarm";
        if (get(r.props, "actionsEnabled") === false) report(`${kind} must keep its actions enabled (actionsEnabled)`);
        const empty = (key: string) => {
            const v = list(get(r.props, key));
            return !isUnknown(v) && v.length === 0;
        };
        if (empty("alarmActions")) report(`${kind} must have at least one alarm action (alarmActions)`);
        if (cfg.requireOkActions && empty("okActions")) report(`${kind} must have at least one OK action (okActions)`);
    },
});

interface CanaryRuntimeConfig {
    minimumVersion: string;
}

/** `syn-nodejs-puppeteer-<major>.<minor>` as numbers, or undefined for another family or shape. */
function puppeteerVersion(runtime: string): [number, number] | undefined {
    const m = /^syn-nodejs-puppeteer-(\d+)\.(\d+)$/.exec(runtime);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Synthetics refuses to create canaries on a deprecated runtime, and one that is deprecated under a
 * running canary keeps running but can no longer be updated: a change to its code or schedule then
 * fails mid-deploy. The floor is the platform's (issue 13): syn-nodejs-puppeteer 9.1.
 */
export const canaryRuntimeFloor = resourcePolicy<CanaryRuntimeConfig>({
    name: "synthetics-canary-runtime",
    description: "Synthetics canaries run a syn-nodejs-puppeteer runtime at or above the platform's floor.",
    enforcementLevel: "advisory",
    types: ["aws:synthetics/canary:Canary"],
    config: {
        minimumVersion: {
            type: "string",
            description: "The oldest syn-nodejs-puppeteer version allowed, as <major>.<minor>.",
            default: "9.1",
        },
    },
    check(r, cfg, report) {
        const runtime = get(r.props, "runtimeVersion");
        if (isUnknown(runtime)) return;
        const [fMajor, fMinor] = cfg.minimumVersion.split(".").map(Number);
        const v = typeof runtime === "string" ? puppeteerVersion(runtime) : undefined;
        const floor = `syn-nodejs-puppeteer-${cfg.minimumVersion}`;
        if (!v)
            report(
                `Synthetics canary must run a syn-nodejs-puppeteer runtime (runtimeVersion is ${JSON.stringify(runtime)})`,
            );
        else if (v[0] < fMajor || (v[0] === fMajor && v[1] < fMinor))
            report(`Synthetics canary must run ${floor} or newer (runtimeVersion is ${JSON.stringify(runtime)})`);
    },
});

export const observabilityPolicies: PlatformPolicy[] = [alarmHasActions, canaryRuntimeFloor];
