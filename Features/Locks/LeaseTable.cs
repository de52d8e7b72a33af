using System.Collections.Concurrent;

namespace Locking.Features.Locks;

/// <summary>
/// The in-memory lease table. Every change is one compare-and-swap on a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/> of immutable leases: <c>TryAdd</c> to take a lock
/// never taken before, <c>TryUpdate(key, next, seen)</c> to change or end exactly the lease you saw;
/// a lost race re-reads and decides again. No locks, no global mutex. Ending a lease swaps in its
/// <see cref="Lease.Ended"/> marker rather than removing the key (see there why), so tokens rise
/// strictly per appointment, until the sweep drops it. An expired lease counts as free at once; the
/// sweeper ends and announces it,
/// finding what is due through an <see cref="ExpiryIndex"/> rather than a walk of the table; a
/// <see cref="HolderIndex"/> finds a user's leases when their hub connections come and go.
/// </summary>
internal sealed partial class LeaseTable(TimeProvider clock, FencingTokens tokens, LockSettings settings)
{
    private readonly ConcurrentDictionary<Guid, Lease> leases = new();
    private readonly ExpiryIndex index = new();
    private readonly HolderIndex holders = new();
    private readonly Lock sweeping = new();

    // Grants in flight on a key they found absent. While there are any, the sweep drops no ended
    // marker, so a grant cannot add a lease with an older token after a newer one came and went.
    private int absentGrants;

    /// <summary>Live leases (ended and expired ones not counted).</summary>
    public int Count
    {
        get
        {
            var now = clock.GetUtcNow();
            return leases.Count(l => !l.Value.IsExpired(now));
        }
    }

    /// <summary>Test seam: runs on a key found absent, between the grant's token and its add.</summary>
    internal Action<Lease>? BeforeAbsentAdd { get; set; }

    /// <summary>Keys in the table, ended markers included (tests and benchmarks).</summary>
    public int StoredCount => leases.Count;

    /// <summary>Every live lease, oldest grant first: a walk of the table, for the admins' live locks page.</summary>
    public List<Lease> Live()
    {
        var now = clock.GetUtcNow();
        var live = new List<Lease>();
        foreach (var (_, lease) in leases)
        {
            if (!lease.IsExpired(now))
            {
                live.Add(lease);
            }
        }
        // Tokens are drawn in grant order: they break ties between grants at the same instant.
        live.Sort((a, b) => a.AcquiredAt != b.AcquiredAt ? a.AcquiredAt.CompareTo(b.AcquiredAt) : a.FencingToken.CompareTo(b.FencingToken));
        return live;
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
                // Counted, then looked at again: a marker this grant could have missed is not dropped
                // before the add below has succeeded or failed.
                Interlocked.Increment(ref absentGrants);
                try
                {
                    if (!leases.ContainsKey(appointmentId))
                    {
                        var lease = Grant(appointmentId, userId, userName, now, ExpiryIndex.None);
                        BeforeAbsentAdd?.Invoke(lease);
                        if (leases.TryAdd(appointmentId, lease))
                        {
                            index.File(appointmentId, lease.IndexedAt);
                            holders.Add(userId, appointmentId);
                            return new(LockResult.Granted, lease);
                        }
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref absentGrants);
                }
                continue;
            }
            if (current.IsExpired(now))
            {
                var lease = Grant(appointmentId, userId, userName, now, current.IndexedAt);
                if (leases.TryUpdate(appointmentId, lease, current))
                {
                    Indexed(appointmentId, lease, current);
                    return new(LockResult.Granted, lease, current.IsEnded ? null : current);
                }
                continue;
            }
            if (current.HolderId != userId)
            {
                return new(LockResult.Held, current);
            }
            // A renewal can move the expiry earlier, when its clock reading is older than the
            // lease's: that earlier entry must be filed, or the key is never swept again.
            var renewed = IndexedBeforeDue(current.Touch(now, settings.Ttl));
            if (leases.TryUpdate(appointmentId, renewed, current))
            {
                Indexed(appointmentId, renewed, current);
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
            var lease = Grant(appointmentId, adminId, adminName, clock.GetUtcNow(), current.IndexedAt);
            if (leases.TryUpdate(appointmentId, lease, current))
            {
                Indexed(appointmentId, lease, current);
                return new(LockResult.Transferred, lease, current);
            }
        }
    }

    private Lease Grant(Guid appointmentId, Guid userId, string userName, DateTimeOffset now, long standing)
    {
        var expiresAt = now + settings.Ttl;
        return new(appointmentId, userId, userName, now, now, expiresAt, tokens.Next())
        {
            IndexedAt = Math.Min(standing, ExpiryIndex.SecondOf(expiresAt)),
        };
    }

    // Due earlier than its standing entry (a disconnect, a request deadline, a clock set back): file an earlier one.
    private static Lease IndexedBeforeDue(Lease next) =>
        next.IndexedAt > ExpiryIndex.SecondOf(next.DueAt) ? next with { IndexedAt = ExpiryIndex.SecondOf(next.DueAt) } : next;

    // After a swap of previous for next: index entries are added only where next no longer inherits previous's.
    private void Indexed(Guid appointmentId, Lease next, Lease previous)
    {
        if (next.IndexedAt != previous.IndexedAt)
        {
            index.File(appointmentId, next.IndexedAt);
        }
        if (next.HolderId != previous.HolderId)
        {
            holders.Add(next.HolderId, appointmentId);
        }
    }

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
            if (next is not null)
            {
                next = IndexedBeforeDue(next);
            }
            var swapped = ReferenceEquals(next, current) || leases.TryUpdate(appointmentId, next ?? current.Ended(current.IndexedAt), current);
            if (swapped)
            {
                if (next is not null)
                {
                    Indexed(appointmentId, next, current);
                }
                return new(result, next, current);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
