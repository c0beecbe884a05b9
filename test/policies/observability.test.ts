import { expect } from "chai";
import { alarmHasActions, canaryRuntimeFloor } from "../../policies/observability";
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

    describe("synthetics-canary-runtime", () => {
        const canary = () => ({
            type: "aws:synthetics/canary:Canary",
            props: {
                name: "prod-frankfurt-edge",
                runtimeVersion: "syn-nodejs-puppeteer-13.1",
                handler: "edgeHealth.handler",
            },
        });
        resourceCases(canaryRuntimeFloor, canary, [
            {
                what: "a runtime below the floor",
                path: ["runtimeVersion"],
                to: "syn-nodejs-puppeteer-9.0",
                message:
                    'Synthetics canary must run syn-nodejs-puppeteer-9.1 or newer (runtimeVersion is "syn-nodejs-puppeteer-9.0")',
            },
            {
                what: "an old major with a high minor",
                path: ["runtimeVersion"],
                to: "syn-nodejs-puppeteer-6.2",
                message:
                    'Synthetics canary must run syn-nodejs-puppeteer-9.1 or newer (runtimeVersion is "syn-nodejs-puppeteer-6.2")',
            },
            {
                what: "another runtime family",
                path: ["runtimeVersion"],
                to: "syn-python-selenium-5.1",
                message:
                    'Synthetics canary must run a syn-nodejs-puppeteer runtime (runtimeVersion is "syn-python-selenium-5.1")',
            },
        ]);

        it("the floor itself and newer pass; a raised floor catches what the default allows; unknown passes at preview", () => {
            expect(runResource(canaryRuntimeFloor, canary())).to.deep.equal([]);
            const atFloor = { ...canary(), props: { ...canary().props, runtimeVersion: "syn-nodejs-puppeteer-9.1" } };
            expect(runResource(canaryRuntimeFloor, atFloor)).to.deep.equal([]);
            expect(runResource(canaryRuntimeFloor, atFloor, { minimumVersion: "10.0" })).to.deep.equal([
                'Synthetics canary must run syn-nodejs-puppeteer-10.0 or newer (runtimeVersion is "syn-nodejs-puppeteer-9.1")',
            ]);
            const unknown = { ...canary(), props: { ...canary().props, runtimeVersion: UNKNOWN_VALUE } };
            expect(runResource(canaryRuntimeFloor, unknown)).to.deep.equal([]);
        });
    });
});
