import { describe, expect, it } from "vitest";
import { holdsSeats, statusLabel, transitionsFrom, type BookingStatus } from "./bookingStatus";

const targets = (s: BookingStatus) => transitionsFrom(s).map((t) => t.to);

describe("transitionsFrom", () => {
  it("offers a hold confirmation or cancellation", () => expect(targets("PENDING")).toEqual(["CONFIRMED", "CANCELLED"]));
  it("offers start, no-show or cancel on a confirmed booking", () =>
    expect(targets("CONFIRMED")).toEqual(["IN_PROGRESS", "NO_SHOW", "CANCELLED"]));
  it("offers only completion of a visit in progress", () => expect(targets("IN_PROGRESS")).toEqual(["COMPLETED"]));
  it("offers nothing once a booking has ended", () => {
    for (const s of ["COMPLETED", "NO_SHOW", "CANCELLED", "EXPIRED"] as const) expect(targets(s)).toEqual([]);
  });
  it("names each button by what it does", () =>
    expect(transitionsFrom("CONFIRMED").map((t) => t.action)).toEqual(["Start", "No-show", "Cancel"]));
  it("never offers a move to EXPIRED or PENDING: only time expires a hold", () => {
    const all: BookingStatus[] = ["PENDING", "CONFIRMED", "IN_PROGRESS", "COMPLETED", "NO_SHOW", "CANCELLED", "EXPIRED"];
    for (const s of all) expect(targets(s)).not.toContain("EXPIRED");
    for (const s of all) expect(targets(s)).not.toContain("PENDING");
  });
});

describe("labels and seats", () => {
  it("says statuses in words", () => {
    expect(statusLabel("IN_PROGRESS")).toBe("In progress");
    expect(statusLabel("NO_SHOW")).toBe("No-show");
  });
  it("counts seats held by every booking but cancelled and expired ones", () => {
    expect(holdsSeats("PENDING")).toBe(true);
    expect(holdsSeats("COMPLETED")).toBe(true);
    expect(holdsSeats("CANCELLED")).toBe(false);
    expect(holdsSeats("EXPIRED")).toBe(false);
  });
});
