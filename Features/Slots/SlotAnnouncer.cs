using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Features.Slots;

/// <summary>The slot events of API.md, posted to the outbox for the slot's watchers.</summary>
internal sealed class SlotAnnouncer(HubOutbox outbox, HubConnections connections, SlotFeeds feeds)
{
    public void SlotAdded(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-added", new { slot });
    public void SlotRemoved(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-removed", new { slot });
    public void SlotAvailabilityChanged(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-availability-changed", new { slot });

    private void ToSlotWatchers(Guid doctorId, string name, object payload) => outbox.Post(c =>
        c.Groups([SlotGroups.All, SlotGroups.Of(doctorId), SlotGroups.PatientsAll, SlotGroups.PatientsOf(doctorId), HubGroups.Admin])
            .SendAsync(name, payload));

    /// <summary>
    /// Staff and admins see whose booking moved the seats; patients see the seats with a null
    /// <c>bookingId</c>, except on their own booking. A patient's connections that follow the doctor
    /// sit in a patients' group, so they are left out of it and get the version with their id instead:
    /// one message per connection, serialised once per send (four at most), never per connection.
    /// </summary>
    public void SeatsChanged(string name, Guid doctorId, Guid slotId, int seatsLeft, Guid bookingId, Guid patientId) => outbox.Post(async c =>
    {
        var withId = new { slotId, seatsLeft, bookingId = (Guid?)bookingId };
        var withoutId = new { slotId, seatsLeft, bookingId = (Guid?)null };
        await c.Groups([SlotGroups.All, SlotGroups.Of(doctorId), HubGroups.Admin]).SendAsync(name, withId);
        var own = feeds.PatientsFollowing(connections.Of(patientId), doctorId);
        await c.GroupExcept(SlotGroups.PatientsAll, own).SendAsync(name, withoutId);
        await c.GroupExcept(SlotGroups.PatientsOf(doctorId), own).SendAsync(name, withoutId);
        if (own.Count > 0)
        {
            await c.Clients(own).SendAsync(name, withId);
        }
    });
}
