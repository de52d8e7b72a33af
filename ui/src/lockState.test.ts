import { describe, expect, it } from "vitest";
import type { Lock } from "./api";
import { announcement, applyInit, applyLockUpdate, badgeFor, heldLocks } from "./lockState";
import { retryDelay } from "./hub";

const now = Date.parse("2026-11-22T09:00:00Z");
const lock = (by: string, name: string, secondsLeft = 300): Lock => ({
  appointmentId: "a1", lockedBy: by, lockedByName: name, acquiredAt: "2026-11-22T08:59:00Z",
  lastActivityAt: "2026-11-22T08:59:00Z", expiresAt: new Date(now + secondsLeft * 1000).toISOString(), fencingToken: 7, pendingRequest: null,
});

describe("lock state", () => {
  it("keeps the same map when nothing changed, so React does not re-render", () => {
    const map = applyLockUpdate({}, { appointmentId: "a1", locked: false, lock: null });
    expect(applyLockUpdate(map, { appointmentId: "a1", locked: false, lock: null })).toBe(map);
  });
  it("ignores init state for appointments not on screen", () => {
    const map = applyInit({}, [{ appointment: { id: "a1" }, locked: true, lock: lock("u2", "Ann") }, { appointment: { id: "zz" }, locked: false, lock: null }], new Set(["a1"]));
    expect(Object.keys(map)).toEqual(["a1"]);
  });
  it("badges someone else's lock with their name and time left", () =>
    expect(badgeFor(lock("u2", "Ann", 90), "u1", now)).toEqual({ kind: "other", label: "Locked by Ann", timeLeft: "1 min 30 s left" }));
  it("badges my own lock as mine", () => expect(badgeFor(lock("u1", "Me"), "u1", now)?.label).toBe("You are editing"));
  it("shows no badge when free", () => expect(badgeFor(null, "u1", now)).toBeNull());
  it("lists only held locks, oldest first, for the live locks page", () => {
    const older = { ...lock("u2", "Ann"), appointmentId: "b", acquiredAt: "2026-11-22T08:00:00Z" };
    const newer = { ...lock("u3", "Bo"), appointmentId: "a" };
    const map = applyLockUpdate(applyLockUpdate({ c: null }, { appointmentId: "a", locked: true, lock: newer }), { appointmentId: "b", locked: true, lock: older });
    expect(heldLocks(map).map((l) => l.appointmentId)).toEqual(["b", "a"]);
    expect(heldLocks(applyLockUpdate(map, { appointmentId: "b", locked: false, lock: null })).map((l) => l.lockedByName)).toEqual(["Bo"]);
  });
  it("announces a change of holder, and not a renewal", () => {
    expect(announcement("Checkup", null, lock("u2", "Ann"), "u1")).toBe("Ann is now editing Checkup.");
    expect(announcement("Checkup", lock("u2", "Ann"), null, "u1")).toBe("Checkup is free to edit again.");
    expect(announcement("Checkup", lock("u2", "Ann", 10), lock("u2", "Ann", 300), "u1")).toBeNull();
  });
});

describe("retryDelay", () => {
  it("retries at once, then backs off to ten seconds and stays there", () =>
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelay)).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000]));
});
