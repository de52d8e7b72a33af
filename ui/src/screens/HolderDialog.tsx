import { useEffect, useRef, useState } from "react";
import { ApiError, getAppointment, type LockUpdate } from "../api";
import { approveControl, approveRelease, rejectRequest } from "../lockApi";
import { useLive, useNow } from "../live";
import { serverNow } from "../serverClock";
import { formatCountdown } from "../time";

interface Asked {
  appointmentId: string;
  requestedBy: string;
  requestedByName: string;
  deadline: string;
  kind: "control" | "force-release";
}

/**
 * The lock holder, on whatever page: an admin asks for control (or for a release). A modal dialog
 * says who and counts down to the automatic grant; it closes once the request is answered anywhere.
 * Requests on several appointments wait their turn, one dialog at a time.
 */
export function HolderDialog({ announce }: { announce: (text: string) => void }) {
  const live = useLive();
  const [queue, setQueue] = useState<Asked[]>([]);
  const asked = queue[0] ?? null;
  const done = (appointmentId: string) => setQueue((q) => q.filter((a) => a.appointmentId !== appointmentId));
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const now = useNow(Boolean(asked));

  useEffect(() => {
    const ask = (e: Asked) => setQueue((q) => [...q.filter((a) => a.appointmentId !== e.appointmentId), e]);
    const offs = [
      live.on<Omit<Asked, "kind">>("request-control", (e) => ask({ ...e, kind: "control" })),
      live.on<Omit<Asked, "kind">>("force-release-lock-request", (e) => ask({ ...e, kind: "force-release" })),
    ];
    return () => offs.forEach((off) => off());
  }, [live]);

  // While it is open, follow the appointment: an answer from another tab, the automatic grant or
  // the lock's end closes it.
  useEffect(() => {
    if (!asked) return;
    const unsubscribe = live.subscribe(asked.appointmentId, false);
    const off = live.on<LockUpdate>("lock-update", (u) => {
      if (u.appointmentId !== asked.appointmentId) return;
      if (!u.lock?.pendingRequest || u.lock.pendingRequest.requestedBy !== asked.requestedBy) done(asked.appointmentId);
    });
    let current = true;
    setTitle(null);
    getAppointment(asked.appointmentId).then((a) => current && setTitle(a.title), () => {});
    return () => {
      current = false;
      off();
      unsubscribe();
    };
  }, [live, asked]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (asked && !d.open) d.showModal();
    if (!asked && d.open) d.close();
    // Focus starts on the heading, not a button: an Enter typed a moment ago must not answer.
    if (asked) d.querySelector<HTMLElement>("h2")?.focus();
    setError(null);
  }, [asked]);

  async function answer(approve: boolean) {
    if (!asked) return;
    setBusy(true);
    setError(null);
    try {
      if (!approve) await rejectRequest(asked.appointmentId);
      else if (asked.kind === "control") await approveControl(asked.appointmentId);
      else await approveRelease(asked.appointmentId);
      announce(approve ? `You handed ${title ?? "the appointment"} over to ${asked.requestedByName}.` : `You kept editing ${title ?? "the appointment"}.`);
      done(asked.appointmentId);
    } catch (err) {
      // Nothing pending any more: answered elsewhere or granted at the deadline.
      if (err instanceof ApiError && (err.code === "no_pending_request" || err.code === "no_lock" || err.code === "not_lock_holder")) done(asked.appointmentId);
      else setError(err instanceof ApiError ? err.message : "That did not work. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  const control = asked?.kind !== "force-release";
  const heading = asked ? (control ? `${asked.requestedByName} asks for control` : `${asked.requestedByName} asks you to release the lock`) : "";
  return (
    <dialog ref={dialog} className="holder-dialog" aria-labelledby="holder-dialog-title" onCancel={(e) => e.preventDefault()}>
      {asked && (
        <>
          <h2 id="holder-dialog-title" tabIndex={-1}>{heading}</h2>
          <p>{title ? <>On <strong>{title}</strong>. </> : null}
            {control ? "Approving hands your edit lock to them." : "Approving ends your edit lock."} Your unsaved changes stay in this browser.</p>
          <p className="countdown" role="timer" aria-live="off">
            {control ? "Granted" : "Released"} automatically in {formatCountdown(Date.parse(asked.deadline) - serverNow(now))}.
          </p>
          <div role="alert" className="error">{error}</div>
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} onClick={() => void answer(true)}>Approve</button>
            <button type="button" disabled={busy} onClick={() => void answer(false)}>Reject</button>
          </div>
        </>
      )}
    </dialog>
  );
}
