import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, type User } from "../api";
import { statusLabel, type BookingStatus } from "../bookingStatus";
import { usePage } from "../page";
import { applySlotChange, upsertBooking } from "../slotState";
import {
  changeBookingStatus, deleteSlot, getBooking, listDoctors, setSlotAvailability, slotBookings, type Booking, type Doctor, type Slot,
} from "../slotsApi";
import { useWeekSlots, type BookingEvent, type SeatEvent } from "../useWeekSlots";
import { addDays, dayIn, formatDayLong, timeIn, weekDays, weekStart, type DayKey } from "../zonedTime";
import { ConfirmDialog } from "./ConfirmDialog";
import { GenerateSlots } from "./GenerateSlots";
import { SlotBookings } from "./SlotBookings";
import { TimeZoneField, initialTimeZone } from "./TimeZoneField";
import { WeekGrid } from "./WeekGrid";
import "./slots.css";

const sentence = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** /slots: a doctor's week of slots (their own; an admin picks the doctor), its bookings, and making more. */
export function Slots({ user, announce }: { user: User; announce: (text: string) => void }) {
  const heading = usePage("Slots");
  const isAdmin = user.role === "admin";
  const [doctors, setDoctors] = useState<Doctor[] | null>(null);
  const [chosen, setChosen] = useState("");
  const doctorId = isAdmin ? chosen || null : user.doctorId ?? null;
  const [timeZone, setTimeZone] = useState(initialTimeZone);
  const today = dayIn(Date.now(), timeZone);
  const [week, setWeek] = useState(() => weekStart(today));
  const days = useMemo(() => weekDays(week), [week]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [bookings, setBookings] = useState<{ slotId: string; items: readonly Booking[] } | null>(null);
  const [bookingError, setBookingError] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ slot: Slot; busy: boolean; error: string | null } | null>(null);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  // Status changes made here: their own hub event is not announced a second time.
  const ownMoves = useRef(new Set<string>());

  const when = (iso: string) => `${formatDayLong(dayIn(iso, timeZone))} at ${timeIn(iso, timeZone)}`;

  const loadBookings = useCallback(async (slotId: string) => {
    try {
      const items = await slotBookings(slotId);
      if (selected.current === slotId) {
        setBookings({ slotId, items: items.reduce<readonly Booking[]>(upsertBooking, []) });
        setBookingError(null);
      }
    } catch (err) {
      if (selected.current === slotId) setBookingError(sentence(err, "The bookings could not be loaded."));
    }
  }, []);

  const putBooking = (booking: Booking) =>
    setBookings((current) => current && current.slotId === booking.slotId ? { ...current, items: upsertBooking(current.items, booking) } : current);

  const onBooking = (booking: Booking, event: BookingEvent) => {
    if (selected.current === booking.slotId) putBooking(booking);
    const own = ownMoves.current.delete(`${booking.id}:${booking.status}`);
    if (event === "new") {
      announce(`New booking: ${when(booking.startTime)}, ${booking.seats} ${booking.seats === 1 ? "seat" : "seats"}.`);
    } else if (event === "cancelled" && !own) {
      announce(`A booking was cancelled: ${when(booking.startTime)}.`);
    }
  };

  // A hold placed or ended on the open slot: its booking is read, as the event carries only its id.
  const onSeats = (event: SeatEvent) => {
    if (event.bookingId && selected.current === event.slotId) getBooking(event.bookingId).then(putBooking, () => {});
  };

  const { slots, error: loadError, truncated, apply, reload } = useWeekSlots(doctorId, days, timeZone, {
    onBooking,
    onSeats,
    onResync: () => selected.current && void loadBookings(selected.current),
  });
  const selectedSlot = slots?.find((s) => s.id === selectedId) ?? null;

  useEffect(() => {
    if (!isAdmin) return;
    listDoctors().then(
      (list) => {
        setDoctors(list);
        setChosen((c) => c || list[0]?.id || "");
      },
      (err) => setError(sentence(err, "The doctors could not be loaded.")),
    );
  }, [isAdmin]);

  useEffect(() => {
    setBookings(null);
    setBookingError(null);
    if (selectedId) void loadBookings(selectedId);
  }, [selectedId, loadBookings]);

  // The open slot left the screen (another week, doctor or zone, or deleted).
  useEffect(() => {
    if (slots && selectedId && !selectedSlot) setSelectedId(null);
  }, [slots, selectedId, selectedSlot]);

  async function toggle(slot: Slot) {
    setToggling(slot.id);
    setError(null);
    try {
      const updated = await setSlotAvailability(slot.id, !slot.isAvailable);
      apply((current) => applySlotChange(current, "changed", updated, () => true));
      announce(`${when(updated.startTime)} is ${updated.isAvailable ? "open for booking again" : "no longer open for booking"}.`);
    } catch (err) {
      setError(sentence(err, "The slot could not be changed."));
    } finally {
      setToggling(null);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { slot } = deleting;
    setDeleting({ slot, busy: true, error: null });
    try {
      await deleteSlot(slot.id);
      apply((current) => applySlotChange(current, "removed", slot, () => true));
      setDeleting(null);
      announce(`The slot on ${when(slot.startTime)} was deleted.`);
    } catch (err) {
      setDeleting({ slot, busy: false, error: sentence(err, "The slot could not be deleted.") });
    }
  }

  async function move(booking: Booking, to: BookingStatus) {
    setMoving(booking.id);
    setBookingError(null);
    ownMoves.current.add(`${booking.id}:${to}`);
    try {
      const updated = await changeBookingStatus(booking.id, to);
      putBooking(updated);
      announce(`The booking is now ${statusLabel(updated.status).toLowerCase()}.`);
    } catch (err) {
      ownMoves.current.delete(`${booking.id}:${to}`);
      setBookingError(sentence(err, "The booking could not be changed."));
      void loadBookings(booking.slotId);
    } finally {
      setMoving(null);
    }
  }

  const showWeek = (monday: DayKey) => setWeek(weekStart(monday));

  return (
    <main className="page wide slots-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Slots</h1>
        {isAdmin && (
          <div className="doctor-pick">
            <label htmlFor="slots-doctor">Doctor</label>
            <select id="slots-doctor" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={!doctors?.length}>
              {!doctors?.length && <option value="">{doctors ? "No doctors yet" : "Loading doctors…"}</option>}
              {doctors?.map((d) => <option key={d.id} value={d.id}>{d.name}{d.specialtyName ? ` · ${d.specialtyName}` : ""}</option>)}
            </select>
          </div>
        )}
      </div>

      {!isAdmin && !doctorId && (
        <p className="card notice">Your account is not linked to a doctor record, so there are no slots to show. An admin can link it.</p>
      )}

      <div className="week-bar card">
        <nav className="week-nav" aria-label="Weeks">
          <button type="button" onClick={() => showWeek(addDays(week, -7))}>Previous week</button>
          <h2 className="week-label" aria-live="polite">{weekLabel(days)}</h2>
          <button type="button" onClick={() => showWeek(addDays(week, 7))}>Next week</button>
          <button type="button" className="link-button" disabled={week === weekStart(today)} onClick={() => showWeek(today)}>This week</button>
        </nav>
        <TimeZoneField value={timeZone} onChange={setTimeZone} />
      </div>

      <div role="alert" className="error">{error ?? loadError}</div>

      {doctorId && (slots === null ? (
        <p className="muted" role="status">Loading slots…</p>
      ) : (
        <>
          {truncated && <p className="notice">This week has more slots than one page shows: only the first 500 are here.</p>}
          {slots.length === 0 && <p className="empty">No slots this week. Generate some below, or look at another week.</p>}
          <WeekGrid days={days} today={today} slots={slots} timeZone={timeZone} selectedId={selectedId} busy={toggling}
            onSelect={(s) => setSelectedId(s.id === selectedId ? null : s.id)} onToggle={toggle}
            onDelete={(s) => setDeleting({ slot: s, busy: false, error: null })} />
        </>
      ))}

      <div className="slots-lower">
        {selectedSlot && (
          <SlotBookings slot={selectedSlot} bookings={bookings?.slotId === selectedSlot.id ? bookings.items : null} timeZone={timeZone}
            error={bookingError} busy={moving} onMove={move} onClose={() => setSelectedId(null)} />
        )}
        {doctorId && (
          <GenerateSlots doctorId={doctorId} timeZone={timeZone} week={week}
            onGenerated={(from) => (weekStart(from) === week ? void reload() : showWeek(from))} />
        )}
      </div>

      {deleting && (
        <ConfirmDialog title="Delete this slot?" confirm="Delete slot" cancel="Keep it" error={deleting.error} busy={deleting.busy}
          onConfirm={confirmDelete} onCancel={() => setDeleting(null)}>
          <p>The slot on {when(deleting.slot.startTime)} goes for good. A slot with bookings cannot be deleted: cancel them first, or make it unavailable instead.</p>
        </ConfirmDialog>
      )}
    </main>
  );
}

const rangeFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "23–29 March 2026". */
function weekLabel(days: readonly DayKey[]): string {
  const [first, last] = [days[0], days[days.length - 1]].map((d) => new Date(d + "T00:00:00Z"));
  return rangeFormat.formatRange(first, last);
}
