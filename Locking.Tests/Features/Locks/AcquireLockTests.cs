using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Features.Locks;

public sealed partial class AcquireLockTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    public async Task Acquire_FiftyUsersAtTheSameInstant_ExactlyOneWins_RepeatedOnTwentyAppointments()
    {
        var staff = await app.ClientFor(Role.Staff);
        var users = new List<TestUser>();
        for (var i = 0; i < 50; i++)
        {
            users.Add(await app.ClientFor(i % 2 == 0 ? Role.Staff : Role.Doctor));
        }
        for (var round = 0; round < 20; round++)
        {
            var appointment = await staff.CreateAppointmentAsync($"race {round}");
            var responses = await Race.RunAsync(users.Count, i =>
                users[i].Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<LockView>();
            foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var problem = await loser.AssertProblemAsync(409, "lock_held");
                var held = problem.GetProperty("lock");
                Assert.Equal(winner.LockedBy, held.GetProperty("lockedBy").GetGuid());
                Assert.Equal(winner.LockedByName, held.GetProperty("lockedByName").GetString());
                Assert.Equal(winner.FencingToken, held.GetProperty("fencingToken").GetInt64());
            }
            var status = await staff.LockStatusAsync(appointment.Id);
            Assert.True(status.Locked);
            Assert.Equal(winner.LockedBy, status.Lock!.LockedBy);
        }
    }

    [Fact]
    public async Task Churn_ManyUsersAcquireAndRelease_NeverTwoHolders_TokensStrictlyIncrease()
    {
        const int Users = 8;
        const int Rounds = 5;
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync("churn");
        await using var watcher = await app.WatchAsync(staff, appointment.Id);
        var users = new List<TestUser>();
        for (var i = 0; i < Users; i++)
        {
            users.Add(await app.ClientFor(Role.Staff));
        }
        var holders = 0;
        var overlaps = 0;
        var grants = new List<long>();
        for (var round = 0; round < Rounds; round++)
        {
            // Everyone starts at one instant and retries until they have held the lock once: the losers'
            // acquires race the holder's release, and each round ends with exactly one grant per user.
            await Race.RunAsync(Users, async i =>
            {
                while (true)
                {
                    var response = await users[i].Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                        continue;
                    }
                    var lease = await response.ReadAsync<LockView>();
                    if (Interlocked.Increment(ref holders) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }
                    lock (grants)
                    {
                        grants.Add(lease.FencingToken);
                    }
                    Interlocked.Decrement(ref holders);
                    var released = await users[i].Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock");
                    Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
                    return lease.FencingToken;
                }
            });
            Assert.False((await staff.LockStatusAsync(appointment.Id)).Locked);
        }

        Assert.Equal(0, overlaps);
        Assert.Equal(Users * Rounds, grants.Count);
        for (var i = 1; i < grants.Count; i++)
        {
            Assert.True(grants[i] > grants[i - 1], $"token {grants[i]} granted after {grants[i - 1]}");
        }
        // The live view agrees: acquired and released alternate, with the same increasing tokens.
        for (var i = 0; i < grants.Count; i++)
        {
            var released = await watcher.WaitForAsync("lock-released");
            Assert.Equal("released", released.Payload.GetProperty("reason").GetString());
        }
        var acquired = watcher.Received("lock-acquired").Select(e => e.Payload.GetProperty("lock").GetProperty("fencingToken").GetInt64()).ToList();
        Assert.Equal(grants, acquired);
        Assert.Equal(Users * Rounds, watcher.Received("lock-released").Count);
    }

    [Fact]
    public async Task Acquire_ByTheHolderAgain_RenewsWithTheSameToken()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var first = await staff.AcquireAsync(appointment.Id);
        var again = await staff.AcquireAsync(appointment.Id);
        Assert.Equal(first.FencingToken, again.FencingToken);
        Assert.Equal(first.AcquiredAt, again.AcquiredAt);
    }

    [Theory]
    [InlineData("acquire-lock", Role.Staff)]
    [InlineData("takeover", Role.Admin)]
    public async Task Grant_WhileTheAppointmentIsDeleted_LeavesNoLeaseBehind(string route, Role role)
    {
        // The delete runs in the one gap that matters: after the grant has seen the appointment,
        // before its lease is in the table. Whichever comes second must end the lease.
        var user = await app.ClientFor(role);
        var admin = await app.ClientFor(Role.Admin);
        var appointment = await user.CreateAppointmentAsync("deleted meanwhile");
        var leases = app.Services.GetRequiredService<LeaseTable>();
        leases.BeforeAbsentAdd = lease =>
        {
            if (lease.AppointmentId == appointment.Id)
            {
                admin.Client.DeleteAsync($"/api/appointments/{appointment.Id}").GetAwaiter().GetResult().EnsureSuccessStatusCode();
            }
        };
        try
        {
            var response = await user.Client.PostAsync($"/api/appointments/{appointment.Id}/{route}", null);

            await response.AssertProblemAsync(404, "not_found");
        }
        finally
        {
            leases.BeforeAbsentAdd = null;
        }
        Assert.Null(leases.Get(appointment.Id));
        var locks = await (await admin.Client.GetAsync("/api/locks")).ReadAsync<JsonElement>();
        Assert.DoesNotContain(locks.GetProperty("items").EnumerateArray(), l => l.GetProperty("appointmentId").GetGuid() == appointment.Id);
    }

    [Fact]
    public async Task Acquire_UnknownAppointment_Returns404()
    {
        var staff = await app.ClientFor(Role.Staff);
        var response = await staff.Client.PostAsync($"/api/appointments/{Guid.NewGuid()}/acquire-lock", null);
        await response.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Acquire_WithStaleExpectedVersion_Returns409VersionConflict()
    {
        var staff = await app.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var stale = await staff.Client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/acquire-lock", new { expectedVersion = 7 });
        var problem = await stale.AssertProblemAsync(409, "version_conflict");
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt64());
        Assert.False((await staff.LockStatusAsync(appointment.Id)).Locked);

        var current = await staff.Client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/acquire-lock", new { expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Patient_CannotLockOrReadLockStatus()
    {
        var staff = await app.ClientFor(Role.Staff);
        var patient = await app.ClientFor(Role.Patient);
        var appointment = await staff.CreateAppointmentAsync();
        await (await patient.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).AssertProblemAsync(403, "forbidden");
        await (await patient.Client.GetAsync($"/api/appointments/{appointment.Id}/lock-status")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task LockStatus_ShowsTheHolder_AndInvalidIdIs400()
    {
        var staff = await app.ClientFor(Role.Staff);
        var other = await app.ClientFor(Role.Doctor);
        var appointment = await staff.CreateAppointmentAsync();
        Assert.False((await other.LockStatusAsync(appointment.Id)).Locked);
        var lease = await staff.AcquireAsync(appointment.Id);
        var status = await other.LockStatusAsync(appointment.Id);
        Assert.True(status.Locked);
        Assert.Equal(staff.Id, status.Lock!.LockedBy);
        Assert.Equal(staff.Name, status.Lock.LockedByName);
        Assert.Equal(lease.FencingToken, status.Lock.FencingToken);
        Assert.Null(status.Lock.PendingRequest);
        await (await other.Client.GetAsync("/api/appointments/xyz/lock-status")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Acquire_IsRateLimitedPerUser_With429AndRetryAfter()
    {
        await using var limited = LockingApp.With(new Dictionary<string, string?>
        {
            ["RateLimits:AcquireLock:PermitLimit"] = "3",
            ["RateLimits:AcquireLock:WindowSeconds"] = "60",
        });
        var staff = await limited.ClientFor(Role.Staff);
        var other = await limited.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).StatusCode);
        }
        var refused = await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null);
        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Per user: someone else still gets an answer (409, the lock is held).
        Assert.Equal(HttpStatusCode.Conflict, (await other.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).StatusCode);
    }

}
