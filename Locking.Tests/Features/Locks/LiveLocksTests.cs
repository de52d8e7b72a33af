using System.Net;
using System.Text.Json;
using Locking.Features.Locks.ListLocks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

/// <summary>The admins' live locks page: GET /api/locks, the hub's subscribe-locks, and presence-update.</summary>
public sealed partial class LiveLocksTests
{
    [Fact]
    public async Task ListLocks_ShowsEveryHeldLockWithItsPendingRequest_AndNothingReleasedOrExpired()
    {
        await using var app = new LockingApp();
        var admin = await app.ClientFor(Role.Admin);
        var staff1 = await app.ClientFor(Role.Staff);
        var staff2 = await app.ClientFor(Role.Staff);
        var first = await staff1.CreateAppointmentAsync();
        var second = await staff2.CreateAppointmentAsync();
        var released = await staff2.CreateAppointmentAsync();
        await staff1.AcquireAsync(first.Id);
        await staff2.AcquireAsync(second.Id);
        await staff2.AcquireAsync(released.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await staff2.Client.DeleteAsync($"/api/appointments/{released.Id}/release-lock")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.Client.PostAsync($"/api/appointments/{second.Id}/request-control", null)).StatusCode);

        var list = await (await admin.Client.GetAsync("/api/locks")).ReadAsync<LockList>();
        Assert.Equal([first.Id, second.Id], list.Items.Select(l => l.AppointmentId));
        Assert.Equal(staff1.Id, list.Items[0].LockedBy);
        Assert.Null(list.Items[0].PendingRequest);
        Assert.Equal(staff2.Name, list.Items[1].LockedByName);
        Assert.Equal(admin.Id, list.Items[1].PendingRequest!.RequestedBy);

        // Past the TTL (300 s) both leases have expired: nothing is listed, before any sweep.
        app.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Empty((await (await admin.Client.GetAsync("/api/locks")).ReadAsync<LockList>()).Items);
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.Doctor)]
    [InlineData(Role.Patient)]
    public async Task ListLocks_IsForAdminsOnly(Role role)
    {
        await using var app = new LockingApp();
        var user = await app.ClientFor(role);
        await (await user.Client.GetAsync("/api/locks")).AssertProblemAsync(403, "forbidden");
        await (await app.CreateClient().GetAsync("/api/locks")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task SubscribeLocks_BringsEveryAppointmentsLockUpdate_OnceEvenWhenAlsoSubscribedToIt_UntilUnsubscribed()
    {
        await using var app = new LockingApp();
        var admin = await app.ClientFor(Role.Admin);
        var staff = await app.ClientFor(Role.Staff);
        var watched = await staff.CreateAppointmentAsync();
        var other = await staff.CreateAppointmentAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        await hub.InvokeAsync("subscribe", watched.Id);
        await hub.WaitForAsync("lock-update", e => e.GetProperty("appointmentId").GetGuid() == watched.Id);
        await hub.InvokeAsync("subscribe-locks");

        await staff.AcquireAsync(watched.Id);
        await staff.AcquireAsync(other.Id);
        await hub.WaitForAsync("lock-update", e => e.GetProperty("appointmentId").GetGuid() == other.Id && e.GetProperty("locked").GetBoolean());
        // Events arrive in the order sent: the watched appointment's update came before the other's, exactly once.
        Assert.Single(hub.Received("lock-update"), e => e.Payload.GetProperty("appointmentId").GetGuid() == watched.Id
            && e.Payload.GetProperty("locked").GetBoolean());

        await hub.InvokeAsync("unsubscribe-locks");
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.DeleteAsync($"/api/appointments/{other.Id}/release-lock")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.DeleteAsync($"/api/appointments/{watched.Id}/release-lock")).StatusCode);
        // Still subscribed to the watched one: its release arrives (once); the other's, sent before it, does not.
        await hub.WaitForAsync("lock-update", e => e.GetProperty("appointmentId").GetGuid() == watched.Id && !e.GetProperty("locked").GetBoolean());
        // Two "unlocked" updates of it in all: the state sent on subscribe, and this release.
        Assert.Equal(2, hub.Received("lock-update").Count(e => e.Payload.GetProperty("appointmentId").GetGuid() == watched.Id
            && !e.Payload.GetProperty("locked").GetBoolean() && e.Payload.GetProperty("lock").ValueKind == JsonValueKind.Null));
        Assert.DoesNotContain(hub.Received("lock-update"), e => e.Payload.GetProperty("appointmentId").GetGuid() == other.Id
            && !e.Payload.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task SubscribeLocks_IsRefusedToNonAdmins()
    {
        await using var app = new LockingApp();
        await using var hub = await app.ConnectHubAsync(await app.ClientFor(Role.Staff));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("subscribe-locks"));
        Assert.EndsWith("forbidden: Only admins follow every lock; subscribe to one appointment instead.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_PastTheCapOfViewedAppointments_IsRefused_AndRepeatsTakeNoRoom()
    {
        await using var app = new LockingApp();
        await using var hub = await app.ConnectHubAsync(await app.ClientFor(Role.Staff));
        var first = Guid.NewGuid();
        await hub.InvokeAsync("subscribe", first);
        await hub.InvokeAsync("subscribe", first);
        for (var i = 1; i < Locking.Features.Locks.Presence.MaxPerConnection; i++)
        {
            // Watching takes room like viewing.
            await hub.InvokeAsync(i % 2 == 0 ? "watch" : "subscribe", Guid.NewGuid());
        }
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("subscribe", Guid.NewGuid()));
        Assert.Contains("too_many_subscriptions: A connection views at most 500 appointments", refused.Message, StringComparison.Ordinal);
        // Leaving one makes room for another.
        await hub.InvokeAsync("unsubscribe", first);
        await hub.InvokeAsync("subscribe", Guid.NewGuid());
    }
}
