using System.Net;
using System.Net.Http.Json;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

public sealed class RealtimeTests
{
    [Fact]
    public async Task DisconnectGrace_HolderDrops_ReleasedAfterTheGrace()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var watcher = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        await using var watch = await app.WatchAsync(watcher, appointment.Id);
        var holderHub = await app.ConnectHubAsync(holder);
        await holder.AcquireAsync(appointment.Id);
        await watch.WaitForAsync("lock-acquired");

        await holderHub.DisposeAsync();
        // The server noticed: the lease now ends at the grace deadline, not the TTL.
        var marked = await watch.WaitForAsync("lock-update", e => e.GetProperty("locked").GetBoolean()
            && e.GetProperty("lock").GetProperty("expiresAt").GetDateTimeOffset() == app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        Assert.NotNull(marked);

        app.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True((await watcher.LockStatusAsync(appointment.Id)).Locked);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var released = await watch.WaitForAsync("lock-released");
        Assert.Equal("disconnected", released.Payload.GetProperty("reason").GetString());
        Assert.False((await watcher.LockStatusAsync(appointment.Id)).Locked);
    }

    [Fact]
    public async Task DisconnectGrace_ReconnectingWithinIt_KeepsTheLease()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var watcher = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        await using var watch = await app.WatchAsync(watcher, appointment.Id);
        var first = await app.ConnectHubAsync(holder);
        var lease = await holder.AcquireAsync(appointment.Id);
        // Claim the acquire's update, so the waits below can only match later ones.
        await watch.WaitForAsync("lock-update", e => e.GetProperty("locked").GetBoolean());

        await first.DisposeAsync();
        await watch.WaitForAsync("lock-update", e => e.GetProperty("locked").GetBoolean()
            && e.GetProperty("lock").GetProperty("expiresAt").GetDateTimeOffset() < lease.ExpiresAt);
        app.Clock.Advance(TimeSpan.FromSeconds(20));

