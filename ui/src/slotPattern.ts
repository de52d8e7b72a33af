// The "Generate slots" form: what people type, checked in plain words, then the API's bulk pattern.
import { weekdays, type SlotPattern, type Weekday } from "./slotsApi";
import { isDay, isTimeZone } from "./zonedTime";

export interface PatternForm {
  fromDate: string;
  toDate: string;
  days: Weekday[];
  dayStart: string;
  dayEnd: string;
  slotMinutes: string;
  bufferMinutes: string;
  capacity: string;
  timeZone: string;
}

export const weekdayNames: Record<Weekday, string> = {
  monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday",
  friday: "Friday", saturday: "Saturday", sunday: "Sunday",
};

/** Monday first, as the week on screen runs. */
export const weekdaysMondayFirst: readonly Weekday[] = [...weekdays.slice(1), weekdays[0]];

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

function whole(value: string, min: number, max: number): number | null {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** The pattern to send, or the sentences saying what to fix (API limits: GenerateSlotsRequest). */
export function buildPattern(form: PatternForm, doctorId: string): { pattern: SlotPattern } | { problems: string[] } {
  const problems: string[] = [];
  const datesOk = isDay(form.fromDate) && isDay(form.toDate);
  if (!datesOk) problems.push("Enter both dates of the range.");
  else if (form.toDate < form.fromDate) problems.push("The last date must not be before the first.");
  if (form.days.length === 0) problems.push("Tick at least one day of the week.");
  const timesOk = timeOfDay.test(form.dayStart) && timeOfDay.test(form.dayEnd);
  if (!timesOk) problems.push("Enter the start and end time of the day, such as 09:00 and 12:00.");
  else if (form.dayEnd <= form.dayStart) problems.push("The day must end after it starts.");
  const slotMinutes = whole(form.slotMinutes, 5, 480);
  if (slotMinutes === null) problems.push("A slot lasts from 5 to 480 minutes.");
  const bufferMinutes = whole(form.bufferMinutes || "0", 0, 240);
  if (bufferMinutes === null) problems.push("The break between slots is 0 to 240 minutes.");
  const capacity = whole(form.capacity, 1, 100);
  if (capacity === null) problems.push("A slot has 1 to 100 seats.");
  if (!isTimeZone(form.timeZone.trim())) problems.push("Choose a time zone by its name, such as Europe/Berlin.");
  if (problems.length > 0 || slotMinutes === null || bufferMinutes === null || capacity === null) return { problems };
  return {
    pattern: {
      doctorId,
      fromDate: form.fromDate,
      toDate: form.toDate,
      // In the API's order, whatever order the boxes were ticked in.
      daysOfWeek: weekdays.filter((d) => form.days.includes(d)),
      dayStart: form.dayStart,
      dayEnd: form.dayEnd,
      slotMinutes,
      bufferMinutes,
      capacity,
      timeZone: form.timeZone.trim(),
    },
  };
}

/** "Created 30 slots." plus why some were skipped, if any were. */
export function generatedSentence(created: number, skipped: number): string {
  const made = created === 0 ? "No new slots were created." : `Created ${created} ${created === 1 ? "slot" : "slots"}.`;
  if (skipped === 0) return made;
  return `${made} Skipped ${skipped}: ${skipped === 1 ? "it overlapped" : "they overlapped"} an existing slot or fell into a clock change.`;
}
