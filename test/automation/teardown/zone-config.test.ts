import { expect } from "chai";
import { loadStackSettings } from "../../../stacks/config";
import { record, rejection } from "../../harness";

/** What a network stack must have set for its config to load. */
const SECRETS = ["pagerDutyIntegrationKey", "pagerDutyRoutingKey"];
const good = { role: "network", environment: "shared", owner: "platform-team", costCenter: "cc-1" };

describe("weekend teardown: the team's time zone in stack config", () => {
    it("defaults to Europe/Berlin", async () => {
        let zone: string | undefined;
        await record(() => void (zone = loadStackSettings().teardownTimeZone), { config: good, secrets: SECRETS });
        expect(zone).to.equal("Europe/Berlin");
    });

    const bad: [string, unknown, string][] = [
        [
            "a typo",
            "Europe/Berln",
            'payments-platform:teardownTimeZone is "Europe/Berln", must be an IANA time zone such as Europe/Berlin',
        ],
        [
            "an offset",
            "UTC+2",
            'payments-platform:teardownTimeZone is "UTC+2", must be an IANA time zone such as Europe/Berlin',
        ],
        ["empty", "", 'payments-platform:teardownTimeZone is "", must be an IANA time zone such as Europe/Berlin'],
    ];
    for (const [title, value, message] of bad) {
        it(`rejects ${title} before any resource`, async () => {
            const err = await rejection(
                record(() => void loadStackSettings(), {
                    config: { ...good, teardownTimeZone: value },
                    secrets: SECRETS,
                }),
            );
            expect(err.message.split("\n")).to.include(` - ${message}`);
        });
    }
});
