import { useEffect, useRef, useState } from "react";
import { ApiError, getAppointment, type Lock, type LockUpdate, type User } from "../api";
import { forceRelease, listLocks, takeover } from "../lockApi";
import { useLive, useNow } from "../live";
import { applyLockUpdate, heldLocks, type LockMap } from "../lockState";
import { usePage } from "../page";
import { Link } from "../router";
import { observeServerTime, serverNow } from "../serverClock";
import { formatCountdown, formatInstant, formatTimeLeft } from "../time";

/**
 * `/admin/locks`: every held lock, live (the hub's subscribe-locks), with force release and take
 * over. The list is read once the subscription is confirmed (after every reconnect too); events
 * that arrive while it is read are applied on top.
 */
export function AdminLocks({ user, announce }: { user: User; announce: (text: string) => void }) {
  const heading = usePage("Live locks");
  const live = useLive();
  const [locks, setLocks] = useState<LockMap | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(new Set<string>());
  const current = useRef<LockMap | null>(null);

  useEffect(() => {
    let pending: LockUpdate[] | null = null;
    const put = (next: LockMap) => {
      current.current = next;
      setLocks(next);
    };
    const read = () => {
      pending = [];
      listLocks().then(({ items }) => {
        let map: LockMap = Object.fromEntries(items.map((l) => [l.appointmentId, l]));
        for (const update of pending ?? []) map = applyLockUpdate(map, update);
        pending = null;
        put(map);
        setError(null);
      }, (err) => {
        pending = null;
        setError(err instanceof ApiError ? err.message : "The locks could not be loaded.");
      });
    };
    const off = live.on<LockUpdate>("lock-update", (update) => {
      if (pending) pending.push(update);
      else if (current.current) put(applyLockUpdate(current.current, update));
    });
    const unsubscribe = live.subscribeLocks(read);
    return () => {
      off();
      unsubscribe();
    };
  }, [live]);

  const rows = locks ? heldLocks(locks) : [];
  const now = useNow(rows.length > 0);

  // Titles are read once per appointment shown.
  useEffect(() => {
    for (const lock of rows) {
      if (asked.current.has(lock.appointmentId)) continue;
      asked.current.add(lock.appointmentId);
      getAppointment(lock.appointmentId).then(
        (a) => setTitles((t) => ({ ...t, [a.id]: a.title })),
        () => {},
      );
    }
  });

  async function act(lock: Lock, what: "release" | "takeover") {
    const title = titles[lock.appointmentId] ?? "the appointment";
    setError(null);
    try {
      if (what === "release") {
        await forceRelease(lock.appointmentId);
        announce(`You ended ${lock.lockedByName}'s lock on ${title}.`);
      } else {
        const mine = await takeover(lock.appointmentId);
        observeServerTime(mine.lastActivityAt);
        announce(`You took over ${title} from ${lock.lockedByName}.`);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work. Please try again.");
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Live locks</h1>
        <span className="muted" role="status">{locks === null ? "Loading…" : `${rows.length} held`}</span>
      </div>
      <div role="alert" className="error">{error}</div>
      {locks !== null && rows.length === 0 && <p className="empty card">Nobody is editing anything right now.</p>}
      {rows.length > 0 && (
        <table className="appointments locks card">
          <caption className="visually-hidden">Every held edit lock, updated live</caption>
          <thead>
            <tr>
              <th scope="col">Appointment</th>
              <th scope="col">Holder</th>
              <th scope="col">Since</th>
              <th scope="col">Expires in</th>
              <th scope="col">Pending request</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((lock) => {
              const title = titles[lock.appointmentId] ?? "Appointment";
              const request = lock.pendingRequest;
              return (
                <tr key={lock.appointmentId} data-appointment-id={lock.appointmentId}>
                  <td data-label="Appointment"><Link href={`/appointments/${lock.appointmentId}`}>{title}</Link></td>
                  <td data-label="Holder">{lock.lockedBy === user.id ? "You" : lock.lockedByName}</td>
                  <td data-label="Since"><time dateTime={lock.acquiredAt}>{formatInstant(lock.acquiredAt)}</time></td>
                  <td data-label="Expires in">{formatTimeLeft(Date.parse(lock.expiresAt) - serverNow(now))}</td>
                  <td data-label="Pending request">
                    {request
                      ? `${request.kind === "control" ? "Control" : "Release"} asked by ${request.requestedByName}, granted in ${formatCountdown(Date.parse(request.deadline) - serverNow(now))}`
                      : "—"}
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={() => void act(lock, "release")} aria-label={`Force release ${title}`}>Force release</button>
                    {lock.lockedBy !== user.id && (
                      <button type="button" onClick={() => void act(lock, "takeover")} aria-label={`Take over ${title}`}>Take over</button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
