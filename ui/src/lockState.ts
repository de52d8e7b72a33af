import type { Lock, LockUpdate } from "./api";
import { formatTimeLeft } from "./time";

/** Lock state per appointment id, as the hub last told it (null: free). */
export type LockMap = Readonly<Record<string, Lock | null>>;

export function applyLockUpdate(map: LockMap, update: LockUpdate): LockMap {
  const next = update.locked ? update.lock : null;
  if (map[update.appointmentId] === next) return map;
  return { ...map, [update.appointmentId]: next };
}

/** `init-appointments` carries state for upcoming appointments; keep only those on screen. */
export function applyInit(map: LockMap, items: { appointment: { id: string }; locked: boolean; lock: Lock | null }[], shown: ReadonlySet<string>): LockMap {
  let result = map;
  for (const item of items) {
    if (shown.has(item.appointment.id)) {
      result = applyLockUpdate(result, { appointmentId: item.appointment.id, locked: item.locked, lock: item.lock });
    }
  }
  return result;
}

export interface Badge {
  kind: "mine" | "other";
  label: string;
  timeLeft: string;
}

/** What a row shows: "You are editing" or "Locked by {name}", with the lease's time left. */
export function badgeFor(lock: Lock | null | undefined, myUserId: string, now: number): Badge | null {
  if (!lock) return null;
  const timeLeft = formatTimeLeft(Date.parse(lock.expiresAt) - now);
  return lock.lockedBy === myUserId
    ? { kind: "mine", label: "You are editing", timeLeft }
    : { kind: "other", label: `Locked by ${lock.lockedByName}`, timeLeft };
}

/** The sentence announced (aria-live) when a shown appointment's lock changes hands. */
export function announcement(title: string, before: Lock | null | undefined, after: Lock | null, myUserId: string): string | null {
  const was = before?.lockedBy ?? null;
  const is = after?.lockedBy ?? null;
  if (was === is) return null;
  if (!after) return `${title} is free to edit again.`;
  if (after.lockedBy === myUserId) return `You are now editing ${title}.`;
  return `${after.lockedByName} is now editing ${title}.`;
}

/** The held locks of a map, oldest first: the admins' live locks table. */
export function heldLocks(map: LockMap): Lock[] {
  return Object.values(map)
    .filter((l): l is Lock => l !== null)
    .sort((a, b) => Date.parse(a.acquiredAt) - Date.parse(b.acquiredAt) || a.appointmentId.localeCompare(b.appointmentId));
}
