/** A Kubernetes CronJob schedule (the controller's robfig/cron standard parser), checked before any resource. */

const MACROS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const FIELDS = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12 },
    { name: "day of week", min: 0, max: 7 },
] as const;

/** Why one comma-separated part of a field is wrong, or undefined. */
function partProblem(part: string, f: (typeof FIELDS)[number]): string | undefined {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return `"${part}" is not *, a number, a range a-b or a step x/n`;
    const [, , lo, hi, step] = m;
    const inRange = (n: string | undefined) => n === undefined || (Number(n) >= f.min && Number(n) <= f.max);
    if (!inRange(lo) || !inRange(hi)) return `"${part}" is outside ${f.min}-${f.max}`;
    if (hi !== undefined && Number(hi) < Number(lo)) return `"${part}" is a range that ends before it starts`;
    if (step !== undefined && Number(step) === 0) return `"${part}" has a step of 0`;
    return undefined;
}

/** What is wrong with a schedule (empty when the CronJob controller accepts it). */
export function cronProblems(key: string, schedule: string): string[] {
    const s = schedule.trim();
    if (s.startsWith("@"))
        return MACROS.includes(s) ? [] : [`${key} is "${schedule}", not one of ${MACROS.join(", ")}`];
    if (/^(CRON_)?TZ=/.test(s)) return [`${key} is "${schedule}": set the time zone in timeZone, not in the schedule`];
    const fields = s.split(/\s+/);
    if (fields.length !== 5)
        return [
            `${key} is "${schedule}", has ${fields.length} fields: a schedule is minute hour day-of-month month day-of-week`,
        ];
    const p: string[] = [];
    fields.forEach((field, i) => {
        for (const part of field.split(",")) {
            const why = partProblem(part, FIELDS[i]);
            if (why) p.push(`${key} is "${schedule}": its ${FIELDS[i].name} ${why}`);
        }
    });
    return p;
}
