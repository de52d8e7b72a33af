import { useState, type FormEvent } from "react";
import { ApiError, createAppointment, type Gender } from "../api";
import type { EditorForm, FieldName } from "../editor";
import { usePage } from "../page";
import { Link, navigate } from "../router";
import { localDateTimeToInstant } from "../time";
import { AppointmentFields } from "./AppointmentFields";

const empty: EditorForm = {
  title: "", patientName: "", dateOfBirth: "", gender: "unknown", phone: "", address: "", doctorName: "",
  startTime: "", endTime: "", note: "", description: "",
};

export function CreateAppointment() {
  const heading = usePage("New appointment");
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: FieldName, value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createAppointment({
        title: form.title,
        patientName: form.patientName,
        dateOfBirth: form.dateOfBirth,
        gender: form.gender as Gender,
        phone: form.phone || null,
        address: form.address || null,
        doctorName: form.doctorName || null,
        note: form.note || null,
        description: form.description || null,
        startTime: localDateTimeToInstant(form.startTime) ?? "",
        endTime: localDateTimeToInstant(form.endTime) ?? "",
      });
      navigate(`/appointments/${created.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The appointment could not be created.");
      setBusy(false);
    }
  }

  return (
    <main className="page narrow">
      <p><Link href="/">← All appointments</Link></p>
      <h1 ref={heading} tabIndex={-1}>New appointment</h1>
      <form className="card form-grid" onSubmit={submit} noValidate>
        <AppointmentFields form={form} onChange={set} />
        <div role="alert" className="error span2">{error}</div>
        <div className="span2 actions"><button type="submit" className="primary" disabled={busy}>Create appointment</button></div>
      </form>
    </main>
  );
}
