using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Booking;

/// <summary>The slot and booking events of API.md, posted to the outbox.</summary>
internal sealed class BookingAnnouncer(HubOutbox outbox, HubConnections connections, SlotFeeds feeds)
{
    public void SlotAdded(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-added", new { slot });
    public void SlotRemoved(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-removed", new { slot });
    public void SlotAvailabilityChanged(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-availability-changed", new { slot });

    /// <summary>Seats were taken by a hold or a booking.</summary>
    public void SeatsTaken(BookingView booking, int seatsLeft) =>
        ToSeatWatchers("slot-locked", booking.DoctorId, booking.SlotId, seatsLeft, booking.Id, booking.PatientId);

    /// <summary>Seats came back: a booking was cancelled.</summary>
    public void SeatsReturned(BookingView booking, int seatsLeft) =>
        ToSeatWatchers("slot-unlocked", booking.DoctorId, booking.SlotId, seatsLeft, booking.Id, booking.PatientId);

    /// <summary>Seats came back: a hold expired.</summary>
    public void HoldExpired(HoldExpiry.Expired hold) =>
        ToSeatWatchers("slot-unlocked", hold.DoctorId, hold.SlotId, hold.SeatsLeft, hold.BookingId, hold.PatientId);

    public void Confirmed(BookingView booking)
    {
        outbox.Post(c => c.Groups([Groups.Admin, Groups.Doctor(booking.DoctorId)]).SendAsync("new-appointment", new { booking }));
        ToPeople(booking, "appointment-confirmed");
    }

    public void Cancelled(BookingView booking) => ToPeople(booking, "appointment-cancelled");

    public void StatusChanged(BookingView booking) => ToPeople(booking, "appointment-status-changed");

    private void ToPeople(BookingView booking, string name) => outbox.Post(c =>
        c.Groups([Groups.User(booking.PatientId), Groups.Admin, Groups.Doctor(booking.DoctorId)]).SendAsync(name, new { booking }));

    private void ToSlotWatchers(Guid doctorId, string name, object payload) => outbox.Post(c =>
        c.Groups([SlotGroups.All, SlotGroups.Of(doctorId), SlotGroups.PatientsAll, SlotGroups.PatientsOf(doctorId), Groups.Admin])
            .SendAsync(name, payload));

    /// <summary>
    /// Staff and admins see whose booking moved the seats; patients see the seats with a null
    /// <c>bookingId</c>, except on their own booking. A patient's connections that follow the doctor
    /// sit in a patients' group, so they are left out of it and get the version with their id instead:
    /// one message per connection, serialised once per send (four at most), never per connection.
    /// </summary>
    private void ToSeatWatchers(string name, Guid doctorId, Guid slotId, int seatsLeft, Guid bookingId, Guid patientId) => outbox.Post(async c =>
    {
        var withId = new { slotId, seatsLeft, bookingId = (Guid?)bookingId };
        var withoutId = new { slotId, seatsLeft, bookingId = (Guid?)null };
        await c.Groups([SlotGroups.All, SlotGroups.Of(doctorId), Groups.Admin]).SendAsync(name, withId);
        var own = feeds.PatientsFollowing(connections.Of(patientId), doctorId);
        await c.GroupExcept(SlotGroups.PatientsAll, own).SendAsync(name, withoutId);
        await c.GroupExcept(SlotGroups.PatientsOf(doctorId), own).SendAsync(name, withoutId);
        if (own.Count > 0)
        {
            await c.Clients(own).SendAsync(name, withId);
        }
    });
}
