using System.Collections.Concurrent;

namespace Locking.Features.Locks;

/// <summary>
/// Which appointments may fall due when: a timing wheel of one-second buckets, so a sweep visits
/// the leases that are due instead of walking the whole table.
/// </summary>
/// <remarks>
/// An entry is only a hint, "look at this appointment at that second"; the lease table decides
/// what is true. Each lease names the bucket of the entry that stands for it
/// (<see cref="Lease.IndexedAt"/>, never later than the lease is due), so a renewal, which only
/// moves the due time later, files nothing, and a release keeps the standing entry for the next
/// grant: the acquire/release hot path files an entry only for a key the index does not hold yet.
/// Entries whose lease names another bucket are stale and dropped when their second comes.
/// Filing is lock-free from any thread; taking is for the one sweeper.
/// </remarks>
internal sealed class ExpiryIndex
{
    /// <summary><see cref="Lease.IndexedAt"/> of a lease no entry stands for.</summary>
    public const long None = long.MaxValue;

    private readonly ConcurrentQueue<(Guid Id, long Second)> filed = new();
    private readonly Dictionary<long, List<Guid>> buckets = [];
    private readonly PriorityQueue<long, long> seconds = new();
    private readonly Stack<List<Guid>> spare = new();
    private readonly List<(Guid Id, long Second)> due = [];

    /// <summary>The bucket an instant falls in.</summary>
    public static long SecondOf(DateTimeOffset instant) => instant.UtcTicks / TimeSpan.TicksPerSecond;

    /// <summary>Asks for <paramref name="id"/> to be looked at once <paramref name="second"/> has come.</summary>
    public void File(Guid id, long second) => filed.Enqueue((id, second));

    /// <summary>
    /// Removes and returns every entry filed for <paramref name="now"/> or earlier (sweeper only;
    /// the list is reused by the next call).
    /// </summary>
    public List<(Guid Id, long Second)> TakeDue(long now)
    {
        due.Clear();
        while (filed.TryDequeue(out var entry))
        {
            if (!buckets.TryGetValue(entry.Second, out var ids))
            {
                ids = spare.TryPop(out var reused) ? reused : [];
                buckets[entry.Second] = ids;
                seconds.Enqueue(entry.Second, entry.Second);
            }
            ids.Add(entry.Id);
        }
        while (seconds.TryPeek(out var second, out _) && second <= now)
        {
            seconds.Dequeue();
            buckets.Remove(second, out var ids);
            foreach (var id in ids!)
            {
                due.Add((id, second));
            }
            ids.Clear();
            spare.Push(ids);
        }
        return due;
    }

    /// <summary>Entries waiting, stale ones included (sweeper thread only; for tests and benchmarks).</summary>
    public int Count => filed.Count + buckets.Values.Sum(ids => ids.Count);
}
