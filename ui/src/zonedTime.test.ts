import { describe, expect, it } from "vitest";
import { addDays, bucketByDay, coveringRange, dayIn, isDay, isTimeZone, timeIn, weekDays, weekStart, weekdayOf } from "./zonedTime";

describe("days", () => {
  it("adds days across month, year and leap day", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("adds whole days over a DST change, whatever zone the machine runs in", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 7)).toBe("2026-10-31");
  });
  it("counts weekdays as .NET does (0 = Sunday)", () => {
    expect(weekdayOf("2026-03-22")).toBe(0);
    expect(weekdayOf("2026-03-23")).toBe(1);
  });
  it("starts weeks on Monday", () => {
    expect(weekStart("2026-03-23")).toBe("2026-03-23");
    expect(weekStart("2026-03-29")).toBe("2026-03-23");
    expect(weekStart("2026-03-22")).toBe("2026-03-16");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });
  it("builds the seven days of a week", () => {
    expect(weekDays("2026-03-23")).toEqual(["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"]);
  });
  it("knows a real day from a look-alike", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("23/03/2026")).toBe(false);
  });
});

describe("instants in a zone", () => {
  it("reads the day and wall-clock time of an instant in a zone", () => {
    expect(dayIn("2026-03-23T23:30:00Z", "UTC")).toBe("2026-03-23");
    expect(dayIn("2026-03-23T23:30:00Z", "Europe/Berlin")).toBe("2026-03-24");
    expect(dayIn("2026-03-24T02:00:00Z", "America/Los_Angeles")).toBe("2026-03-23");
    expect(timeIn("2026-03-23T23:30:00Z", "Europe/Berlin")).toBe("00:30");
    expect(timeIn("2026-03-23T00:05:00Z", "UTC")).toBe("00:05");
  });
  it("follows Berlin's spring-forward: 09:00 local is 08:00Z before and 07:00Z after", () => {
    expect(timeIn("2026-03-28T08:00:00Z", "Europe/Berlin")).toBe("09:00");
    expect(timeIn("2026-03-30T07:00:00Z", "Europe/Berlin")).toBe("09:00");
  });
  it("shows both fall-back hours of New York as 01:xx on the same day", () => {
    // 2026-11-01: 01:30 EDT = 05:30Z, then 01:30 EST = 06:30Z.
    expect(timeIn("2026-11-01T05:30:00Z", "America/New_York")).toBe("01:30");
    expect(timeIn("2026-11-01T06:30:00Z", "America/New_York")).toBe("01:30");
    expect(dayIn("2026-11-01T06:30:00Z", "America/New_York")).toBe("2026-11-01");
  });
  it("covers the days in every zone, from UTC+14 to UTC-12", () => {
    const { from, to } = coveringRange("2026-03-23", "2026-03-29");
    // Kiritimati's Monday midnight, and Baker Island's Sunday end, fall inside.
    expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse("2026-03-22T10:00:00Z"));
    expect(Date.parse(to)).toBeGreaterThanOrEqual(Date.parse("2026-03-30T12:00:00Z"));
  });
  it("tells a zone name from a typo", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Berln")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("bucketByDay", () => {
  const days = weekDays("2026-03-23");
  const slot = (startTime: string) => ({ startTime });

  it("puts a slot on the day it starts on in the chosen zone", () => {
    const late = slot("2026-03-23T23:30:00Z");
    expect(bucketByDay([late], days, "UTC").get("2026-03-23")).toEqual([late]);
    expect(bucketByDay([late], days, "Europe/Berlin").get("2026-03-24")).toEqual([late]);
    expect(bucketByDay([late], days, "Europe/Berlin").get("2026-03-23")).toEqual([]);
  });
  it("orders each day by start and leaves out what falls outside the week", () => {
    const a = slot("2026-03-25T10:00:00Z");
    const b = slot("2026-03-25T08:00:00Z");
    const outside = slot("2026-03-22T12:00:00Z");
    const buckets = bucketByDay([a, outside, b], days, "UTC");
    expect(buckets.get("2026-03-25")).toEqual([b, a]);
    expect([...buckets.values()].flat()).toHaveLength(2);
    expect([...buckets.keys()]).toEqual(days);
  });
  it("keeps a DST week's mornings on their own days", () => {
    // Berlin 09:00 on Saturday (CET) and Monday (CEST).
    const sat = slot("2026-03-28T08:00:00Z");
    const mon = slot("2026-03-30T07:00:00Z");
    const next = weekDays("2026-03-30");
    expect(bucketByDay([sat, mon], days, "Europe/Berlin").get("2026-03-28")).toEqual([sat]);
    expect(bucketByDay([sat, mon], next, "Europe/Berlin").get("2026-03-30")).toEqual([mon]);
  });
});
