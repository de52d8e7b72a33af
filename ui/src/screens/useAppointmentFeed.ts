// One appointment as the editor shows it: read once when the page opens, then kept current from
// the hub (saves, deletion, who is viewing), and read again after a reconnect.
import { useEffect, useRef } from "react";
import { ApiError, getAppointment, type Appointment } from "../api";
import { useLive } from "../live";
import { notShown } from "./useEditLock";

export interface AppointmentFeedEvents {
  /** The appointment as it is when the page opens. */
  read: (appointment: Appointment) => void;
  /** A version saved elsewhere (or read again after a reconnect). */
  saved: (appointment: Appointment) => void;
  missing: () => void;
  error: (message: string) => void;
  viewers: (viewers: { userId: string; userName: string }[]) => void;
}

export function useAppointmentFeed(id: string, events: AppointmentFeedEvents): void {
  const live = useLive();
  const on = useRef(events);
  on.current = events;

  useEffect(() => {
    let current = true;
    getAppointment(id).then(
      (a) => current && on.current.read(a),
      (err) => {
        if (!current) return;
        if (notShown(err)) on.current.missing();
        else on.current.error(err instanceof ApiError ? err.message : "The appointment could not be loaded.");
      },
    );
    const offs = [
      live.on<{ appointment?: Appointment; id?: string; deleted?: boolean }>("update-appointments", (e) => {
        if (e.deleted && e.id === id) on.current.missing();
        else if (e.appointment?.id === id) on.current.saved(e.appointment);
      }),
      live.on<{ appointmentId: string; viewers: { userId: string; userName: string }[] }>("presence-update", (e) => {
        if (e.appointmentId === id) on.current.viewers(e.viewers);
      }),
      // Saves missed while disconnected are not replayed: read the appointment again.
      live.onResync(() => {
        getAppointment(id).then((a) => on.current.saved(a), (err) => notShown(err) && on.current.missing());
      }),
    ];
    return () => {
      current = false;
      offs.forEach((off) => off());
    };
  }, [live, id]);
}
