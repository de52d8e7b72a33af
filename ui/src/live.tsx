import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { Lock, LockUpdate } from "./api";
import type { Live, LiveStatus } from "./hub";
import { applyInit, applyLockUpdate, type LockMap } from "./lockState";
import { observeServerTime } from "./serverClock";

export const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error("useLive outside a signed-in page");
  return live;
}

export function useLiveStatus(live: Live | null): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(live?.status ?? "connecting");
  useEffect(() => {
    if (!live) return;
    setStatus(live.status);
    return live.onStatus(setStatus);
  }, [live]);
  return status;
}

/**
 * Lock state of the given appointments, kept current by the hub's lock-update events. `viewing`: the
 * screen has them open (the editor), so this user is listed among their viewers; a list only watches.
 */
export function useLocks(
  ids: readonly string[],
  viewing: boolean,
  onChange?: (id: string, before: Lock | null | undefined, after: Lock | null) => void,
): LockMap {
  const live = useLive();
  const [locks, setLocks] = useState<LockMap>({});
  const current = useRef<LockMap>({});
  const changed = useRef(onChange);
  changed.current = onChange;
  const key = ids.join(",");

  useEffect(() => {
    const shown = new Set(ids);
    const put = (next: LockMap) => {
      current.current = next;
      setLocks(next);
    };
    const offUpdate = live.on<LockUpdate>("lock-update", (update) => {
      if (!shown.has(update.appointmentId)) return;
      observeServerTime(update.lock?.lastActivityAt);
      const before = current.current;
      const next = applyLockUpdate(before, update);
      if (next === before) return;
      put(next);
      // Not on the first state of a row: only real changes are announced.
      if (update.appointmentId in before) changed.current?.(update.appointmentId, before[update.appointmentId], next[update.appointmentId]);
    });
    const offInit = live.on<{ items: { appointment: { id: string }; locked: boolean; lock: Lock | null }[] }>(
      "init-appointments", (init) => put(applyInit(current.current, init.items, shown)));
    const off = () => {
      offUpdate();
      offInit();
    };
    // Each subscribe is answered with the current state, on every (re)connect too.
    const unsubscribes = ids.map((id) => live.subscribe(id, viewing));
    return () => {
      off();
      unsubscribes.forEach((u) => u());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, key, viewing]);

  return locks;
}

/** A clock that ticks every second while something on screen counts down. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}
