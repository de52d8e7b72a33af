import { useState } from "react";
import { formatCountdown } from "../time";
import type { Booking } from "../bookingApi";
import { statusLabel } from "../bookingStatus";
import { cancellable, splitBookings } from "../myBookings";

interface Props {
  bookings: Booking[] | null;
  now: number;
  /** Milliseconds left on a hold, by the server's deadline. */
  msLeft: (b: Booking) => number;
  describe: (b: Booking) => string;
  busy: boolean;
  onCancel: (b: Booking) => void;
}

/** The patient's bookings: upcoming ones to cancel, and the rest folded away. */
export function MyBookingsList({ bookings, now, msLeft, describe, busy, onCancel }: Props) {
  const [asking, setAsking] = useState<string | null>(null);
  const { upcoming, earlier } = splitBookings(bookings ?? [], now);

  const item = (b: Booking) => (
    <li key={b.id} className="my-booking" data-booking-id={b.id}>
      <div className="my-booking-head">
        <span className="my-booking-what">{describe(b)}</span>
        <span className={`badge booking-status-${b.status.toLowerCase()}`}>
          {b.status === "PENDING" ? `Held · ${formatCountdown(msLeft(b))} left` : statusLabel(b.status)}
        </span>
      </div>
      {b.reasonForVisit && <p className="my-booking-reason">Reason: {b.reasonForVisit}</p>}
      {cancellable(b) && (asking === b.id ? (
        <div className="ask" role="group" aria-label="Cancel this booking?">
          <span>{b.status === "PENDING" ? "Release this hold?" : "Cancel this booking?"}</span>
          <button type="button" className="danger" disabled={busy} onClick={() => { setAsking(null); onCancel(b); }}>
            {b.status === "PENDING" ? "Yes, release hold" : "Yes, cancel booking"}
          </button>
          {/* In place of the Cancel button that had focus; the harmless answer takes it. */}
          <button type="button" autoFocus onClick={() => setAsking(null)}>Keep it</button>
        </div>
      ) : (
        <button type="button" disabled={busy} onClick={() => setAsking(b.id)}>Cancel</button>
      ))}
    </li>
  );

  return (
    <section className="card my-bookings" aria-labelledby="my-bookings-heading">
      <h2 id="my-bookings-heading">My bookings</h2>
      {bookings === null ? (
        <p className="muted">Loading your bookings…</p>
      ) : upcoming.length === 0 ? (
        <p className="empty">No upcoming bookings. Choose a time to book one.</p>
      ) : (
        <ul className="my-bookings-list" aria-label="Upcoming bookings">{upcoming.map(item)}</ul>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>Earlier, cancelled and lapsed ({earlier.length})</summary>
          <ul className="my-bookings-list" aria-label="Earlier bookings">{earlier.map(item)}</ul>
        </details>
      )}
    </section>
  );
}
