// Typed calls for booking (docs/API.md, "Booking"): specialties, doctors, slots, holds and bookings.
import { call } from "./api";

export interface Specialty {
  id: string;
  name: string;
  description?: string | null;
}

export interface Doctor {
  id: string;
  name: string;
  specialtyId: string;
  specialtyName: string;
  email?: string | null;
  consultationFee?: number | null;
}

export interface Slot {
  id: string;
  doctorId: string;
  startTime: string;
  endTime: string;
  capacity: number;
  seatsLeft: number;
  isAvailable: boolean;
  createdAt: string;
}

export type BookingStatus = "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "COMPLETED" | "NO_SHOW" | "CANCELLED" | "EXPIRED";

export interface Booking {
  id: string;
  slotId: string;
  doctorId: string;
  patientId: string;
  seats: number;
  status: BookingStatus;
  startTime: string;
  endTime: string;
  /** A hold's deadline, by the server's clock; null once confirmed. */
  expiresAt: string | null;
  reasonForVisit: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The most slots one list answers with; a full answer may leave later slots out. */
export const slotsLimit = 500;

const id = (value: string) => encodeURIComponent(value);

export const listSpecialties = () => call<Specialty[]>("GET", "/api/specialties");

export const listDoctors = () => call<Doctor[]>("GET", "/api/doctors");

/** Every slot of the doctor starting in [from, to), bookable or not, with its seats left. */
export function listSlots(doctorId: string, from: string, to: string): Promise<{ items: Slot[] }> {
  const params = new URLSearchParams({ doctorId, from, to });
  return call("GET", `/api/slots?${params}`);
}

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
