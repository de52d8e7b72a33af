// Typed calls to the Locking API (docs/API.md). Every failure is an ApiError carrying a sentence.
import { sentenceFor, type Problem } from "./errors";
import { observeServerTime } from "./serverClock";

export type Role = "admin" | "staff" | "doctor" | "patient";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  doctorId?: string | null;
}

export interface Session {
  token: string;
  /** Milliseconds since the epoch, by this browser's clock. */
  expiresAt: number;
  user: User;
}

export interface PendingRequest {
  kind: "control" | "force-release";
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  deadline: string;
}

export interface Lock {
  appointmentId: string;
  lockedBy: string;
  lockedByName: string;
  acquiredAt: string;
  lastActivityAt: string;
  expiresAt: string;
  fencingToken: number;
  pendingRequest: PendingRequest | null;
}

export interface LockUpdate {
  appointmentId: string;
  locked: boolean;
  lock: Lock | null;
}

export type Gender = "female" | "male" | "other" | "unknown";

export interface AppointmentFields {
  title: string;
  patientName: string;
  dateOfBirth: string;
  gender: Gender;
  phone?: string | null;
  address?: string | null;
  doctorName?: string | null;
  note?: string | null;
  description?: string | null;
  startTime: string;
  endTime: string;
}

export interface Appointment extends AppointmentFields {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string | undefined,
    sentence: string,
  ) {
    super(sentence);
  }
}

const storageKey = "locking.session";
let session: Session | null = load();
let onExpired: () => void = () => {};

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    const parsed = raw ? (JSON.parse(raw) as Session) : null;
    return parsed && parsed.expiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  return session;
}

/** Called once by the app: what to do when the service no longer accepts the token. */
export function onSessionExpired(handler: () => void): void {
  onExpired = handler;
}

export function signOut(): void {
  session = null;
  sessionStorage.removeItem(storageKey);
}

/** The headers of an API call: JSON, and the session's token when signed in. */
function apiHeaders(withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (withBody) headers["Content-Type"] = "application/json";
  if (session) headers.Authorization = `Bearer ${session.token}`;
  return headers;
}

/** One API call (with any headers of its own, e.g. Idempotency-Key); a failure throws an ApiError carrying the sentence to show. */
export async function call<T>(method: string, path: string, body?: unknown, context?: "login", extraHeaders?: Record<string, string>): Promise<T> {
  const headers = { ...apiHeaders(body !== undefined), ...extraHeaders };
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(null, undefined, sentenceFor(null));
  }
  observeServerTime(response.headers.get("Date"));
  if (response.ok) {
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  let problem: Problem | null = null;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = null;
  }
  if (response.status === 401 && session && context !== "login") {
    signOut();
    onExpired();
  }
  throw new ApiError(response.status, problem?.code, sentenceFor(response.status, problem, context));
}

export async function signIn(email: string, password: string): Promise<Session> {
  const answer = await call<{ accessToken: string; expiresIn: number; user: User }>(
    "POST", "/api/auth/login", { email, password }, "login");
  session = { token: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user };
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  return session;
}

export const me = () => call<User>("GET", "/api/auth/me");

export interface AppointmentQuery {
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function listAppointments(query: AppointmentQuery): Promise<Page<Appointment>> {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) });
  if (query.q) params.set("q", query.q);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  return call("GET", `/api/appointments?${params}`);
}

export const getAppointment = (id: string) => call<Appointment>("GET", `/api/appointments/${encodeURIComponent(id)}`);

export interface HistoryEntry {
  at: string;
  userId: string;
  userName: string;
  action: string;
  version: number;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export const appointmentHistory = (id: string) => call<HistoryEntry[]>("GET", `/api/appointments/${encodeURIComponent(id)}/history`);

export const createAppointment = (fields: AppointmentFields) => call<Appointment>("POST", "/api/appointments", fields);

export const lockStatus = (id: string) => call<LockUpdate>("GET", `/api/appointments/${encodeURIComponent(id)}/lock-status`);

/** Whether the page was served with the demo accounts switched on (Development with demo data). */
export function demoAccountsShown(): boolean {
  return document.querySelector('meta[name="locking-demo-accounts"]')?.getAttribute("content") === "on";
}
