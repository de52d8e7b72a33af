import { useEffect, useState } from "react";
import { ApiError, getAppointment, type Appointment, type User } from "../api";
import { useLocks, useNow } from "../live";
import { announcement } from "../lockState";
import { usePage } from "../page";
import { Link } from "../router";
import { formatDay, formatInstant } from "../time";
import { LockBadge } from "./LockBadge";

export function AppointmentView({ id, user, announce }: { id: string; user: User; announce: (text: string) => void }) {
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = usePage(appointment?.title ?? "Appointment");

  useEffect(() => {
    let current = true;
    setAppointment(null);
    setError(null);
    getAppointment(id).then(
      (a) => current && setAppointment(a),
      (err) => current && setError(err instanceof ApiError && err.status === 404
        ? "This appointment does not exist. It may have been deleted."
        : err instanceof ApiError ? err.message : "The appointment could not be loaded."),
    );
    return () => {
      current = false;
    };
  }, [id]);

  const locks = useLocks([id], (_, before, after) => {
    const text = announcement(appointment?.title ?? "This appointment", before, after, user.id);
    if (text) announce(text);
  });
  const now = useNow(Boolean(locks[id]));

  const rows: [string, string | null | undefined][] = appointment ? [
    ["Patient", appointment.patientName],
    ["Date of birth", formatDay(appointment.dateOfBirth)],
    ["Gender", appointment.gender],
    ["Phone", appointment.phone],
    ["Address", appointment.address],
    ["Doctor", appointment.doctorName],
    ["Starts", formatInstant(appointment.startTime)],
    ["Ends", formatInstant(appointment.endTime)],
    ["Note", appointment.note],
    ["Description", appointment.description],
    ["Version", String(appointment.version)],
  ] : [];

  return (
    <main className="page">
      <p><Link href="/">← All appointments</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{appointment?.title ?? (error ? "Appointment not shown" : "Loading appointment…")}</h1>
        {appointment && <LockBadge lock={locks[id]} me={user.id} now={now} />}
      </div>
      <div role="alert" className="error">{error}</div>
      {appointment && (
        <section className="card">
          <dl className="details">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value || "—"}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">Editing in the browser comes next; this page is read-only for now.</p>
        </section>
      )}
    </main>
  );
}
