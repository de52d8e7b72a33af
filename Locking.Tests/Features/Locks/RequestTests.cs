using System.Net;
using System.Text.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

/// <summary>Request control and force-release requests: approve, reject, and silence past the deadline.</summary>
public sealed class RequestTests
{
    private sealed record Scene(LockingApp App, TestUser Holder, TestUser Admin, Guid AppointmentId, HubClient HolderHub, HubClient AdminHub, LockView Lease)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await HolderHub.DisposeAsync();
            await AdminHub.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<Scene> SetUpAsync()
    {
        var app = new LockingApp();
        var holder = await app.ClientFor(Role.Staff);
        var admin = await app.ClientFor(Role.Admin);
        var appointment = await holder.CreateAppointmentAsync();
        var holderHub = await app.ConnectHubAsync(holder);
        var adminHub = await app.ConnectHubAsync(admin);
        await holderHub.InvokeAsync("subscribe", appointment.Id);
        var lease = await holder.AcquireAsync(appointment.Id);
        return new Scene(app, holder, admin, appointment.Id, holderHub, adminHub, lease);
    }

    private static async Task<JsonElement> RequestAsync(Scene s, string route, string expectedEvent)
    {
        var response = await s.Admin.Client.PostAsync($"/api/appointments/{s.AppointmentId}/{route}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await s.HolderHub.WaitForAsync(expectedEvent);
        Assert.Equal(s.AppointmentId, request.Payload.GetProperty("appointmentId").GetGuid());
        Assert.Equal(s.Admin.Id, request.Payload.GetProperty("requestedBy").GetGuid());
        Assert.Equal(s.Admin.Name, request.Payload.GetProperty("requestedByName").GetString());
        var deadline = request.Payload.GetProperty("deadline").GetDateTimeOffset();
        Assert.Equal(s.App.Clock.GetUtcNow() + TimeSpan.FromSeconds(60), deadline);
        var pending = (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.PendingRequest!;
        Assert.Equal(route == "request-control" ? "control" : "force-release", pending.Kind);
        return request.Payload;
    }

    [Fact]
    public async Task RequestControl_Approve_TransfersTheLockToTheAdmin()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "request-control", "request-control");

        var approve = await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/approve-request-control", null);
        var lease = await approve.ReadAsync<LockView>();
        Assert.Equal(s.Admin.Id, lease.LockedBy);
        Assert.Equal(lease.FencingToken, await s.App.QueryAsync<long>("SELECT fencing_token FROM appointments WHERE id = @id", new { id = s.AppointmentId }));
        Assert.True(lease.FencingToken > s.Lease.FencingToken);
        Assert.Null(lease.PendingRequest);

        var approved = await s.AdminHub.WaitForAsync("request-control-approved");
        Assert.False(approved.Payload.GetProperty("auto").GetBoolean());
        Assert.Equal(s.Admin.Id, approved.Payload.GetProperty("lock").GetProperty("lockedBy").GetGuid());
        var released = await s.HolderHub.WaitForAsync("lock-released");
        Assert.Equal("transferred", released.Payload.GetProperty("reason").GetString());
        Assert.Equal(s.Admin.Id, (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.LockedBy);

        // Nothing left to answer.
        await (await s.Admin.Client.PostAsync($"/api/appointments/{s.AppointmentId}/approve-request-control", null))
            .AssertProblemAsync(409, "no_pending_request");
    }

    [Fact]
    public async Task RequestControl_Reject_KeepsTheLockAndTellsTheAdmin()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "request-control", "request-control");

