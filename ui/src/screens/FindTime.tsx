import { formatDayKey } from "../booking";
import type { Catalog } from "../bookingFeeds";

interface Props {
  catalog: Catalog | null;
  specialtyId: string;
  doctorId: string;
  days: readonly string[];
  day: string;
  onSpecialty: (id: string) => void;
  onDoctor: (id: string) => void;
  onDay: (day: string) => void;
}

/** Specialty, then doctor, then one of the days that doctor has times on. */
export function FindTime({ catalog, specialtyId, doctorId, days, day, onSpecialty, onDoctor, onDay }: Props) {
  const doctors = (catalog?.doctors ?? []).filter((d) => !specialtyId || d.specialtyId === specialtyId);
  return (
    <section className="card find" aria-labelledby="find-heading">
      <h2 id="find-heading">Find a time</h2>
      <div className="form-grid">
        <div>
          <label htmlFor="specialty">Specialty</label>
          <select id="specialty" value={specialtyId} onChange={(e) => onSpecialty(e.target.value)}>
            <option value="">All specialties</option>
            {(catalog?.specialties ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="doctor">Doctor</label>
          <select id="doctor" value={doctors.some((d) => d.id === doctorId) ? doctorId : ""} onChange={(e) => onDoctor(e.target.value)}>
            <option value="">Choose a doctor</option>
            {doctors.map((d) => <option key={d.id} value={d.id}>{specialtyId || !d.specialtyName ? d.name : `${d.name} · ${d.specialtyName}`}</option>)}
          </select>
        </div>
        <div className="span2">
          <label htmlFor="day">Day</label>
          <select id="day" value={day} disabled={days.length === 0} onChange={(e) => onDay(e.target.value)}>
            {days.length === 0 && <option value="">No day to choose yet</option>}
            {days.map((d) => <option key={d} value={d}>{formatDayKey(d)}</option>)}
          </select>
        </div>
      </div>
    </section>
  );
}
