using Locking.Features.Locks;
using static Locking.Tests.Features.Locks.LeaseTables;

namespace Locking.Tests.Features.Locks;

/// <summary>The lease table on its own, under real thread concurrency: grants, renewals, expiry and disconnects.</summary>
public sealed class LeaseTableTests
{
    [Fact]
    public async Task Acquire_ManyThreadsOneKey_ExactlyOneGrant_Repeated()
    {
        var (table, _) = await NewTableAsync();
        for (var round = 0; round < 50; round++)
        {
            var key = Guid.NewGuid();
            var users = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToArray();
            var outcomes = new LockOutcome[users.Length];
            using var start = new Barrier(users.Length);
            var threads = users.Select((user, i) => new Thread(() =>
            {
                start.SignalAndWait();
                outcomes[i] = table.Acquire(key, user, $"u{i}");
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1, outcomes.Count(o => o.Result == LockResult.Granted));
            Assert.Equal(users.Length - 1, outcomes.Count(o => o.Result == LockResult.Held));
            var winner = outcomes.Single(o => o.Result == LockResult.Granted).Current!;
            Assert.All(outcomes.Where(o => o.Result == LockResult.Held), o => Assert.Equal(winner.HolderId, o.Current!.HolderId));
        }
    }

    [Fact]
    public async Task AcquireRelease_Churn_NeverTwoHolders_TokensStrictlyIncrease()
    {
        var (table, _) = await NewTableAsync();
        var key = Guid.NewGuid();
        var holders = 0;
        var overlaps = 0;
        var failedReleases = 0;
        var grants = new List<long>();
        const int Threads = 4;
        const int Cycles = 20_000;
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            var me = Guid.NewGuid();
            var done = 0;
            while (done < Cycles)
            {
                var outcome = table.Acquire(key, me, "u");
                if (outcome.Result != LockResult.Granted)
                {
                    continue;
                }
                if (Interlocked.Increment(ref holders) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }
                lock (grants)
                {
                    grants.Add(outcome.Current!.FencingToken);
                }
                Interlocked.Decrement(ref holders);
                if (table.Release(key, me).Result != LockResult.Released)
                {
                    Interlocked.Increment(ref failedReleases);
                }
                done++;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, overlaps);
        Assert.Equal(0, failedReleases);
        Assert.Equal(Threads * Cycles, grants.Count);
        for (var i = 1; i < grants.Count; i++)
        {
            Assert.True(grants[i] > grants[i - 1], $"token {grants[i]} after {grants[i - 1]}");
        }
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public async Task ExpiredLease_IsFreeAtOnce_AndTheSweepRemovesOnlyTheLeaseItSaw()
    {
        var (table, clock) = await NewTableAsync();
        var key = Guid.NewGuid();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var first = table.Acquire(key, alice, "alice").Current!;

        clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Null(table.Get(key));
        var second = table.Acquire(key, bob, "bob");
        Assert.Equal(LockResult.Granted, second.Result);
        Assert.Same(first, second.Previous);
        Assert.True(second.Current!.FencingToken > first.FencingToken);

        List<Lease> expired = [];
        table.Sweep(expired, []);
        Assert.Empty(expired);
        Assert.Equal(bob, table.Get(key)!.HolderId);
    }

    [Fact]
    public async Task Renew_WithAClockReadingOlderThanTheLease_MovesItsExpiryEarlier_AndTheSweepStillEndsIt()
    {
        // A renewal whose "now" is older than the lease it replaces: a thread paused between reading
        // the clock and its swap while another request renewed, or a clock set back.
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var tokens = new FencingTokens();
        tokens.Start(0, long.MaxValue / 2);
        var table = new LeaseTable(clock, tokens, Settings);
        var key = Guid.NewGuid();
        var alice = Guid.NewGuid();
        var start = clock.Now;
        table.Acquire(key, alice, "alice"); // due at 300 s
        clock.Now = start - TimeSpan.FromSeconds(60);
        Assert.Equal(LockResult.Updated, table.Acquire(key, alice, "alice").Result); // due at 240 s

        clock.Now = start + TimeSpan.FromSeconds(241);
        List<Lease> expired = [];
        table.Sweep(expired, []);
        Assert.Equal(alice, Assert.Single(expired).HolderId);
        Assert.Equal(0, table.StoredCount);

        // The entry filed for 300 s is stale now, and dropped without a second report when it comes.
        clock.Now = start + TimeSpan.FromSeconds(301);
        table.Sweep(expired, []);
        Assert.Single(expired);
        Assert.Equal(0, table.IndexedCount);
    }

    [Fact]
    public async Task MarkDisconnected_FindsEveryLeaseTheUserHolds_HoweverTaken_AndNoneTheyLost()
    {
        var (table, clock) = await NewTableAsync();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var admin = Guid.NewGuid();
        var acquired = Guid.NewGuid();
        var regranted = Guid.NewGuid();
        var takenOver = Guid.NewGuid();
        var handedOver = Guid.NewGuid();
        var afterExpiry = Guid.NewGuid();
        var lost = Guid.NewGuid();

        table.Acquire(afterExpiry, bob, "bob");
        clock.Advance(TimeSpan.FromSeconds(301));
        table.Acquire(afterExpiry, alice, "alice"); // over bob's expired lease
        table.Acquire(acquired, alice, "alice");
        table.Acquire(regranted, alice, "alice");
        table.Release(regranted, alice);
        table.Acquire(regranted, alice, "alice"); // over her own ended marker
        table.Acquire(takenOver, bob, "bob");
        table.Takeover(takenOver, alice, "alice");
        table.Acquire(handedOver, bob, "bob");
        table.Request(handedOver, RequestKind.Control, alice, "alice");
        table.Approve(handedOver, bob, RequestKind.Control);
        table.Acquire(lost, alice, "alice");
        table.Takeover(lost, admin, "admin");

        var disconnected = table.MarkDisconnected(alice);
        Assert.Equal(new[] { acquired, regranted, takenOver, handedOver, afterExpiry }.Order(), disconnected.Select(l => l.AppointmentId).Order());
        Assert.All(disconnected, l => Assert.True(l.Disconnected));
        Assert.Empty(table.MarkDisconnected(bob));
        Assert.Equal(5, table.MarkReconnected(alice).Count);
    }
}
