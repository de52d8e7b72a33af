import { useState, type FormEvent } from "react";
import { ApiError, createAppointment, type Gender } from "../api";
import { usePage } from "../page";
import { Link, navigate } from "../router";
import { localDateTimeToInstant } from "../time";

const empty = { title: "", patientName: "", dateOfBirth: "", gender: "unknown" as Gender, phone: "", doctorName: "", startTime: "", endTime: "", note: "" };

export function CreateAppointment() {
  const heading = usePage("New appointment");
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createAppointment({
        title: form.title,
        patientName: form.patientName,
        dateOfBirth: form.dateOfBirth,
        gender: form.gender,
        phone: form.phone || null,
        doctorName: form.doctorName || null,
        note: form.note || null,
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
        <div className="field span2"><label htmlFor="title">Title</label><input id="title" required value={form.title} onChange={set("title")} /></div>
        <div className="field"><label htmlFor="patientName">Patient name</label><input id="patientName" required value={form.patientName} onChange={set("patientName")} /></div>
        <div className="field"><label htmlFor="dateOfBirth">Date of birth</label><input id="dateOfBirth" type="date" required value={form.dateOfBirth} onChange={set("dateOfBirth")} /></div>
        <div className="field">
          <label htmlFor="gender">Gender</label>
          <select id="gender" value={form.gender} onChange={set("gender")}>
            <option value="female">Female</option>
            <option value="male">Male</option>
            <option value="other">Other</option>
            <option value="unknown">Not stated</option>
          </select>
        </div>
        <div className="field"><label htmlFor="phone">Phone</label><input id="phone" type="tel" value={form.phone} onChange={set("phone")} /></div>
        <div className="field span2"><label htmlFor="doctorName">Doctor</label><input id="doctorName" value={form.doctorName} onChange={set("doctorName")} /></div>
        <div className="field"><label htmlFor="startTime">Start</label><input id="startTime" type="datetime-local" required value={form.startTime} onChange={set("startTime")} /></div>
        <div className="field"><label htmlFor="endTime">End</label><input id="endTime" type="datetime-local" required value={form.endTime} onChange={set("endTime")} /></div>
        <div className="field span2"><label htmlFor="note">Note</label><textarea id="note" rows={3} value={form.note} onChange={set("note")} /></div>
        <div role="alert" className="error span2">{error}</div>
        <div className="span2 actions"><button type="submit" className="primary" disabled={busy}>Create appointment</button></div>
      </form>
    </main>
  );
}
