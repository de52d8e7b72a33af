import { describe, expect, it } from "vitest";
import { applySeats, applySlotChange, seatsText, upsertBooking } from "./slotState";
import type { Booking, Slot } from "./slotsApi";

const slot = (id: string, startTime: string, extra: Partial<Slot> = {}): Slot => ({
  id, doctorId: "d1", startTime, endTime: startTime, capacity: 2, seatsLeft: 2, isAvailable: true, createdAt: startTime, ...extra,
});
const booking = (id: string, updatedAt: string, extra: Partial<Booking> = {}): Booking => ({
  id, slotId: "s1", doctorId: "d1", patientId: "p1", seats: 1, status: "CONFIRMED",
  startTime: "2026-03-23T09:00:00Z", endTime: "2026-03-23T09:30:00Z", createdAt: updatedAt, updatedAt, ...extra,
});
const all = () => true;

describe("applySlotChange", () => {
  const a = slot("a", "2026-03-23T09:00:00Z");
  const c = slot("c", "2026-03-23T11:00:00Z");

  it("adds a slot in start order", () => {
    const b = slot("b", "2026-03-23T10:00:00Z");
    expect(applySlotChange([a, c], "added", b, all).map((s) => s.id)).toEqual(["a", "b", "c"]);
  });
  it("leaves out an added slot that is not on screen", () => {
    const list = [a];
    expect(applySlotChange(list, "added", c, () => false)).toBe(list);
  });
  it("replaces a changed slot, and removes a removed one", () => {
    const off = { ...a, isAvailable: false };
    expect(applySlotChange([a, c], "changed", off, all)[0].isAvailable).toBe(false);
    expect(applySlotChange([a, c], "removed", a, all).map((s) => s.id)).toEqual(["c"]);
  });
  it("does not add a slot twice when its event and the page's read both bring it", () => {
    expect(applySlotChange([a], "added", a, all)).toHaveLength(1);
  });
});

describe("applySeats", () => {
  it("sets one slot's seats left", () => {
    const a = slot("a", "2026-03-23T09:00:00Z");
    expect(applySeats([a], "a", 1)[0].seatsLeft).toBe(1);
  });
  it("returns the same list for a slot not on screen", () => {
    const list = [slot("a", "2026-03-23T09:00:00Z")];
    expect(applySeats(list, "zz", 0)).toBe(list);
  });
});

describe("upsertBooking", () => {
  it("adds new bookings in booking order", () => {
    const late = booking("b2", "2026-03-20T10:00:00Z");
    const early = booking("b1", "2026-03-20T09:00:00Z");
    expect(upsertBooking([late], early).map((b) => b.id)).toEqual(["b1", "b2"]);
  });
  it("takes a newer copy and keeps the newer one over an older", () => {
    const first = booking("b1", "2026-03-20T09:00:00Z");
    const done = { ...first, status: "COMPLETED" as const, updatedAt: "2026-03-20T10:00:00Z" };
    expect(upsertBooking([first], done)[0].status).toBe("COMPLETED");
    const list = [done];
    expect(upsertBooking(list, first)).toBe(list);
  });
});

describe("seatsText", () => {
  it("says booked and left", () => {
    expect(seatsText(slot("a", "x", { capacity: 3, seatsLeft: 2 }))).toBe("1/3 booked · 2 seats left");
    expect(seatsText(slot("a", "x", { capacity: 2, seatsLeft: 1 }))).toBe("1/2 booked · 1 seat left");
    expect(seatsText(slot("a", "x", { capacity: 1, seatsLeft: 0 }))).toBe("1/1 booked · full");
  });
});
