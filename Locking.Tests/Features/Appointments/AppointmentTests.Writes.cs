using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Appointments;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Features.Appointments;

/// <summary>The appointment write: fenced and versioned, one winner under any race.</summary>
public sealed partial class AppointmentTests
{
    [Fact]
    public async Task Update_WithoutTheLock_Returns423_AndChangesNothing()
    {
        var staff = await app.ClientFor(Role.Staff);
        var other = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync("original");
        await (await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("edited", version: 1)))
            .AssertProblemAsync(423, "lock_required");
        await other.AcquireAsync(appointment.Id);
        await (await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("edited", version: 1)))
            .AssertProblemAsync(423, "lock_required");
        var stored = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}")).ReadAsync<AppointmentView>();
        Assert.Equal("original", stored.Title);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Update_WithTheLock_Returns200WithVersionPlusOne_ThenAStaleVersionIs409WithCurrentVersion()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync("original");
        var lease = await staff.AcquireAsync(appointment.Id);

        var ok = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("edited", version: 1, fencingToken: lease.FencingToken));
        var updated = await ok.ReadAsync<AppointmentView>();
        Assert.Equal(2, updated.Version);
        Assert.Equal("edited", updated.Title);

        var stale = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("again", version: 1));
        var problem = await stale.AssertProblemAsync(409, "version_conflict");
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());
        Assert.Equal("edited", (await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}")).ReadAsync<AppointmentView>()).Title);

        await (await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("no version")))
            .AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Update_WhoseLeasePassesButWhoseTokenIsBelowTheStoredFence_Returns409StaleLockToken_AndChangesNothing()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync("fenced");
        var lease = await staff.AcquireAsync(appointment.Id);
        // A newer holder's grant raised the stored fence where this process's lease table cannot see it (say,
        // another instance): the in-memory checks still pass, so only the UPDATE's own fence can refuse.
        var now = app.Clock.GetUtcNow();
        var newer = new Lease(appointment.Id, Guid.NewGuid(), "elsewhere", now, now, now.AddMinutes(5), lease.FencingToken + 1);
        await app.Services.GetRequiredService<AppointmentFence>().RaiseAsync(newer, CancellationToken.None);

        var tokened = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}",
            TestData.AppointmentBody("late edit", version: 1, fencingToken: lease.FencingToken));
        await tokened.AssertProblemAsync(409, "stale_lock_token");
        var tokenless = await staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("late edit", version: 1));
        await tokenless.AssertProblemAsync(409, "stale_lock_token");

        var stored = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}")).ReadAsync<AppointmentView>();
        Assert.Equal("fenced", stored.Title);
        Assert.Equal(1, stored.Version);
        Assert.Equal(newer.FencingToken, await app.QueryAsync<long>("SELECT fencing_token FROM appointments WHERE id = @id", new { id = appointment.Id }));
        var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
        Assert.Equal(["created"], history.Select(h => h.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task ConcurrentWrites_FromTheSameVersion_ExactlyOneWins()
    {
        var staff = await app.ClientFor(Role.Staff);
        for (var round = 0; round < 5; round++)
        {
            var appointment = await staff.CreateAppointmentAsync($"race {round}");
            await staff.AcquireAsync(appointment.Id);
            var responses = await Race.RunAsync(12, i =>
                staff.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody($"writer {i}", version: 1)));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var history = await (await staff.Client.GetAsync($"/api/appointments/{appointment.Id}/history")).ReadAsync<List<JsonElement>>();
            Assert.Equal(["created", "updated"], history.Select(h => h.GetProperty("action").GetString()));
        }
    }

    [Fact]
    public async Task TwoHoldersInSequence_RacingStaleWrites_ExactlyOneWins()
    {
        var alice = await app.ClientFor(Role.Staff);
        var bob = await app.ClientFor(Role.Doctor);
        var appointment = await alice.CreateAppointmentAsync("shared");

        // Both opened version 1. Alice edits under her lock, then hands the lock on.
        await alice.AcquireAsync(appointment.Id);
        var aliceWrite = await alice.Client.PutAsJsonAsync($"/api/appointments/{appointment.Id}", TestData.AppointmentBody("alice", version: 1));
        Assert.Equal(HttpStatusCode.OK, aliceWrite.StatusCode);
        await alice.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock");
        await bob.AcquireAsync(appointment.Id);

        // Now both send their version-1 edits at once: Alice has no lock, Bob's version is stale.
        var responses = await Race.RunAsync(2, i => (i == 0 ? alice : bob).Client.PutAsJsonAsync(
            $"/api/appointments/{appointment.Id}", TestData.AppointmentBody(i == 0 ? "alice again" : "bob", version: 1)));
        await responses[0].AssertProblemAsync(423, "lock_required");
        var problem = await responses[1].AssertProblemAsync(409, "version_conflict");
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());

        var stored = await (await bob.Client.GetAsync($"/api/appointments/{appointment.Id}")).ReadAsync<AppointmentView>();
        Assert.Equal("alice", stored.Title);
        Assert.Equal(2, stored.Version);
    }
}
