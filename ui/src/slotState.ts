// What the slots screen shows, kept current by hub events (API.md, "Real-time hub"): pure
// functions from the state before and one event to the state after.
import type { Booking, Slot } from "./slotsApi";

export type SlotChange = "added" | "removed" | "changed";

/**
 * A slot-added, slot-removed or slot-availability-changed event applied to the slots on screen.
 * `shown` says whether a slot belongs on screen (this doctor, this week).
 * The list stays in start order; the same array comes back when nothing changed.
 */
export function applySlotChange(slots: readonly Slot[], change: SlotChange, slot: Slot, shown: (s: Slot) => boolean): readonly Slot[] {
  const at = slots.findIndex((s) => s.id === slot.id);
  if (change === "removed") {
    return at < 0 ? slots : slots.filter((s) => s.id !== slot.id);
  }
  if (at >= 0) {
    const next = slots.slice();
    next[at] = slot;
    return next;
  }
  if (!shown(slot)) return slots;
  return [...slots, slot].sort(byStart);
}

/** A slot-locked or slot-unlocked event: the seats left of one slot. */
export function applySeats(slots: readonly Slot[], slotId: string, seatsLeft: number): readonly Slot[] {
  const at = slots.findIndex((s) => s.id === slotId);
  if (at < 0 || slots[at].seatsLeft === seatsLeft) return slots;
  const next = slots.slice();
  next[at] = { ...slots[at], seatsLeft };
  return next;
}

/** A booking as an event or a read brought it: replaces an older copy, never a newer one; the list stays in booking order. */
export function upsertBooking(bookings: readonly Booking[], booking: Booking): readonly Booking[] {
  const at = bookings.findIndex((b) => b.id === booking.id);
  if (at < 0) {
    return [...bookings, booking].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
  }
  if (Date.parse(bookings[at].updatedAt) > Date.parse(booking.updatedAt)) return bookings;
  const next = bookings.slice();
  next[at] = booking;
  return next;
}

/** Seats taken: bookings that hold seats, unexpired holds included. */
export function seatsTaken(slot: Slot): number {
  return Math.max(0, slot.capacity - slot.seatsLeft);
}

/** "1/2 booked · 1 seat left", "2/2 booked · full". */
export function seatsText(slot: Slot): string {
  const left = Math.max(0, slot.seatsLeft);
  const rest = left === 0 ? "full" : `${left} ${left === 1 ? "seat" : "seats"} left`;
  return `${seatsTaken(slot)}/${slot.capacity} booked · ${rest}`;
}

function byStart(a: Slot, b: Slot): number {
  return Date.parse(a.startTime) - Date.parse(b.startTime) || a.id.localeCompare(b.id);
}
