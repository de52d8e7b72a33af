import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api";
import { daysOf, firstDay, formatClock, formatDayKey, holdLeft, localDay, slotChange, slotsOn } from "../booking";
import { bookSlot, cancelBooking, confirmBooking, holdSlot, type Booking, type Slot } from "../bookingApi";
import { useCatalog, useMyBookings, useSlotFeed } from "../bookingFeeds";
import { useNow } from "../live";
import { bookingChanges, currentHold, IntentKeys, isActive, mayRetry } from "../myBookings";
import { usePage } from "../page";
import { observeServerTime, serverNow } from "../serverClock";
import { FindTime } from "./FindTime";
import { HoldPanel } from "./HoldPanel";
import { MyBookingsList } from "./MyBookingsList";
import { SlotList } from "./SlotList";

// After these refusals what the page shows is out of date: read it again.
const staleSlots = new Set(["slot_full", "slot_unavailable", "hold_expired", "not_found"]);
const staleBookings = new Set(["hold_expired", "invalid_transition", "booking_conflict", "not_found"]);

/** A patient books: specialty → doctor → day → a time, held then confirmed, or booked at once. */
export function BookPage({ announce }: { announce: (text: string) => void }) {
  const heading = usePage("Book an appointment");
  const { catalog, error: catalogError } = useCatalog();
  const [specialtyId, setSpecialtyId] = useState("");
  const [doctorId, setDoctorId] = useState("");
  const [day, setDay] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const working = useRef(false);
  const intents = useRef(new IntentKeys());
  const holdHeading = useRef<HTMLHeadingElement>(null);
  const focusHold = useRef(false);
  const warned = useRef<string | null>(null);
  const ended = useRef<string | null>(null);
  const now = useNow(true);

  const doctorsById = useMemo(() => new Map((catalog?.doctors ?? []).map((d) => [d.id, d])), [catalog]);
  const describe = (b: Booking) =>
    `${formatDayKey(localDay(b.startTime))}, ${formatClock(b.startTime)} with ${doctorsById.get(b.doctorId)?.name ?? "your doctor"}`;
  const tell = (text: string) => {
    setNotice(text);
    announce(text);
  };

  const bookingsFeed = useMyBookings((before, after) => {
    const sentences = bookingChanges(before, after, describe);
    if (sentences.length > 0) tell(sentences.join(" "));
  });
  // The patient's own bookings are told by the bookings feed; here, what others did.
  const slotFeed = useSlotFeed(doctorId, (before, after, own) => {
    const text = own ? null : slotChange(before, after, Date.now());
    if (text) announce(text);
  });

  const doctor = doctorsById.get(doctorId);
  const days = slotFeed.slots ? daysOf(slotFeed.slots, slotFeed.truncated) : [];
  const shownDay = days.includes(day) ? day : firstDay(slotFeed.slots ?? [], days, now);
  // Pinned once chosen, so the day does not jump while its last seats go.
  useEffect(() => {
    if (shownDay !== day) setDay(shownDay);
  }, [shownDay, day]);

  const bookings = bookingsFeed.bookings;
  const hold = currentHold(bookings);
  const msLeft = hold ? holdLeft(hold, serverNow(now)) : 0;
  const mine = new Map((bookings ?? []).filter(isActive).map((b) => [b.slotId, b]));

  useEffect(() => {
    if (hold && focusHold.current) {
      focusHold.current = false;
      holdHeading.current?.focus();
    }
  }, [hold?.id]);

  useEffect(() => {
    if (!hold) return;
    if (msLeft > 0 && msLeft <= 60_000 && warned.current !== hold.id) {
      warned.current = hold.id;
      announce(`Less than a minute left to confirm your booking: ${describe(hold)}.`);
    }
    // Our clock says the hold is over: the service says whether it is (the hub tells it too).
    if (msLeft <= 0 && ended.current !== hold.id) {
      ended.current = hold.id;
      void bookingsFeed.reload();
    }
  });

  async function act(work: () => Promise<void>) {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work. Please try again.");
      const code = err instanceof ApiError ? (err.code ?? "") : "";
      if (staleSlots.has(code)) slotFeed.reload();
      if (staleBookings.has(code)) void bookingsFeed.reload();
    } finally {
      working.current = false;
      setBusy(false);
    }
  }

  const holdSeat = (slot: Slot) => act(async () => {
    const held = await holdSlot(slot.id);
    observeServerTime(held.createdAt); // the service's now: the hold's countdown runs on it
    setReason("");
    focusHold.current = true;
    await bookingsFeed.reload();
  });

  const bookNow = (slot: Slot) => act(async () => {
    let booked: Booking;
    try {
      booked = await bookSlot(slot.id, intents.current.keyFor(slot.id));
    } catch (err) {
      if (!(err instanceof ApiError) || !mayRetry(err.status)) {
        intents.current.settle(slot.id);
        throw err;
      }
      // No answer: perhaps only the answer got lost, so ask the service. If it did not book,
      // clicking again is the same intention, sent with the same key.
      if ((await bookingsFeed.reload())?.some((b) => b.slotId === slot.id && b.status === "CONFIRMED")) {
        intents.current.settle(slot.id);
        return;
      }
      throw err;
    }
    intents.current.settle(slot.id);
    observeServerTime(booked.createdAt);
    await bookingsFeed.reload();
  });

  const confirm = (id: string) => act(async () => {
    try {
      await confirmBooking(id, reason.trim() || undefined);
    } catch (err) {
      // A retry whose first answer was lost: the hold is confirmed already.
      if (err instanceof ApiError && err.code === "invalid_transition"
        && (await bookingsFeed.reload())?.find((b) => b.id === id)?.status === "CONFIRMED") return;
      throw err;
    }
    setReason("");
    await bookingsFeed.reload();
  });

  const cancel = (b: Booking) => act(async () => {
    await cancelBooking(b.id);
    await bookingsFeed.reload();
  });

  function chooseSpecialty(id: string) {
    setSpecialtyId(id);
    const list = (catalog?.doctors ?? []).filter((d) => !id || d.specialtyId === id);
    setDoctorId(list.length === 1 ? list[0].id : list.some((d) => d.id === doctorId) ? doctorId : "");
    setDay("");
  }

  const alert = [error, catalogError, slotFeed.error, bookingsFeed.error].filter(Boolean).join(" ");

  let times;
  if (!catalog) times = <p className="muted">Loading doctors…</p>;
  else if (!doctor && specialtyId && !catalog.doctors.some((d) => d.specialtyId === specialtyId)) {
    times = <p className="empty">No doctor offers {catalog.specialties.find((sp) => sp.id === specialtyId)?.name ?? "this specialty"} yet. Choose another specialty.</p>;
  } else if (!doctor) times = <p className="empty">Choose a doctor to see their times.</p>;
  else if (!slotFeed.slots) times = slotFeed.error ? null : <p className="muted">Loading times…</p>;
  else if (days.length === 0) times = <p className="empty">{doctor.name} has no times in the next four weeks. Choose another doctor, or look again later.</p>;
  else times = (
    <>
      <SlotList slots={slotsOn(slotFeed.slots, shownDay)} now={now} mine={mine} busy={busy} onHold={holdSeat} onBook={bookNow} />
      {slotFeed.truncated && <p className="book-hint">{doctor.name} has more times later on; book these first or look again later.</p>}
    </>
  );

  return (
    <main className="page book">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Book an appointment</h1>
      </div>
      <div role="alert" className="error">{alert}</div>
      <div className="book-layout">
        <div className="book-main">
          <FindTime catalog={catalog} specialtyId={specialtyId} doctorId={doctorId} days={days} day={shownDay}
            onSpecialty={chooseSpecialty} onDoctor={(id) => { setDoctorId(id); setDay(""); }} onDay={setDay} />
          <section className="times" aria-labelledby="times-heading">
            <h2 id="times-heading">{doctor && shownDay ? `Times on ${formatDayKey(shownDay)}` : "Times"}</h2>
            {times}
          </section>
        </div>
        <div className="book-side">
          {notice && <p className="notice book-notice">{notice}</p>}
          {hold && (
            <HoldPanel what={describe(hold)} msLeft={msLeft} reason={reason} onReason={setReason} busy={busy}
              onConfirm={() => confirm(hold.id)} onRelease={() => cancel(hold)} heading={holdHeading} />
          )}
          <MyBookingsList bookings={bookings} now={now} msLeft={(b) => holdLeft(b, serverNow(now))} describe={describe}
            busy={busy} onCancel={cancel} />
        </div>
      </div>
    </main>
  );
}
