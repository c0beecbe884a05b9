import { expect } from "chai";
import { alarmHasActions } from "../../policies/observability";
import { UNKNOWN_VALUE, resourceCases, runResource } from "./harness";

const TOPIC = "arn:aws:sns:eu-central-1:123456789012:alarms";

describe("observability policies", () => {
    describe("cloudwatch-alarm-actions", () => {
        resourceCases(
            alarmHasActions,
            () => ({
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                props: { metricName: "Deadlocks", alarmActions: [TOPIC], okActions: [TOPIC] },
            }),
            [
                {
                    what: "no alarm action",
                    path: ["alarmActions"],
                    to: [],
                    message: "CloudWatch metric alarm must have at least one alarm action (alarmActions)",
                },
                {
                    what: "alarm actions unset",
                    path: ["alarmActions"],
                    to: undefined,
                    message: "CloudWatch metric alarm must have at least one alarm action (alarmActions)",
                },
                {
                    what: "no OK action",
                    path: ["okActions"],
                    to: [],
                    message: "CloudWatch metric alarm must have at least one OK action (okActions)",
                },
                {
                    what: "actions disabled",
                    path: ["actionsEnabled"],
                    to: false,
                    message: "CloudWatch metric alarm must keep its actions enabled (actionsEnabled)",
                },
            ],
        );
        resourceCases(
            alarmHasActions,
            () => ({
                type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                props: { alarmRule: 'ALARM("a")', alarmActions: [TOPIC], okActions: [TOPIC] },
            }),
            [
                {
                    what: "no alarm action",
                    path: ["alarmActions"],
                    to: [],
                    message: "CloudWatch composite alarm must have at least one alarm action (alarmActions)",
                },
            ],
        );

        it("an OK action is optional with requireOkActions false; unknown action lists pass at preview", () => {
            const r = {
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                props: { alarmActions: [TOPIC], okActions: [] },
            };
            expect(runResource(alarmHasActions, r, { requireOkActions: false })).to.deep.equal([]);
            const unknown = { type: r.type, props: { alarmActions: UNKNOWN_VALUE, okActions: UNKNOWN_VALUE } };
            expect(runResource(alarmHasActions, unknown)).to.deep.equal([]);
        });
    });
});
