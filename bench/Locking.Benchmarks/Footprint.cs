using System.Diagnostics;
using System.Globalization;
using Locking.Features.Locks;

namespace Locking.Benchmarks;

/// <summary>
/// <c>footprint [count]</c>: the memory that <paramref name="count"/> held leases cost in-process,
/// as managed heap after a full collection and as the process's resident set, plus how long the
/// sweep takes over them when none is due (the usual second). The HTTP load script measures the
/// service's RSS the same way from outside.
/// </summary>
internal static class Footprint
{
    public static async Task RunAsync(int count)
    {
        var table = await Leases.NewTableAsync();
        var (heap0, rss0) = Measure();

        for (var i = 0; i < count; i++)
        {
            // One user per lease, as in the service where each is a different appointment's editor.
            table.Acquire(Guid.CreateVersion7(), Guid.NewGuid(), "Holder Name");
        }
        var (heap1, rss1) = Measure();

        List<Lease> expired = [];
        List<LockOutcome> granted = [];
        var sweeps = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            table.Sweep(expired, granted);
            sweeps.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        sweeps.Sort();

        var live = table.Count;
        GC.KeepAlive(table);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"leases held:            {live:N0}"));
        Console.WriteLine(string.Create(inv, $"managed heap:           {Mb(heap0):F1} MB -> {Mb(heap1):F1} MB  (+{Mb(heap1 - heap0):F1} MB, {(heap1 - heap0) / (double)count:F0} bytes/lease)"));
        Console.WriteLine(string.Create(inv, $"resident set (RSS):     {Mb(rss0):F1} MB -> {Mb(rss1):F1} MB  (+{Mb(rss1 - rss0):F1} MB)"));
        Console.WriteLine(string.Create(inv, $"one sweep, median of 20: {sweeps[sweeps.Count / 2]:F2} ms (min {sweeps[0]:F2}, max {sweeps[^1]:F2})"));
    }

    private static (long Heap, long Rss) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64);
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
