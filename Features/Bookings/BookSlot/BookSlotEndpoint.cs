using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Locking.Features.Bookings.BookSlot;

public sealed record BookSlotRequest(
    [Required] Guid? SlotId,
    [Range(1, 100)] int Seats = 1,
    [MaxLength(1000)] string? ReasonForVisit = null,
    Guid? PatientId = null);

public static class BookSlotEndpoint
{
    public static RouteHandlerBuilder MapBookSlot(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("BookSlot")
            .WithSummary("Book seats in one step: a CONFIRMED booking")
            .WithDescription("Send an `Idempotency-Key` header to retry safely: the same key from the same user returns the first booking (200), never a second one. 409 `slot_full`, `slot_unavailable` or `booking_conflict`.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409)
            .RequireAuthorization(Policies.Booker);

    private static async Task<Results<Created<BookingView>, Ok<BookingView>, ProblemHttpResult>> HandleAsync(
        BookSlotRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        Patients patients, SeatBooking seats, BookingAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Problems.Validation("idempotencyKey", "The Idempotency-Key header must be 1 to 200 characters.");
        }
        var (patientId, refusal) = await patients.ResolveAsync(user, request.PatientId, ct);
        if (refusal is { } refused)
        {
            return BookingProblems.For(refused, request.PatientId);
        }
        var slotId = request.SlotId!.Value;
        var outcome = await seats.TakeAsync(
            new SeatRequest(slotId, patientId, user.UserId(), request.Seats, Hold: false, request.ReasonForVisit, idempotencyKey), ct);
        announce.Announce(outcome.Expired);
        var now = clock.GetUtcNow();
        switch (outcome.Result)
        {
            case SeatResult.Replayed:
                return TypedResults.Ok(outcome.Booking!.ToView(now));
            case SeatResult.Created:
                var booking = outcome.Booking!.ToView(now);
                announce.SeatsTaken(booking, outcome.SeatsLeft);
                announce.Confirmed(booking);
                return TypedResults.Created($"/api/bookings/{booking.Id}", booking);
            default:
                return BookingProblems.For(outcome, slotId);
        }
    }
}
