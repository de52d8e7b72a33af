using Locking.Features.Locks;
using Microsoft.Extensions.Time.Testing;

namespace Locking.Tests.Features.Locks;

/// <summary>The lease table on its own, under real thread concurrency.</summary>
public sealed class LeaseTableTests
{
    private static readonly LockSettings Settings = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    private static async Task<(LeaseTable Table, FakeTimeProvider Clock)> NewTableAsync(LockSettings? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new FencingTokens();
        tokens.Start(0, long.MaxValue / 2);
        return (new LeaseTable(clock, tokens, settings ?? Settings), clock);
    }

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
    public void Sweep_WithNoTokenLeftForAnOverdueRequest_ChangesNothing_AndGrantsItOnceTokensAreReserved()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new FencingTokens();
        tokens.Start(0, 2);
        var table = new LeaseTable(clock, tokens, Settings);
        var (key, other, alice, bob, admin) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        table.Acquire(key, alice, "alice");
        table.Acquire(other, bob, "bob"); // the last reserved token
        table.Request(key, RequestKind.Control, admin, "admin");
        clock.Advance(Settings.ControlRequestTimeout + TimeSpan.FromSeconds(1));
        List<LockOutcome> granted = [];

        table.Sweep([], granted);
        Assert.Empty(granted);
        Assert.Equal(alice, table.Get(key)!.HolderId);
        Assert.NotNull(table.Get(key)!.Pending);

