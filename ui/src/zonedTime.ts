// Calendar days and wall-clock times in an IANA time zone, by Intl alone (no date library).
// A "day" is a civil date string ("2026-03-23"): the same in every zone, so day arithmetic runs
// in UTC, where days are always 24 hours long; only instants are ever converted into a zone.

export type DayKey = string;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: string | number | Date, timeZone: string): ZonedParts {
  const parts = partsFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute") };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar day an instant falls on in a time zone. */
export function dayIn(instant: string | number | Date, timeZone: string): DayKey {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:30": an instant's wall-clock time in a time zone, 24-hour. */
export function timeIn(instant: string | number | Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

function utcOf(day: DayKey): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function keyOf(utcMs: number): DayKey {
  return new Date(utcMs).toISOString().slice(0, 10);
}

export function isDay(value: string): value is DayKey {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && keyOf(utcOf(value)) === value;
}

export function addDays(day: DayKey, days: number): DayKey {
  return keyOf(utcOf(day) + days * 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, as Date and .NET's DayOfWeek count. */
export function weekdayOf(day: DayKey): number {
  return new Date(utcOf(day)).getUTCDay();
}

/** The Monday of the week a day is in (weeks run Monday to Sunday). */
export function weekStart(day: DayKey): DayKey {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: DayKey): DayKey[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * Instants that surely cover the days first..last in any time zone (UTC offsets run from -12 to
 * +14 hours): ask the API for this, then keep what falls on those days by {@link dayIn}. This never
 * needs the instant of a local midnight, which some zones skip on the day clocks change.
 */
export function coveringRange(first: DayKey, last: DayKey): { from: string; to: string } {
  const margin = 14 * 3_600_000;
  return {
    from: new Date(utcOf(first) - margin).toISOString(),
    to: new Date(utcOf(addDays(last, 1)) + margin).toISOString(),
  };
}

/** Items grouped by the day they start on in the time zone, each day's in start order; days outside `days` are left out. */
export function bucketByDay<T extends { startTime: string }>(items: readonly T[], days: readonly DayKey[], timeZone: string): Map<DayKey, T[]> {
  const buckets = new Map<DayKey, T[]>(days.map((d) => [d, []]));
  for (const item of items) {
    buckets.get(dayIn(item.startTime, timeZone))?.push(item);
  }
  for (const list of buckets.values()) {
    list.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  }
  return buckets;
}

const headingFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const longFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Mon 23 Mar" (in the browser's language): a calendar day, never shifted by a zone. */
export function formatDayShort(day: DayKey): string {
  return headingFormat.format(new Date(utcOf(day)));
}

/** "Monday 23 March 2026". */
export function formatDayLong(day: DayKey): string {
  return longFormat.format(new Date(utcOf(day)));
}

export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every IANA zone this browser knows, for suggestions; empty where the browser cannot list them. */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}