        await using var again = await app.ConnectHubAsync(holder);
        await watch.WaitForAsync("lock-update", e => e.GetProperty("locked").GetBoolean()
            && e.GetProperty("lock").GetProperty("expiresAt").GetDateTimeOffset() == lease.ExpiresAt);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var status = await watcher.LockStatusAsync(appointment.Id);
        Assert.True(status.Locked);
        Assert.Equal(lease.FencingToken, status.Lock!.FencingToken);
    }

    [Fact]
    public async Task RestOnlyHolder_LivesByTtl_NotByHubConnections()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        await holder.AcquireAsync(appointment.Id);
        app.Clock.Advance(TimeSpan.FromSeconds(120));
        Assert.True((await holder.LockStatusAsync(appointment.Id)).Locked);
    }

    [Fact]
    public async Task Cursor_ReachesOtherSubscribers_NotTheSender()
    {
        await using var app = new LockingApp();
        var alice = await app.ClientFor(Role.Staff);
        var bob = await app.ClientFor(Role.Doctor);
        var appointment = await alice.CreateAppointmentAsync();
        await using var aliceHub = await app.ConnectHubAsync(alice);
        await using var bobHub = await app.ConnectHubAsync(bob);
        await aliceHub.InvokeAsync("subscribe", appointment.Id);
        await bobHub.InvokeAsync("subscribe", appointment.Id);

        // Over the hub: the invocation completes after the fan-out, so an echo would already be here.
        await aliceHub.InvokeAsync("cursor-position", appointment.Id, new { field = "note", line = 2, column = 5 });
        var seen = await bobHub.WaitForAsync("cursor-update");
        Assert.Equal(alice.Id, seen.Payload.GetProperty("userId").GetGuid());
        Assert.Equal(alice.Name, seen.Payload.GetProperty("userName").GetString());
        Assert.Equal(5, seen.Payload.GetProperty("position").GetProperty("column").GetInt32());
        Assert.Empty(aliceHub.Received("cursor-update"));

        // Over REST: the same event, to everyone but the sender's connections.
        var posted = await bob.Client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/update-position", new { x = 10.5, y = 20 });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var fromBob = await aliceHub.WaitForAsync("cursor-update");
        Assert.Equal(bob.Id, fromBob.Payload.GetProperty("userId").GetGuid());
        Assert.Equal(10.5, fromBob.Payload.GetProperty("position").GetProperty("x").GetDouble());
        await aliceHub.InvokeAsync("cursor-position", appointment.Id, new { line = 1 });
        await bobHub.WaitForAsync("cursor-update", e => e.GetProperty("userId").GetGuid() == alice.Id);
        Assert.DoesNotContain(bobHub.Received("cursor-update"), e => e.Payload.GetProperty("userId").GetGuid() == bob.Id);
    }

    [Fact]
    public async Task UpdatePosition_Validates_AndUnknownAppointmentIs404()
    {
        await using var app = new LockingApp();
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        await (await staff.Client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/update-position", new { line = -1 }))
            .AssertProblemAsync(400, "validation_failed");
        await (await staff.Client.PostAsJsonAsync($"/api/appointments/{Guid.NewGuid()}/update-position", new { line = 1 }))
            .AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Subscribe_SendsTheCurrentLockUpdate_AndPatientsMayNotSubscribe()
    {
        await using var app = new LockingApp();
        var staff = await app.ClientFor(Role.Staff);
        var patient = await app.ClientFor(Role.Patient);
        var appointment = await staff.CreateAppointmentAsync();
        var lease = await staff.AcquireAsync(appointment.Id);

        await using var hub = await app.WatchAsync(staff, appointment.Id);
        var update = await hub.WaitForAsync("lock-update");
        Assert.True(update.Payload.GetProperty("locked").GetBoolean());
        Assert.Equal(lease.FencingToken, update.Payload.GetProperty("lock").GetProperty("fencingToken").GetInt64());

        await using var patientHub = await app.ConnectHubAsync(patient);
        var refused = await Assert.ThrowsAsync<HubException>(() => patientHub.InvokeAsync("subscribe", appointment.Id));
        Assert.Contains("forbidden", refused.Message, StringComparison.Ordinal);
        Assert.Empty(patientHub.Received("init-appointments"));
    }

    [Fact]
    public async Task Unsubscribe_StopsTheEvents()
    {
        await using var app = new LockingApp();
        var staff = await app.ClientFor(Role.Staff);
        var first = await staff.CreateAppointmentAsync();
        var second = await staff.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(staff, first.Id);
        await hub.InvokeAsync("subscribe", second.Id);
        await hub.InvokeAsync("unsubscribe", first.Id);

        await staff.AcquireAsync(first.Id);
        await staff.AcquireAsync(second.Id);
        // Events are sent in order: once the second's arrives, the first's would have too.
        await hub.WaitForAsync("lock-acquired", e => e.GetProperty("appointmentId").GetGuid() == second.Id);
        Assert.DoesNotContain(hub.Received("lock-acquired"), e => e.Payload.GetProperty("appointmentId").GetGuid() == first.Id);
    }

    [Fact]
    public async Task InitAppointments_OnConnect_AndUpdateAppointments_AfterChanges()
    {
        await using var app = new LockingApp();
        var staff = await app.ClientFor(Role.Staff);
        var admin = await app.ClientFor(Role.Admin);
        var upcoming = await staff.CreateAppointmentAsync("soon");
        var locked = await staff.AcquireAsync(upcoming.Id);

        await using var hub = await app.ConnectHubAsync(staff);
        var init = await hub.WaitForAsync("init-appointments");
        var item = init.Payload.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("appointment").GetProperty("id").GetGuid() == upcoming.Id);
        Assert.True(item.GetProperty("locked").GetBoolean());
        Assert.Equal(locked.FencingToken, item.GetProperty("lock").GetProperty("fencingToken").GetInt64());

        var created = await admin.CreateAppointmentAsync("new one");
        var announced = await hub.WaitForAsync("update-appointments", e => e.TryGetProperty("appointment", out var a) && a.GetProperty("id").GetGuid() == created.Id);
        Assert.Equal("new one", announced.Payload.GetProperty("appointment").GetProperty("title").GetString());

        await staff.Client.PutAsJsonAsync($"/api/appointments/{upcoming.Id}", TestData.AppointmentBody("renamed", version: 1));
        var updated = await hub.WaitForAsync("update-appointments", e => e.TryGetProperty("appointment", out var a) && a.GetProperty("id").GetGuid() == upcoming.Id);
        Assert.Equal(2, updated.Payload.GetProperty("appointment").GetProperty("version").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/appointments/{created.Id}")).StatusCode);
        var deleted = await hub.WaitForAsync("update-appointments", e => e.TryGetProperty("deleted", out _));
        Assert.Equal(created.Id, deleted.Payload.GetProperty("id").GetGuid());
    }
}
