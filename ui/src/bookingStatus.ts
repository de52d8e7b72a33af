// The booking lifecycle of API.md, as the doctor's and admin's buttons offer it:
// PENDING → CONFIRMED → IN_PROGRESS → COMPLETED; CONFIRMED → NO_SHOW; PENDING|CONFIRMED → CANCELLED;
// PENDING → EXPIRED happens by itself. The server decides (409 invalid_transition); this only
// keeps buttons for moves it would refuse off the screen.

export type BookingStatus = "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "NO_SHOW" | "CANCELLED" | "EXPIRED";

export interface Transition {
  to: BookingStatus;
  /** The button's name: what pressing it does. */
  action: string;
}

const moves: Record<BookingStatus, Transition[]> = {
  PENDING: [{ to: "CONFIRMED", action: "Confirm" }, { to: "CANCELLED", action: "Cancel" }],
  CONFIRMED: [{ to: "IN_PROGRESS", action: "Start" }, { to: "NO_SHOW", action: "No-show" }, { to: "CANCELLED", action: "Cancel" }],
  IN_PROGRESS: [{ to: "COMPLETED", action: "Complete" }],
  COMPLETED: [],
  NO_SHOW: [],
  CANCELLED: [],
  EXPIRED: [],
};

/** The status changes a doctor or admin may make from `status`, in the order shown. */
export function transitionsFrom(status: BookingStatus): readonly Transition[] {
  return moves[status] ?? [];
}

const labels: Record<BookingStatus, string> = {
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  NO_SHOW: "No-show",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

export function statusLabel(status: BookingStatus): string {
  return labels[status] ?? status;
}

/** Whether a booking in this status still takes seats (a hold counts until it expires). */
export function holdsSeats(status: BookingStatus): boolean {
  return status !== "CANCELLED" && status !== "EXPIRED";
}
