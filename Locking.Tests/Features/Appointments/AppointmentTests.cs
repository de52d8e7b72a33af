using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Appointments;
using Locking.Features.Appointments.ListAppointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Features.Appointments;

public sealed partial class AppointmentTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    public async Task Create_Returns201WithLocation_AndGetHasTheVersionAsETag()
    {
        var staff = await app.ClientFor(Role.Staff);
        var response = await staff.Client.PostAsJsonAsync("/api/appointments", TestData.AppointmentBody("Dental"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<AppointmentView>();
        Assert.Equal($"/api/appointments/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, created.Version);
        Assert.Equal(new DateOnly(1980, 4, 2), created.DateOfBirth);

        var get = await staff.Client.GetAsync($"/api/appointments/{created.Id}");
        Assert.Equal("\"1\"", get.Headers.ETag?.Tag);
        Assert.Equal("Dental", (await get.ReadAsync<AppointmentView>()).Title);

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/{created.Id}");
        conditional.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.NotModified, (await staff.Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Create_WithInvalidFields_Returns400_AndCreatesNothing()
    {
        var staff = await app.ClientFor(Role.Staff);
        var marker = $"invalid-{Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddDays(2);
        var response = await staff.Client.PostAsJsonAsync("/api/appointments", new
        {
            title = "",
            patientName = marker,
            dateOfBirth = "1980-04-02",
            gender = "robot",
            startTime = start,
            endTime = start.AddMinutes(-5),
        });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("gender", out _));

        // Cross-field rules run once every field is valid on its own.
        var backwards = await staff.Client.PostAsJsonAsync("/api/appointments", new
        {
            title = "Backwards",
            patientName = marker,
            dateOfBirth = "1980-04-02",
            gender = "male",
            startTime = start,
            endTime = start.AddMinutes(-5),
        });
        Assert.True((await backwards.AssertProblemAsync(400, "validation_failed")).GetProperty("errors").TryGetProperty("endTime", out _));

        var list = await (await staff.Client.GetAsync($"/api/appointments?q={marker}")).ReadAsync<AppointmentPage>();
        Assert.Equal(0, list.Total);
        await (await staff.Client.PostAsJsonAsync("/api/appointments", new { title = "x", dateOfBirth = "not-a-date" }))
            .AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Patient_CannotReadOrCreate_AndOnlyAdminDeletes()
    {
        var staff = await app.ClientFor(Role.Staff);
        var patient = await app.ClientFor(Role.Patient);
        var appointment = await staff.CreateAppointmentAsync();
        await (await patient.Client.GetAsync($"/api/appointments/{appointment.Id}")).AssertProblemAsync(403, "forbidden");
        await (await patient.Client.GetAsync("/api/appointments")).AssertProblemAsync(403, "forbidden");
        await (await patient.Client.PostAsJsonAsync("/api/appointments", TestData.AppointmentBody())).AssertProblemAsync(403, "forbidden");
        await (await staff.Client.DeleteAsync($"/api/appointments/{appointment.Id}")).AssertProblemAsync(403, "forbidden");
        await (await app.CreateClient().GetAsync($"/api/appointments/{appointment.Id}")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task List_FiltersByTextAndTime_AndPages()
    {
        var staff = await app.ClientFor(Role.Staff);
        var marker = $"page-{Guid.NewGuid():N}";
        var day = DateTimeOffset.UtcNow.Date.AddDays(30);
        for (var i = 0; i < 5; i++)
        {
            await staff.CreateAppointmentAsync($"{marker} #{i}", new DateTimeOffset(day.AddHours(8 + i), TimeSpan.Zero));
        }
        var first = await (await staff.Client.GetAsync($"/api/appointments?q={marker}&page=1&pageSize=2")).ReadAsync<AppointmentPage>();
        Assert.Equal(5, first.Total);
        Assert.Equal([$"{marker} #0", $"{marker} #1"], first.Items.Select(a => a.Title));
        var last = await (await staff.Client.GetAsync($"/api/appointments?q={marker}&page=3&pageSize=2")).ReadAsync<AppointmentPage>();
        Assert.Equal([$"{marker} #4"], last.Items.Select(a => a.Title));

        var from = Uri.EscapeDataString(new DateTimeOffset(day.AddHours(9), TimeSpan.Zero).ToString("O"));
        var to = Uri.EscapeDataString(new DateTimeOffset(day.AddHours(11), TimeSpan.Zero).ToString("O"));
        var window = await (await staff.Client.GetAsync($"/api/appointments?q={marker}&from={from}&to={to}")).ReadAsync<AppointmentPage>();
        Assert.Equal([$"{marker} #1", $"{marker} #2"], window.Items.Select(a => a.Title));

        await (await staff.Client.GetAsync("/api/appointments?pageSize=1000")).AssertProblemAsync(400, "validation_failed");
        await (await staff.Client.GetAsync("/api/appointments?page=abc")).AssertProblemAsync(400, "validation_failed");
        // LIKE wildcards in the text are literal.
        Assert.Equal(0, (await (await staff.Client.GetAsync($"/api/appointments?q={marker}%25x")).ReadAsync<AppointmentPage>()).Total);
    }

    [Fact]
    public async Task History_ListsWhoChangedWhichFields_AndFromWhichVersion()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync("before", note: "first note");
        await staff.AcquireAsync(appointment.Id);
        var body = TestData.AppointmentBody("after", appointment.StartTime, version: 1, note: "first note");
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", body)).StatusCode);

        var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
        Assert.Equal(2, history.Count);
        var update = history[1];
        Assert.Equal("updated", update.GetProperty("action").GetString());
        Assert.Equal(2, update.GetProperty("version").GetInt64());
        Assert.Equal(staff.Id, update.GetProperty("userId").GetGuid());
        Assert.Equal(staff.Name, update.GetProperty("userName").GetString());
        var changes = update.GetProperty("changes");
        Assert.Equal(["title"], changes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("before", changes.GetProperty("title").GetProperty("from").GetString());
        Assert.Equal("after", changes.GetProperty("title").GetProperty("to").GetString());

        await (await staff.Client.GetAsync($"/api/appointments/{Guid.NewGuid()}/history")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task History_InstantsInChanges_AreUtcWithZ_LikeEverywhereElse()
    {
        var staff = await app.ClientFor(Role.Staff);
        // Sent with an offset: stored and echoed as the same instant in UTC.
        var start = new DateTimeOffset(2031, 3, 4, 11, 30, 0, TimeSpan.FromHours(2));
        var appointment = await staff.CreateAppointmentAsync(start: start);
        await staff.AcquireAsync(appointment.Id);
        var moved = TestData.AppointmentBody(start: start.AddMinutes(45), version: 1);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", moved)).StatusCode);

        var view = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}")).ReadAsync<JsonElement>();
        var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
        var created = history[0].GetProperty("changes").GetProperty("startTime");
        var updated = history[1].GetProperty("changes").GetProperty("startTime");
        Assert.Equal("2031-03-04T09:30:00Z", created.GetProperty("to").GetString());
        Assert.Equal("2031-03-04T09:30:00Z", updated.GetProperty("from").GetString());
        Assert.Equal("2031-03-04T10:15:00Z", updated.GetProperty("to").GetString());
        Assert.Equal(view.GetProperty("startTime").GetString(), updated.GetProperty("to").GetString());
        Assert.Equal(view.GetProperty("endTime").GetString(), history[1].GetProperty("changes").GetProperty("endTime").GetProperty("to").GetString());
    }

    [Fact]
    [Trait(Engines.Trait, Engines.SqliteOnly)]
    public async Task History_WrittenBeforeTheFix_IsRewrittenToZ_AndOtherFieldsKeepTheirText()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        // As the history writer stored it before migration 004.
        const string legacy = """
            {"title":{"from":"a","to":"2031-01-01T00:00:00+00:00"},"startTime":{"from":"2031-03-04T09:30:00+00:00","to":"2031-03-04T10:15:00.5+00:00"},"endTime":{"from":null,"to":"2031-03-04T10:45:00+00:00"}}
            """;
        await app.ExecuteAsync("""
            INSERT INTO appointment_history (appointment_id, at, user_id, user_name, action, version, changes)
            VALUES (@id, '2031-03-04T08:00:00.0000000Z', @user, 'legacy', 'updated', 2, @legacy)
            """, new { id = appointment.Id.ToString(), user = staff.Id.ToString(), legacy });

        await app.ExecuteAsync(Migrator.ScriptsFor(DatabaseProvider.Sqlite).Single(s => s.Version == "004_history_instants_utc").Sql);

        var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
        var changes = history.Single(h => h.GetProperty("userName").GetString() == "legacy").GetProperty("changes");
        Assert.Equal("2031-03-04T09:30:00Z", changes.GetProperty("startTime").GetProperty("from").GetString());
        Assert.Equal("2031-03-04T10:15:00.5Z", changes.GetProperty("startTime").GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("endTime").GetProperty("from").ValueKind);
        Assert.Equal("2031-03-04T10:45:00Z", changes.GetProperty("endTime").GetProperty("to").GetString());
        Assert.Equal("2031-01-01T00:00:00+00:00", changes.GetProperty("title").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Delete_ByAdmin_EndsItsLock_AndLeavesHistory()
    {
        var staff = await app.ClientFor(Role.Staff);
        var admin = await app.ClientFor(Role.Admin);
        var appointment = await staff.CreateAppointmentAsync();
        await staff.AcquireAsync(appointment.Id);

        await using var hub = await app.WatchAsync(staff, appointment.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/appointments/{appointment.Id}")).StatusCode);
        var released = await hub.WaitForAsync("lock-released");
        Assert.Equal("forced", released.Payload.GetProperty("reason").GetString());
        await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/lock-status")).AssertProblemAsync(404, "not_found");
        await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}")).AssertProblemAsync(404, "not_found");
        await (await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).AssertProblemAsync(404, "not_found");
        await (await admin.Client.DeleteAsync($"/api/appointments/{appointment.Id}")).AssertProblemAsync(404, "not_found");
        var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
        Assert.Equal("deleted", history[^1].GetProperty("action").GetString());
    }
}
