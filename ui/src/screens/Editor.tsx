import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, getAppointment, type Appointment, type Lock, type User } from "../api";
import {
  changedFields, clearDraft, fromForm, labelOf, lineAndColumn, loadDraft, reapply, saveDraft, shouldRenew, shownValue, toForm,
  type Draft, type EditorForm, type FieldName,
} from "../editor";
import { acquireLock, releaseLock, releaseLockOnExit, renewLock, updateAppointment } from "../lockApi";
import { useLive, useLocks, useNow } from "../live";
import { announcement } from "../lockState";
import { usePage } from "../page";
import { Link } from "../router";
import { observeServerTime, serverNow } from "../serverClock";
import { formatInstant } from "../time";
import { AppointmentFields, type RemoteCaret } from "./AppointmentFields";
import { HandOver } from "./HandOver";
import { History } from "./History";
import { LockBadge } from "./LockBadge";

interface CursorUpdate {
  appointmentId: string;
  userId: string;
  userName: string;
  position: { field?: string | null; line?: number | null; column?: number | null };
  at: string;
}

interface Presence {
  appointmentId: string;
  viewers: { userId: string; userName: string; since: string }[];
}

const releaseReasons: Record<string, string> = {
  expired: "Your edit lock ran out after a while without activity.",
  forced: "An administrator ended your edit lock.",
  disconnected: "Your edit lock ended while this browser was disconnected.",
  released: "Your edit lock was released (from another tab or window).",
};

/**
 * `/appointments/{id}`: opening it takes the lock when it is free. The holder edits and saves a
 * fenced, versioned write; everyone else reads along live, sees the holder's caret and who is here.
 */
