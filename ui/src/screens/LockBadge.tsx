import type { Lock } from "../api";
import { badgeFor } from "../lockState";

export function LockBadge({ lock, me, now }: { lock: Lock | null | undefined; me: string; now: number }) {
  const badge = badgeFor(lock, me, now);
  if (!badge) return <span className="badge free">Free</span>;
  return (
    <span className={`badge ${badge.kind}`}>
      <span className="badge-label">{badge.label}</span> <span className="badge-time">· {badge.timeLeft}</span>
    </span>
  );
}
