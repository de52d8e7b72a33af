using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Booking;

/// <summary>The slot and booking events of API.md, posted to the outbox.</summary>
internal sealed class BookingAnnouncer(HubOutbox outbox)
{
    public const string AllSlots = "slots:all";
    public static string SlotsOf(Guid doctorId) => $"slots:{doctorId}";

    public void SlotAdded(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-added", new { slot });
    public void SlotRemoved(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-removed", new { slot });
    public void SlotAvailabilityChanged(SlotView slot) => ToSlotWatchers(slot.DoctorId, "slot-availability-changed", new { slot });

    /// <summary>Seats were taken by a hold or a booking.</summary>
    public void SeatsTaken(Guid doctorId, Guid slotId, int seatsLeft, Guid bookingId) =>
        ToSlotWatchers(doctorId, "slot-locked", new { slotId, seatsLeft, bookingId });

    /// <summary>Seats came back: a hold expired, or a booking was cancelled.</summary>
    public void SeatsReturned(Guid doctorId, Guid slotId, int seatsLeft, Guid bookingId) =>
        ToSlotWatchers(doctorId, "slot-unlocked", new { slotId, seatsLeft, bookingId });

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
        c.Groups([AllSlots, SlotsOf(doctorId), Groups.Admin]).SendAsync(name, payload));
}