        Assert.Equal(HttpStatusCode.NoContent, (await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/reject-request-control", null)).StatusCode);
        var rejected = await s.AdminHub.WaitForAsync("request-control-rejected");
        Assert.False(rejected.Payload.GetProperty("auto").GetBoolean());
        var status = await s.Holder.LockStatusAsync(s.AppointmentId);
        Assert.Equal(s.Holder.Id, status.Lock!.LockedBy);
        Assert.Null(status.Lock.PendingRequest);

        // A rejected request does not come back at its deadline.
        s.App.Clock.Advance(TimeSpan.FromSeconds(61));
        await (await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/reject-request-control", null))
            .AssertProblemAsync(409, "no_pending_request");
        Assert.Equal(s.Holder.Id, (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.LockedBy);
    }

    [Fact]
    public async Task RequestControl_Unanswered_IsGrantedAtTheDeadline_WithAutoTrue()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "request-control", "request-control");

        s.App.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(s.Holder.Id, (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.LockedBy);
        s.App.Clock.Advance(TimeSpan.FromSeconds(2));

        var approved = await s.AdminHub.WaitForAsync("request-control-approved");
        Assert.True(approved.Payload.GetProperty("auto").GetBoolean());
        Assert.Equal(s.Admin.Id, (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.LockedBy);
        Assert.Equal(approved.Payload.GetProperty("lock").GetProperty("fencingToken").GetInt64(),
            await s.App.QueryAsync<long>("SELECT fencing_token FROM appointments WHERE id = @id", new { id = s.AppointmentId }));
    }

    [Fact]
    public async Task RequestControl_Rules_NoLock404_AlreadyHolder409_NonAdmin403_NonHolderApprove403()
    {
        await using var s = await SetUpAsync();
        var staff = await s.App.ClientFor(Role.Staff);
        await (await staff.Client.PostAsync($"/api/appointments/{s.AppointmentId}/request-control", null)).AssertProblemAsync(403, "forbidden");
        var free = await s.Holder.CreateAppointmentAsync();
        await (await s.Admin.Client.PostAsync($"/api/appointments/{free.Id}/request-control", null)).AssertProblemAsync(404, "no_lock");
        await RequestAsync(s, "request-control", "request-control");
        await (await staff.Client.PostAsync($"/api/appointments/{s.AppointmentId}/approve-request-control", null)).AssertProblemAsync(403, "not_lock_holder");

        await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/approve-request-control", null);
        await (await s.Admin.Client.PostAsync($"/api/appointments/{s.AppointmentId}/request-control", null)).AssertProblemAsync(409, "already_lock_holder");
    }

    [Fact]
    public async Task PendingRequest_LapsesWhenTheLockEnds()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "request-control", "request-control");
        await s.Holder.Client.DeleteAsync($"/api/appointments/{s.AppointmentId}/release-lock");
        await s.HolderHub.WaitForAsync("lock-released", e => e.GetProperty("reason").GetString() == "released");

        // A second lease that expires in the same sweep proves the sweep past the deadline ran.
        var other = await s.Holder.CreateAppointmentAsync();
        await s.HolderHub.InvokeAsync("subscribe", other.Id);
        await s.Holder.AcquireAsync(other.Id);
        s.App.Clock.Advance(TimeSpan.FromSeconds(301));
        await s.HolderHub.WaitForAsync("lock-released", e => e.GetProperty("reason").GetString() == "expired");

        Assert.False((await s.Holder.LockStatusAsync(s.AppointmentId)).Locked);
        Assert.Empty(s.AdminHub.Received("request-control-approved"));
    }

    [Fact]
    public async Task ForceReleaseRequest_Approve_ReleasesAndTellsTheAdmin()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "force-release-lock-request", "force-release-lock-request");

        Assert.Equal(HttpStatusCode.NoContent, (await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/force-release-lock-approve", null)).StatusCode);
        var approved = await s.AdminHub.WaitForAsync("force-release-lock-approved");
        Assert.False(approved.Payload.GetProperty("auto").GetBoolean());
        var released = await s.HolderHub.WaitForAsync("lock-released");
        Assert.Equal("forced", released.Payload.GetProperty("reason").GetString());
        Assert.False((await s.Holder.LockStatusAsync(s.AppointmentId)).Locked);
    }

    [Fact]
    public async Task ForceReleaseRequest_Reject_KeepsTheLock()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "force-release-lock-request", "force-release-lock-request");

        Assert.Equal(HttpStatusCode.NoContent, (await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/reject-request-control", null)).StatusCode);
        await s.AdminHub.WaitForAsync("request-control-rejected");
        await (await s.Holder.Client.PostAsync($"/api/appointments/{s.AppointmentId}/force-release-lock-approve", null))
            .AssertProblemAsync(409, "no_pending_request");
        Assert.Equal(s.Holder.Id, (await s.Holder.LockStatusAsync(s.AppointmentId)).Lock!.LockedBy);
    }

    [Fact]
    public async Task ForceReleaseRequest_Unanswered_ReleasesAtTheDeadline_WithAutoTrue()
    {
        await using var s = await SetUpAsync();
        await RequestAsync(s, "force-release-lock-request", "force-release-lock-request");
        s.App.Clock.Advance(TimeSpan.FromSeconds(61));

        var approved = await s.AdminHub.WaitForAsync("force-release-lock-approved");
        Assert.True(approved.Payload.GetProperty("auto").GetBoolean());
        var released = await s.HolderHub.WaitForAsync("lock-released");
        Assert.Equal("forced", released.Payload.GetProperty("reason").GetString());
        Assert.False((await s.Holder.LockStatusAsync(s.AppointmentId)).Locked);
    }
}
