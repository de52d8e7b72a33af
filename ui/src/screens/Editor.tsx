import { useCallback, useRef, useState, type FormEvent } from "react";
import { ApiError, getAppointment, type Appointment, type User } from "../api";
import {
  changedFields, clearDraft, fromForm, labelOf, loadDraft, reapply, saveDraft, toForm, type Draft, type EditorForm, type FieldName,
} from "../editor";
import { updateAppointment } from "../lockApi";
import { useLive, useLocks, useNow } from "../live";
import { announcement } from "../lockState";
import { usePage } from "../page";
import { Link } from "../router";
import { serverNow } from "../serverClock";
import { AppointmentFields } from "./AppointmentFields";
import { ConflictPanel, DraftOffer, FreeBanner, LockedBanner, NotShown, Viewers } from "./EditorPanels";
import { HandOver } from "./HandOver";
import { History } from "./History";
import { LockBadge } from "./LockBadge";
import { useCaretSharing } from "./useCaretSharing";
import { useAppointmentFeed } from "./useAppointmentFeed";
import { useEditLock } from "./useEditLock";

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
  const [offer, setOffer] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState<Appointment | null>(null);
  const [saving, setSaving] = useState(false);
  // The version this hold edits from is loaded: typing before that would be overwritten by it.
  const [ready, setReady] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [viewers, setViewers] = useState<{ userId: string; userName: string }[]>([]);
  const heading = usePage(appointment?.title ?? "Appointment");
  const formRef = useRef<HTMLFormElement>(null);

  // Read by event handlers, which must see the latest values.
  const state = useRef({ appointment, form, holding: false, saving: false });
  state.current.appointment = appointment;
  state.current.form = form;

  const locks = useLocks([id], true, (_, before, after) => {
    const text = announcement(appointment?.title ?? "This appointment", before, after, user.id);
    if (text) announce(text);
  });
  const lock = locks[id];
  const { holding, lost, tried, take, renewOnActivity } = useEditLock(id, user, lock, {
    // Gaining the lock: load the version this edit starts from, and offer back any kept draft.
    gained: () => {
      setConflict(null);
      getAppointment(id).then((a) => {
        state.current.appointment = a;
        setAppointment(a);
        setForm(toForm(a));
        setOffer(loadDraft(localStorage, user.id, id));
        setReady(true);
      }, (err) => setError(err instanceof ApiError ? err.message : "The appointment could not be loaded."));
    },
    lost: () => {
      setReady(false);
      setOffer(null);
      setConflict(null);
    },
    missing: () => setMissing(true),
    error: setError,
  });
  state.current.holding = holding;
  const editable = holding && ready && !offer;
  const now = useNow(Boolean(lock) || Boolean(offer));
  const dirty = Boolean(holding && form && appointment && changedFields(toForm(appointment), form).length > 0);
  const carets = useCaretSharing(live, id, lock, user.id, editable);

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

  useAppointmentFeed(id, {
    read: setAppointment,
    saved: adopt,
    missing: () => setMissing(true),
    error: setError,
    viewers: setViewers,
  });

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

  /** My edits, made on `base`, put onto `onto` and kept as a draft; `say` words the fields that clashed ("" for none). */
  function putBack(onto: Appointment, base: EditorForm, mine: EditorForm, say: (clashes: string) => string) {
    const merged = reapply(toForm(onto), base, mine);
    state.current.appointment = onto;
    setAppointment(onto);
    setForm(merged.form);
    keep(merged.form, onto);
    setNotice(say(merged.clashes.map(labelOf).join(", ")));
  }

  function restore() {
    if (!offer || !appointment) return;
    setOffer(null);
    putBack(appointment, offer.base, offer.form, (clashes) => clashes
      ? `Your changes are back. These fields were also changed by someone else; yours are shown: ${clashes}.`
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
    setConflict(null);
    putBack(conflict, toForm(appointment), form, (clashes) => clashes
      ? `Your edits are on version ${conflict.version} now; yours replaced theirs in: ${clashes}. Check and save.`
      : `Your edits are on version ${conflict.version} now. Check and save.`);
  }

  if (missing) return <NotShown heading={heading} />;

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
      {lock === null && tried && <FreeBanner onEdit={() => void take()} />}
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
