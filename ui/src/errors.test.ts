import { describe, expect, it } from "vitest";
import { sentenceFor } from "./errors";

describe("sentenceFor", () => {
  it("turns a known code into a sentence, never the code", () => {
    const text = sentenceFor(409, { code: "lock_held", detail: "held" });
    expect(text).toBe("Someone else is editing this appointment.");
    expect(text).not.toContain("lock_held");
  });
  it("says the sign-in failed, not that a session ended, for a bad password", () =>
    expect(sentenceFor(401, { code: "unauthorized" }, "login")).toBe("That email and password do not match an account."));
  it("lists validation messages with the field's name", () =>
    expect(sentenceFor(400, { code: "validation_failed", errors: { title: ["is required"], endTime: ["endTime must be after startTime."] } }))
      .toBe("Please check the form. Title: is required. EndTime must be after startTime."));
  it("says ASP.NET's length limits in the form's words", () =>
    expect(sentenceFor(400, { code: "validation_failed", errors: {
      patientName: ["The field PatientName must be a string or array type with a maximum length of '200'."],
      title: ["The field Title must be a string or array type with a minimum length of '1'."],
    } })).toBe("Please check the form. Patient name: at most 200 characters. Title: required."));
  it("turns every booking conflict into a sentence", () => {
    for (const code of ["slot_full", "slot_unavailable", "slot_overlap", "slot_has_bookings", "booking_conflict", "hold_expired", "invalid_transition"]) {
      const text = sentenceFor(409, { code });
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text).not.toContain(code);
    }
    expect(sentenceFor(409, { code: "slot_full" })).toBe("That time has just been fully booked.");
  });
  it("names the booking's reason field in words", () =>
    expect(sentenceFor(400, { code: "validation_failed", errors: { reasonForVisit: ["must be at most 1000 characters"] } }))
      .toBe("Please check the form. Reason: must be at most 1000 characters."));
  it("falls back on the status", () => {
    expect(sentenceFor(423, null)).toBe("Take the edit lock before saving.");
    expect(sentenceFor(503, null)).toBe("Something went wrong on the server. Please try again in a moment.");
    expect(sentenceFor(418, { code: "teapot" })).toBe("That did not work. Please try again.");
  });
  it("explains a network failure", () => expect(sentenceFor(null)).toContain("cannot be reached"));
});
