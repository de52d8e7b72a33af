using BenchmarkDotNet.Attributes;
using Locking.Features.Locks;

namespace Locking.Benchmarks;

/// <summary>
/// Two threads race for one key: each tries to acquire and, when granted, releases at once.
/// The compare-and-swap retry loops and the cache line of the one entry are what is measured.
/// Reported per attempt (both threads' attempts counted).
/// </summary>
[MemoryDiagnoser]
public class ContentionBenchmarks
{
    private const int AttemptsPerThread = 50_000;

    private readonly Guid key = Guid.NewGuid();
    private readonly Guid first = Guid.NewGuid();
    private readonly Guid second = Guid.NewGuid();
    private LeaseTable table = null!;

    [GlobalSetup]
    public async Task SetupAsync() => table = await Leases.NewTableAsync();

    [Benchmark(OperationsPerInvoke = 2 * AttemptsPerThread, Description = "2 threads contend for 1 key (per attempt)")]
    public int TwoThreadsOneKey()
    {
        // Dedicated threads: both start racing at once instead of queueing on a busy pool.
        using var start = new Barrier(2);
        var a = Task.Factory.StartNew(() => Race(first, start), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var b = Task.Factory.StartNew(() => Race(second, start), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return a.GetAwaiter().GetResult() + b.GetAwaiter().GetResult();
    }

    private int Race(Guid user, Barrier start)
    {
        start.SignalAndWait();
        var grants = 0;
        for (var i = 0; i < AttemptsPerThread; i++)
        {
            if (table.Acquire(key, user, "Racer").Result == LockResult.Granted)
            {
                grants++;
                table.Release(key, user);
            }
        }
        return grants;
    }
}
