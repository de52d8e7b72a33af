using Locking.Features.Slots;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings;

/// <summary>The booking rules' outcomes as the problems the endpoints answer with.</summary>
internal static class BookingProblems
{
    public static ProblemHttpResult For(SeatOutcome outcome, Guid slotId) => outcome.Result switch
    {
        SeatResult.SlotNotFound => Problems.NotFound($"No slot {slotId}."),
        SeatResult.SlotFull => Problems.Conflict("slot_full", "Not enough seats left in this slot."),
        SeatResult.SlotUnavailable => Problems.Conflict("slot_unavailable", "This slot is disabled or already started."),
        SeatResult.BookingConflict => Problems.Conflict("booking_conflict", "The patient already has an active booking at an overlapping time."),
        _ => throw new InvalidOperationException($"{outcome.Result} is not a failure"),
    };

    public static ProblemHttpResult For(Transition transition, Guid id, BookingStatus to) => transition.Result switch
    {
        TransitionResult.NotFound => Problems.NotFound($"No booking {id}."),
        TransitionResult.Forbidden => Problems.Forbidden("You may not change this booking."),
        TransitionResult.HoldExpired => Problems.Conflict("hold_expired", "The hold expired before it was confirmed; its seats were released."),
        _ => Problems.Conflict("invalid_transition",
            $"A booking that is {StatusOf(transition)} cannot become {to.ToSql()}."),
    };

    private static string StatusOf(Transition transition) =>
        transition.Booking is { } b && b.Status == BookingStatuses.Pending && transition.Expired.Count > 0 ? BookingStatuses.Expired : transition.Booking?.Status ?? "unknown";

    public static ProblemHttpResult For(PatientRefusal refusal, Guid? patientId) => refusal switch
    {
        PatientRefusal.NotThemself => Problems.Forbidden("Patients book only for themselves."),
        PatientRefusal.NotNamed => Problems.Validation("patientId", "Staff and admins name the patient they book for."),
        _ => Problems.Validation("patientId", $"No patient {patientId}."),
    };
}
