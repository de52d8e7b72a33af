import { useEffect, useRef } from "react";
import { statusLabel, transitionsFrom, type BookingStatus } from "../bookingStatus";
import { seatsText } from "../slotState";
import type { Booking, Slot } from "../slotsApi";
import { dayIn, formatDayLong, formatDayShort, timeIn } from "../zonedTime";

interface Props {
  slot: Slot;
  bookings: readonly Booking[] | null;
  timeZone: string;
  error: string | null;
  /** The booking whose status change is on its way. */
  busy: string | null;
  onMove: (booking: Booking, to: BookingStatus) => void;
  onClose: () => void;
}

/** The selected slot's bookings, each with the status changes its lifecycle allows (API.md). */
export function SlotBookings({ slot, bookings, timeZone, error, busy, onMove, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const when = `${formatDayLong(dayIn(slot.startTime, timeZone))}, ${timeIn(slot.startTime, timeZone)}–${timeIn(slot.endTime, timeZone)}`;

  // A new selection: take keyboard and screen-reader users to it (on a phone it is far below the slot).
  useEffect(() => {
    heading.current?.focus();
  }, [slot.id]);

  const at = (iso: string) => `${formatDayShort(dayIn(iso, timeZone))} ${timeIn(iso, timeZone)}`;

  return (
    <section className="card bookings" aria-labelledby="bookings-heading">
      <div className="bookings-head">
        <h2 id="bookings-heading" ref={heading} tabIndex={-1}>Bookings for {when}</h2>
        <button type="button" className="link-button" onClick={onClose}>Close bookings</button>
      </div>
      <p className="muted">{seatsText(slot)}{slot.isAvailable ? "" : " · not open for booking"}</p>
      <div role="alert" className="error">{error}</div>
      {bookings === null ? (
        <p className="muted" role="status">Loading bookings…</p>
      ) : bookings.length === 0 ? (
        <p className="empty">No bookings yet. New ones show up here as patients book.</p>
      ) : (
        <ol className="booking-list">
          {bookings.map((b, i) => (
            <li key={b.id} className="booking" data-booking-id={b.id} aria-labelledby={`booking-${b.id}`}>
              <div className="booking-head">
                <strong id={`booking-${b.id}`}>Booking {i + 1}</strong>
                <span className={`badge status status-${b.status.toLowerCase()}`}>{statusLabel(b.status)}</span>
              </div>
              <p className="muted">
                {b.seats} {b.seats === 1 ? "seat" : "seats"} · booked {at(b.createdAt)}
                {b.status === "PENDING" && b.expiresAt ? ` · held until ${at(b.expiresAt)}` : ""}
              </p>
              {b.reasonForVisit && <p className="reason">Reason: {b.reasonForVisit}</p>}
              {transitionsFrom(b.status).length > 0 && (
                <div className="booking-actions" role="group" aria-label={`Change the status of booking ${i + 1}`}>
                  {transitionsFrom(b.status).map((t) => (
                    <button key={t.to} type="button" className={t.to === "CANCELLED" ? "small danger" : "small"} disabled={busy === b.id}
                      onClick={() => onMove(b, t.to)}>{t.action}</button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
