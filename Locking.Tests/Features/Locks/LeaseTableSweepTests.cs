using Locking.Features.Locks;
using Microsoft.Extensions.Time.Testing;
using static Locking.Tests.Features.Locks.LeaseTables;

namespace Locking.Tests.Features.Locks;

/// <summary>The sweep: what is due, settled against the table, with markers that keep tokens rising.</summary>
public sealed class LeaseTableSweepTests
{
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
}
