import type { FormEvent, RefObject } from "react";
import { holdText } from "../booking";

export const reasonLimit = 1000;

interface Props {
  /** "Tue 24 Nov, 09:00 with Dr. Grey". */
  what: string;
  msLeft: number;
  reason: string;
  onReason: (text: string) => void;
  busy: boolean;
  onConfirm: () => void;
  onRelease: () => void;
  heading: RefObject<HTMLHeadingElement | null>;
}

/** The seat held for the patient: its countdown (by the server's deadline), the reason, and confirm. */
export function HoldPanel({ what, msLeft, reason, onReason, busy, onConfirm, onRelease, heading }: Props) {
  function submit(e: FormEvent) {
    e.preventDefault();
    onConfirm();
  }
  return (
    <section className="card hold" aria-labelledby="hold-heading">
      <h2 id="hold-heading" ref={heading} tabIndex={-1}>Your hold</h2>
      <p className="hold-what">{what}</p>
      {/* A timer is not read out every second; the page announces when a minute is left. */}
      <p className="hold-countdown" role="timer">{holdText(msLeft)}</p>
      <form onSubmit={submit}>
        <label htmlFor="reason">Reason</label>
        <textarea id="reason" rows={3} maxLength={reasonLimit} value={reason} aria-describedby="reason-hint"
          onChange={(e) => onReason(e.target.value)} />
        <p id="reason-hint" className="book-hint">Optional: what the visit is about, for the doctor (up to {reasonLimit} characters).</p>
        <div className="hold-actions">
          <button type="button" disabled={busy} onClick={onRelease}>Release hold</button>
          <button type="submit" className="primary" disabled={busy}>Confirm booking</button>
        </div>
      </form>
    </section>
  );
}
