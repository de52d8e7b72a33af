// Why this user's edit lock ended, in the words the editor shows. The lock-released event says how
// it ended (its `reason`), admin-takeover says an admin took it, and the lock held until then says
// whether a control request was waiting: approved before its deadline, or granted automatically.
import type { Lock } from "./api";

export interface LockEnd {
  reason: string;
  releasedBy: string;
  /** An admin-takeover named this user as the previous holder. */
  takenOver: boolean;
}

const releaseReasons: Record<string, string> = {
  expired: "Your edit lock ran out after a while without activity.",
  forced: "An administrator ended your edit lock.",
  disconnected: "Your edit lock ended while this browser was disconnected.",
  released: "Your edit lock was released (from another tab or window).",
};

/**
 * @param held the lock as this user last held it
 * @param next who holds it now (null: nobody)
 * @param serverNow now on the service's clock, in ms
 */
export function lockEndMessage(held: Lock | null, next: Lock | null, end: LockEnd, me: string, serverNow: number): string {
  if (next) {
    const asked = held?.pendingRequest;
    if (!end.takenOver && asked?.requestedBy === next.lockedBy) {
      return serverNow < Date.parse(asked.deadline)
        ? `You handed the edit lock to ${next.lockedByName}.`
        : `${next.lockedByName} has the edit lock now: their request was not answered in time.`;
    }
    return `${next.lockedByName} has taken over editing.`;
  }
  if (end.releasedBy === me && end.reason === "forced") return "You released the edit lock, as you were asked.";
  return releaseReasons[end.reason] ?? "Your edit lock has ended.";
}
