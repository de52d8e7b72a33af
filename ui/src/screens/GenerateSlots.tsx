import { useState, type FormEvent } from "react";
import { ApiError } from "../api";
import { buildPattern, generatedSentence, weekdayNames, weekdaysMondayFirst, type PatternForm } from "../slotPattern";
import { generateSlots, type Weekday } from "../slotsApi";
import { addDays, type DayKey } from "../zonedTime";

interface Props {
  doctorId: string;
  timeZone: string;
  /** The Monday of the week on screen: the dates follow it until someone types their own. */
  week: DayKey;
  onGenerated: (fromDate: DayKey) => void;
}

const workdays: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/** The bulk generation form (POST /api/slots/bulk): a weekly pattern over a date range, in the screen's time zone. */
export function GenerateSlots({ doctorId, timeZone, week, onGenerated }: Props) {
  const [dates, setDates] = useState<{ fromDate: string; toDate: string } | null>(null);
  const [form, setForm] = useState({ days: workdays, dayStart: "09:00", dayEnd: "12:00", slotMinutes: "30", bufferMinutes: "0", capacity: "1" });
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { fromDate, toDate } = dates ?? { fromDate: week, toDate: addDays(week, 6) };

  const setDate = (field: "fromDate" | "toDate", value: string) => setDates({ fromDate, toDate, [field]: value });
  const toggleDay = (day: Weekday, on: boolean) =>
    setForm({ ...form, days: on ? [...form.days, day] : form.days.filter((d) => d !== day) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const entered: PatternForm = { ...form, fromDate, toDate, timeZone };
    const built = buildPattern(entered, doctorId);
    if ("problems" in built) {
      setProblem("Please check the form. " + built.problems.join(" "));
      return;
    }
    setBusy(true);
    try {
      const answer = await generateSlots(built.pattern);
      setProblem(null);
      setResult(generatedSentence(answer.created, answer.skipped));
      onGenerated(built.pattern.fromDate);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : "The slots could not be generated.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card generate" aria-labelledby="generate-heading">
      <h2 id="generate-heading">Generate slots</h2>
      <p className="muted">Times are wall-clock times in <strong>{timeZone}</strong> (change it above); clock changes are taken care of. Slots that would overlap existing ones are skipped.</p>
      <form onSubmit={submit} noValidate>
        <div className="generate-grid">
          <div>
            <label htmlFor="gen-from">From date</label>
            <input id="gen-from" type="date" value={fromDate} onChange={(e) => setDate("fromDate", e.target.value)} />
          </div>
          <div>
            <label htmlFor="gen-to">To date</label>
            <input id="gen-to" type="date" value={toDate} onChange={(e) => setDate("toDate", e.target.value)} />
          </div>
          <div>
            <label htmlFor="gen-start">Day starts at</label>
            <input id="gen-start" type="time" value={form.dayStart} onChange={(e) => setForm({ ...form, dayStart: e.target.value })} />
          </div>
          <div>
            <label htmlFor="gen-end">Day ends at</label>
            <input id="gen-end" type="time" value={form.dayEnd} onChange={(e) => setForm({ ...form, dayEnd: e.target.value })} />
          </div>
          <div>
            <label htmlFor="gen-length">Slot length (minutes)</label>
            <input id="gen-length" type="number" inputMode="numeric" min={5} max={480} step={5} value={form.slotMinutes}
              onChange={(e) => setForm({ ...form, slotMinutes: e.target.value })} />
          </div>
          <div>
            <label htmlFor="gen-buffer">Break (minutes)</label>
            <input id="gen-buffer" type="number" inputMode="numeric" min={0} max={240} step={5} value={form.bufferMinutes}
              onChange={(e) => setForm({ ...form, bufferMinutes: e.target.value })} />
          </div>
          <div>
            <label htmlFor="gen-seats">Seats per slot</label>
            <input id="gen-seats" type="number" inputMode="numeric" min={1} max={100} value={form.capacity}
              onChange={(e) => setForm({ ...form, capacity: e.target.value })} />
          </div>
        </div>
        <fieldset className="weekdays">
          <legend>Days of week</legend>
          {weekdaysMondayFirst.map((day) => (
            <label key={day} className="check">
              <input type="checkbox" checked={form.days.includes(day)} onChange={(e) => toggleDay(day, e.target.checked)} />
              {weekdayNames[day]}
            </label>
          ))}
        </fieldset>
        <div role="alert" className="error">{problem}</div>
        <div role="status" className="result">{result}</div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? "Generating…" : "Generate slots"}</button>
        </div>
      </form>
    </section>
  );
}
