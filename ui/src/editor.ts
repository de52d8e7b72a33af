// The editor's logic, apart from React: form values, what changed, re-applying edits onto a newer
// version, the draft kept in this browser, and when activity renews the lease.
import type { Appointment, AppointmentFields, Gender } from "./api";
import { localDateTimeToInstant } from "./time";

export type FieldName =
  | "title" | "patientName" | "dateOfBirth" | "gender" | "phone" | "address"
  | "doctorName" | "startTime" | "endTime" | "note" | "description";

export type FieldKind = "text" | "date" | "datetime" | "gender" | "tel" | "textarea";

export interface FieldSpec {
  name: FieldName;
  label: string;
  kind: FieldKind;
  required?: boolean;
  wide?: boolean;
  /** The service's limit (docs/API.md): the input stops there instead of a refused save. */
  maxLength?: number;
}

/** Every appointment field, in the order the form shows them. */
export const fields: readonly FieldSpec[] = [
  { name: "title", label: "Title", kind: "text", required: true, wide: true, maxLength: 200 },
  { name: "patientName", label: "Patient name", kind: "text", required: true, maxLength: 200 },
  { name: "dateOfBirth", label: "Date of birth", kind: "date", required: true },
  { name: "gender", label: "Gender", kind: "gender" },
  { name: "phone", label: "Phone", kind: "tel", maxLength: 50 },
  { name: "address", label: "Address", kind: "text", wide: true, maxLength: 500 },
  { name: "doctorName", label: "Doctor", kind: "text", wide: true, maxLength: 200 },
  { name: "startTime", label: "Start", kind: "datetime", required: true },
  { name: "endTime", label: "End", kind: "datetime", required: true },
  { name: "note", label: "Note", kind: "textarea", wide: true, maxLength: 4000 },
  { name: "description", label: "Description", kind: "textarea", wide: true, maxLength: 4000 },
];

export const genderLabels: Record<Gender, string> = { female: "Female", male: "Male", other: "Other", unknown: "Not stated" };

/** What the inputs hold: one string per field (datetimes in this browser's local time). */
export type EditorForm = Record<FieldName, string>;

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as an `<input type="datetime-local">` value; seconds only when there are some. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const minutes = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() === 0 ? minutes : `${minutes}:${pad(d.getSeconds())}`;
}

export function toForm(a: AppointmentFields): EditorForm {
  return {
    title: a.title,
    patientName: a.patientName,
    dateOfBirth: a.dateOfBirth,
    gender: a.gender,
    phone: a.phone ?? "",
    address: a.address ?? "",
    doctorName: a.doctorName ?? "",
    startTime: toLocalInput(a.startTime),
    endTime: toLocalInput(a.endTime),
    note: a.note ?? "",
    description: a.description ?? "",
  };
}

/**
 * The body of the write. A field left as it was keeps the stored value exactly (an empty phone stays
 * null, an instant keeps its precision), so the history lists only what the user really changed.
 */
export function fromForm(form: EditorForm, base: Appointment): AppointmentFields {
  const before = toForm(base);
  const optional = (name: FieldName, stored: string | null | undefined) =>
    form[name] === before[name] ? (stored ?? null) : form[name] === "" ? null : form[name];
  const instant = (name: "startTime" | "endTime") =>
    form[name] === before[name] ? base[name] : (localDateTimeToInstant(form[name]) ?? "");
  return {
    title: form.title,
    patientName: form.patientName,
    dateOfBirth: form.dateOfBirth,
    gender: form.gender as Gender,
    phone: optional("phone", base.phone),
    address: optional("address", base.address),
    doctorName: optional("doctorName", base.doctorName),
    note: optional("note", base.note),
    description: optional("description", base.description),
    startTime: instant("startTime"),
    endTime: instant("endTime"),
  };
}

export function changedFields(before: EditorForm, after: EditorForm): FieldName[] {
  return fields.map((f) => f.name).filter((name) => before[name] !== after[name]);
}

export interface Reapplied {
  form: EditorForm;
  /** Fields both sides changed, to different values: mine won, and the user should look. */
  clashes: FieldName[];
}

/** My edits (mine against base) laid over their newer version: a three-way merge per field. */
export function reapply(theirs: EditorForm, base: EditorForm, mine: EditorForm): Reapplied {
  const form = { ...theirs };
  const clashes: FieldName[] = [];
  for (const name of changedFields(base, mine)) {
    if (theirs[name] !== base[name] && theirs[name] !== mine[name]) clashes.push(name);
    form[name] = mine[name];
  }
  return { form, clashes };
}

export const labelOf = (name: FieldName) => fields.find((f) => f.name === name)?.label ?? name;

/** A field's value as people read it, for the lists of changes. */
export function shownValue(name: FieldName, value: string): string {
  if (value === "") return "(empty)";
  if (name === "gender") return genderLabels[value as Gender] ?? value;
  if (name === "startTime" || name === "endTime") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
  return value;
}

/** Typed text that has not been saved, kept in this browser until it is saved or discarded. */
export interface Draft {
  form: EditorForm;
  /** The form as loaded, before the typing: re-applying needs to know what the user changed. */
  base: EditorForm;
  baseVersion: number;
  savedAt: number;
}

const draftKey = (userId: string, appointmentId: string) => `locking.draft.${userId}.${appointmentId}`;

export function saveDraft(store: Storage, userId: string, appointmentId: string, draft: Draft): void {
  try {
    store.setItem(draftKey(userId, appointmentId), JSON.stringify(draft));
  } catch {
    /* storage full or switched off: the form still holds the text */
  }
}

export function loadDraft(store: Storage, userId: string, appointmentId: string): Draft | null {
  try {
    const raw = store.getItem(draftKey(userId, appointmentId));
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && draft.form && draft.base && changedFields(draft.base, draft.form).length > 0 ? draft : null;
  } catch {
    return null;
  }
}

export function clearDraft(store: Storage, userId: string, appointmentId: string): void {
  store.removeItem(draftKey(userId, appointmentId));
}

/** Signing out: none of this user's patient data stays behind in the browser. Returns how many drafts went. */
export function clearDrafts(store: Storage, userId: string): number {
  const prefix = draftKey(userId, "");
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k?.startsWith(prefix) ?? false);
  keys.forEach((k) => store.removeItem(k));
  return keys.length;
}

/**
 * Whether the holder's activity should renew the lease now: once a quarter of the lease has passed
 * since the last renewal, so an active editor never gets near expiry and a typist does not send a
 * call per key.
 */
export function shouldRenew(lastRenewedAt: number, now: number, ttlMs: number): boolean {
  return now - lastRenewedAt >= Math.max(1000, ttlMs / 4);
}

/** Line and column (both from 1) of a caret at `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The character offset of a line and column in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  const l = Math.min(Math.max(1, line), lines.length);
  let offset = 0;
  for (let i = 0; i < l - 1; i++) offset += lines[i].length + 1;
  return offset + Math.min(Math.max(1, column), lines[l - 1].length + 1) - 1;
}
