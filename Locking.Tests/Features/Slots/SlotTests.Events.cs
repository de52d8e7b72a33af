using System.Net;
using System.Net.Http.Json;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Slots;

/// <summary>Slot changes as the hub announces them.</summary>
public sealed partial class SlotTests
{
    [Fact]
    public async Task SetAvailability_TogglesTheSlot_AndAnnouncesTheChangeToSlotSubscribers()
    {
        var admin = await app.ClientFor(Role.Admin);
        var patient = await app.ClientFor(Role.Patient);
        var doctor = await admin.CreateDoctorAsync();
        await using var watcher = await app.ConnectHubAsync(patient);
        await watcher.InvokeAsync("subscribe-slots", doctor.Id);
        await using var everything = await app.ConnectHubAsync(await app.ClientFor(Role.Staff));
        await everything.InvokeAsync("subscribe-slots", [null]);

        var slot = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(6));
        bool IsOurs(System.Text.Json.JsonElement p) => p.GetProperty("slot").GetProperty("id").GetGuid() == slot.Id;
        var added = await watcher.WaitForAsync("slot-added", IsOurs);
        Assert.Equal(1, added.Payload.GetProperty("slot").GetProperty("seatsLeft").GetInt32());
        await everything.WaitForAsync("slot-added", IsOurs);

        var response = await admin.Client.PutAsJsonAsync($"/api/slots/{slot.Id}/availability", new { isAvailable = false });
        Assert.False((await response.ReadAsync<SlotView>()).IsAvailable);
        var changed = await watcher.WaitForAsync("slot-availability-changed", IsOurs);
        Assert.False(changed.Payload.GetProperty("slot").GetProperty("isAvailable").GetBoolean());
        Assert.False((await (await patient.Client.GetAsync($"/api/slots/{slot.Id}")).ReadAsync<SlotView>()).IsAvailable);

        Assert.True((await (await admin.Client.PutAsJsonAsync($"/api/slots/{slot.Id}/availability", new { isAvailable = true })).ReadAsync<SlotView>()).IsAvailable);
        Assert.True((await watcher.WaitForAsync("slot-availability-changed", IsOurs)).Payload.GetProperty("slot").GetProperty("isAvailable").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/slots/{slot.Id}")).StatusCode);
        await watcher.WaitForAsync("slot-removed", IsOurs);
        await everything.WaitForAsync("slot-removed", IsOurs);

        await (await admin.Client.PutAsJsonAsync($"/api/slots/{slot.Id}/availability", new { isAvailable = true })).AssertProblemAsync(404, "not_found");
        await (await admin.Client.PutAsJsonAsync($"/api/slots/{slot.Id}/availability", new { })).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task SlotEvents_ReachAConnectionOnce_HoweverManyOfItsSubscriptionsCoverThem()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var otherDoctor = await admin.CreateDoctorAsync();
        await using var adminHub = await app.ConnectHubAsync(admin);
        await using var staffHub = await app.ConnectHubAsync(await app.ClientFor(Role.Staff));
        foreach (var hub in new[] { adminHub, staffHub })
        {
            await hub.InvokeAsync("subscribe-slots", doctor.Id);
            await hub.InvokeAsync("subscribe-slots", [null]);
        }
        static Guid Id(System.Text.Json.JsonElement p) => p.GetProperty("slot").GetProperty("id").GetGuid();

        // Events go out in order, so a duplicate of the first would arrive before the second.
        var first = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(6));
        var second = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(8));
        foreach (var hub in new[] { adminHub, staffHub })
        {
            await hub.WaitForAsync("slot-added", p => Id(p) == second.Id);
            Assert.Single(hub.Received("slot-added"), e => Id(e.Payload) == first.Id);
        }

        // No longer following all, the staff connection still follows the doctor, once.
        await staffHub.InvokeAsync("unsubscribe-slots", [null]);
        var third = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(10));
        var fourth = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(12));
        await staffHub.WaitForAsync("slot-added", p => Id(p) == fourth.Id);
        Assert.Single(staffHub.Received("slot-added"), e => Id(e.Payload) == third.Id);

        // Following all again, then dropping the doctor: still once, through all.
        await staffHub.InvokeAsync("subscribe-slots", [null]);
        await staffHub.InvokeAsync("unsubscribe-slots", doctor.Id);
        var fifth = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(15));
        var sixth = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(16));
        await staffHub.WaitForAsync("slot-added", p => Id(p) == sixth.Id);
        Assert.Single(staffHub.Received("slot-added"), e => Id(e.Payload) == fifth.Id);

        // Following neither, it hears nothing of the doctor's slots.
        await staffHub.InvokeAsync("unsubscribe-slots", [null]);
        await staffHub.InvokeAsync("subscribe-slots", otherDoctor.Id);
        var unheard = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(14));
        var heard = await admin.CreateSlotAsync(otherDoctor.Id, app.HoursFromNow(14));
        await staffHub.WaitForAsync("slot-added", p => Id(p) == heard.Id);
        Assert.DoesNotContain(staffHub.Received("slot-added"), e => Id(e.Payload) == unheard.Id);
    }
}
