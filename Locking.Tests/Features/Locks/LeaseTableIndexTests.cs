using Locking.Features.Locks;
using static Locking.Tests.Features.Locks.LeaseTables;

namespace Locking.Tests.Features.Locks;

/// <summary>The expiry and holder indexes: hints the table confirms, exact under churn.</summary>
public sealed class LeaseTableIndexTests
{
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
}
