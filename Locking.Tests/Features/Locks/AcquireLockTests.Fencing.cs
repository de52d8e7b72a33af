using Dapper;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Features.Locks;

/// <summary>Fencing tokens as the service issues them: above every earlier one, across restarts, reserved ahead.</summary>
public sealed partial class AcquireLockTests
{
    [Fact]
    public async Task FencingTokens_KeepIncreasingAcrossARestart()
    {
        // A database of the test's own, which outlives the first app.
        using var database = new OwnDatabase("restart-");
        var onDatabase = database.With();
        Guid appointmentId;
        long before;
        await using (var first = LockingApp.With(onDatabase))
        {
            var staff = await first.ClientFor(Role.Staff);
            appointmentId = (await staff.CreateAppointmentAsync()).Id;
            before = (await staff.AcquireAsync(appointmentId)).FencingToken;
        }
        await using var second = LockingApp.With(onDatabase);
        var again = await second.ClientFor(Role.Staff);
        var after = await again.AcquireAsync(appointmentId);
        Assert.True(after.FencingToken > before, $"{after.FencingToken} after restart, {before} before");
    }

    [Fact]
    public async Task FencingReserver_PersistsTheNextBlockInTheBackground_BeforeTheCounterRunsOut()
    {
        await using var own = new LockingApp();
        await own.ClientFor(Role.Staff); // the host has started: the first block is reserved
        var tokens = own.Services.GetRequiredService<FencingTokens>();
        var first = tokens.ReservedUpTo;
        Assert.Equal(first, await StoredReservationAsync(own));
        var reserved = tokens.NextReservation;
        while (tokens.Last <= first - FencingTokens.Block / 2)
        {
            tokens.Next();
        }
        await reserved.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(first + FencingTokens.Block, tokens.ReservedUpTo);
        Assert.Equal(first + FencingTokens.Block, await StoredReservationAsync(own));
        // Grants went on meanwhile, none refused.
        Assert.True(tokens.Next() > first - FencingTokens.Block / 2);
    }

    [Fact]
    public async Task Acquire_WhenEveryReservedTokenIsOut_Is503WithRetryAfter_AndSucceedsOnceTheNextBlockIsReserved()
    {
        await using var own = new LockingApp();
        var staff = await own.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync();
        var tokens = own.Services.GetRequiredService<FencingTokens>();
        var reserved = tokens.NextReservation;
        tokens.Start(tokens.Last, tokens.Last); // nothing left: the next grant asks the reserver and is refused

        using (var refused = await staff.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null))
        {
            await refused.AssertProblemAsync(503, "unavailable");
            Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        }
        Assert.Null(own.Services.GetRequiredService<LeaseTable>().Get(appointment.Id));

        await reserved.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True((await staff.AcquireAsync(appointment.Id)).FencingToken > 0);
    }

    private static async Task<long> StoredReservationAsync(LockingApp app)
    {
        await using var connection = await app.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT reserved_up_to FROM fencing WHERE id = 1");
    }
}
