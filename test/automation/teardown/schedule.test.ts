import { expect } from "chai";
import {
    inWindow,
    isTimeZone,
    lastCronInstant,
    scheduledAction,
    utcCronCandidates,
    weekendWindow,
    windowHours,
    WINDOW_END,
    WINDOW_START,
} from "../../../automation/teardown/schedule";

const berlin = weekendWindow("Europe/Berlin");

describe("weekend teardown: the schedule", () => {
    it("covers 58 of the week's 168 hours", () => {
        expect(windowHours(berlin)).to.equal(58);
    });

    it("runs at both candidate UTC hours of Berlin's Friday 20:00 and Monday 06:00", () => {
        expect(utcCronCandidates(WINDOW_START, "Europe/Berlin", 2026)).to.deep.equal(["0 18 * * 5", "0 19 * * 5"]);
        expect(utcCronCandidates(WINDOW_END, "Europe/Berlin", 2026)).to.deep.equal(["0 4 * * 1", "0 5 * * 1"]);
    });

    const candidates: [string, string, string[]][] = [
        ["a zone without DST has one candidate", "Asia/Tokyo", ["0 11 * * 5"]],
        ["a half-hour zone keeps its minutes", "Asia/Kolkata", ["30 14 * * 5"]],
        ["UTC-8/-7 crosses midnight into Saturday", "America/Los_Angeles", ["0 3 * * 6", "0 4 * * 6"]],
    ];
    for (const [title, zone, expected] of candidates) {
        it(`Friday 20:00: ${title} (${zone})`, () => {
            expect(utcCronCandidates(WINDOW_START, zone, 2027)).to.deep.equal(expected);
        });
    }

    // The DST weekends of 2026 and 2027 in Europe (last Sunday of March and of October), and one
    // weekend each side: only the cron that is 20:00 / 06:00 Berlin time acts.
    const decisions: [string, string, string, string][] = [
        ["Fri 2026-03-27 (CET, before spring forward)", "0 19 * * 5", "2026-03-27T19:07:00Z", "teardown"],
        ["Fri 2026-03-27, the other hour", "0 18 * * 5", "2026-03-27T19:07:00Z", "skip"],
        ["Mon 2026-03-30 (CEST, after spring forward)", "0 4 * * 1", "2026-03-30T04:20:00Z", "restore"],
        ["Mon 2026-03-30, the other hour", "0 5 * * 1", "2026-03-30T05:02:00Z", "skip"],
        ["Fri 2026-10-23 (CEST, before fall back)", "0 18 * * 5", "2026-10-23T18:01:00Z", "teardown"],
        ["Fri 2026-10-23, the other hour", "0 19 * * 5", "2026-10-23T19:01:00Z", "skip"],
        ["Mon 2026-10-26 (CET, after fall back)", "0 5 * * 1", "2026-10-26T05:30:00Z", "restore"],
        ["Mon 2026-10-26, the other hour", "0 4 * * 1", "2026-10-26T04:30:00Z", "skip"],
        ["Fri 2027-03-26 (CET)", "0 19 * * 5", "2027-03-26T19:00:00Z", "teardown"],
        ["Mon 2027-03-29 (CEST)", "0 4 * * 1", "2027-03-29T04:00:00Z", "restore"],
        ["Mon 2027-03-29, the other hour", "0 5 * * 1", "2027-03-29T05:00:00Z", "skip"],
        ["Fri 2027-10-29 (CEST)", "0 18 * * 5", "2027-10-29T18:00:00Z", "teardown"],
        ["Mon 2027-11-01 (CET)", "0 5 * * 1", "2027-11-01T05:00:00Z", "restore"],
        ["Mon 2027-11-01, the other hour", "0 4 * * 1", "2027-11-01T04:00:00Z", "skip"],
        [
            "a run GitHub started 70 minutes late still counts as its cron",
            "0 18 * * 5",
            "2027-10-29T19:10:00Z",
            "teardown",
        ],
    ];
    for (const [title, cron, now, action] of decisions) {
        it(`${title}: cron "${cron}" → ${action}`, () => {
            expect(scheduledAction(cron, new Date(now), berlin).action).to.equal(action);
        });
    }

    it("says why it skips, naming the local time and the zone", () => {
        expect(scheduledAction("0 18 * * 5", new Date("2026-03-27T18:05:00Z"), berlin).reason).to.equal(
            'Fri 19:00 2026-03-27 in Europe/Berlin (cron "0 18 * * 5" at 2026-03-27T18:00:00.000Z) is neither Fri 20:00 nor Mon 06:00: the other candidate UTC hour runs this week',
        );
    });

    const window: [string, string, boolean][] = [
        ["Fri 19:59 Berlin (CEST)", "2026-07-03T17:59:00Z", false],
        ["Fri 20:00 Berlin (CEST)", "2026-07-03T18:00:00Z", true],
        ["Sun 03:30 on the night clocks fall back", "2026-10-25T01:30:00Z", true],
        ["Mon 05:59 Berlin (CET)", "2026-10-26T04:59:00Z", true],
        ["Mon 06:00 Berlin (CET)", "2026-10-26T05:00:00Z", false],
        ["Wed noon", "2027-03-31T10:00:00Z", false],
    ];
    for (const [title, now, expected] of window) {
        it(`${title} is ${expected ? "inside" : "outside"} the window`, () => {
            expect(inWindow(new Date(now), berlin)).to.equal(expected);
        });
    }

    it("finds the cron's last instant across a month boundary", () => {
        expect(lastCronInstant("0 5 * * 1", new Date("2027-11-01T04:59:00Z")).toISOString()).to.equal(
            "2027-10-25T05:00:00.000Z",
        );
    });

    it("knows real zones from typos", () => {
        expect([isTimeZone("Europe/Berlin"), isTimeZone("Europe/Berln"), isTimeZone("")]).to.deep.equal([
            true,
            false,
            false,
        ]);
    });
});
