import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, currentSession, getAppointment, type Appointment, type Lock, type User } from "../api";
import {
  changedFields, clearDraft, fromForm, labelOf, loadDraft, reapply, saveDraft, shouldRenew, toForm, type Draft, type EditorForm, type FieldName,
} from "../editor";
import { acquireLock, releaseLock, renewLock, updateAppointment } from "../lockApi";
import { useLive, useLocks, useNow } from "../live";
import { lockEndMessage, type LockEnd } from "../lockEnd";
import { announcement } from "../lockState";
import { usePage } from "../page";
import { Link } from "../router";
import { serverNow } from "../serverClock";
import { AppointmentFields } from "./AppointmentFields";
import { ConflictPanel, DraftOffer, LockedBanner, Viewers } from "./EditorPanels";
import { HandOver } from "./HandOver";
import { History } from "./History";
import { LockBadge } from "./LockBadge";
import { useCaretSharing } from "./useCaretSharing";

const noEnd: LockEnd = { reason: "", releasedBy: "", takenOver: false };

const notShown = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 400);

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
  // The version this hold edits from is loaded: typing before that would be overwritten by it.
  const [ready, setReady] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [viewers, setViewers] = useState<{ userId: string; userName: string }[]>([]);
  const heading = usePage(appointment?.title ?? "Appointment");
  const formRef = useRef<HTMLFormElement>(null);

  // Read by event handlers and the unmount cleanup, which must see the latest values. `token` is
  // set while this page may hold the lock (from a granted acquire on): leaving releases with it.
  const state = useRef({ appointment, form, holding: false, saving: false, lastRenew: 0, token: "", held: null as Lock | null, ended: noEnd });
  state.current.appointment = appointment;
  state.current.form = form;

  const locks = useLocks([id], true, (_, before, after) => {
    const text = announcement(appointment?.title ?? "This appointment", before, after, user.id);
    if (text) announce(text);
  });
  const lock = locks[id];
  const holding = lock?.lockedBy === user.id;
  const editable = holding && ready && !offer;
  const now = useNow(Boolean(lock) || Boolean(offer));
  const dirty = Boolean(holding && form && appointment && changedFields(toForm(appointment), form).length > 0);
  const carets = useCaretSharing(live, id, lock, user.id, editable);

  const take = useCallback(async () => {
    setError(null);
    try {
      await acquireLock(id);
      state.current.token = currentSession()?.token ?? "";
      state.current.lastRenew = Date.now();
    } catch (err) {
      if (err instanceof ApiError && err.code === "lock_held") return; // read-only; the badge says who
      if (notShown(err)) setMissing(true);
      else setError(err instanceof ApiError ? err.message : "The edit lock could not be taken.");
    } finally {
      setTried(true);
    }
  }, [id]);

  /** A newer version from elsewhere: shown at once, unless it would overwrite unsaved edits. */
  const adopt = useCallback((next: Appointment) => {
    const { appointment: base, form: mine, holding: held, saving: ours } = state.current;
    // Our own save (its event can beat its response), or older news. Someone else's write
    // during our save makes the save itself fail with version_conflict.
    if (ours || (base && next.version <= base.version)) return;
    setHistoryVersion((v) => v + 1);
    if (held && base && mine && changedFields(toForm(base), mine).length > 0) {
      setConflict(next); // typed edits stay; the panel offers reload or re-apply
      return;
    }
    state.current.appointment = next;
    setAppointment(next);
    if (held) setForm(toForm(next));
  }, []);

  // Open: read what is there, and take the lock when it is free. Leave: release it.
  useEffect(() => {
    let current = true;
    getAppointment(id).then(
      (a) => current && setAppointment(a),
      (err) => {
        if (!current) return;
        if (notShown(err)) setMissing(true);
        else setError(err instanceof ApiError ? err.message : "The appointment could not be loaded.");
      },
    );
    if (user.role !== "patient") void take();
    const leave = () => {
      if (state.current.token) releaseLock(id, state.current.token);
      state.current.token = "";
    };
    window.addEventListener("pagehide", leave);
    return () => {
      current = false;
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [id, user.role, take]);

  // Gaining the lock: load the version this edit starts from, and offer back any kept draft.
  // Losing it: say why; the draft stays in this browser.
  useEffect(() => {
    const was = state.current.holding;
    state.current.holding = holding;
    if (holding && !was) {
      state.current.token ||= currentSession()?.token ?? "";
      state.current.ended = noEnd;
      setLost(null);
      setConflict(null);
      getAppointment(id).then((a) => {
        state.current.appointment = a;
        setAppointment(a);
        setForm(toForm(a));
        setOffer(loadDraft(localStorage, user.id, id));
        setReady(true);
      }, (err) => setError(err instanceof ApiError ? err.message : "The appointment could not be loaded."));
    } else if (!holding && was && lock !== undefined) {
      state.current.token = "";
      setReady(false);
      const kept = loadDraft(localStorage, user.id, id) ? " Your unsaved changes are kept in this browser and offered back when you edit again." : "";
      setLost(lockEndMessage(state.current.held, lock, state.current.ended, user.id, serverNow()) + kept);
      setOffer(null);
      setConflict(null);
    }
    if (holding) state.current.held = lock ?? null;
  }, [holding, lock, id, user.id]);

  useEffect(() => {
    const offs = [
      live.on<{ appointmentId: string; reason: string; releasedBy: string }>("lock-released", (e) => {
        if (e.appointmentId === id) state.current.ended = { ...state.current.ended, reason: e.reason, releasedBy: e.releasedBy };
      }),
      live.on<{ appointmentId: string; previousHolderId: string | null }>("admin-takeover", (e) => {
        if (e.appointmentId === id && e.previousHolderId === user.id) state.current.ended = { ...state.current.ended, takenOver: true };
      }),
      live.on<{ appointment?: Appointment; id?: string; deleted?: boolean }>("update-appointments", (e) => {
        if (e.deleted && e.id === id) setMissing(true);
        else if (e.appointment?.id === id) adopt(e.appointment);
      }),
      live.on<{ appointmentId: string; viewers: { userId: string; userName: string }[] }>("presence-update", (e) => {
        if (e.appointmentId === id) setViewers(e.viewers);
      }),
      // Saves missed while disconnected are not replayed: read the appointment again.
      live.onResync(() => {
        getAppointment(id).then(adopt, (err) => notShown(err) && setMissing(true));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [live, id, user.id, adopt]);

  const renewOnActivity = useCallback(() => {
    if (!lock || lock.lockedBy !== user.id) return;
    const ttl = Date.parse(lock.expiresAt) - Date.parse(lock.lastActivityAt);
    if (!shouldRenew(state.current.lastRenew, Date.now(), ttl)) return;
    state.current.lastRenew = Date.now();
    renewLock(id).catch(() => {}); // a lost lock arrives as a lock-update
  }, [lock, user.id, id]);

  const onCaret = useCallback((name: FieldName, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) => {
    renewOnActivity();
    carets.onCaret(name, el);
  }, [renewOnActivity, carets]);

  const keep = (next: EditorForm, base: Appointment) =>
    saveDraft(localStorage, user.id, id, { form: next, base: toForm(base), baseVersion: base.version, savedAt: Date.now() });

  const change = (name: FieldName, value: string) => {
    if (!form || !appointment || !editable) return;
    const next = { ...form, [name]: value };
    setForm(next);
    setNotice(null);
    renewOnActivity();
    if (changedFields(toForm(appointment), next).length > 0) keep(next, appointment);
    else clearDraft(localStorage, user.id, id);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || !appointment || !lock || !editable) return;
    setSaving(true);
    state.current.saving = true;
    setError(null);
    setNotice(null);
    try {
      const saved = await updateAppointment(id, fromForm(form, appointment), appointment.version, lock.fencingToken);
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
        keep(form, appointment);
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
    keep(merged.form, appointment);
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
    state.current.appointment = conflict;
    setAppointment(conflict);
    setForm(toForm(conflict));
    setConflict(null);
    setNotice(`Showing version ${conflict.version}. Your edits were dropped.`);
  }

  function reapplyMine() {
    if (!conflict || !appointment || !form) return;
    const merged = reapply(toForm(conflict), toForm(appointment), form);
    state.current.appointment = conflict;
    setAppointment(conflict);
    setForm(merged.form);
    setConflict(null);
    keep(merged.form, conflict);
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
      {offer && <DraftOffer draft={offer} version={appointment?.version} onRestore={restore} onDiscard={discard} />}
      {conflict && appointment && <ConflictPanel base={appointment} theirs={conflict} mine={form} onReload={reload} onReapply={reapplyMine} />}
      <div role="alert" className="error">{error}</div>

      <div className="editor-layout">
        {shown ? (
          <form ref={formRef} className="card form-grid" onSubmit={save} noValidate aria-label="Appointment"
            onBlur={() => carets.onLeave(formRef.current)}>
            <AppointmentFields form={shown} onChange={change} readOnly={!editable} remote={carets.remote} onCaret={onCaret} />
            <div className="span2 actions">
              <span role="status" className="save-status">{notice ?? (dirty ? "Unsaved changes" : "")}</span>
              {holding && <button type="submit" className="primary" disabled={!editable || saving || Boolean(conflict)}>Save</button>}
            </div>
          </form>
        ) : <p className="card">Loading…</p>}
        <aside className="side">
          <Viewers viewers={viewers} me={user.id} />
          {user.role === "admin" && <HandOver id={id} lock={lock} user={user} announce={announce} />}
          {appointment && <History id={id} refresh={historyVersion} />}
        </aside>
      </div>
    </main>
  );
}
