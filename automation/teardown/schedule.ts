/**
 * The weekend window's maths, without resources or clocks of its own: Friday 20:00 to Monday 06:00
 * in the team's time zone. GitHub's cron is UTC only, so a local hour is two UTC hours over a year
 * (daylight saving); the workflows run at every candidate and these functions decide, from the zone
 * (`Intl`, the tz database Node ships), which run is the real one.
 */
import { isTimeZone } from "../../stacks/config/base";

export { isTimeZone };

/** A time of the week. `day` is 0 (Sunday) to 6 (Saturday), as in cron. */
export interface WeeklyTime {
    day: number;
    hour: number;
    minute: number;
}

/** The teardown window: from `start` (teardown) to `end` (restore), local to `zone`. */
export interface TeardownWindow {
    zone: string;
    start: WeeklyTime;
    end: WeeklyTime;
}

export const DEFAULT_TIME_ZONE = "Europe/Berlin";
export const WINDOW_START: WeeklyTime = { day: 5, hour: 20, minute: 0 };
export const WINDOW_END: WeeklyTime = { day: 1, hour: 6, minute: 0 };

/** The window for a zone (the start and end are the team's agreement, the zone is config). */
export function weekendWindow(zone: string = DEFAULT_TIME_ZONE): TeardownWindow {
    return { zone, start: WINDOW_START, end: WINDOW_END };
}

const MINUTES_PER_WEEK = 7 * 24 * 60;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const minuteOfWeek = (t: WeeklyTime) => t.day * 1440 + t.hour * 60 + t.minute;

/** `Fri 20:00`. */
export function formatWeekly(t: WeeklyTime): string {
    return `${DAYS[t.day]} ${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/** The local date and time of the week of an instant in a zone. */
export function localTime(instant: Date, zone: string): WeeklyTime & { date: string } {
    const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
    }).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return {
        day: DAYS.indexOf(get("weekday")),
        hour: Number(get("hour")),
        minute: Number(get("minute")),
        date: `${get("year")}-${get("month")}-${get("day")}`,
    };
}

/** The zone's offset from UTC at an instant, in minutes (Berlin: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, zone: string): number {
    return offsetOf(new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }), instant);
}

function offsetOf(format: Intl.DateTimeFormat, instant: Date): number {
    const name = format.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
    if (!m || m[1] === undefined) return 0;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Whether an instant falls inside the window (start inclusive, end exclusive). */
export function inWindow(instant: Date, window: TeardownWindow): boolean {
    const now = minuteOfWeek(localTime(instant, window.zone));
    const start = minuteOfWeek(window.start);
    const end = minuteOfWeek(window.end);
    return start <= end ? now >= start && now < end : now >= start || now < end;
}

/** Hours of the week the window covers (Friday 20:00 to Monday 06:00: 58 of 168). */
export function windowHours(window: TeardownWindow): number {
    return ((minuteOfWeek(window.end) - minuteOfWeek(window.start) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK) / 60;
}

/**
 * The UTC cron lines (`m h * * d`) at which a local weekly time can fall in `year`: one per distinct
 * offset the zone uses that year, sorted, so the workflow file is stable.
 */
export function utcCronCandidates(at: WeeklyTime, zone: string, year: number): string[] {
    const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    const offsets = new Set<number>();
    for (let d = 0; d < 366; d++) offsets.add(offsetOf(format, new Date(Date.UTC(year, 0, 1 + d, 12))));
    const crons = [...offsets].map((offset) => {
        const utc = (((minuteOfWeek(at) - offset) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
        return { utc, cron: `${utc % 60} ${Math.floor(utc / 60) % 24} * * ${Math.floor(utc / 1440)}` };
    });
    return [...new Set(crons.sort((a, b) => a.utc - b.utc).map((c) => c.cron))];
}

/** What a scheduled run should do, and why (printed in the job's log). */
export interface ScheduledAction {
    action: "teardown" | "restore" | "skip";
    reason: string;
}

const CRON = /^(\d{1,2}) (\d{1,2}) \* \* ([0-6])$/;

/** Whether a cron line has the only shape the workflows use: `m h * * d`. */
export function isWeeklyCron(cron: string): boolean {
    const m = CRON.exec(cron.trim());
    return m !== null && Number(m[1]) < 60 && Number(m[2]) < 24;
}

/**
 * The latest UTC instant at or before `now` that a `m h * * d` cron names. GitHub starts scheduled
 * runs late (minutes, at busy times an hour or more), so the run's own clock can't tell which of the
 * two candidate hours fired; the cron line (`github.event.schedule`) can.
 */
export function lastCronInstant(cron: string, now: Date): Date {
    const m = CRON.exec(cron.trim());
    if (!m || !isWeeklyCron(cron)) throw new Error(`cron "${cron}" must have the shape "m h * * d"`);
    const [minute, hour, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
    t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() - day + 7) % 7));
    if (t.getTime() > now.getTime()) t.setUTCDate(t.getUTCDate() - 7);
    return t;
}

const sameTime = (a: WeeklyTime, b: WeeklyTime) => a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The decision of a run started by `cron`: teardown when the cron's instant is the window's start in
 * the zone, restore when it is the end, skip otherwise (the other candidate hour is the real one).
 */
export function scheduledAction(cron: string, now: Date, window: TeardownWindow): ScheduledAction {
    const fired = lastCronInstant(cron, now);
    const local = localTime(fired, window.zone);
    const at = `${formatWeekly(local)} ${local.date} in ${window.zone} (cron "${cron}" at ${fired.toISOString()})`;
    if (sameTime(local, window.start)) return { action: "teardown", reason: `${at} starts the window` };
    if (sameTime(local, window.end)) return { action: "restore", reason: `${at} ends the window` };
    return {
        action: "skip",
        reason: `${at} is neither ${formatWeekly(window.start)} nor ${formatWeekly(window.end)}: the other candidate UTC hour runs this week`,
    };
}
