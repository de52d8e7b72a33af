using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Slots;

public sealed class SlotSubscriptionLimitTests
{
    private const int Cap = SlotFeed.MaxDoctors;

    [Fact]
    public async Task SubscribeSlots_RepeatingADoctorCostsNothing_AndDistinctDoctorsStopAtTheCapWithASentence()
    {
        await using var app = new LockingApp();
        var staff = await app.ClientFor(Role.Staff);
        var followed = await app.CreateDoctorAsync();
        await using var hub = await app.ConnectHubAsync(staff);

        // The same doctor a thousand times takes one place, not a thousand.
        for (var i = 0; i < 1_000; i++)
        {
            await hub.InvokeAsync("subscribe-slots", followed);
        }
        for (var i = 1; i < Cap; i++)
        {
            await hub.InvokeAsync("subscribe-slots", Guid.NewGuid());
        }
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync("subscribe-slots", Guid.NewGuid()));
        Assert.EndsWith($"too_many_subscriptions: A connection follows at most {Cap} doctors' slots; "
            + "unsubscribe-slots from one first, or subscribe-slots with null to follow every slot.", refused.Message, StringComparison.Ordinal);

        // At the cap, a doctor already followed is still accepted, and so is following every slot.
        await hub.InvokeAsync("subscribe-slots", followed);
        await hub.InvokeAsync("subscribe-slots", [null]);
        await hub.InvokeAsync("unsubscribe-slots", [null]);
        // A place freed is a place to take.
        await hub.InvokeAsync("unsubscribe-slots", followed);
        await hub.InvokeAsync("subscribe-slots", Guid.NewGuid());
        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync("subscribe-slots", followed));

        // The followed doctor's events arrived once each while it was followed: one hold, one event.
        await using var other = await app.ConnectHubAsync(staff);
        await other.InvokeAsync("subscribe-slots", followed);
        var slot = await app.CreateSlotAsync(followed);
        var patient = await app.ClientFor(Role.Patient);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await patient.Client.PostAsync($"/api/slots/{slot}/hold", null)).StatusCode);
        await other.WaitForAsync("slot-locked");
        Assert.Single(other.Received("slot-locked"));
    }
}
