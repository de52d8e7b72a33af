import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, listAppointments, type Appointment, type User } from "../api";
import { announcement } from "../lockState";
import { useLive, useLocks, useNow } from "../live";
import { usePage } from "../page";
import { Link } from "../router";
import { formatInstant, localDayToInstant } from "../time";
import { LockBadge } from "./LockBadge";

const pageSize = 20;

interface Filter {
  q: string;
  from: string;
  to: string;
  page: number;
}

export function AppointmentList({ user, announce }: { user: User; announce: (text: string) => void }) {
  const heading = usePage("Appointments");
  const live = useLive();
  const [draft, setDraft] = useState({ q: "", from: "", to: "" });
  const [filter, setFilter] = useState<Filter>({ q: "", from: "", to: "", page: 1 });
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await listAppointments({
        q: filter.q.trim() || undefined,
        from: localDayToInstant(filter.from),
        to: localDayToInstant(filter.to, true),
        page: filter.page,
        pageSize,
      });
      setItems(page.items);
      setTotal(page.total);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The appointments could not be loaded.");
    }
  }, [filter]);

  useEffect(() => {
    void load();
  }, [load]);

  // Someone created, changed or deleted an appointment, or the hub came back: read the page again.
  useEffect(() => {
    const offUpdate = live.on("update-appointments", () => void load());
    const offResync = live.onResync(() => void load());
    return () => {
      offUpdate();
      offResync();
    };
  }, [live, load]);

  const titles = new Map((items ?? []).map((a) => [a.id, a.title]));
  const locks = useLocks((items ?? []).map((a) => a.id), false, (id, before, after) => {
    const text = announcement(titles.get(id) ?? "An appointment", before, after, user.id);
    if (text) announce(text);
  });
  const now = useNow(Object.values(locks).some(Boolean));

  function search(e: FormEvent) {
    e.preventDefault();
    setFilter({ ...draft, page: 1 });
  }

  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <main className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Appointments</h1>
        <Link href="/appointments/new" className="button primary">New appointment</Link>
      </div>

      <form className="filters card" role="search" onSubmit={search}>
        <div className="field grow">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" placeholder="Title, patient, doctor or note" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit">Search</button>
      </form>

      <div role="alert" className="error">{error}</div>

      {items === null ? (
        <p className="muted" role="status">Loading appointments…</p>
      ) : items.length === 0 ? (
        <p className="empty card">No appointments match. Change the search or the dates, or create one.</p>
      ) : (
        <table className="appointments card">
          <caption className="visually-hidden">Appointments, {total} in all, page {filter.page} of {pages}</caption>
          <thead>
            <tr>
              <th scope="col">Appointment</th>
              <th scope="col">Patient</th>
              <th scope="col">Doctor</th>
              <th scope="col">Starts</th>
              <th scope="col">Editing</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-appointment-id={a.id}>
                <td data-label="Appointment"><Link href={`/appointments/${a.id}`}>{a.title}</Link></td>
                <td data-label="Patient">{a.patientName}</td>
                <td data-label="Doctor">{a.doctorName ?? "—"}</td>
                <td data-label="Starts"><time dateTime={a.startTime}>{formatInstant(a.startTime)}</time></td>
                <td data-label="Editing"><LockBadge lock={locks[a.id]} me={user.id} now={now} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {items !== null && total > 0 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={filter.page <= 1} onClick={() => setFilter({ ...filter, page: filter.page - 1 })}>Previous page</button>
          <span>Page {filter.page} of {pages} · {total} appointments</span>
          <button type="button" disabled={filter.page >= pages} onClick={() => setFilter({ ...filter, page: filter.page + 1 })}>Next page</button>
        </nav>
      )}
    </main>
  );
}
