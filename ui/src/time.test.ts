import { describe, expect, it } from "vitest";
import { formatTimeLeft, localDayToInstant } from "./time";

describe("formatTimeLeft", () => {
  it("says minutes and zero-padded seconds", () => expect(formatTimeLeft(4 * 60_000 + 5_000)).toBe("4 min 05 s left"));
  it("rounds a part second up, so a fresh lease reads its full length", () => expect(formatTimeLeft(299_001)).toBe("5 min 00 s left"));
  it("says seconds under a minute", () => expect(formatTimeLeft(42_000)).toBe("42 s left"));
  it("says hours past an hour", () => expect(formatTimeLeft(2 * 3_600_000 + 7 * 60_000)).toBe("2 h 07 min left"));
  it("says expiring when the time is up or unknown", () => {
    expect(formatTimeLeft(0)).toBe("expiring now");
    expect(formatTimeLeft(-5_000)).toBe("expiring now");
    expect(formatTimeLeft(Number.NaN)).toBe("expiring now");
  });
});

describe("localDayToInstant", () => {
  it("rejects what is not a day", () => expect(localDayToInstant("22/11/2026")).toBeUndefined());
  it("makes the end of a range the next local midnight", () => {
    const start = Date.parse(localDayToInstant("2026-11-22")!);
    const end = Date.parse(localDayToInstant("2026-11-22", true)!);
    expect(end - start).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(end - start).toBeLessThanOrEqual(25 * 3_600_000);
  });
});
