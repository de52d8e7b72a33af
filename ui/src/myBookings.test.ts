import { describe, expect, it } from "vitest";
import type { Booking, BookingStatus } from "./bookingApi";
import { bookingChanges, cancellable, currentHold, IntentKeys, mayRetry, newKey, splitBookings } from "./myBookings";

const booking = (id: string, status: BookingStatus, day = 24, createdMinute = 0): Booking => ({
  id, slotId: "s" + id, doctorId: "d1", patientId: "p1", seats: 1, status,
  startTime: `2026-11-${day}T09:00:00Z`, endTime: `2026-11-${day}T09:30:00Z`,
  expiresAt: status === "PENDING" ? "2026-11-22T09:05:00Z" : null, reasonForVisit: null,
  createdAt: `2026-11-22T08:${String(createdMinute).padStart(2, "0")}:00Z`, updatedAt: "2026-11-22T08:00:00Z",
});
const describeIt = (b: Booking) => `slot ${b.slotId}`;
const now = Date.parse("2026-11-22T09:00:00Z");

describe("booking changes", () => {
  it("says nothing on the first read, nor when nothing changed", () => {
    expect(bookingChanges(null, [booking("1", "PENDING")], describeIt)).toEqual([]);
    expect(bookingChanges([booking("1", "PENDING")], [booking("1", "PENDING")], describeIt)).toEqual([]);
  });
  it("names a new hold and a new booking", () => {
    expect(bookingChanges([], [booking("1", "PENDING")], describeIt)).toEqual(["A seat is held for you: slot s1. Confirm the booking before the hold runs out."]);
    expect(bookingChanges([], [booking("1", "CONFIRMED")], describeIt)).toEqual(["You are booked: slot s1."]);
  });
  it("tells a confirmation, a release, a cancellation and a lapsed hold apart", () => {
    expect(bookingChanges([booking("1", "PENDING")], [booking("1", "CONFIRMED")], describeIt)).toEqual(["Your booking is confirmed: slot s1."]);
    expect(bookingChanges([booking("1", "PENDING")], [booking("1", "CANCELLED")], describeIt)).toEqual(["Your hold is released: slot s1."]);
    expect(bookingChanges([booking("1", "CONFIRMED")], [booking("1", "CANCELLED")], describeIt)).toEqual(["Your booking is cancelled: slot s1."]);
    expect(bookingChanges([booking("1", "PENDING")], [booking("1", "EXPIRED")], describeIt))
      .toEqual(["Your hold on the seat has run out: slot s1. Choose a time again to book."]);
    expect(bookingChanges([booking("1", "CONFIRMED")], [booking("1", "NO_SHOW")], describeIt)).toEqual(["Your booking is now marked as no-show: slot s1."]);
  });
});

describe("my bookings list", () => {
  it("puts upcoming active bookings first, soonest first, and the rest after, latest first", () => {
    const { upcoming, earlier } = splitBookings(
      [booking("late", "CONFIRMED", 26), booking("soon", "PENDING", 23), booking("off", "CANCELLED", 25), booking("past", "CONFIRMED", 21)], now);
    expect(upcoming.map((b) => b.id)).toEqual(["soon", "late"]);
    expect(earlier.map((b) => b.id)).toEqual(["off", "past"]);
  });
  it("confirms the newest hold, and none without holds", () => {
    expect(currentHold([booking("old", "PENDING", 24, 1), booking("new", "PENDING", 25, 3), booking("c", "CONFIRMED")])?.id).toBe("new");
    expect(currentHold([booking("c", "CONFIRMED")])).toBeNull();
    expect(currentHold(null)).toBeNull();
  });
  it("lets holds and confirmed bookings be cancelled, not ended or lapsed ones", () =>
    expect((["PENDING", "CONFIRMED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "EXPIRED"] as const).map((s) => cancellable(booking("1", s))))
      .toEqual([true, true, false, false, false, false]));
});

describe("idempotency keys", () => {
  it("reuses one key for every retry of an intention, and makes a new one once it is settled", () => {
    let n = 0;
    const keys = new IntentKeys(() => `k${++n}`);
    expect(keys.keyFor("slot-a")).toBe("k1");
    expect(keys.keyFor("slot-a")).toBe("k1");
    expect(keys.keyFor("slot-b")).toBe("k2");
    keys.settle("slot-a");
    expect(keys.keyFor("slot-a")).toBe("k3");
  });
  it("retries only without an answer or after the server's own failure", () =>
    expect([null, 500, 503, 409, 400].map(mayRetry)).toEqual([true, true, true, false, false]));
  it("makes random version-4 UUIDs", () => {
    const key = newKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newKey()).not.toBe(key);
  });
});
