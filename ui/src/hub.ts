// One SignalR connection per signed-in tab (docs/REALTIME.md). It reconnects forever, and after
// every (re)connect subscribes again to everything on screen: groups do not survive a reconnect.
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { Follows, type FollowCall } from "./follows";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

/** Waits 0, 1, 2, 4, 8 then 10 s between attempts, and never gives up. */
export function retryDelay(previousRetryCount: number): number {
  return previousRetryCount === 0 ? 0 : Math.min(10_000, 1000 * 2 ** (previousRetryCount - 1));
}

/** docs/REALTIME.md, "Events". */
const serverEvents = [
  "init-appointments", "update-appointments", "lock-update", "lock-acquired", "lock-released", "admin-takeover",
  "cursor-update", "presence-update", "request-control", "force-release-lock-request", "request-control-approved",
  "request-control-rejected", "force-release-lock-approved", "slot-added", "slot-removed", "slot-availability-changed",
  "slot-locked", "slot-unlocked", "new-appointment", "appointment-confirmed", "appointment-cancelled", "appointment-status-changed",
];
const ignore = () => {};

/** Stops following a slot feed when called; `ready` settles once its events flow. */
export type SlotFollow = (() => void) & { ready: Promise<void> };

export class Live {
  private readonly connection: HubConnection;
  private readonly follows = new Follows();
  private readonly lockWatchers = new Set<() => void>();
  /** Doctors whose slot events this tab follows ("" = every doctor's), by how many screens follow them, with the join on its way or done. */
  private readonly slotFeeds = new Map<string, { count: number; ready: Promise<void> }>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  status: LiveStatus = "connecting";

  constructor(token: () => string) {
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/locking", { accessTokenFactory: token })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => retryDelay(c.previousRetryCount) })
      .configureLogging(LogLevel.Warning)
      .build();
    // Every event the service sends, so one no screen listens to right now (a lock-acquired while
    // only lock-update matters) is dropped quietly, not logged as a missing handler.
    for (const event of serverEvents) this.connection.on(event, ignore);
    this.connection.onreconnecting(() => this.setStatus("reconnecting"));
    this.connection.onreconnected(() => this.afterConnect());
    this.connection.onclose(() => {
      if (!this.stopped) this.scheduleStart();
    });
  }

  start(): void {
    this.stopped = false;
    this.connection.start().then(
      () => this.afterConnect(),
      () => this.scheduleStart(),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.connection.stop();
  }

  /** A start that failed, or a connection closed for good: say so, and try again shortly. */
  private scheduleStart(): void {
    this.setStatus("offline");
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => !this.stopped && this.start(), 3000);
  }

  private afterConnect(): void {
    this.setStatus("live");
    for (const call of this.follows.replay()) this.call(call);
    if (this.lockWatchers.size > 0) this.watchLocks();
    for (const [key, feed] of this.slotFeeds) feed.ready = this.invoke("subscribe-slots", key || null);
    // Re-read once the slot feeds flow again: an event between the read and the join would be lost.
    void Promise.all([...this.slotFeeds.values()].map((f) => f.ready)).then(() => this.resyncListeners.forEach((l) => l()));
  }

  private setStatus(status: LiveStatus): void {
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }

  /** Settles (never fails) once the hub answered, or at once while not connected. */
  private invoke(method: string, ...args: unknown[]): Promise<void> {
    if (this.connection.state !== HubConnectionState.Connected) return Promise.resolve(); // afterConnect catches up
    return this.connection.invoke(method, ...args).then(
      () => undefined,
      () => {
        /* a refused or cut-off call: the next reconnect subscribes again */
      },
    );
  }

  /**
   * Follow one appointment's lock events; the returned function stops following it. `viewing`: the
   * screen has it open, so others see this user among its viewers; a list only watches.
   */
  subscribe(appointmentId: string, viewing = true): () => void {
    this.call(this.follows.add(appointmentId, viewing));
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.call(this.follows.remove(appointmentId, viewing));
    };
  }

  private call(call: FollowCall | null): void {
    if (call) void this.invoke(...call);
  }

  /**
   * Admins: every appointment's lock-update, for the live locks page. `subscribed` runs each time the
   * service has confirmed the subscription (after every reconnect too): the moment to read the list,
   * as no change can be missed from then on.
   */
  subscribeLocks(subscribed: () => void): () => void {
    this.lockWatchers.add(subscribed);
    if (this.lockWatchers.size === 1) this.watchLocks();
    else if (this.status === "live") subscribed();
    return () => {
      this.lockWatchers.delete(subscribed);
      if (this.lockWatchers.size === 0) void this.invoke("unsubscribe-locks");
    };
  }

  private watchLocks(): void {
    if (this.connection.state !== HubConnectionState.Connected) return; // afterConnect catches up
    this.connection.invoke("subscribe-locks").then(
      () => this.lockWatchers.forEach((l) => l()),
      () => { /* refused or cut off: the next reconnect subscribes again */ },
    );
  }

  /** A message that needs no answer (a cursor position); dropped while disconnected. */
  send(method: string, ...args: unknown[]): void {
    if (this.connection.state !== HubConnectionState.Connected) return;
    this.connection.send(method, ...args).catch(() => {});
  }

  /**
   * Follow one doctor's slot and booking events (null: every doctor's), replayed after every
   * reconnect like {@link subscribe}; calling the returned function stops following. Its `ready`
   * settles once the events flow, so a read made after it misses no change.
   */
  subscribeSlots(doctorId: string | null): SlotFollow {
    const key = doctorId ?? "";
    let feed = this.slotFeeds.get(key);
    if (feed) feed.count++;
    else this.slotFeeds.set(key, (feed = { count: 1, ready: this.invoke("subscribe-slots", doctorId) }));
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      const current = this.slotFeeds.get(key);
      if (!current || --current.count > 0) return;
      this.slotFeeds.delete(key);
      void this.invoke("unsubscribe-slots", doctorId);
    };
    return Object.assign(stop, { ready: feed.ready });
  }

  on<T>(event: string, handler: (payload: T) => void): () => void {
    this.connection.on(event, handler);
    return () => this.connection.off(event, handler);
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** After every (re)connect: what was missed is not replayed, so re-read it. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }
}
