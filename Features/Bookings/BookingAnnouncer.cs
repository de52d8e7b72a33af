using Locking.Features.Slots;
using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Features.Bookings;

/// <summary>The booking events of API.md, posted to the outbox; seat changes go to the slot's watchers.</summary>
internal sealed class BookingAnnouncer(HubOutbox outbox, SlotAnnouncer slots)
{
    /// <summary>Seats were taken by a hold or a booking.</summary>
    public void SeatsTaken(BookingView booking, int seatsLeft) =>
        slots.SeatsChanged("slot-locked", booking.DoctorId, booking.SlotId, seatsLeft, booking.Id, booking.PatientId);

    /// <summary>Seats came back: a booking was cancelled.</summary>
    public void SeatsReturned(BookingView booking, int seatsLeft) =>
        slots.SeatsChanged("slot-unlocked", booking.DoctorId, booking.SlotId, seatsLeft, booking.Id, booking.PatientId);

    /// <summary>Seats came back: a hold expired.</summary>
    public void HoldExpired(HoldExpiry.Expired hold) =>
        slots.SeatsChanged("slot-unlocked", hold.DoctorId, hold.SlotId, hold.SeatsLeft, hold.BookingId, hold.PatientId);

    public void Confirmed(BookingView booking)
    {
        outbox.Post(c => c.Groups([HubGroups.Admin, HubGroups.Doctor(booking.DoctorId)]).SendAsync("new-appointment", new { booking }));
        ToPeople(booking, "appointment-confirmed");
    }

    public void Cancelled(BookingView booking) => ToPeople(booking, "appointment-cancelled");

    public void StatusChanged(BookingView booking) => ToPeople(booking, "appointment-status-changed");

    private void ToPeople(BookingView booking, string name) => outbox.Post(c =>
        c.Groups([HubGroups.User(booking.PatientId), HubGroups.Admin, HubGroups.Doctor(booking.DoctorId)]).SendAsync(name, new { booking }));
}
