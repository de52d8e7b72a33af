using System.Net;
using System.Net.Http.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

/// <summary>Each test moves the clock, so each has its own app.</summary>
public sealed class LockLifecycleTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task Expiry_ByMovingTheClock_UnlocksAndAnnouncesExpired()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var watcher = await app.ClientFor(Role.Doctor);
        var appointment = await holder.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(watcher, appointment.Id);
        await hub.WaitForAsync("lock-update");
        await holder.AcquireAsync(appointment.Id);
        await hub.WaitForAsync("lock-acquired");

        app.Clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.True((await watcher.LockStatusAsync(appointment.Id)).Locked);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var released = await hub.WaitForAsync("lock-released");
        Assert.Equal("expired", released.Payload.GetProperty("reason").GetString());
        Assert.Equal(holder.Id, released.Payload.GetProperty("releasedBy").GetGuid());
        Assert.Equal(appointment.Id, released.Payload.GetProperty("appointmentId").GetGuid());
        Assert.False((await watcher.LockStatusAsync(appointment.Id)).Locked);
        await (await holder.Client.PostAsync($"/api/appointments/{appointment.Id}/renew-lock", null)).AssertProblemAsync(404, "no_lock");
    }

    [Fact]
    public async Task Expired_LeaseIsFreeForTheNextUser_BeforeTheSweep()
    {
        await using var app = LockingApp.With(new Dictionary<string, string?> { ["Locks:SweepIntervalSeconds"] = "3600" });
        var first = await app.ClientFor(Role.Staff);
        var second = await app.ClientFor(Role.Staff);
        var appointment = await first.CreateAppointmentAsync();
        var old = await first.AcquireAsync(appointment.Id);
        app.Clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var next = await second.AcquireAsync(appointment.Id);
        Assert.Equal(second.Id, next.LockedBy);
        Assert.True(next.FencingToken > old.FencingToken);
    }

    [Theory]
    [InlineData("renew")]
    [InlineData("update-position")]
    [InlineData("write")]
    [InlineData("acquire")]
    public async Task HolderActivity_PushesExpiresAtForward(string activity)
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        var lease = await holder.AcquireAsync(appointment.Id);
        Assert.Equal(lease.AcquiredAt + Ttl, lease.ExpiresAt);

        app.Clock.Advance(TimeSpan.FromSeconds(200));
        var response = activity switch
        {
            "renew" => await holder.Client.PostAsync($"/api/appointments/{appointment.Id}/renew-lock", null),
            "update-position" => await holder.Client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/update-position", new { field = "note", line = 3, column = 7 }),
            "write" => await holder.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("moved", version: 1)),
            _ => await holder.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null),
        };
        Assert.True(response.IsSuccessStatusCode, $"{activity}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        var status = await holder.LockStatusAsync(appointment.Id);
        Assert.Equal(app.Clock.GetUtcNow() + Ttl, status.Lock!.ExpiresAt);
        Assert.Equal(app.Clock.GetUtcNow(), status.Lock.LastActivityAt);
        Assert.Equal(lease.FencingToken, status.Lock.FencingToken);

        // Past the original deadline, the lease lives on.
        app.Clock.Advance(TimeSpan.FromSeconds(150));
        Assert.True((await holder.LockStatusAsync(appointment.Id)).Locked);
    }

    [Fact]
    public async Task Release_ByTheHolder_Returns204AndAnnouncesReleased()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(holder, appointment.Id);
        await holder.AcquireAsync(appointment.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await holder.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock")).StatusCode);
        var released = await hub.WaitForAsync("lock-released");
        Assert.Equal("released", released.Payload.GetProperty("reason").GetString());
        var update = await hub.WaitForAsync("lock-update", e => !e.GetProperty("locked").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, update.Payload.GetProperty("lock").ValueKind);
    }

    [Fact]
    public async Task Release_ByNonHolder_Returns403NotLockHolder_AndWithoutLock404NoLock()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var other = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();

        await (await holder.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock")).AssertProblemAsync(404, "no_lock");
        await holder.AcquireAsync(appointment.Id);
        await (await other.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock")).AssertProblemAsync(403, "not_lock_holder");
        await (await other.Client.PostAsync($"/api/appointments/{appointment.Id}/renew-lock", null)).AssertProblemAsync(403, "not_lock_holder");
        Assert.Equal(holder.Id, (await other.LockStatusAsync(appointment.Id)).Lock!.LockedBy);
    }

    [Fact]
    public async Task ForceRelease_ByNonAdmin403_ByAdmin204WithForcedAndAdminTakeover()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var admin = await app.ClientFor(Role.Admin);
        var appointment = await holder.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(holder, appointment.Id);

        await (await admin.Client.DeleteAsync($"/api/appointments/{appointment.Id}/force-release-lock")).AssertProblemAsync(404, "no_lock");
        await holder.AcquireAsync(appointment.Id);
        await (await holder.Client.DeleteAsync($"/api/appointments/{appointment.Id}/force-release-lock")).AssertProblemAsync(403, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/appointments/{appointment.Id}/force-release-lock")).StatusCode);
        var released = await hub.WaitForAsync("lock-released");
        Assert.Equal("forced", released.Payload.GetProperty("reason").GetString());
        Assert.Equal(admin.Id, released.Payload.GetProperty("releasedBy").GetGuid());
        var takeover = await hub.WaitForAsync("admin-takeover");
        Assert.Equal(admin.Id, takeover.Payload.GetProperty("adminId").GetGuid());
        Assert.Equal(admin.Name, takeover.Payload.GetProperty("adminName").GetString());
        Assert.Equal(holder.Id, takeover.Payload.GetProperty("previousHolderId").GetGuid());
        Assert.False((await holder.LockStatusAsync(appointment.Id)).Locked);
    }

    [Fact]
    public async Task Takeover_AdminHoldsWithAHigherToken_AndThePreviousHoldersWriteIsRefused()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var admin = await app.ClientFor(Role.Admin);
        var appointment = await holder.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(holder, appointment.Id);
        var before = await holder.AcquireAsync(appointment.Id);

        await (await holder.Client.PostAsync($"/api/appointments/{appointment.Id}/takeover", null)).AssertProblemAsync(403, "forbidden");
        var response = await admin.Client.PostAsync($"/api/appointments/{appointment.Id}/takeover", null);
        var after = await response.ReadAsync<LockView>();
        Assert.Equal(admin.Id, after.LockedBy);
        Assert.True(after.FencingToken > before.FencingToken);
        // The stored fence moved with the lock: a write still carrying the old token cannot land any more.
        Assert.Equal(after.FencingToken, await app.QueryAsync<long>("SELECT fencing_token FROM appointments WHERE id = @id", new { id = appointment.Id }));
        var takeover = await hub.WaitForAsync("admin-takeover");
        Assert.Equal(holder.Id, takeover.Payload.GetProperty("previousHolderId").GetGuid());

        var write = await holder.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody("late edit", version: 1, fencingToken: before.FencingToken));
        await write.AssertProblemAsync(409, "stale_lock_token");
        var tokenless = await holder.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("late edit", version: 1));
        await tokenless.AssertProblemAsync(423, "lock_required");
        var adminWrite = await admin.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody("admin edit", version: 1, fencingToken: after.FencingToken));
        Assert.Equal(HttpStatusCode.OK, adminWrite.StatusCode);
    }

    [Fact]
    public async Task StaleFencingToken_AfterReacquiring_Returns409StaleLockToken()
    {
        await using var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var appointment = await holder.CreateAppointmentAsync();
        var first = await holder.AcquireAsync(appointment.Id);
        app.Clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var second = await holder.AcquireAsync(appointment.Id);
        Assert.True(second.FencingToken > first.FencingToken);

        var stale = await holder.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody("from the old tab", version: 1, fencingToken: first.FencingToken));
        await stale.AssertProblemAsync(409, "stale_lock_token");
        var fresh = await holder.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody("from the new tab", version: 1, fencingToken: second.FencingToken));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }
}
