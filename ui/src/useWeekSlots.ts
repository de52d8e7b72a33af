// One doctor's slots over some days, read from the API and kept current by the hub's slot and
// booking events (API.md); after every reconnect the subscription is replayed and the days re-read.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api";
import { useLive } from "./live";
import { applySeats, applySlotChange, type SlotChange } from "./slotState";
import { getSlot, listSlots, type Booking, type Slot } from "./slotsApi";
import { coveringRange, dayIn, type DayKey } from "./zonedTime";

/** The most slots GET /api/slots answers with (ListSlotsEndpoint.Limit). */
const listLimit = 500;

export type BookingEvent = "new" | "confirmed" | "cancelled" | "changed";

/** slot-locked / slot-unlocked: seats taken by a hold or booking, or given back. */
export interface SeatEvent {
  slotId: string;
  seatsLeft: number;
  bookingId: string | null;
}

export interface WeekSlotsEvents {
  onBooking?: (booking: Booking, event: BookingEvent) => void;
  onSeats?: (event: SeatEvent) => void;
  onResync?: () => void;
}

export function useWeekSlots(doctorId: string | null, days: readonly DayKey[], timeZone: string, events: WeekSlotsEvents) {
  const live = useLive();
  const [slots, setSlots] = useState<readonly Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [truncated, setTruncated] = useState(false);
  const handlers = useRef(events);
  handlers.current = events;
  const shown = useRef<(s: Slot) => boolean>(() => false);
  shown.current = (s) => s.doctorId === doctorId && days.includes(dayIn(s.startTime, timeZone));
  const onScreen = useRef(slots);
  onScreen.current = slots;
  // Answers to an older question (another week, zone or doctor) are dropped.
  const generation = useRef(0);
  const first = days[0];
  const last = days[days.length - 1];

  const load = useCallback(async () => {
    const mine = ++generation.current;
    if (!doctorId) {
      setSlots(null);
      return;
    }
    const range = coveringRange(first, last);
    try {
      const page = await listSlots(doctorId, range.from, range.to);
      if (mine !== generation.current) return;
      setSlots(page.items.filter((s) => shown.current(s)));
      setTruncated(page.items.length >= listLimit);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(err instanceof ApiError ? err.message : "The slots could not be loaded.");
    }
  }, [doctorId, first, last, timeZone]);

  useEffect(() => {
    setSlots(null);
    void load();
  }, [load]);

  /** Applies what the server answered to a change made on this screen. */
  const apply = useCallback((change: (current: readonly Slot[]) => readonly Slot[]) => {
    setSlots((current) => current && change(current));
  }, []);

  useEffect(() => {
    if (!doctorId) return;
    const slotEvent = (change: SlotChange) => ({ slot }: { slot: Slot }) => {
      if (slot.doctorId === doctorId) apply((current) => applySlotChange(current, change, slot, shown.current));
    };
    const seatEvent = (event: SeatEvent) => {
      apply((current) => applySeats(current, event.slotId, event.seatsLeft));
      handlers.current.onSeats?.(event);
    };
    const bookingEvent = (kind: BookingEvent) => ({ booking }: { booking: Booking }) => {
      if (booking.doctorId !== doctorId) return;
      // The booking events carry no seat count: the slot is read again (the seat events bring it too, when followed).
      if (onScreen.current?.some((s) => s.id === booking.slotId)) {
        getSlot(booking.slotId).then((slot) => apply((current) => applySlotChange(current, "changed", slot, shown.current)), () => {});
      }
      handlers.current.onBooking?.(booking, kind);
    };
    const offs = [
      live.on("slot-added", slotEvent("added")),
      live.on("slot-removed", slotEvent("removed")),
      live.on("slot-availability-changed", slotEvent("changed")),
      live.on("slot-locked", seatEvent),
      live.on("slot-unlocked", seatEvent),
      live.on("new-appointment", bookingEvent("new")),
      live.on("appointment-confirmed", bookingEvent("confirmed")),
      live.on("appointment-cancelled", bookingEvent("cancelled")),
      live.on("appointment-status-changed", bookingEvent("changed")),
      live.onResync(() => {
        void load();
        handlers.current.onResync?.();
      }),
    ];
    const unsubscribe = live.subscribeSlots(doctorId);
    return () => {
      offs.forEach((off) => off());
      unsubscribe();
    };
  }, [live, doctorId, load, apply]);

  return { slots, error, truncated, apply, reload: load };
}