export function Editor({ id, user, announce }: { id: string; user: User; announce: (text: string) => void }) {
  const live = useLive();
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  const [form, setForm] = useState<EditorForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [lost, setLost] = useState<string | null>(null);
  const [offer, setOffer] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState<Appointment | null>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [cursors, setCursors] = useState<Record<string, CursorUpdate>>({});
  const [viewers, setViewers] = useState<Presence["viewers"]>([]);
  const heading = usePage(appointment?.title ?? "Appointment");

  // Read by event handlers and the unmount cleanup, which must see the latest values.
  const state = useRef({ appointment, form, holding: false, saving: false, lastRenew: 0, releaseReason: "" });
  state.current.appointment = appointment;
  state.current.form = form;

  const locks = useLocks([id], (_, before, after) => {
    const text = announcement(appointment?.title ?? "This appointment", before, after, user.id);
    if (text) announce(text);
  });
  const lock = locks[id];
  const holding = lock?.lockedBy === user.id;
  const now = useNow(Boolean(lock) || Boolean(offer));
  const dirty = Boolean(holding && form && appointment && changedFields(toForm(appointment), form).length > 0);

  const take = useCallback(async () => {
    setError(null);
    try {
      const granted = await acquireLock(id);
      observeServerTime(granted.lastActivityAt);
      state.current.lastRenew = Date.now();
    } catch (err) {
      if (err instanceof ApiError && err.code === "lock_held") return; // read-only; the badge says who
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else setError(err instanceof ApiError ? err.message : "The edit lock could not be taken.");
    } finally {
      setTried(true);
    }
  }, [id]);

  // Open: read what is there, and take the lock when it is free.
  useEffect(() => {
    let current = true;
    getAppointment(id).then(
      (a) => current && setAppointment(a),
      (err) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else setError(err instanceof ApiError ? err.message : "The appointment could not be loaded.");
      },
    );
    if (user.role !== "patient") void take();
    const leave = () => {
      if (state.current.holding) releaseLockOnExit(id);
    };
    window.addEventListener("pagehide", leave);
    return () => {
      current = false;
      window.removeEventListener("pagehide", leave);
      if (state.current.holding) void releaseLock(id).catch(() => {});
    };
  }, [id, user.role, take]);

  // Gaining the lock: load the version this edit starts from, and offer back any kept draft.
  // Losing it: say why; the draft stays in this browser.
  useEffect(() => {
    const was = state.current.holding;
    state.current.holding = holding;
    if (holding && !was) {
      setLost(null);
      setConflict(null);
      getAppointment(id).then((a) => {
        setAppointment(a);
        setForm(toForm(a));
        setOffer(loadDraft(localStorage, user.id, id));
      }, (err) => setError(err instanceof ApiError ? err.message : "The appointment could not be loaded."));
    } else if (!holding && was && lock !== undefined) {
      const reason = state.current.releaseReason;
      const kept = loadDraft(localStorage, user.id, id) ? " Your unsaved changes are kept in this browser and offered back when you edit again." : "";
      const why = lock ? `${lock.lockedByName} has taken over editing.` : (releaseReasons[reason] ?? "Your edit lock has ended.");
      setLost(why + kept);
      setOffer(null);
      setConflict(null);
    }
  }, [holding, lock, id, user.id]);

  useEffect(() => {
    const offs = [
      live.on<{ appointmentId: string; reason: string }>("lock-released", (e) => {
        if (e.appointmentId === id) state.current.releaseReason = e.reason;
      }),
      live.on<{ appointment?: Appointment; id?: string; deleted?: boolean }>("update-appointments", (e) => {
        if (e.deleted && e.id === id) {
          setMissing(true);
          return;
        }
        const next = e.appointment;
        if (!next || next.id !== id) return;
        const { appointment: base, form: mine, holding: held, saving: ours } = state.current;
        // Our own save (its event can beat its response), or older news. Someone else's write
        // during our save makes the save itself fail with version_conflict.
        if (ours || (base && next.version <= base.version)) return;
        setHistoryVersion((v) => v + 1);
        if (held && base && mine && changedFields(toForm(base), mine).length > 0) {
          setConflict(next); // typed edits stay; the panel offers reload or re-apply
          return;
        }
        setAppointment(next);
        if (held) setForm(toForm(next));
      }),
      live.on<CursorUpdate>("cursor-update", (e) => {
        if (e.appointmentId !== id) return;
        observeServerTime(e.at);
        setCursors((c) => ({ ...c, [e.userId]: e }));
      }),
      live.on<Presence>("presence-update", (e) => {
        if (e.appointmentId === id) setViewers(e.viewers);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [live, id]);

  // A caret shown is the holder's: anyone else's (or a holder who left) is dropped.
  const remote: Partial<Record<FieldName, RemoteCaret>> = {};
  for (const c of Object.values(cursors)) {
    if (c.userId !== user.id && c.userId === lock?.lockedBy && c.position.field) {
      remote[c.position.field as FieldName] = { userName: c.userName, line: c.position.line ?? 1, column: c.position.column ?? 1 };
    }
  }

  const renewOnActivity = useCallback(() => {
    if (!lock || lock.lockedBy !== user.id) return;
    const ttl = Date.parse(lock.expiresAt) - Date.parse(lock.lastActivityAt);
    if (!shouldRenew(state.current.lastRenew, Date.now(), ttl)) return;
    state.current.lastRenew = Date.now();
    renewLock(id).then((l) => observeServerTime(l.lastActivityAt), () => {});
  }, [lock, user.id, id]);

  // Sent at most every 100 ms, the last position always: enough to follow typing live.
  const caretTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const caretNext = useRef<{ field: FieldName; line: number; column: number } | null>(null);
  const onCaret = useCallback((name: FieldName, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) => {
    if (!state.current.holding) return;
    renewOnActivity();
    const offset = "selectionStart" in el && typeof el.selectionStart === "number" ? el.selectionStart : el.value.length;
    caretNext.current = { field: name, ...lineAndColumn(el.value, offset) };
    if (caretTimer.current) return;
    const flush = () => {
      caretTimer.current = undefined;
      if (caretNext.current) live.send("cursor-position", id, caretNext.current);
      caretNext.current = null;
    };
    flush();
    caretTimer.current = setTimeout(flush, 100);
  }, [live, id, renewOnActivity]);
  useEffect(() => () => clearTimeout(caretTimer.current), []);

  const change = (name: FieldName, value: string) => {
    if (!form || !appointment || !holding) return;
    const next = { ...form, [name]: value };
    setForm(next);
    setNotice(null);
    renewOnActivity();
    if (offer) return; // the kept draft is not overwritten until restored or discarded
    if (changedFields(toForm(appointment), next).length > 0) {
      saveDraft(localStorage, user.id, id, { form: next, base: toForm(appointment), baseVersion: appointment.version, savedAt: Date.now() });
    } else {
      clearDraft(localStorage, user.id, id);
    }
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || !appointment || !lock || !holding) return;
    setSaving(true);
    state.current.saving = true;
    setError(null);
    setNotice(null);
    try {
      const saved = await updateAppointment(id, fromForm(form, appointment), appointment.version, lock.fencingToken);
      state.current.lastRenew = Date.now(); // the write renewed the lease
      clearDraft(localStorage, user.id, id);
      state.current.appointment = saved; // before the next render: its own event may come first
      setAppointment(saved);
      setForm(toForm(saved));
      setHistoryVersion((v) => v + 1);
      setNotice(`Saved. This is version ${saved.version}.`);
      announce(`Saved ${saved.title}.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === "version_conflict") {
        const theirs = await getAppointment(id).catch(() => null);
        if (theirs) setConflict(theirs);
        else setError(err.message);
      } else if (err instanceof ApiError && (err.code === "stale_lock_token" || err.code === "lock_required")) {
        saveDraft(localStorage, user.id, id, { form, base: toForm(appointment), baseVersion: appointment.version, savedAt: Date.now() });
        setError(`${err.message} Your changes are kept in this browser.`);
      } else {
        setError(err instanceof ApiError ? err.message : "The appointment could not be saved.");
      }
    } finally {
      state.current.saving = false;
      setSaving(false);
    }
  }

  function restore() {
    if (!offer || !appointment) return;
    const merged = reapply(toForm(appointment), offer.base, offer.form);
    setForm(merged.form);
    setOffer(null);
    saveDraft(localStorage, user.id, id, { form: merged.form, base: toForm(appointment), baseVersion: appointment.version, savedAt: Date.now() });
    setNotice(merged.clashes.length > 0
      ? `Your changes are back. These fields were also changed by someone else; yours are shown: ${merged.clashes.map(labelOf).join(", ")}.`
      : "Your changes are back. Check them and save.");
  }

  function discard() {
    clearDraft(localStorage, user.id, id);
    setOffer(null);
  }

  function reload() {
    if (!conflict) return;
    clearDraft(localStorage, user.id, id);
    setAppointment(conflict);
    setForm(toForm(conflict));
    setConflict(null);
    setNotice(`Showing version ${conflict.version}. Your edits were dropped.`);
  }

  function reapplyMine() {
    if (!conflict || !appointment || !form) return;
    const merged = reapply(toForm(conflict), toForm(appointment), form);
    setAppointment(conflict);
    setForm(merged.form);
    setConflict(null);
    saveDraft(localStorage, user.id, id, { form: merged.form, base: toForm(conflict), baseVersion: conflict.version, savedAt: Date.now() });
    setNotice(merged.clashes.length > 0
      ? `Your edits are on version ${conflict.version} now; yours replaced theirs in: ${merged.clashes.map(labelOf).join(", ")}. Check and save.`
      : `Your edits are on version ${conflict.version} now. Check and save.`);
  }

  if (missing) {
    return (
      <main className="page narrow">
        <p><Link href="/">← All appointments</Link></p>
        <h1 ref={heading} tabIndex={-1}>Appointment not shown</h1>
        <p role="alert" className="error">This appointment does not exist. It may have been deleted.</p>
      </main>
    );
  }

  const shown = holding && form ? form : appointment ? toForm(appointment) : null;
  const others = viewers.filter((v, i) => v.userId !== user.id && viewers.findIndex((w) => w.userId === v.userId) === i);
  const mine = conflict && appointment && form ? changedFields(toForm(appointment), form) : [];
  const theirs = conflict && appointment ? changedFields(toForm(appointment), toForm(conflict)) : [];

  return (
    <main className="page editor">
      <p><Link href="/">← All appointments</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{appointment?.title ?? "Loading appointment…"}</h1>
        {appointment && <LockBadge lock={lock} me={user.id} now={serverNow(now)} />}
      </div>

      {lock && !holding && <LockedBanner lock={lock} />}
      {lost && <div className="banner warn" role="alert">{lost}</div>}
      {lock === null && tried && (
        <div className="banner free-banner">
          <span>Nobody is editing this appointment.</span>
          <button type="button" className="primary" onClick={() => void take()}>Edit</button>
        </div>
      )}
      {offer && (
        <div className="banner offer" role="region" aria-label="Unsaved changes">
          <p>You have unsaved changes from {formatInstant(new Date(offer.savedAt).toISOString())}
            {offer.baseVersion !== appointment?.version ? `, made on version ${offer.baseVersion} (this is version ${appointment?.version})` : ""}:{" "}
            {changedFields(offer.base, offer.form).map(labelOf).join(", ")}.</p>
          <div className="button-row">
            <button type="button" className="primary" onClick={restore}>Restore my changes</button>
            <button type="button" onClick={discard}>Discard</button>
          </div>
        </div>
      )}
      {conflict && appointment && (
        <section className="banner conflict" role="alert" aria-label="Saved elsewhere">
          <h2>Version {conflict.version} was saved while you were editing</h2>
          {theirs.length > 0 ? (
            <ul className="changes">
              {theirs.map((name) => (
                <li key={name}><strong>{labelOf(name)}</strong>: {shownValue(name, toForm(appointment)[name])} → {shownValue(name, toForm(conflict)[name])}</li>
              ))}
            </ul>
          ) : <p>No field you can see changed.</p>}
          {mine.length > 0 && <p>Your unsaved edits: {mine.map(labelOf).join(", ")}.</p>}
          <div className="button-row">
            <button type="button" onClick={reload}>Reload</button>
            <button type="button" className="primary" onClick={reapplyMine}>Re-apply my edits</button>
          </div>
        </section>
      )}
      <div role="alert" className="error">{error}</div>

      <div className="editor-layout">
        {shown ? (
          <form className="card form-grid" onSubmit={save} noValidate aria-label="Appointment">
            <AppointmentFields form={shown} onChange={change} readOnly={!holding} remote={remote} onCaret={onCaret} />
            <div className="span2 actions">
              <span role="status" className="save-status">{notice ?? (dirty ? "Unsaved changes" : "")}</span>
              <button type="submit" className="primary" disabled={!holding || saving || Boolean(conflict) || Boolean(offer)}>Save</button>
            </div>
          </form>
        ) : <p className="card">Loading…</p>}
        <aside className="side">
          <section className="card" aria-label="Also viewing">
            <h2>Also viewing</h2>
            {others.length === 0 ? <p className="muted">Nobody else.</p> : (
              <ul className="viewers">{others.map((v) => <li key={v.userId}>{v.userName}</li>)}</ul>
            )}
          </section>
          {user.role === "admin" && <HandOver id={id} lock={lock} user={user} announce={announce} />}
          {appointment && <History id={id} refresh={historyVersion} />}
        </aside>
      </div>
    </main>
  );
}

function LockedBanner({ lock }: { lock: Lock }) {
  return (
    <div className="banner locked" role="status">
      <strong>Locked by {lock.lockedByName}</strong>
      <span> · read-only until they finish; their changes appear here as they save.</span>
    </div>
  );
}
