import { describe, expect, it } from "vitest";
import { buildPattern, generatedSentence, type PatternForm } from "./slotPattern";

const form = (extra: Partial<PatternForm> = {}): PatternForm => ({
  fromDate: "2026-03-23", toDate: "2026-03-29", days: ["friday", "monday"], dayStart: "09:00", dayEnd: "12:00",
  slotMinutes: "30", bufferMinutes: "", capacity: "2", timeZone: " Europe/Berlin ", ...extra,
});

describe("buildPattern", () => {
  it("builds the API's pattern, days in the API's order", () => {
    const built = buildPattern(form(), "doc-1");
    expect(built).toEqual({
      pattern: {
        doctorId: "doc-1", fromDate: "2026-03-23", toDate: "2026-03-29", daysOfWeek: ["monday", "friday"],
        dayStart: "09:00", dayEnd: "12:00", slotMinutes: 30, bufferMinutes: 0, capacity: 2, timeZone: "Europe/Berlin",
      },
    });
  });
  it("says every problem in a sentence", () => {
    const built = buildPattern(form({ toDate: "2026-03-01", days: [], dayEnd: "08:00", slotMinutes: "2", capacity: "0", timeZone: "Mars/Base" }), "d");
    expect(built).toEqual({
      problems: [
        "The last date must not be before the first.",
        "Tick at least one day of the week.",
        "The day must end after it starts.",
        "A slot lasts from 5 to 480 minutes.",
        "A slot has 1 to 100 seats.",
        "Choose a time zone by its name, such as Europe/Berlin.",
      ],
    });
  });
  it("asks for missing dates and times", () => {
    const built = buildPattern(form({ fromDate: "", dayStart: "" }), "d");
    expect("problems" in built && built.problems).toEqual([
      "Enter both dates of the range.",
      "Enter the start and end time of the day, such as 09:00 and 12:00.",
    ]);
  });
});

describe("generatedSentence", () => {
  it("says what was made and why some were not", () => {
    expect(generatedSentence(30, 0)).toBe("Created 30 slots.");
    expect(generatedSentence(1, 1)).toBe("Created 1 slot. Skipped 1: it overlapped an existing slot or fell into a clock change.");
    expect(generatedSentence(0, 4)).toBe("No new slots were created. Skipped 4: they overlapped an existing slot or fell into a clock change.");
  });
});
