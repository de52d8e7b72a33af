// Typed calls for doctors' slots and their bookings (API.md, "Booking").
import { call } from "./api";
import type { BookingStatus } from "./bookingStatus";

export interface Doctor {
  id: string;
  name: string;
  specialtyId: string;
  specialtyName?: string | null;
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

export interface Booking {
  id: string;
  slotId: string;
  doctorId: string;
  patientId: string;
  seats: number;
  status: BookingStatus;
  startTime: string;
  endTime: string;
  expiresAt?: string | null;
  reasonForVisit?: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Weekday = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";

/** Index 0 is Sunday, as weekdayOf (zonedTime.ts) and .NET count. */
export const weekdays: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export interface SlotPattern {
  doctorId: string;
  fromDate: string;
  toDate: string;
  daysOfWeek: Weekday[];
  dayStart: string;
  dayEnd: string;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  timeZone: string;
}

const id = (value: string) => encodeURIComponent(value);

export const listDoctors = () => call<Doctor[]>("GET", "/api/doctors");

export const getDoctor = (doctorId: string) => call<Doctor>("GET", `/api/doctors/${id(doctorId)}`);

export function listSlots(doctorId: string, from: string, to: string): Promise<{ items: Slot[] }> {
  const params = new URLSearchParams({ doctorId, from, to });
  return call("GET", `/api/slots?${params}`);
}

export const generateSlots = (pattern: SlotPattern) => call<{ created: number; skipped: number }>("POST", "/api/slots/bulk", pattern);

export const setSlotAvailability = (slotId: string, isAvailable: boolean) =>
  call<Slot>("PUT", `/api/slots/${id(slotId)}/availability`, { isAvailable });

export const deleteSlot = (slotId: string) => call<void>("DELETE", `/api/slots/${id(slotId)}`);

export const slotBookings = (slotId: string) => call<Booking[]>("GET", `/api/bookings/slot/${id(slotId)}`);

export const getBooking = (bookingId: string) => call<Booking>("GET", `/api/bookings/${id(bookingId)}`);

export const changeBookingStatus = (bookingId: string, status: BookingStatus) =>
  call<Booking>("PUT", `/api/bookings/${id(bookingId)}/status`, { status });

export const getSlot = (slotId: string) => call<Slot>("GET", `/api/slots/${id(slotId)}`);
