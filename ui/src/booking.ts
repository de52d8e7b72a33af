// What the booking page shows, as pure functions: seats, slot state from hub events, days, countdowns.
import type { Booking, Slot } from "./bookingApi";
import { applySeats, applySlotChange } from "./slotState";
import { formatCountdown } from "./time";

/** The doctor's slots in start order, as the last read and the hub's events since then say. */
export type Slots = readonly Slot[];

export type SlotState = "open" | "full" | "unavailable";

/** The hub's slot events (docs/API.md), tagged with their name. */
export type SlotEvent =
  | { kind: "slot-added" | "slot-removed" | "slot-availability-changed"; slot: Slot }
  | { kind: "slot-locked" | "slot-unlocked"; slotId: string; seatsLeft: number; bookingId: string | null };

/** Disabled or already started: unavailable, whatever the seats; otherwise open while a seat is left. */
export function slotState(slot: Slot, now: number): SlotState {
  if (!slot.isAvailable || Date.parse(slot.startTime) <= now) return "unavailable";
  return slot.seatsLeft > 0 ? "open" : "full";
}

export const seatsLeftText = (n: number) => (n === 1 ? "1 seat left" : `${n} seats left`);

/** "3 seats left", "1 seat left", "Full" or "Unavailable". */
export function seatText(slot: Slot, now: number): string {
  const state = slotState(slot, now);
  return state === "open" ? seatsLeftText(slot.seatsLeft) : state === "full" ? "Full" : "Unavailable";
}

const changes = { "slot-added": "added", "slot-removed": "removed", "slot-availability-changed": "changed" } as const;

/**
 * The slots after one event (the slots screen's reducers). Only the shown doctor's slots in the
 * shown window count: a connection may follow other doctors too. The same list comes back when
 * nothing changed.
 */
export function applySlotEvent(slots: Slots, event: SlotEvent, doctorId: string, window: { from: number; to: number }): Slots {
  if (!("slot" in event)) return applySeats(slots, event.slotId, event.seatsLeft);
  return applySlotChange(slots, changes[event.kind], event.slot, (s) => {
    const start = Date.parse(s.startTime);
    return s.doctorId === doctorId && start >= window.from && start < window.to;
  });
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar day an instant falls on, as "2026-11-24". */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The days that have slots, in order. When the list was cut off at its limit, its last day may be
 * missing slots, so it is left out (unless it is the only one): every day shown is complete.
 */
export function daysOf(slots: Slots, truncated: boolean): string[] {
  const days = [...new Set(slots.map((s) => localDay(s.startTime)))].sort();
  return truncated && days.length > 1 ? days.slice(0, -1) : days;
}

export function slotsOn(slots: Slots, day: string): Slot[] {
  return slots
    .filter((s) => localDay(s.startTime) === day)
    .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.id.localeCompare(b.id));
}

/** The day to show first: the first with a seat to book, else the first at all. */
export function firstDay(slots: Slots, days: readonly string[], now: number): string {
  return days.find((day) => slotsOn(slots, day).some((s) => slotState(s, now) === "open")) ?? days[0] ?? "";
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayName = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** "09:00" in this browser's time zone; what is not a time is shown as it came (Intl would throw). */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : clock.format(d);
}

/** "Tue 24 Nov" for a local day "2026-11-24". */
export function formatDayKey(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? day : dayName.format(date);
}

/** "09:00 on Tue 24 Nov": how a slot is named in sentences. */
export const slotLabel = (slot: { startTime: string }) => `${formatClock(slot.startTime)} on ${formatDayKey(localDay(slot.startTime))}`;

/** The sentence announced when a shown slot changed under the patient's eyes, or null. */
export function slotChange(before: Slot | undefined, after: Slot | undefined, now: number): string | null {
  if (!before) return null;
  const label = slotLabel(before);
  if (!after) return `${label} is no longer offered.`;
  const was = slotState(before, now);
  const is = slotState(after, now);
  if (is === "unavailable") return was === "unavailable" ? null : `${label} can no longer be booked.`;
  if (is === "full") return was === "full" ? null : `${label} is now full.`;
  if (was !== "open") return `${label} can be booked again: ${seatsLeftText(after.seatsLeft)}.`;
  return before.seatsLeft === after.seatsLeft ? null : `${label}: ${seatsLeftText(after.seatsLeft)}.`;
}

/** "Held for you for 4:59" (seconds rounded up, so a fresh five-minute hold reads 5:00). */
export const holdText = (ms: number) => (ms > 0 ? `Held for you for ${formatCountdown(ms)}` : "Your hold is ending…");

/** Milliseconds left on a hold at `serverNow`: its deadline is by the service's clock, not this browser's. */
export function holdLeft(booking: Booking, serverNow: number): number {
  const deadline = booking.expiresAt ? Date.parse(booking.expiresAt) : NaN;
  return Number.isNaN(deadline) ? 0 : deadline - serverNow;
}
