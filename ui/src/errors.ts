// Every failure the user sees is a sentence: codes from the API (docs/API.md) map to plain words.

const byCode: Record<string, string> = {
  unauthorized: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
  not_lock_holder: "Only the person editing this appointment can do that.",
  not_found: "That could not be found. It may have been deleted.",
  no_lock: "Nobody is editing this appointment any more.",
  lock_held: "Someone else is editing this appointment.",
  version_conflict: "Someone changed this appointment after you opened it.",
  stale_lock_token: "You no longer hold the edit lock on this appointment.",
  no_pending_request: "There is no request waiting for an answer.",
  already_lock_holder: "You are already editing this appointment.",
  request_pending: "Another request is already waiting for the holder's answer.",
  slot_full: "That time has just been fully booked.",
  slot_unavailable: "That time can no longer be booked.",
  slot_overlap: "The doctor already has a slot at that time.",
  slot_has_bookings: "That slot still has bookings.",
  booking_conflict: "You already have a booking at that time.",
  hold_expired: "Your hold on that seat has run out.",
  invalid_transition: "A booking in that state cannot be changed that way.",
  email_taken: "An account with that email already exists.",
  lock_required: "Take the edit lock before saving.",
  rate_limited: "Too many attempts. Please wait a moment and try again.",
};

const byStatus: Record<number, string> = {
  400: "Some of what you entered is not valid.",
  401: byCode.unauthorized,
  403: byCode.forbidden,
  404: byCode.not_found,
  409: "That clashes with a change someone else made. Reload and try again.",
  423: byCode.lock_required,
  429: byCode.rate_limited,
};

/** The problem body the API sends (RFC 9457 with `code`, and `errors` for validation). */
export interface Problem {
  status?: number;
  code?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** Field names as the API spells them, in words people use. */
const fieldNames: Record<string, string> = {
  title: "Title",
  patientName: "Patient name",
  dateOfBirth: "Date of birth",
  gender: "Gender",
  startTime: "Start",
  endTime: "End",
  phone: "Phone",
  address: "Address",
  doctorName: "Doctor",
  note: "Note",
  description: "Description",
  version: "Version",
  fencingToken: "Fencing token",
  email: "Email",
  password: "Password",
  fromDate: "From date",
  toDate: "To date",
  daysOfWeek: "Days of week",
  dayStart: "Day starts at",
  dayEnd: "Day ends at",
  slotMinutes: "Slot length",
  bufferMinutes: "Break",
  capacity: "Seats",
  timeZone: "Time zone",
  reasonForVisit: "Reason",
  slotId: "Time",
  seats: "Seats",
};

/** A validation message in the words of the form: ASP.NET's length messages say so plainly. */
function plainWords(field: string, message: string): string {
  const label = fieldNames[field];
  const max = /maximum length of '(\d+)'/.exec(message);
  if (label && max) return `${label}: at most ${max[1]} characters.`;
  const min = /minimum length of '1'/.test(message) || /field is required/.test(message);
  if (label && min) return `${label}: required.`;
  return label && !message.toLowerCase().startsWith(field.toLowerCase()) ? `${label}: ${message}` : message;
}

function ensureSentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + ".";
}

/** A sentence for a failed call: status, problem body or nothing at all (network failure). */
export function sentenceFor(status: number | null, problem?: Problem | null, context?: "login"): string {
  if (status === null) return "The service cannot be reached. Check the connection and try again.";
  if (context === "login" && status === 401) return "That email and password do not match an account.";
  if (problem?.code === "validation_failed" || (status === 400 && problem?.errors)) {
    const messages = Object.entries(problem?.errors ?? {}).flatMap(([field, list]) => list.map((m) => plainWords(field, m)));
    if (messages.length > 0) return "Please check the form. " + messages.map(ensureSentence).join(" ");
    return byStatus[400];
  }
  if (problem?.code && byCode[problem.code]) return byCode[problem.code];
  if (byStatus[status]) return byStatus[status];
  if (status >= 500) return "Something went wrong on the server. Please try again in a moment.";
  return "That did not work. Please try again.";
}
