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

export const observabilityPolicies: PlatformPolicy[] = [alarmHasActions];
