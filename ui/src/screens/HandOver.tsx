import { useEffect, useRef, useState } from "react";
import { ApiError, type Lock, type User } from "../api";
import { requestControl, requestRelease, takeover } from "../lockApi";
import { useLive, useNow } from "../live";
import { observeServerTime, serverNow } from "../serverClock";
import { formatCountdown } from "../time";

interface Outcome {
  appointmentId: string;
  auto: boolean;
}

/**
 * An admin on an appointment someone else is editing: ask for control, ask for a release, or take
 * it over now. The answer (or the automatic grant at the deadline) arrives live.
 */
export function HandOver({ id, lock, user, announce }: { id: string; lock: Lock | null | undefined; user: User; announce: (text: string) => void }) {
  const live = useLive();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heldByOther = Boolean(lock && lock.lockedBy !== user.id);
  const holder = useRef("The holder");
  if (lock && heldByOther) holder.current = lock.lockedByName;
  const pending = heldByOther ? lock?.pendingRequest ?? null : null;
  const waiting = pending?.requestedBy === user.id ? pending : null;
  const now = useNow(Boolean(waiting));

  useEffect(() => {
    if (waiting) observeServerTime(waiting.requestedAt);
  }, [waiting]);

  useEffect(() => {
    const tell = (event: string, sentence: (e: Outcome) => string) =>
      live.on<Outcome>(event, (e) => {
        if (e.appointmentId !== id) return;
        const text = sentence(e);
        setOutcome(text);
        announce(text);
      });
    const offs = [
      tell("request-control-approved", (e) => e.auto
        ? `${holder.current} did not answer in time, so control was granted to you automatically.`
        : `${holder.current} approved your request. You are editing now.`),
      tell("request-control-rejected", () => `${holder.current} declined your request for control.`),
      tell("force-release-lock-approved", (e) => e.auto
        ? `${holder.current} did not answer in time, so the lock was released automatically.`
        : `${holder.current} released the lock.`),
    ];
    return () => offs.forEach((off) => off());
  }, [live, id, announce]);

  async function run(action: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      await action();
      if (done) {
        setOutcome(done);
        announce(done);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  if (!heldByOther && !outcome) return null;
  return (
    <section className="card handover" aria-label="Hand-over">
      <h2>Hand-over</h2>
      {heldByOther && (
        <>
          <p className="muted">{holder.current} is editing. Ask them to hand over, or take over now (their unsaved text stays in their browser).</p>
          <div className="button-row">
            <button type="button" disabled={busy || Boolean(pending)} onClick={() => void run(() => requestControl(id))}>Request control</button>
            <button type="button" disabled={busy || Boolean(pending)} onClick={() => void run(() => requestRelease(id))}>Request release</button>
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => takeover(id), "You took over. You are editing now.")}>Take over</button>
          </div>
        </>
      )}
      {waiting && (
        <p role="status" className="waiting">
          Waiting for {holder.current} to answer your request {waiting.kind === "control" ? "for control" : "to release the lock"}.
          {" "}Granted automatically in {formatCountdown(Date.parse(waiting.deadline) - serverNow(now))}.
        </p>
      )}
      {pending && !waiting && <p className="muted">{pending.requestedByName} has asked {holder.current} already; wait for the answer.</p>}
      {outcome && <p className="outcome" data-testid="handover-outcome">{outcome}</p>}
      <div role="alert" className="error">{error}</div>
    </section>
  );
}
