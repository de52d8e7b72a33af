// Typed calls for booking (docs/API.md, "Booking"): specialties, doctors, slots, holds and bookings.
import { call } from "./api";
import type { Booking } from "./slotsApi";

export interface Specialty {
  id: string;
  name: string;
  description?: string | null;
}

// Doctors, slots and bookings are the same records the slots screen shows.
export type { Booking, Doctor, Slot } from "./slotsApi";
export type { BookingStatus } from "./bookingStatus";
export { listDoctors, listSlots } from "./slotsApi";

/** The most slots one list answers with; a full answer may leave later slots out. */
export const slotsLimit = 500;

const id = (value: string) => encodeURIComponent(value);

export const listSpecialties = () => call<Specialty[]>("GET", "/api/specialties");

/** A PENDING booking holding one seat until its `expiresAt`. */
export const holdSlot = (slotId: string) => call<Booking>("POST", `/api/slots/${id(slotId)}/hold`, { seats: 1 });

/**
 * One seat, CONFIRMED in one step. The key names one intention of the user: sent again on a
 * retry, the service answers with the first booking instead of making a second.
 */
export const bookSlot = (slotId: string, idempotencyKey: string, reasonForVisit?: string) =>
  call<Booking>("POST", "/api/bookings", { slotId, seats: 1, reasonForVisit }, undefined, { "Idempotency-Key": idempotencyKey });

export const confirmBooking = (bookingId: string, reasonForVisit?: string) =>
  call<Booking>("POST", `/api/bookings/${id(bookingId)}/confirm`, { reasonForVisit });

/** Cancels a booking or releases a hold; its seat goes back to the slot. */
export const cancelBooking = (bookingId: string) => call<void>("DELETE", `/api/bookings/${id(bookingId)}`);

export const myBookings = () => call<Booking[]>("GET", "/api/bookings/my-bookings");