        tokens.Reserved(10);
        clock.Advance(TimeSpan.FromSeconds(1));
        table.Sweep([], granted);
        Assert.Equal(admin, Assert.Single(granted).Current!.HolderId);
        Assert.Equal(3, table.Get(key)!.FencingToken);
    }

    [Fact]
    public void FencingTokens_NeverIssueAboveTheReservation_AskForMoreHalfWay_AndGoOnOnceReserved()
    {
        var tokens = new FencingTokens();
        tokens.Start(41, 41 + FencingTokens.Block);
        var demand = tokens.WaitForDemandAsync(CancellationToken.None);
        Assert.Equal(42, tokens.Next());
        while (tokens.Last < 41 + FencingTokens.Block / 2)
        {
            tokens.Next();
        }
        Assert.False(demand.IsCompleted, "asked for more before half the block was used");
        tokens.Next();
        Assert.True(demand.IsCompleted, "did not ask for more past half the block");

        long last = tokens.Last;
        while (last < 41 + FencingTokens.Block)
        {
            var token = tokens.Next();
            Assert.Equal(last + 1, token);
            last = token;
        }
        // Every reserved token is out: refused, and the refusal uses none up.
        Assert.Throws<FencingTokensExhausted>(() => tokens.Next());
        Assert.Throws<FencingTokensExhausted>(() => tokens.Next());
        Assert.Equal(41 + FencingTokens.Block, tokens.Last);

        var reserved = tokens.NextReservation;
        tokens.Reserved(41 + 2 * FencingTokens.Block);
        Assert.True(reserved.IsCompletedSuccessfully);
        Assert.Equal(42 + FencingTokens.Block, tokens.Next());
    }

    [Fact]
    public async Task Sweep_SkipsWhileNothingIsDue_ButNeverMissesALeaseWhoseExpiryMoved()
    {
        var (table, clock) = await NewTableAsync();
        var early = Guid.NewGuid();
        var touched = Guid.NewGuid();
        var alice = Guid.NewGuid();
        table.Acquire(early, alice, "alice");
        table.Acquire(touched, alice, "alice");
        List<Lease> expired = [];

        clock.Advance(TimeSpan.FromSeconds(200));
        table.Touch(touched, alice); // now due at 500 s; the other at 300 s
        table.Sweep(expired, []);
        Assert.Empty(expired);

        clock.Advance(TimeSpan.FromSeconds(101)); // 301 s
        table.Sweep(expired, []);
        Assert.Equal([early], expired.Select(l => l.AppointmentId));

        expired.Clear();
        clock.Advance(TimeSpan.FromSeconds(100)); // 401 s: nothing due, the entry was re-filed for 500 s
        table.Sweep(expired, []);
        Assert.Empty(expired);
        Assert.NotNull(table.Get(touched));

        clock.Advance(TimeSpan.FromSeconds(100)); // 501 s
        table.Sweep(expired, []);
        Assert.Equal([touched], expired.Select(l => l.AppointmentId));
    }

    [Fact]
    public async Task Sweep_SeesDeadlinesBroughtForward_ByDisconnectsAndRequests()
    {
        var (table, clock) = await NewTableAsync();
        var dropped = Guid.NewGuid();
        var requested = Guid.NewGuid();
        var alice = Guid.NewGuid();
        var admin = Guid.NewGuid();
        table.Acquire(dropped, alice, "alice");
        table.Acquire(requested, Guid.NewGuid(), "bob");
        List<Lease> expired = [];
        List<LockOutcome> granted = [];
        table.Sweep(expired, granted);

        table.MarkDisconnected(alice); // due in 30 s
        table.Request(requested, RequestKind.Control, admin, "admin"); // due in 60 s
        clock.Advance(TimeSpan.FromSeconds(31));
        table.Sweep(expired, granted);
        Assert.Equal([dropped], expired.Select(l => l.AppointmentId));
        Assert.Empty(granted);

        clock.Advance(TimeSpan.FromSeconds(30));
        table.Sweep(expired, granted);
        Assert.Equal(admin, Assert.Single(granted).Current!.HolderId);
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
    public async Task ExpiryIndex_AcquireReleaseAndRenew_ReuseOneEntry_AndAReGrantAfterExpiryIsSweptAgain()
    {
        var (table, clock) = await NewTableAsync();
        var key = Guid.NewGuid();
        var alice = Guid.NewGuid();
        for (var i = 0; i < 1_000; i++)
        {
            table.Acquire(key, alice, "alice");
            table.Touch(key, alice);
            table.Release(key, alice);
        }
        Assert.Equal(1, table.IndexedCount);

        var bob = Guid.NewGuid();
        table.Acquire(key, bob, "bob");
        clock.Advance(TimeSpan.FromSeconds(301));
        List<Lease> expired = [];
        table.Sweep(expired, []);
        Assert.Equal(bob, Assert.Single(expired).HolderId);
        Assert.Equal(0, table.IndexedCount);

        expired.Clear();
        table.Acquire(key, alice, "alice");
        Assert.Equal(1, table.IndexedCount);
        clock.Advance(TimeSpan.FromSeconds(301));
        table.Sweep(expired, []);
        Assert.Equal(alice, Assert.Single(expired).HolderId);
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

    [Fact]
    public async Task Indexes_UnderConcurrentChurnAndSweeps_FindExactlyTheLiveLeases_AndEachUsersOwn()
    {
        var settings = new LockSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        for (var round = 0; round < 3; round++)
        {
            var (table, clock) = await NewTableAsync(settings);
            var keys = Enumerable.Range(0, 48).Select(_ => Guid.NewGuid()).ToArray();
            var users = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
            const int Workers = 4;
            var working = Workers;
            var reported = 0;
            using var start = new Barrier(Workers + 1);
            var threads = Enumerable.Range(0, Workers).Select(seed => new Thread(() =>
            {
                var random = new Random(round * Workers + seed);
                start.SignalAndWait();
                for (var i = 0; i < 15_000; i++)
                {
                    var key = keys[random.Next(keys.Length)];
                    var user = users[random.Next(users.Length)];
                    switch (random.Next(10))
                    {
                        case 0 or 1: table.Acquire(key, user, "u"); break;
                        case 2: table.Release(key, user); break;
                        case 3: table.Touch(key, user); break;
                        case 4: table.Request(key, RequestKind.Control, user, "admin"); break;
                        case 5: table.Approve(key, user, RequestKind.Control); break;
                        case 6: table.Reject(key, user); break;
                        case 7: table.Takeover(key, user, "admin"); break;
                        case 8: table.MarkDisconnected(user); break;
                        default: table.MarkReconnected(user); break;
                    }
                }
                Interlocked.Decrement(ref working);
            })).ToList();
            // Tokens only rise on a key, markers dropped or not: a watcher checks every live one it sees.
            var lastSeen = new long[keys.Length];
            var fell = 0;
            var watcher = new Thread(() =>
            {
                while (Volatile.Read(ref working) > 0)
                {
                    for (var k = 0; k < keys.Length; k++)
                    {
                        if (table.Get(keys[k]) is { } seen)
                        {
                            fell += seen.FencingToken < lastSeen[k] ? 1 : 0;
                            lastSeen[k] = Math.Max(lastSeen[k], seen.FencingToken);
                        }
                    }
                }
            });
            var sweeper = new Thread(() =>
            {
                List<Lease> expired = [];
                start.SignalAndWait();
                while (Volatile.Read(ref working) > 0)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(250));
                    expired.Clear();
                    table.Sweep(expired, []);
                    reported += expired.Count;
                }
            });
            threads.ForEach(t => t.Start());
            sweeper.Start();
            watcher.Start();
            threads.ForEach(t => t.Join());
            sweeper.Join();
            watcher.Join();
            Assert.True(reported > 0, "the run should have seen leases expire while it ran");
            Assert.Equal(0, fell);

            // Each user's leases, found through the holder index, are exactly those the table says they hold.
            foreach (var user in users)
            {
                var holds = keys.Where(k => table.Get(k)?.HolderId == user).Order().ToList();
                table.MarkDisconnected(user);
                Assert.Equal(holds, table.MarkReconnected(user).Select(l => l.AppointmentId).Order());
            }

            // Every live lease is found by the expiry index once due, and nothing else; then the index is empty.
            var live = keys.Where(k => table.Get(k) is not null).Order().ToList();
            clock.Advance(TimeSpan.FromHours(1));
            List<Lease> last = [];
            table.Sweep(last, []);
            Assert.Equal(live, last.Select(l => l.AppointmentId).Order());
            Assert.Equal(0, table.IndexedCount);
            Assert.Equal(0, table.StoredCount); // every ended marker dropped: none without an index entry
        }
    }

    [Fact]
    public async Task Sweep_DropsEndedMarkers_OnceTheirEntryIsDue_AndTokensKeepRising()
    {
        var (table, clock) = await NewTableAsync();
        var released = Guid.NewGuid();
        var lapsed = Guid.NewGuid();
        var alice = Guid.NewGuid();
        var first = table.Acquire(released, alice, "alice").Current!;
        table.Release(released, alice);
        table.Acquire(lapsed, alice, "alice");
        Assert.Equal(2, table.StoredCount);
        List<Lease> expired = [];

        clock.Advance(TimeSpan.FromSeconds(299));
        table.Sweep(expired, []);
        Assert.Equal(2, table.StoredCount); // the released key keeps its marker until its entry is due

        clock.Advance(TimeSpan.FromSeconds(2));
        table.Sweep(expired, []);
        Assert.Equal(lapsed, Assert.Single(expired).AppointmentId);
        Assert.Equal(0, table.StoredCount);
        Assert.Equal(0, table.IndexedCount);

        var again = table.Acquire(released, Guid.NewGuid(), "bob");
        Assert.Equal(LockResult.Granted, again.Result);
        Assert.True(again.Current!.FencingToken > first.FencingToken);
    }

    [Fact]
    public async Task Sweep_KeepsAMarker_WhileAGrantThatFoundTheKeyAbsentIsInFlight_SoTokensNeverFall()
    {
        var (table, clock) = await NewTableAsync();
        var key = Guid.NewGuid();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        using var stalled = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        table.BeforeAbsentAdd = lease =>
        {
            if (lease.HolderId == alice)
            {
                stalled.Set();
                resume.Wait(TimeSpan.FromSeconds(30));
            }
        };

        // Alice finds the key absent and draws her token, then stalls before adding her lease.
        LockOutcome hers = default;
        var slow = new Thread(() => hers = table.Acquire(key, alice, "alice"));
        slow.Start();
        Assert.True(stalled.Wait(TimeSpan.FromSeconds(10)));

        // Meanwhile Bob takes the key with a later token and releases it, and the marker's entry falls
        // due; so does Carol's lease elsewhere.
        var bobs = table.Acquire(key, bob, "bob").Current!;
        table.Release(key, bob);
        var lapsed = Guid.NewGuid();
        table.Acquire(lapsed, Guid.NewGuid(), "carol");
        clock.Advance(TimeSpan.FromSeconds(301));
        List<Lease> expired = [];
        table.Sweep(expired, []);
        Assert.Equal(lapsed, Assert.Single(expired).AppointmentId);
        Assert.Equal(2, table.StoredCount); // both kept as markers: Alice's add must still find hers

        resume.Set();
        slow.Join();
        Assert.Equal(LockResult.Granted, hers.Result);
        Assert.True(hers.Current!.FencingToken > bobs.FencingToken, $"token {hers.Current.FencingToken} after {bobs.FencingToken}");

        // With no grant in flight the next sweep drops Carol's marker, reporting nothing twice.
        table.Sweep(expired, []);
        Assert.Single(expired);
        Assert.Equal(1, table.StoredCount);
        Assert.Equal(alice, table.Get(key)!.HolderId);
    }

    [Fact]
    public async Task Sweep_WhenTheLeaseExpiresWhileItsRequestIsGranted_EndsItInsteadOfSpinning()
    {
        var clock = new SteppingClock(DateTimeOffset.UtcNow);
        var tokens = new FencingTokens();
        tokens.Start(0, long.MaxValue / 2);
        var table = new LeaseTable(clock, tokens, Settings);
        var key = Guid.NewGuid();
        var holder = Guid.NewGuid();
        table.Acquire(key, holder, "holder"); // expires at 300 s
        clock.Advance(TimeSpan.FromSeconds(200));
        table.Request(key, RequestKind.Control, Guid.NewGuid(), "admin"); // deadline at 260 s

        // The sweep's first look is at 270 s (the deadline passed, the lease alive); every later
        // reading of the clock is at 301 s, when the lease has expired.
        clock.Advance(TimeSpan.FromSeconds(70));
        clock.ThenJumpTo = clock.GetUtcNow() + TimeSpan.FromSeconds(31);
        List<Lease> expired = [];
        List<LockOutcome> granted = [];
        await Task.Run(() => table.Sweep(expired, granted)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(holder, Assert.Single(expired).HolderId);
        Assert.Empty(granted);
        Assert.Null(table.Get(key));
    }

    /// <summary>A clock the test sets to any instant, earlier ones included.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// A fake clock that jumps once, by itself, right after its next reading. FakeTimeProvider's
    /// AutoAdvanceAmount cannot say that: it moves the clock again after every reading.
    /// </summary>
    private sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
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
