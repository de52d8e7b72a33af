namespace Locking.Features.Locks;

/// <summary>The sweep: what the <see cref="ExpiryIndex"/> has due, settled against the table.</summary>
internal sealed partial class LeaseTable
{
    /// <summary>
    /// Ends expired leases and grants overdue requests, reporting each change. Visits only what the
    /// expiry index has due; each end is a compare-and-swap against the very lease found expired,
    /// so a concurrent re-grant is never lost. One sweep at a time.
    /// </summary>
    public void Sweep(List<Lease> expired, List<LockOutcome> granted)
    {
        lock (sweeping)
        {
            foreach (var (id, second) in index.TakeDue(ExpiryIndex.SecondOf(clock.GetUtcNow())))
            {
                Settle(id, second, expired, granted);
            }
        }
    }

    /// <summary>Entries in the expiry index, stale ones included (tests and benchmarks).</summary>
    public int IndexedCount
    {
        get
        {
            lock (sweeping)
            {
                return index.Count;
            }
        }
    }

    // Decides what the index entry (id, second) stands for now, re-reading after every lost race.
    private void Settle(Guid id, long second, List<Lease> expired, List<LockOutcome> granted)
    {
        while (leases.TryGetValue(id, out var lease) && lease.IndexedAt == second)
        {
            // Read each turn: an approval that lost to the lease's expiry must see the expiry next.
            var now = clock.GetUtcNow();
            if (lease.IsEnded || lease.IsExpired(now))
            {
                // A marker has kept the key's token as long as a grant could have read it, and an
                // expired lease is claimed (so reported) once by whoever swaps it out. Both are dropped,
                // unless a grant that found some key absent is in flight: then an expired lease
                // becomes a marker, and the marker waits for the next sweep.
                if (Interlocked.CompareExchange(ref absentGrants, 0, 0) == 0)
                {
                    if (leases.TryRemove(KeyValuePair.Create(id, lease)))
                    {
                        if (!lease.IsEnded)
                        {
                            expired.Add(lease);
                        }
                        return;
                    }
                }
                else if (lease.IsEnded || leases.TryUpdate(id, lease.Ended(second), lease))
                {
                    if (!lease.IsEnded)
                    {
                        expired.Add(lease);
                    }
                    index.File(id, second);
                    return;
                }
            }
            else if (lease.Pending is { } pending && pending.Deadline <= now)
            {
                // The transferred lease inherits this entry; the next turn of the loop re-files it.
                LockOutcome outcome;
                try
                {
                    outcome = Approve(id, lease.HolderId, pending.Kind, only: pending);
                }
                catch (FencingTokensExhausted)
                {
                    // No token for the new holder yet: nothing changed; grant it at the next sweep.
                    index.File(id, second);
                    return;
                }
                if (outcome.Succeeded)
                {
                    granted.Add(outcome);
                }
            }
            else
            {
                // Renewed since it was filed, or due later within this second: look again then.
                var dueSecond = ExpiryIndex.SecondOf(lease.DueAt);
                if (dueSecond == second || leases.TryUpdate(id, lease with { IndexedAt = dueSecond }, lease))
                {
                    index.File(id, dueSecond);
                    return;
                }
            }
        }
    }
}
