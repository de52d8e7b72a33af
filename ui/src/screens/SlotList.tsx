import { formatClock, seatText, slotState } from "../booking";
import type { Booking, Slot } from "../bookingApi";

interface Props {
  slots: Slot[];
  now: number;
  /** The patient's active booking per slot id: that slot is theirs already. */
  mine: ReadonlyMap<string, Booking>;
  /** A request is on its way: no second one until it is answered. */
  busy: boolean;
  onHold: (slot: Slot) => void;
  onBook: (slot: Slot) => void;
}

/** One day's times, each with its seats left (live) and the two ways to book it. */
export function SlotList({ slots, now, mine, busy, onHold, onBook }: Props) {
  return (
    <ul className="book-slots">
      {slots.map((slot) => {
        const state = slotState(slot, now);
        const own = mine.get(slot.id);
        const timeId = `slot-time-${slot.id}`;
        const closed = state !== "open" || Boolean(own) || busy;
        return (
          <li key={slot.id} className={`book-slot ${state}`} data-slot-id={slot.id}>
            <div className="book-slot-head">
              <span className="book-slot-time" id={timeId}>
                <time dateTime={slot.startTime}>{formatClock(slot.startTime)}</time>
                {"–"}
                <time dateTime={slot.endTime}>{formatClock(slot.endTime)}</time>
              </span>
              <span className={`badge book-seats ${state}`}>{seatText(slot, now)}</span>
            </div>
            {own && <span className="badge mine">{own.status === "PENDING" ? "Held by you" : "Booked by you"}</span>}
            <div className="book-slot-actions">
              <button type="button" disabled={closed} aria-describedby={timeId} onClick={() => onHold(slot)}>Hold</button>
              <button type="button" className="primary" disabled={closed} aria-describedby={timeId} onClick={() => onBook(slot)}>Book now</button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
