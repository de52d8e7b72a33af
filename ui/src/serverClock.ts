// The service's clock, as seen from this browser: countdowns to a lease's expiry or a request's
// deadline are server instants, and this machine's clock may be off by minutes.

let offset = 0;
let seen = false;

/**
 * An instant the service has just written (a lease it granted or renewed, a cursor it relayed):
 * the service's clock read at least that, so the offset is at least the difference. The largest
 * difference seen wins; older instants (a lease from ten minutes ago) only ever give smaller ones.
 */
export function observeServerTime(iso: string | null | undefined, local = Date.now()): void {
  const server = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(server)) return;
  const difference = server - local;
  if (!seen || difference > offset) offset = difference;
  seen = true;
}

/** Now on the service's clock, in milliseconds since the epoch. */
export function serverNow(local = Date.now()): number {
  return local + offset;
}

/** For tests: forget what was observed. */
export function resetServerClock(): void {
  offset = 0;
  seen = false;
}
