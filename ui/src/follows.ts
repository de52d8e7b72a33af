// Which appointments this tab follows on the hub, and how: `subscribe` while some screen has it open
// (listed as viewing: presence), `watch` while only lists show it. Counts per id, so two screens that
// follow one appointment share a subscription; each change answers the hub call that brings the
// service in line, or null when none is needed.

export type FollowCall = ["subscribe" | "watch" | "unsubscribe", string];

export class Follows {
  private readonly counts = new Map<string, { viewing: number; watching: number }>();

  add(id: string, viewing: boolean): FollowCall | null {
    const entry = this.counts.get(id) ?? { viewing: 0, watching: 0 };
    const before = this.counts.has(id) ? mode(entry) : null;
    if (viewing) entry.viewing++;
    else entry.watching++;
    this.counts.set(id, entry);
    return before === mode(entry) ? null : [mode(entry), id];
  }

  remove(id: string, viewing: boolean): FollowCall | null {
    const entry = this.counts.get(id);
    if (!entry) return null;
    const before = mode(entry);
    if (viewing) entry.viewing = Math.max(0, entry.viewing - 1);
    else entry.watching = Math.max(0, entry.watching - 1);
    if (entry.viewing + entry.watching === 0) {
      this.counts.delete(id);
      return ["unsubscribe", id];
    }
    return before === mode(entry) ? null : [mode(entry), id];
  }

  /** What to call after a (re)connect: groups do not survive one. */
  replay(): FollowCall[] {
    return [...this.counts].map(([id, entry]) => [mode(entry), id]);
  }
}

function mode(entry: { viewing: number }): "subscribe" | "watch" {
  return entry.viewing > 0 ? "subscribe" : "watch";
}
