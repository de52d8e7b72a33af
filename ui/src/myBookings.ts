// A patient's own bookings, as pure functions: what changed, what is current, one key per intention.
import type { Booking, BookingStatus } from "./bookingApi";
import { statusLabel } from "./bookingStatus";

const active: ReadonlySet<BookingStatus> = new Set(["PENDING", "CONFIRMED", "IN_PROGRESS"]);

/** Holding its seat: held, confirmed or under way. */
export const isActive = (b: Booking) => active.has(b.status);

/** What the patient may still cancel: a hold or a confirmed booking. */
export const cancellable = (b: Booking) => b.status === "PENDING" || b.status === "CONFIRMED";

/** Upcoming active bookings, soonest first; everything else (ended, cancelled, lapsed), latest first. */
export function splitBookings(list: readonly Booking[], now: number): { upcoming: Booking[]; earlier: Booking[] } {
  const upcoming = list.filter((b) => isActive(b) && Date.parse(b.endTime) > now);
  const earlier = list.filter((b) => !upcoming.includes(b));
  upcoming.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  earlier.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  return { upcoming, earlier };
}

/** The hold to confirm: the newest PENDING one. */
export function currentHold(list: readonly Booking[] | null): Booking | null {
  const holds = (list ?? []).filter((b) => b.status === "PENDING");
  holds.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return holds[0] ?? null;
}

/**
 * Sentences for what changed between two reads of the patient's bookings, whoever changed them
 * (this tab, another tab, the clinic, the hold's clock). The first read says nothing.
 */
export function bookingChanges(before: readonly Booking[] | null, after: readonly Booking[], describe: (b: Booking) => string): string[] {
  if (!before) return [];
  const earlier = new Map(before.map((b) => [b.id, b]));
  const sentences: string[] = [];
  for (const b of after) {
    const was = earlier.get(b.id)?.status;
    if (was === b.status) continue;
    const what = describe(b);
    if (!was) {
      if (b.status === "PENDING") sentences.push(`A seat is held for you: ${what}. Confirm the booking before the hold runs out.`);
      else if (b.status === "CONFIRMED") sentences.push(`You are booked: ${what}.`);
    } else if (b.status === "CONFIRMED" && was === "PENDING") {
      sentences.push(`Your booking is confirmed: ${what}.`);
    } else if (b.status === "CANCELLED") {
      sentences.push(was === "PENDING" ? `Your hold is released: ${what}.` : `Your booking is cancelled: ${what}.`);
    } else if (b.status === "EXPIRED") {
      sentences.push(`Your hold on the seat has run out: ${what}. Choose a time again to book.`);
    } else {
      sentences.push(`Your booking is now marked as ${statusLabel(b.status).toLowerCase()}: ${what}.`);
    }
  }
  return sentences;
}

/** A random UUID; `crypto.randomUUID` exists only on HTTPS and localhost, getRandomValues everywhere. */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per intention ("book this slot"): the same key on every retry until the
 * service gave a definite answer, then a fresh one, so booking the slot again after cancelling
 * is a new booking and not the old one replayed.
 */
export class IntentKeys {
  private readonly keys = new Map<string, string>();

  constructor(private readonly make: () => string = newKey) {}

  keyFor(intent: string): string {
    let key = this.keys.get(intent);
    if (!key) this.keys.set(intent, (key = this.make()));
    return key;
  }

  /** The service answered (booked, or refused for good): the next attempt is a new intention. */
  settle(intent: string): void {
    this.keys.delete(intent);
  }
}

/** Whether a failure is worth retrying with the same key: no answer, or the server's own trouble. */
export const mayRetry = (status: number | null) => status === null || status >= 500;
