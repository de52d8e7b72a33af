using System.Collections.Concurrent;

namespace Locking.Features.Locks;

/// <summary>
/// Which appointments each user holds, so a user's first hub connection and last disconnect reach
/// their leases without a walk of the whole table.
/// </summary>
/// <remarks>
/// A hint, like the <see cref="ExpiryIndex"/>: the lease table decides. A grant adds its key to the
/// holder's entry after its compare-and-swap, except over a lease or ended marker of the same
/// holder (the key is there already), so one editor's acquire/release cycle costs nothing here.
/// Keys that have passed to someone else are pruned when the user's keys are next asked for. Adding
/// and pruning take the entry's lock, so a key added after its swap is never pruned by a look at
/// the table taken before that swap. Between a grant's swap and its add, a concurrent disconnect
/// can miss that lease, as a walk of the table racing the grant could; the lease then lives by
/// its TTL instead of the grace period.
/// </remarks>
internal sealed class HolderIndex
{
    private readonly ConcurrentDictionary<Guid, Held> holders = new();

    public void Add(Guid userId, Guid appointmentId)
    {
        while (true)
        {
            var held = holders.GetOrAdd(userId, static _ => new Held());
            lock (held)
            {
                // Emptied and dropped by a concurrent prune: start a new entry.
                if (held.Dropped)
                {
                    continue;
                }
                if (!held.Ids.Contains(appointmentId))
                {
                    held.Ids.Add(appointmentId);
                }
                return;
            }
        }
    }

    /// <summary>The user's keys for which <paramref name="stillTheirs"/> holds; the others are forgotten.</summary>
    public Guid[] Of(Guid userId, Func<Guid, bool> stillTheirs)
    {
        if (!holders.TryGetValue(userId, out var held))
        {
            return [];
        }
        lock (held)
        {
            held.Ids.RemoveAll(id => !stillTheirs(id));
            if (held.Ids.Count > 0)
            {
                return [.. held.Ids];
            }
            held.Dropped = true;
            holders.TryRemove(KeyValuePair.Create(userId, held));
            return [];
        }
    }

    private sealed class Held
    {
        public List<Guid> Ids { get; } = new(1);

        public bool Dropped { get; set; }
    }
}
