using System.Collections.Concurrent;

namespace Locking.Infrastructure.Locks;

/// <summary>
/// The in-memory lease table. Every change is one compare-and-swap on a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/> of immutable leases: <c>TryAdd</c> to take a lock
/// never taken before, <c>TryUpdate(key, next, seen)</c> to change or end exactly the lease you saw;
/// a lost race re-reads and decides again. No locks, no global mutex. Ending a lease swaps in its
/// <see cref="Lease.Ended"/> marker rather than removing the key (see there why), so tokens rise
/// strictly per appointment. An expired lease counts as free at once; the sweeper ends and announces it.
/// </summary>
internal sealed class LeaseTable(TimeProvider clock, FencingTokens tokens, LockSettings settings)
{
    private readonly ConcurrentDictionary<Guid, Lease> leases = new();

    // The earliest instant (UTC ticks) at which some lease may expire or a request fall due. Every
    // change that can bring that instant forward lowers it after its swap; the sweep raises it again
    // before it scans, so a sweep with nothing due costs one read instead of a walk of the table.
    private long nextDueTicks = long.MaxValue;

    /// <summary>Live leases (ended and expired ones not counted).</summary>
    public int Count
    {
        get
        {
            var now = clock.GetUtcNow();
            return leases.Count(l => !l.Value.IsExpired(now));
        }
    }

    /// <summary>A deleted appointment: drop its ended marker too.</summary>
    public void Forget(Guid appointmentId)
    {
        if (leases.TryGetValue(appointmentId, out var lease) && lease.IsEnded)
        {
            leases.TryRemove(KeyValuePair.Create(appointmentId, lease));
        }
    }

    /// <summary>The live lease on <paramref name="appointmentId"/>, or null.</summary>
    public Lease? Get(Guid appointmentId) =>
        leases.TryGetValue(appointmentId, out var lease) && !lease.IsExpired(clock.GetUtcNow()) ? lease : null;

