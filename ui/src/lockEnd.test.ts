import { describe, expect, it } from "vitest";
import type { Lock } from "./api";
import { lockEndMessage, type LockEnd } from "./lockEnd";

const now = Date.parse("2026-11-22T09:00:00Z");
const lock = (by: string, name: string): Lock => ({
  appointmentId: "a1", lockedBy: by, lockedByName: name, acquiredAt: "2026-11-22T08:59:00Z",
  lastActivityAt: "2026-11-22T08:59:00Z", expiresAt: "2026-11-22T09:05:00Z", fencingToken: 7, pendingRequest: null,
});
const askedBy = (deadline: string): Lock => ({
  ...lock("me", "Me"),
  pendingRequest: { kind: "control", requestedBy: "adm", requestedByName: "Ada", requestedAt: "2026-11-22T08:59:30Z", deadline },
});
const transferred: LockEnd = { reason: "transferred", releasedBy: "me", takenOver: false };

describe("why my edit lock ended", () => {
  it("says I handed it over when the request was answered before its deadline", () =>
    expect(lockEndMessage(askedBy("2026-11-22T09:00:20Z"), lock("adm", "Ada"), transferred, "me", now)).toBe("You handed the edit lock to Ada."));
  it("says the request went unanswered when the grant came at its deadline", () =>
    expect(lockEndMessage(askedBy("2026-11-22T08:59:59Z"), lock("adm", "Ada"), transferred, "me", now))
      .toBe("Ada has the edit lock now: their request was not answered in time."));
  it("calls a takeover a takeover, even with a request of the same admin waiting", () =>
    expect(lockEndMessage(askedBy("2026-11-22T09:00:20Z"), lock("adm", "Ada"), { ...transferred, takenOver: true }, "me", now))
      .toBe("Ada has taken over editing."));
  it("calls a new holder nobody asked for a takeover", () =>
    expect(lockEndMessage(lock("me", "Me"), lock("bo", "Bo"), transferred, "me", now)).toBe("Bo has taken over editing."));
  it("tells my own approved force-release from an administrator's", () => {
    expect(lockEndMessage(lock("me", "Me"), null, { reason: "forced", releasedBy: "me", takenOver: false }, "me", now))
      .toBe("You released the edit lock, as you were asked.");
    expect(lockEndMessage(lock("me", "Me"), null, { reason: "forced", releasedBy: "adm", takenOver: false }, "me", now))
      .toBe("An administrator ended your edit lock.");
  });
  it("names expiry, and says something for a reason it does not know", () => {
    expect(lockEndMessage(lock("me", "Me"), null, { reason: "expired", releasedBy: "me", takenOver: false }, "me", now))
      .toBe("Your edit lock ran out after a while without activity.");
    expect(lockEndMessage(null, null, { reason: "", releasedBy: "", takenOver: false }, "me", now)).toBe("Your edit lock has ended.");
  });
});
