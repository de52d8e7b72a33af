using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Bookings;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Bookings;

public sealed class SlotEventPrivacyTests
{
    [Fact]
    public async Task SlotEvents_ShowABookingIdToItsPatientAndToStaff_OtherPatientsGetTheSeatsWithANullId()
    {
        await using var app = new LockingApp();
        var doctor = await app.CreateDoctorAsync();
        var slot = await app.CreateSlotAsync(doctor, capacity: 3);
        var alice = await app.ClientFor(Role.Patient);
        var bob = await app.ClientFor(Role.Patient);
        var admin = await app.ClientFor(Role.Admin);
        var staff = await app.ClientFor(Role.Staff);
        // Alice follows the doctor, Bob every slot: both kinds of patient subscription.
        await using var aliceHub = await app.ConnectHubAsync(alice);
        await aliceHub.InvokeAsync("subscribe-slots", doctor);
        await using var aliceIdle = await app.ConnectHubAsync(alice);
        await using var bobHub = await app.ConnectHubAsync(bob);
        await bobHub.InvokeAsync("subscribe-slots", [null]);
        await using var adminHub = await app.ConnectHubAsync(admin);
        await adminHub.InvokeAsync("subscribe-slots", doctor);
        await using var staffHub = await app.ConnectHubAsync(staff);
        await staffHub.InvokeAsync("subscribe-slots", doctor);
        HubClient[] everyone = [aliceHub, bobHub, adminHub, staffHub];

        var held = await (await alice.Client.PostAsync($"/api/slots/{slot}/hold", null)).ReadAsync<BookingView>();
        var aliceHold = await Seen(everyone, "slot-locked", 2);
        Assert.Equal([held.Id, null, held.Id, held.Id], aliceHold);

        var booked = await (await bob.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot })).ReadAsync<BookingView>();
        var bobBooking = await Seen(everyone, "slot-locked", 1);
        Assert.Equal([null, booked.Id, booked.Id, booked.Id], bobBooking);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await alice.Client.DeleteAsync($"/api/bookings/{held.Id}")).StatusCode);
        var aliceCancel = await Seen(everyone, "slot-unlocked", 2);
        Assert.Equal([held.Id, null, held.Id, held.Id], aliceCancel);

        // One event per change on every connection; none on Alice's connection that follows no slots
        // (its appointment-cancelled comes after the two slot-locked events would have).
        foreach (var hub in everyone)
        {
            Assert.Equal(2, hub.Received("slot-locked").Count);
            Assert.Single(hub.Received("slot-unlocked"));
        }
        await aliceIdle.WaitForAsync("appointment-cancelled");
        Assert.Empty(aliceIdle.Received("slot-locked"));
    }

    [Fact]
    public async Task ExpiredHold_IsAnnouncedWithItsIdToItsPatient_AndWithANullIdToOthers()
    {
        await using var app = new LockingApp();
        var doctor = await app.CreateDoctorAsync();
        var slot = await app.CreateSlotAsync(doctor);
        var alice = await app.ClientFor(Role.Patient);
        var bob = await app.ClientFor(Role.Patient);
        await using var aliceHub = await app.ConnectHubAsync(alice);
        await aliceHub.InvokeAsync("subscribe-slots", [null]);
        await using var bobHub = await app.ConnectHubAsync(bob);
        await bobHub.InvokeAsync("subscribe-slots", doctor);
        await using var staffHub = await app.ConnectHubAsync(await app.ClientFor(Role.Staff));
        await staffHub.InvokeAsync("subscribe-slots", [null]);

        var held = await (await alice.Client.PostAsync($"/api/slots/{slot}/hold", null)).ReadAsync<BookingView>();
        Assert.Equal([held.Id, null, held.Id], await Seen([aliceHub, bobHub, staffHub], "slot-locked", 0));
        app.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal([held.Id, null, held.Id], await Seen([aliceHub, bobHub, staffHub], "slot-unlocked", 1));
    }

    /// <summary>The bookingId each connection got with the next such event, having checked its seats: a JSON null is null.</summary>
    private static async Task<Guid?[]> Seen(HubClient[] hubs, string name, int seatsLeft)
    {
        var ids = new List<Guid?>();
        foreach (var hub in hubs)
        {
            var payload = (await hub.WaitForAsync(name)).Payload;
            Assert.Equal(seatsLeft, payload.GetProperty("seatsLeft").GetInt32());
            var id = payload.GetProperty("bookingId");
            ids.Add(id.ValueKind == JsonValueKind.Null ? null : id.GetGuid());
        }
        return ids.ToArray();
    }
}
