using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Locking.Features.Locks;

namespace Locking.Benchmarks;

/// <summary>
/// Passes over a table of <see cref="Leases"/> live leases: the sweep <c>LockSweeper</c> runs every
/// second when none is due; <c>MarkReconnected</c> for a user holding none (a user's first hub
/// connection; it walked the table before the holder index); and, for scale, a lookup of every lease (what ending them all must pay at
/// least) and a bare walk of the same <c>ConcurrentDictionary</c> (what the sweep cost before the
/// expiry index).
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private readonly List<Lease> expired = [];
    private readonly List<LockOutcome> granted = [];
    private readonly Guid stranger = Guid.NewGuid();
    private LeaseTable table = null!;
    private ConcurrentDictionary<Guid, Lease> sameLeases = null!;
    private Guid[] ids = [];

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
        ids = [.. sameLeases.Keys];
        table.Sweep(expired, granted);
    }

    [Benchmark(Description = "LeaseTable.Sweep, none due (the usual second)")]
    public int SweepNoneDue()
    {
        table.Sweep(expired, granted);
        return expired.Count + granted.Count;
    }

    [Benchmark(Description = "LeaseTable.MarkReconnected (hub connect)")]
    public int MarkReconnected() => table.MarkReconnected(stranger).Count;

    [Benchmark(Description = "LeaseTable.Get of every lease once (the floor for ending them all)")]
    public int GetEach()
    {
        var live = 0;
        foreach (var id in ids)
        {
            live += table.Get(id) is null ? 0 : 1;
        }
        return live;
    }

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
}

/// <summary>
/// The sweep in a second when <see cref="Due"/> of <see cref="Leases"/> live leases expire: each
/// is ended by compare-and-swap and reported. Every invocation needs leases freshly due, so each
/// runs alone after a setup (not measured) that grants them again on a clock set back.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class ExpirySweepBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly SetClock clock = new();
    private readonly List<Lease> expired = [];
    private readonly List<LockOutcome> granted = [];
    private LeaseTable table = null!;
    private Guid[] early = [];

    [Params(100_000)]
    public int Leases { get; set; }

    [Params(1_000, 100_000)]
    public int Due { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // The leases not due in the measured second were taken a minute later.
        clock.Now = Start + TimeSpan.FromSeconds(60);
        table = await Benchmarks.Leases.NewTableAsync(clock);
        for (var i = Due; i < Leases; i++)
        {
            table.Acquire(Guid.CreateVersion7(), Guid.NewGuid(), "Holder");
        }
        table.Sweep(expired, granted);
        early = [.. Enumerable.Range(0, Due).Select(_ => Guid.CreateVersion7())];
    }

    [IterationSetup]
    public void GrantTheEarlyOnes()
    {
        clock.Now = Start;
        foreach (var id in early)
        {
            table.Acquire(id, Guid.NewGuid(), "Holder");
        }
        clock.Now = Start + Benchmarks.Leases.Settings.Ttl + TimeSpan.FromSeconds(1);
        expired.Clear();
        granted.Clear();
    }

    [Benchmark(Description = "LeaseTable.Sweep, `Due` of `Leases` expire")]
    public int Sweep()
    {
        table.Sweep(expired, granted);
        return expired.Count == Due ? Due : throw new InvalidOperationException($"ended {expired.Count} leases, expected {Due}");
    }

    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
