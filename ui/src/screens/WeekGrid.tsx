import { seatsText } from "../slotState";
import type { Slot } from "../slotsApi";
import { bucketByDay, formatDayLong, formatDayShort, timeIn, type DayKey } from "../zonedTime";

interface Props {
  days: readonly DayKey[];
  today: DayKey;
  slots: readonly Slot[];
  timeZone: string;
  selectedId: string | null;
  /** The slot whose availability change is on its way. */
  busy: string | null;
  onSelect: (slot: Slot) => void;
  onToggle: (slot: Slot) => void;
  onDelete: (slot: Slot) => void;
}

/** A week of one doctor's slots: days as columns on a desktop, one under the other on a phone. */
export function WeekGrid({ days, today, slots, timeZone, selectedId, busy, onSelect, onToggle, onDelete }: Props) {
  const byDay = bucketByDay(slots, days, timeZone);
  return (
    <div className="week">
      {days.map((day) => {
        const daySlots = byDay.get(day) ?? [];
        return (
          <section key={day} className={day === today ? "day today" : "day"} data-day={day} aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`} aria-label={formatDayLong(day)}>
              {formatDayShort(day)}{day === today && <span className="today-mark"> · today</span>}
            </h3>
            {daySlots.length === 0 ? (
              <p className="no-slots">No slots</p>
            ) : (
              <ul className="slots">
                {daySlots.map((slot) => {
                  const time = `${timeIn(slot.startTime, timeZone)}–${timeIn(slot.endTime, timeZone)}`;
                  const where = `${time}, ${formatDayShort(day)}`;
                  const selected = slot.id === selectedId;
                  const toggle = slot.isAvailable ? "Make unavailable" : "Make available";
                  return (
                    <li key={slot.id} data-slot-id={slot.id}
                      className={["slot", slot.isAvailable ? "" : "off", selected ? "selected" : ""].join(" ").trim()}>
                      <button type="button" className="slot-open" aria-pressed={selected} aria-describedby={`seats-${slot.id}`}
                        onClick={() => onSelect(slot)}>
                        <time dateTime={slot.startTime}>{time}</time>
                      </button>
                      <span id={`seats-${slot.id}`} className="seats">
                        {seatsText(slot)}{slot.isAvailable ? "" : " · unavailable"}
                      </span>
                      <div className="slot-actions">
                        {/* Named with the slot: a screen reader's list of buttons has 35 of each. */}
                        <button type="button" className="small" disabled={busy === slot.id} onClick={() => onToggle(slot)}
                          aria-label={`${toggle}: ${where}`}>{toggle}</button>
                        <button type="button" className="small danger" onClick={() => onDelete(slot)}
                          aria-label={`Delete slot ${where}`}>Delete</button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
