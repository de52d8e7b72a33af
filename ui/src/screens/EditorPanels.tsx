import type { RefObject } from "react";
import type { Appointment, Lock } from "../api";
import { changedFields, labelOf, shownValue, toForm, type Draft, type EditorForm } from "../editor";
import { Link } from "../router";
import { formatInstant } from "../time";

export function LockedBanner({ lock }: { lock: Lock }) {
  return (
    <div className="banner locked" role="status">
      <strong>Locked by {lock.lockedByName}</strong>
      <span> · read-only until they finish; their changes appear here as they save.</span>
    </div>
  );
}

/** Unsaved changes kept in this browser, offered back now that the user holds the lock again. */
export function DraftOffer({ draft, version, onRestore, onDiscard }: {
  draft: Draft; version: number | undefined; onRestore: () => void; onDiscard: () => void;
}) {
  return (
    <div className="banner offer" role="region" aria-label="Unsaved changes">
      <p>You have unsaved changes from {formatInstant(new Date(draft.savedAt).toISOString())}
        {draft.baseVersion !== version ? `, made on version ${draft.baseVersion} (this is version ${version})` : ""}:{" "}
        {changedFields(draft.base, draft.form).map(labelOf).join(", ")}.</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={onRestore}>Restore my changes</button>
        <button type="button" onClick={onDiscard}>Discard</button>
      </div>
    </div>
  );
}

/** A newer version arrived while the user has unsaved edits: what changed, and the two ways on. */
export function ConflictPanel({ base, theirs, mine, onReload, onReapply }: {
  base: Appointment; theirs: Appointment; mine: EditorForm | null; onReload: () => void; onReapply: () => void;
}) {
  const before = toForm(base);
  const after = toForm(theirs);
  const changed = changedFields(before, after);
  const edited = mine ? changedFields(before, mine) : [];
  return (
    <section className="banner conflict" role="alert" aria-label="Saved elsewhere">
      <h2>Version {theirs.version} was saved while you were editing</h2>
      {changed.length > 0 ? (
        <ul className="changes">
          {changed.map((name) => (
            <li key={name}><strong>{labelOf(name)}</strong>: {shownValue(name, before[name])} → {shownValue(name, after[name])}</li>
          ))}
        </ul>
      ) : <p>No field you can see changed.</p>}
      {edited.length > 0 && <p>Your unsaved edits: {edited.map(labelOf).join(", ")}.</p>}
      <div className="button-row">
        <button type="button" onClick={onReload}>Reload</button>
        <button type="button" className="primary" onClick={onReapply}>Re-apply my edits</button>
      </div>
    </section>
  );
}

export function Viewers({ viewers, me }: { viewers: { userId: string; userName: string }[]; me: string }) {
  const others = viewers.filter((v, i) => v.userId !== me && viewers.findIndex((w) => w.userId === v.userId) === i);
  return (
    <section className="card" aria-label="Also viewing">
      <h2>Also viewing</h2>
      {others.length === 0 ? <p className="muted">Nobody else.</p> : (
        <ul className="viewers">{others.map((v) => <li key={v.userId}>{v.userName}</li>)}</ul>
      )}
    </section>
  );
}

export function FreeBanner({ onEdit }: { onEdit: () => void }) {
  return (
    <div className="banner free-banner">
      <span>Nobody is editing this appointment.</span>
      <button type="button" className="primary" onClick={onEdit}>Edit</button>
    </div>
  );
}

/** An appointment that does not exist (never did, or was deleted while open). */
export function NotShown({ heading }: { heading: RefObject<HTMLHeadingElement | null> }) {
  return (
    <main className="page narrow">
      <p><Link href="/">← All appointments</Link></p>
      <h1 ref={heading} tabIndex={-1}>Appointment not shown</h1>
      <p role="alert" className="error">This appointment does not exist. It may have been deleted.</p>
    </main>
  );
}
