using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Locking.Infrastructure.Locks;

namespace Locking.Benchmarks;

/// <summary>
/// Whole-table passes over <see cref="Leases"/> live leases. <c>Sweep</c> is what <c>LockSweeper</c>
/// does every second; with every lease live nothing changes, so each invocation is the same full
/// scan. <c>MarkReconnected</c> is what every hub connect of a user without another connection does
/// (and <c>MarkDisconnected</c> on the last disconnect): also a full scan. The two walks over the
/// same lease objects show what the scan itself costs, and what a flat array would.
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private readonly List<Lease> expired = [];
    private readonly List<LockOutcome> granted = [];
    private readonly Guid stranger = Guid.NewGuid();
    private LeaseTable table = null!;
    private ConcurrentDictionary<Guid, Lease> sameLeases = null!;
    private Lease[] flat = [];

    [Params(100_000)]
    public int Leases { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        table = await Benchmarks.Leases.NewTableAsync();
        sameLeases = new();
        for (var i = 0; i < Leases; i++)
        {
            var id = Guid.CreateVersion7();
            table.Acquire(id, Guid.NewGuid(), "Holder");
            sameLeases[id] = table.Get(id)!;
        }
        flat = [.. sameLeases.Values];
    }

    [Benchmark(Baseline = true, Description = "LeaseTable.Sweep, full scan (none due)")]
    public int Sweep()
    {
        expired.Clear();
        granted.Clear();
        table.Sweep(expired, granted, fullScan: true);
        return expired.Count + granted.Count;
    }

    [Benchmark(Description = "LeaseTable.Sweep as the sweeper runs it (none due: watermark)")]
    public int SweepWhenNothingDue()
    {
        expired.Clear();
        granted.Clear();
        table.Sweep(expired, granted);
        return expired.Count + granted.Count;
    }

    [Benchmark(Description = "LeaseTable.MarkReconnected (hub connect)")]
    public int MarkReconnected() => table.MarkReconnected(stranger).Count;

    [Benchmark(Description = "bare ConcurrentDictionary walk, same leases")]
    public int WalkDictionary()
    {
        var now = DateTimeOffset.UtcNow;
        var due = 0;
        foreach (var (_, lease) in sameLeases)
        {
            due += lease.IsExpired(now) ? 1 : 0;
        }
        return due;
    }

    [Benchmark(Description = "flat array walk, same leases")]
    public int WalkArray()
    {
        var now = DateTimeOffset.UtcNow;
        var due = 0;
        foreach (var lease in flat)
        {
            due += lease.IsExpired(now) ? 1 : 0;
        }
        return due;
    }
}
