// Booking state the server owns, read over REST and kept current by the hub (docs/API.md).
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api";
import { applySlotEvent, type SlotEvent, type Slots } from "./booking";
import { listDoctors, listSlots, listSpecialties, myBookings, slotsLimit, type Booking, type Doctor, type Slot, type Specialty } from "./bookingApi";
import { useLive } from "./live";

/** How far ahead the booking page looks for a doctor's slots. */
export const windowDays = 28;

const failed = (err: unknown, what: string) => (err instanceof ApiError ? err.message : `${what} could not be loaded.`);

export interface SlotFeed {
  /** null while the first read is on its way (or no doctor is chosen). */
  slots: Slots | null;
  /** The read hit its limit: later slots may be missing. */
  truncated: boolean;
  error: string | null;
  reload: () => void;
}

/**
 * One doctor's slots over the next {@link windowDays} days. The feed is joined first and read
 * after, and events arriving during a read are applied on top of it, so no change falls between.
 * `onChange` hears every slot that changed after the first read, and whether the patient's own
 * booking moved it (the hub names the booking only to its patient).
 */
export function useSlotFeed(doctorId: string, onChange?: (before: Slot | undefined, after: Slot | undefined, own: boolean) => void): SlotFeed {
  const live = useLive();
  const [state, setState] = useState<Omit<SlotFeed, "reload">>({ slots: null, truncated: false, error: null });
  const changed = useRef(onChange);
  changed.current = onChange;
  const reloadRef = useRef<() => void>(() => {});

  useEffect(() => {
    setState({ slots: null, truncated: false, error: null });
    if (!doctorId) return;
    let active = true;
    let current: Slots | null = null;
    let pending: SlotEvent[] | null = null; // events that came while a read was on its way
    let reads = 0;
    let window = { from: 0, to: 0 };

    const show = (next: Slots, own: boolean) => {
      const before = current;
      current = next;
      if (!before) return;
      const was = new Map(before.map((s) => [s.id, s]));
      const is = new Map(next.map((s) => [s.id, s]));
      for (const id of new Set([...was.keys(), ...is.keys()])) {
        if (was.get(id) !== is.get(id)) changed.current?.(was.get(id), is.get(id), own);
      }
    };
    const apply = (event: SlotEvent) => {
      if (pending) {
        pending.push(event);
        return;
      }
      if (!current) return;
      const next = applySlotEvent(current, event, doctorId, window);
      if (next === current) return;
      show(next, "bookingId" in event && event.bookingId !== null);
      setState((s) => ({ ...s, slots: next }));
    };
    const load = async () => {
      const read = ++reads;
      pending ??= [];
      const from = Date.now();
      window = { from, to: from + windowDays * 86_400_000 };
      try {
        const { items } = await listSlots(doctorId, new Date(window.from).toISOString(), new Date(window.to).toISOString());
        if (!active || read !== reads) return;
        let next: Slots = [...items].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.id.localeCompare(b.id));
        for (const event of pending ?? []) next = applySlotEvent(next, event, doctorId, window);
        pending = null;
        show(next, false);
        setState({ slots: next, truncated: items.length >= slotsLimit, error: null });
      } catch (err) {
        if (!active || read !== reads) return;
        pending = null;
        setState((s) => ({ ...s, error: failed(err, "The times") }));
      }
    };
    reloadRef.current = () => void load();

    const offs = [
      ...(["slot-added", "slot-removed", "slot-availability-changed"] as const).map((kind) =>
        live.on<{ slot: Slot }>(kind, ({ slot }) => apply({ kind, slot }))),
      ...(["slot-locked", "slot-unlocked"] as const).map((kind) =>
        live.on<{ slotId: string; seatsLeft: number; bookingId: string | null }>(kind, (e) => apply({ kind, ...e }))),
      live.onResync(() => void load()),
    ];
    const follow = live.subscribeSlots(doctorId);
    void follow.ready.then(() => {
      if (active) void load();
    });
    return () => {
      active = false;
      follow();
      offs.forEach((off) => off());
    };
  }, [live, doctorId]);

  const reload = useCallback(() => reloadRef.current(), []);
  return { ...state, reload };
}

export interface MyBookingsFeed {
  bookings: Booking[] | null;
  error: string | null;
  /** Reads again; resolves with the list read (null when it failed or a newer read overtook it). */
  reload: () => Promise<Booking[] | null>;
}

/**
 * The patient's bookings, read again whenever the hub says one of them moved: confirmed,
 * cancelled or changed, or seats moved by a booking of theirs (a lapsed hold says so only that way,
 * so the doctors of pending holds are followed while they last).
 */
export function useMyBookings(onChange?: (before: Booking[] | null, after: Booking[]) => void): MyBookingsFeed {
  const live = useLive();
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Booking[] | null>(null);
  const reads = useRef(0);
  const changed = useRef(onChange);
  changed.current = onChange;

  const reload = useCallback(async () => {
    const read = ++reads.current;
    try {
      const list = await myBookings();
      if (read !== reads.current) return null;
      const before = current.current;
      current.current = list;
      setBookings(list);
      setError(null);
      changed.current?.(before, list);
      return list;
    } catch (err) {
      if (read === reads.current) setError(failed(err, "Your bookings"));
      return null;
    }
  }, []);

  useEffect(() => {
    void reload();
    const again = () => void reload();
    const seatsMoved = (e: { bookingId: string | null }) => e.bookingId !== null && again();
    const offs = [
      live.on("appointment-confirmed", again),
      live.on("appointment-cancelled", again),
      live.on("appointment-status-changed", again),
      live.on("slot-locked", seatsMoved),
      live.on("slot-unlocked", seatsMoved),
      live.onResync(again),
    ];
    return () => offs.forEach((off) => off());
  }, [live, reload]);

  const holdDoctors = [...new Set((bookings ?? []).filter((b) => b.status === "PENDING").map((b) => b.doctorId))].sort().join(",");
  useEffect(() => {
    if (!holdDoctors) return;
    const feeds = holdDoctors.split(",").map((d) => live.subscribeSlots(d));
    return () => feeds.forEach((stop) => stop());
  }, [live, holdDoctors]);

  return { bookings, error, reload };
}

export interface Catalog {
  specialties: Specialty[];
  doctors: Doctor[];
}

/** Specialties and doctors, read once and again after every reconnect. */
export function useCatalog(): { catalog: Catalog | null; error: string | null } {
  const live = useLive();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const load = () => Promise.all([listSpecialties(), listDoctors()]).then(
      ([specialties, doctors]) => {
        if (!current) return;
        setCatalog({ specialties, doctors });
        setError(null);
      },
      (err) => current && setError(failed(err, "The doctors")));
    void load();
    const off = live.onResync(() => void load());
    return () => {
      current = false;
      off();
    };
  }, [live]);
  return { catalog, error };
}
