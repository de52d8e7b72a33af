// The editor's hold on the lock: taking it when the page opens (and on Edit), renewing it on
// activity, releasing it when the page goes, and saying why it ended when it does.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, currentSession, type Lock, type User } from "../api";
import { loadDraft, shouldRenew } from "../editor";
import { useLive } from "../live";
import { acquireLock, releaseLock, renewLock } from "../lockApi";
import { lockEndMessage, type LockEnd } from "../lockEnd";
import { serverNow } from "../serverClock";

const noEnd: LockEnd = { reason: "", releasedBy: "", takenOver: false };

export const notShown = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 400);

export interface EditLockEvents {
  /** This page now holds the lock: load the version to edit. */
  gained: () => void;
  /** It does not any more (the message says why). */
  lost: () => void;
  missing: () => void;
  error: (message: string | null) => void;
}

/**
 * @param lock the appointment's lock as the hub reports it (undefined until the first report)
 * @returns `lost`: why the lock ended, until it is held again; `tried`: the first acquire answered
 */
export function useEditLock(id: string, user: User, lock: Lock | null | undefined, events: EditLockEvents) {
  const live = useLive();
  const [lost, setLost] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const on = useRef(events);
  on.current = events;
  // `token` is set while this page may hold the lock (from a granted acquire on): leaving releases with it.
  const state = useRef({ holding: false, lastRenew: 0, token: "", held: null as Lock | null, ended: noEnd });
  const holding = lock?.lockedBy === user.id;

  const take = useCallback(async () => {
    on.current.error(null);
    try {
      await acquireLock(id);
      state.current.token = currentSession()?.token ?? "";
      state.current.lastRenew = Date.now();
    } catch (err) {
      if (err instanceof ApiError && err.code === "lock_held") return; // read-only; the badge says who
      if (notShown(err)) on.current.missing();
      else on.current.error(err instanceof ApiError ? err.message : "The edit lock could not be taken.");
    } finally {
      setTried(true);
    }
  }, [id]);

  // Open: take the lock when it is free. Leave: release it.
  useEffect(() => {
    if (user.role !== "patient") void take();
    const leave = () => {
      if (state.current.token) releaseLock(id, state.current.token);
      state.current.token = "";
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [id, user.role, take]);

  // Gaining the lock, and losing it: the draft stays in this browser, and the page says why.
  useEffect(() => {
    const was = state.current.holding;
    state.current.holding = holding;
    if (holding && !was) {
      state.current.token ||= currentSession()?.token ?? "";
      state.current.ended = noEnd;
      setLost(null);
      on.current.gained();
    } else if (!holding && was && lock !== undefined) {
      state.current.token = "";
      const kept = loadDraft(localStorage, user.id, id) ? " Your unsaved changes are kept in this browser and offered back when you edit again." : "";
      setLost(lockEndMessage(state.current.held, lock, state.current.ended, user.id, serverNow()) + kept);
      on.current.lost();
    }
    if (holding) state.current.held = lock ?? null;
  }, [holding, lock, id, user.id]);

  // How it ends: lock-released says why, admin-takeover that an admin took it.
  useEffect(() => {
    const offs = [
      live.on<{ appointmentId: string; reason: string; releasedBy: string }>("lock-released", (e) => {
        if (e.appointmentId !== id) return;
        // Another page of this user let go (a reloaded page's last release, a second tab closing)
        // while this one still edits: take it straight back.
        if (e.reason === "released" && e.releasedBy === user.id && state.current.token) {
          void take();
          return;
        }
        state.current.ended = { ...state.current.ended, reason: e.reason, releasedBy: e.releasedBy };
      }),
      live.on<{ appointmentId: string; previousHolderId: string | null }>("admin-takeover", (e) => {
        if (e.appointmentId === id && e.previousHolderId === user.id) state.current.ended = { ...state.current.ended, takenOver: true };
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [live, id, user.id, take]);

  const renewOnActivity = useCallback(() => {
    if (!lock || lock.lockedBy !== user.id) return;
    const ttl = Date.parse(lock.expiresAt) - Date.parse(lock.lastActivityAt);
    if (!shouldRenew(state.current.lastRenew, Date.now(), ttl)) return;
    state.current.lastRenew = Date.now();
    renewLock(id).catch(() => {}); // a lost lock arrives as a lock-update
  }, [lock, user.id, id]);

  return { holding, lost, tried, take, renewOnActivity };
}
