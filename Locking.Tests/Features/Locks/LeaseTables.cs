using Locking.Features.Locks;
using Microsoft.Extensions.Time.Testing;

namespace Locking.Tests.Features.Locks;

/// <summary>What the lease table's tests share: settings, a fresh table on a fake clock, and two odd clocks.</summary>
internal static class LeaseTables
{
    public static readonly LockSettings Settings = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    public static async Task<(LeaseTable Table, FakeTimeProvider Clock)> NewTableAsync(LockSettings? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new FencingTokens();
        tokens.Start(0, long.MaxValue / 2);
        return (new LeaseTable(clock, tokens, settings ?? Settings), clock);
    }

    /// <summary>A clock the test sets to any instant, earlier ones included.</summary>
    internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// A fake clock that jumps once, by itself, right after its next reading. FakeTimeProvider's
    /// AutoAdvanceAmount cannot say that: it moves the clock again after every reading.
    /// </summary>
    internal sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Lock gate = new();
        private DateTimeOffset? thenJumpTo;

        public DateTimeOffset? ThenJumpTo
        {
            get
            {
                lock (gate)
                {
                    return thenJumpTo;
                }
            }
            set
            {
                lock (gate)
                {
                    thenJumpTo = value;
                }
            }
        }

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                var now = base.GetUtcNow();
                if (thenJumpTo is { } later)
                {
                    thenJumpTo = null;
                    SetUtcNow(later);
                }
                return now;
            }
        }
    }
}