    /// <summary>Takes a free (or expired) lock; by the holder, renews it with the same token.</summary>
    public LockOutcome Acquire(Guid appointmentId, Guid userId, string userName)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            if (!leases.TryGetValue(appointmentId, out var current))
            {
                var lease = Grant(appointmentId, userId, userName, now);
                if (leases.TryAdd(appointmentId, lease))
                {
                    LowerNextDue(lease);
                    return new(LockResult.Granted, lease);
                }
                continue;
            }
            if (current.IsExpired(now))
            {
                var lease = Grant(appointmentId, userId, userName, now);
                if (leases.TryUpdate(appointmentId, lease, current))
                {
                    LowerNextDue(lease);
                    return new(LockResult.Granted, lease, current.IsEnded ? null : current);
                }
                continue;
            }
            if (current.HolderId != userId)
            {
                return new(LockResult.Held, current);
            }
            var renewed = current.Touch(now, settings.Ttl);
            if (leases.TryUpdate(appointmentId, renewed, current))
            {
                return new(LockResult.Updated, renewed, current);
            }
        }
    }

    /// <summary>Holder activity (renew, cursor, write): pushes <c>expiresAt</c> forward.</summary>
    public LockOutcome Touch(Guid appointmentId, Guid userId) =>
        Change(appointmentId, userId, holderOnly: true, (lease, now) => (LockResult.Updated, lease.Touch(now, settings.Ttl)));

    /// <summary>The holder ends the lease.</summary>
    public LockOutcome Release(Guid appointmentId, Guid userId) =>
        Change(appointmentId, userId, holderOnly: true, (_, _) => (LockResult.Released, null));

    /// <summary>An admin ends whoever's lease it is.</summary>
    public LockOutcome ForceRelease(Guid appointmentId) =>
        Change(appointmentId, Guid.Empty, holderOnly: false, (_, _) => (LockResult.Released, null));

    /// <summary>The admin holds the lock from now on, with a new token, whoever held it.</summary>
    public LockOutcome Takeover(Guid appointmentId, Guid adminId, string adminName)
    {
        while (true)
        {
            var outcome = Acquire(appointmentId, adminId, adminName);
            if (outcome.Result != LockResult.Held)
            {
                return outcome;
            }
            var current = outcome.Current!;
            var lease = Grant(appointmentId, adminId, adminName, clock.GetUtcNow());
            if (leases.TryUpdate(appointmentId, lease, current))
            {
                LowerNextDue(lease);
                return new(LockResult.Transferred, lease, current);
            }
        }
    }

    /// <summary>An admin asks the holder for control or for a release; answered by the holder or the deadline.</summary>
    /// A request waiting for an answer is never replaced: another admin is told to wait, and the same
    /// admin asking again keeps the original deadline.
    public LockOutcome Request(Guid appointmentId, RequestKind kind, Guid adminId, string adminName) =>
        Change(appointmentId, Guid.Empty, holderOnly: false, (lease, now) => lease switch
        {
            _ when lease.HolderId == adminId => (LockResult.AlreadyHolder, lease),
            { Pending: { } pending } when pending.RequestedBy != adminId || pending.Kind != kind => (LockResult.RequestPending, lease),
            { Pending: not null } => (LockResult.Updated, lease),
            _ => (LockResult.Updated, lease with { Pending = new PendingRequest(kind, adminId, adminName, now, now + settings.ControlRequestTimeout) }),
        });

    /// <summary>
    /// The holder (or the deadline) grants the pending request of <paramref name="kind"/>; with
    /// <paramref name="only"/>, only if that very request is still the pending one.
    /// </summary>
    public LockOutcome Approve(Guid appointmentId, Guid userId, RequestKind kind, PendingRequest? only = null) =>
        Change(appointmentId, userId, holderOnly: true, (lease, now) => lease.Pending?.Kind != kind || (only is not null && !ReferenceEquals(lease.Pending, only))
            ? (LockResult.NoPendingRequest, lease)
            : kind == RequestKind.ForceRelease
                ? (LockResult.Released, null)
                : (LockResult.Transferred, Grant(appointmentId, lease.Pending.RequestedBy, lease.Pending.RequestedByName, now)));

    /// <summary>The holder turns the pending request down and keeps the lock.</summary>
    public LockOutcome Reject(Guid appointmentId, Guid userId) =>
        Change(appointmentId, userId, holderOnly: true, (lease, _) => lease.Pending is null
            ? (LockResult.NoPendingRequest, lease)
            : (LockResult.Updated, lease with { Pending = null }));

    /// <summary>All of the holder's hub connections closed: their leases now end after the grace period.</summary>
    public List<Lease> MarkDisconnected(Guid userId) => ChangeAllOf(userId, lease => !lease.Disconnected,
        (lease, now) => lease with { Disconnected = true, ExpiresAt = Min(lease.ExpiresAt, now + settings.DisconnectGrace) });

    /// <summary>The holder is back within the grace period: their leases live by the TTL again.</summary>
    public List<Lease> MarkReconnected(Guid userId) => ChangeAllOf(userId, lease => lease.Disconnected,
        (lease, _) => lease with { Disconnected = false, ExpiresAt = lease.LastActivityAt + settings.Ttl });

    private List<Lease> ChangeAllOf(Guid userId, Func<Lease, bool> applies, Func<Lease, DateTimeOffset, Lease> change)
    {
        List<Lease> changed = [];
        foreach (var (id, lease) in leases)
        {
            if (lease.HolderId == userId && applies(lease))
            {
                var outcome = Change(id, userId, holderOnly: true,
                    (current, now) => applies(current) ? (LockResult.Updated, change(current, now)) : (LockResult.Held, current));
                if (outcome.Succeeded)
                {
                    changed.Add(outcome.Current!);
                }
            }
        }
        return changed;
    }

    /// <summary>
    /// Ends expired leases and grants overdue requests, reporting each change. Each end is a
    /// compare-and-swap against the very lease found expired, so a concurrent re-grant is never lost.
    /// </summary>
    /// <param name="fullScan">Scan even when nothing can be due (for measuring the scan itself).</param>
    public void Sweep(List<Lease> expired, List<LockOutcome> granted, bool fullScan = false)
    {
        var now = clock.GetUtcNow();
        if (!fullScan && now.UtcTicks < Volatile.Read(ref nextDueTicks))
        {
            return;
        }
        Volatile.Write(ref nextDueTicks, long.MaxValue);
        foreach (var (id, lease) in leases)
        {
            if (lease.IsEnded)
            {
                continue;
            }
            if (lease.IsExpired(now))
            {
                if (leases.TryUpdate(id, lease.Ended(), lease))
                {
                    expired.Add(lease);
                }
            }
            else if (lease.Pending is { } pending && pending.Deadline <= now)
            {
                var outcome = Approve(id, lease.HolderId, pending.Kind, only: pending);
                if (outcome.Succeeded)
                {
                    granted.Add(outcome);
                }
                else
                {
                    LowerNextDue(lease);
                }
            }
            else
            {
                LowerNextDue(lease);
            }
        }
    }

    private void LowerNextDue(Lease lease)
    {
        var due = lease.Pending is { } pending && pending.Deadline < lease.ExpiresAt ? pending.Deadline.UtcTicks : lease.ExpiresAt.UtcTicks;
        var seen = Volatile.Read(ref nextDueTicks);
        while (due < seen)
        {
            var was = Interlocked.CompareExchange(ref nextDueTicks, due, seen);
            if (was == seen)
            {
                return;
            }
            seen = was;
        }
    }

    private Lease Grant(Guid appointmentId, Guid userId, string userName, DateTimeOffset now) =>
        new(appointmentId, userId, userName, now, now, now + settings.Ttl, tokens.Next());

    /// <summary>
    /// The compare-and-swap loop behind every change of a live lease: read, decide with
    /// <paramref name="decide"/> (a null lease means remove), swap against the lease read, retry if it moved.
    /// </summary>
    private LockOutcome Change(Guid appointmentId, Guid userId, bool holderOnly, Func<Lease, DateTimeOffset, (LockResult, Lease?)> decide)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            if (!leases.TryGetValue(appointmentId, out var current) || current.IsExpired(now))
            {
                return new(LockResult.NoLock, null);
            }
            if (holderOnly && current.HolderId != userId)
            {
                return new(LockResult.NotHolder, current);
            }
            var (result, next) = decide(current, now);
            if (result is not (LockResult.Updated or LockResult.Released or LockResult.Transferred))
            {
                return new(result, current);
            }
            var swapped = ReferenceEquals(next, current) || leases.TryUpdate(appointmentId, next ?? current.Ended(), current);
            if (swapped)
            {
                if (next is not null)
                {
                    LowerNextDue(next);
                }
                return new(result, next, current);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
