using System.Net;
using System.Net.Http.Json;
using System.Text;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

/// <summary>Edge cases of the lock and appointment contract found in review.</summary>
public sealed class ContractEdgeTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    public async Task Cursor_WithANonFiniteCoordinate_Is400_AndSubscribersStayConnected()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        await using var hub = await app.WatchAsync(staff, appointment.Id);
        var response = await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/update-position",
            new StringContent("""{"x":1e400}""", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400, "validation_failed");
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("cursor-position", appointment.Id, new { x = 1e300, line = -4 }));
        // Still connected and served.
        await hub.InvokeAsync("subscribe", appointment.Id);
        Assert.False(hub.Closed.IsCompleted);
    }

    [Fact]
    public async Task SecondAdminsRequest_Is409RequestPending_AndTheSameAdminKeepsTheDeadline()
    {
        var holder = await app.ClientFor(Role.Staff);
        var first = await app.ClientFor(Role.Admin);
        var second = await app.ClientFor(Role.Admin);
        var appointment = await holder.CreateAppointmentAsync();
        await holder.AcquireAsync(appointment.Id);

        Assert.Equal(HttpStatusCode.Accepted, (await first.Client.PostAsync($"/api/appointments/{appointment.Id}/request-control", null)).StatusCode);
        var deadline = (await holder.LockStatusAsync(appointment.Id)).Lock!.PendingRequest!.Deadline;
        await (await second.Client.PostAsync($"/api/appointments/{appointment.Id}/request-control", null)).AssertProblemAsync(409, "request_pending");
        await (await second.Client.PostAsync($"/api/appointments/{appointment.Id}/force-release-lock-request", null)).AssertProblemAsync(409, "request_pending");
        Assert.Equal(HttpStatusCode.Accepted, (await first.Client.PostAsync($"/api/appointments/{appointment.Id}/request-control", null)).StatusCode);
        var pending = (await holder.LockStatusAsync(appointment.Id)).Lock!.PendingRequest!;
        Assert.Equal(first.Id, pending.RequestedBy);
        Assert.Equal(deadline, pending.Deadline);
    }

    [Fact]
    public async Task UnknownAppointment_Is404_ForLockStatusAndWrites()
    {
        var staff = await app.ClientFor(Role.Staff);
        var missing = Guid.NewGuid();
        await (await staff.Client.GetAsync($"/api/appointments/{missing}/lock-status")).AssertProblemAsync(404, "not_found");
        await (await staff.Client.PutAsJsonAsync($"/api/appointments/{missing}", TestData.AppointmentBody(version: 1))).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task FencingToken_NeverGranted_Is400()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var lease = await staff.AcquireAsync(appointment.Id);
        var response = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody(version: 1, fencingToken: lease.FencingToken + 1000));
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("fencingToken", out _));
    }

    [Fact]
    public async Task IfNoneMatch_AcceptsListsAndWeakTags()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        foreach (var header in new[] { "\"1\"", "\"7\", \"1\"", "W/\"1\"", "*" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/{appointment.Id}");
            request.Headers.TryAddWithoutValidation("If-None-Match", header);
            Assert.Equal(HttpStatusCode.NotModified, (await staff.Client.SendAsync(request)).StatusCode);
        }
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/{appointment.Id}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"2\"");
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Instants_AreWrittenInUtcWithZ_AndInputWithoutAnOffsetIsRefused()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var raw = await (await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).Content.ReadAsStringAsync();
        Assert.Matches("\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", raw);

        var local = await staff.Client.PostAsync("/api/appointments", new StringContent("""
            {"title":"x","patientName":"y","dateOfBirth":"1980-01-01","gender":"male",
             "startTime":"2030-01-07T09:00:00","endTime":"2030-01-07T09:30:00"}
            """, Encoding.UTF8, "application/json"));
        var problem = await local.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("startTime", out _));
    }

    [Fact]
    public async Task BindingErrors_NameTheField()
    {
        var staff = await app.ClientFor(Role.Staff);
        var paged = await (await staff.Client.GetAsync("/api/appointments?pageSize=abc")).AssertProblemAsync(400, "validation_failed");
        Assert.True(paged.GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.Equal("Validation failed", paged.GetProperty("title").GetString());
        var path = await (await staff.Client.GetAsync("/api/appointments/nope")).AssertProblemAsync(400, "validation_failed");
        Assert.True(path.GetProperty("errors").TryGetProperty("id", out _));
        var empty = await (await staff.Client.PostAsync("/api/appointments", new StringContent("", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(400, "validation_failed");
        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task EveryProblem_HasAType()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var locked = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody(version: 1));
        var problem = await locked.AssertProblemAsync(423, "lock_required");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
    }
}
