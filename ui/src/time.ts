/** "4 min 05 s left", "42 s left", "expiring now": a lease's remaining time, for a badge. */
export function formatTimeLeft(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "expiring now";
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min left`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, "0")} s left`;
  return `${seconds} s left`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** A birth date ("1985-03-14") is a calendar day, not an instant: shown without time zone shifts. */
export function formatDay(day: string): string {
  const d = new Date(day + "T00:00:00Z");
  return Number.isNaN(d.getTime()) ? day : dateOnly.format(d);
}

/** A local `<input type="date">` value ("2026-11-22") as the UTC instant of that local midnight. */
export function localDayToInstant(day: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split("-").map(Number);
  const local = new Date(y, m - 1, endOfDay ? d + 1 : d);
  return local.toISOString();
}

/** A local `<input type="datetime-local">` value as a UTC instant. */
export function localDateTimeToInstant(value: string): string | undefined {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

/** "0:42", "1:05": a short countdown to a deadline; never below zero. */
export function formatCountdown(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : 0;
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
