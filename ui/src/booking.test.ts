import { describe, expect, it } from "vitest";
import type { Slot } from "./bookingApi";
import {
  applySlotEvent, daysOf, firstDay, formatClock, formatDayKey, holdLeft, holdText, localDay, seatText, slotChange, slotState, slotsOn,
  type Slots,
} from "./booking";

const now = new Date(2026, 10, 22, 8, 0).getTime();
const at = (day: number, hour: number) => new Date(2026, 10, day, hour).toISOString();
const slot = (id: string, seatsLeft: number, start = at(24, 9), more: Partial<Slot> = {}): Slot => ({
  id, doctorId: "d1", startTime: start, endTime: new Date(Date.parse(start) + 1_800_000).toISOString(),
  capacity: 3, seatsLeft, isAvailable: true, createdAt: at(20, 9), ...more,
});
const window = { from: now, to: now + 28 * 86_400_000 };

describe("seats", () => {
  it("counts seats in words, one seat singular", () => {
    expect(seatText(slot("a", 3), now)).toBe("3 seats left");
    expect(seatText(slot("a", 1), now)).toBe("1 seat left");
  });
  it("says Full with no seat left, and Unavailable when disabled or started, whatever the seats", () => {
    expect(seatText(slot("a", 0), now)).toBe("Full");
    expect(seatText(slot("a", 2, at(24, 9), { isAvailable: false }), now)).toBe("Unavailable");
    expect(slotState(slot("a", 2, at(22, 7)), now)).toBe("unavailable");
  });
});

describe("slot events", () => {
  const a = slot("a", 3);
  const list: Slots = [a];
  it("takes the seats a hold or booking left", () =>
    expect(applySlotEvent(list, { kind: "slot-locked", slotId: "a", seatsLeft: 2, bookingId: null }, "d1", window)[0].seatsLeft).toBe(2));
  it("keeps the same list when nothing changed or the slot is not shown", () => {
    expect(applySlotEvent(list, { kind: "slot-unlocked", slotId: "a", seatsLeft: 3, bookingId: null }, "d1", window)).toBe(list);
    expect(applySlotEvent(list, { kind: "slot-locked", slotId: "zz", seatsLeft: 0, bookingId: null }, "d1", window)).toBe(list);
  });
  it("adds the doctor's new slots in the window, and no one else's", () => {
    expect(applySlotEvent(list, { kind: "slot-added", slot: slot("b", 1, at(25, 9)) }, "d1", window).map((s) => s.id)).toEqual(["a", "b"]);
    expect(applySlotEvent(list, { kind: "slot-added", slot: slot("b", 1, at(25, 9), { doctorId: "d2" }) }, "d1", window)).toBe(list);
    expect(applySlotEvent(list, { kind: "slot-added", slot: slot("b", 1, at(21, 9)) }, "d1", window)).toBe(list);
  });
  it("drops a removed slot, and replaces one whose availability changed", () => {
    expect(applySlotEvent(list, { kind: "slot-removed", slot: a }, "d1", window)).toEqual([]);
    const off = applySlotEvent(list, { kind: "slot-availability-changed", slot: { ...a, isAvailable: false } }, "d1", window);
    expect(seatText(off[0], now)).toBe("Unavailable");
  });
});

describe("days", () => {
  const list: Slots = [slot("a", 0, at(24, 9)), slot("b", 2, at(25, 10)), slot("c", 1, at(25, 9)), slot("d", 1, at(27, 9))];
  it("lists the local days with slots, in order, and the slots of a day by time", () => {
    expect(daysOf(list, false)).toEqual(["2026-11-24", "2026-11-25", "2026-11-27"]);
    expect(slotsOn(list, "2026-11-25").map((s) => s.id)).toEqual(["c", "b"]);
    expect(localDay(at(24, 0))).toBe("2026-11-24");
  });
  it("shows what is not a time as it came, rather than failing", () => {
    expect(formatClock("soon")).toBe("soon");
    expect(formatDayKey("someday")).toBe("someday");
    expect(formatDayKey("2026-11-24")).toMatch(/24/);
  });
  it("leaves out the last day of a cut-off list, which may be incomplete", () =>
    expect(daysOf(list, true)).toEqual(["2026-11-24", "2026-11-25"]));
  it("starts on the first day with a seat to book", () => expect(firstDay(list, daysOf(list, false), now)).toBe("2026-11-25"));
  it("starts on the first day at all when every slot is full, and on none without slots", () => {
    expect(firstDay([list[0]], ["2026-11-24"], now)).toBe("2026-11-24");
    expect(firstDay([], [], now)).toBe("");
  });
});

describe("slot change sentences", () => {
  it("says the new count, that a slot filled up, and that it opened again", () => {
    expect(slotChange(slot("a", 3), slot("a", 2), now)).toMatch(/: 2 seats left\.$/);
    expect(slotChange(slot("a", 1), slot("a", 0), now)).toMatch(/ is now full\.$/);
    expect(slotChange(slot("a", 0), slot("a", 1), now)).toMatch(/ can be booked again: 1 seat left\.$/);
  });
  it("says when it can no longer be booked or is gone, and nothing for a new slot or no change", () => {
    expect(slotChange(slot("a", 1), slot("a", 1, at(24, 9), { isAvailable: false }), now)).toMatch(/can no longer be booked\.$/);
    expect(slotChange(slot("a", 1), undefined, now)).toMatch(/is no longer offered\.$/);
    expect(slotChange(undefined, slot("a", 1), now)).toBeNull();
    expect(slotChange(slot("a", 1), slot("a", 1), now)).toBeNull();
  });
});

describe("hold countdown", () => {
  it("reads as a sentence, a fresh hold at its full length, and says the hold is ending once the time is up", () => {
    expect(holdText(299_500)).toBe("Held for you for 5:00");
    expect(holdText(298_999)).toBe("Held for you for 4:59");
    expect(holdText(0)).toBe("Your hold is ending…");
  });
  it("counts to the deadline on the service's clock, and to nothing without one", () => {
    const hold = (expiresAt: string | null) => ({ expiresAt }) as Parameters<typeof holdLeft>[0];
    expect(holdLeft(hold("2026-11-22T09:05:00Z"), Date.parse("2026-11-22T09:00:00Z"))).toBe(300_000);
    expect(holdLeft(hold(null), 0)).toBe(0);
    expect(holdLeft(hold("not a time"), 0)).toBe(0);
  });
});
