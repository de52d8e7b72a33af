using BenchmarkDotNet.Attributes;
using Locking.Features.Locks;

namespace Locking.Benchmarks;

/// <summary>
/// One thread, one key, the paths every HTTP lock request takes. The key already has an entry
/// (held, or the ended marker a release leaves), which is the steady state of a busy appointment.
/// </summary>
[MemoryDiagnoser]
public class LeaseBenchmarks
{
    private readonly Guid holder = Guid.NewGuid();
    private readonly Guid cycled = Guid.NewGuid();
    private readonly Guid held = Guid.NewGuid();
    private LeaseTable table = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        table = await Leases.NewTableAsync();
        Require(table.Acquire(cycled, holder, "Bench Holder"), LockResult.Granted);
        Require(table.Release(cycled, holder), LockResult.Released);
        Require(table.Acquire(held, holder, "Bench Holder"), LockResult.Granted);
    }

    /// <summary>Acquire then release one free lock: one grant and one release per call.</summary>
    [Benchmark(Baseline = true, Description = "acquire + release (uncontended)")]
    public LockResult AcquireRelease()
    {
        table.Acquire(cycled, holder, "Bench Holder");
        return table.Release(cycled, holder).Result;
    }

    /// <summary>The holder acquires again: renews the lease with the same token.</summary>
    [Benchmark(Description = "re-acquire by holder (renew)")]
    public LockResult Renew() => table.Acquire(held, holder, "Bench Holder").Result;

    /// <summary>Holder activity through <c>Touch</c>: renew-lock, update-position, cursor-position.</summary>
    [Benchmark(Description = "touch by holder (renew-lock, cursor)")]
    public LockResult Touch() => table.Touch(held, holder).Result;

    /// <summary>What GET lock-status and the hub's subscribe read.</summary>
    [Benchmark(Description = "status read (Get)")]
    public Lease? Get() => table.Get(held);

    private static void Require(LockOutcome outcome, LockResult expected)
    {
        if (outcome.Result != expected)
        {
            throw new InvalidOperationException($"Setup expected {expected}, got {outcome.Result}.");
        }
    }
}
