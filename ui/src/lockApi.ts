// The edit-lock and hand-over routes (docs/API.md, "Appointment edit locks"), and the fenced write.
import { apiHeaders, call, type Appointment, type AppointmentFields, type Lock } from "./api";

const at = (id: string, route: string) => `/api/appointments/${encodeURIComponent(id)}/${route}`;

export interface HistoryEntry {
  at: string;
  userId: string;
  userName: string;
  action: string;
  version: number;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export const acquireLock = (id: string) => call<Lock>("POST", at(id, "acquire-lock"));
export const renewLock = (id: string) => call<Lock>("POST", at(id, "renew-lock"));
export const releaseLock = (id: string) => call<void>("DELETE", at(id, "release-lock"));

/** A release that still reaches the service while the tab closes (fetch keepalive). */
export function releaseLockOnExit(id: string): void {
  void fetch(at(id, "release-lock"), { method: "DELETE", headers: apiHeaders(false), keepalive: true }).catch(() => {});
}

export const updateAppointment = (id: string, fields: AppointmentFields, version: number, fencingToken: number) =>
  call<Appointment>("PUT", `/api/appointments/${encodeURIComponent(id)}`, { ...fields, version, fencingToken });

export const history = (id: string) => call<HistoryEntry[]>("GET", at(id, "history"));

export const requestControl = (id: string) => call<void>("POST", at(id, "request-control"));
export const requestRelease = (id: string) => call<void>("POST", at(id, "force-release-lock-request"));
export const takeover = (id: string) => call<Lock>("POST", at(id, "takeover"));
export const forceRelease = (id: string) => call<void>("DELETE", at(id, "force-release-lock"));
export const approveControl = (id: string) => call<Lock>("POST", at(id, "approve-request-control"));
export const approveRelease = (id: string) => call<void>("POST", at(id, "force-release-lock-approve"));
/** Turns down either kind of request (control or release). */
export const rejectRequest = (id: string) => call<void>("POST", at(id, "reject-request-control"));

export const listLocks = () => call<{ items: Lock[] }>("GET", "/api/locks");
