import type { Lock } from "../api";
import { badgeFor } from "../lockState";

export function LockBadge({ lock, me, now }: { lock: Lock | null | undefined; me: string; now: number }) {
  // undefined: the hub has not said yet (connecting, or the subscription is on its way).
  if (lock === undefined) return <span className="badge free">Checking…</span>;
  const badge = badgeFor(lock, me, now);
  if (!badge) return <span className="badge free">Free</span>;
  return (
    <span className={`badge ${badge.kind}`}>
      <span className="badge-label">{badge.label}</span> <span className="badge-time">· {badge.timeLeft}</span>
    </span>
  );
}
