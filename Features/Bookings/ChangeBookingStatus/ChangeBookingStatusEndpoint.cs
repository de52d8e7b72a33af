using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Features.Slots;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.ChangeBookingStatus;

public sealed record ChangeBookingStatusRequest([Required] BookingStatus? Status);

public static class ChangeBookingStatusEndpoint
{
    public static RouteHandlerBuilder MapChangeBookingStatus(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPut(pattern, HandleAsync)
            .WithName("ChangeBookingStatus")
            .WithSummary("Move a booking along its lifecycle (admin, or the slot's doctor)")
            .WithDescription("PENDING→CONFIRMED→IN_PROGRESS→COMPLETED, CONFIRMED→NO_SHOW, PENDING|CONFIRMED→CANCELLED; anything else is 409 `invalid_transition`.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> HandleAsync(
        Guid id, ChangeBookingStatusRequest request, ClaimsPrincipal user, BookingTransitions transitions, BookingAnnouncer announce,
        TimeProvider clock, CancellationToken ct)
    {
        var to = request.Status!.Value;
        var moved = await transitions.MoveAsync(id, to, b => user.ManagesDoctor(b.DoctorId), null, ct);
        announce.Announce(moved.Expired);
        if (moved.Result != TransitionResult.Done)
        {
            // API.md: this route answers every refused move with invalid_transition (hold_expired belongs to confirm).
            return BookingProblems.For(moved.Result == TransitionResult.HoldExpired ? moved with { Result = TransitionResult.InvalidTransition } : moved, id, to);
        }
        var booking = moved.Booking!.ToView(clock.GetUtcNow());
        switch (to)
        {
            case BookingStatus.Confirmed:
                announce.Confirmed(booking);
                break;
            case BookingStatus.Cancelled:
                announce.Cancelled(booking);
                announce.SeatsReturned(booking, moved.SeatsLeft);
                break;
            default:
                announce.StatusChanged(booking);
                break;
        }
        return TypedResults.Ok(booking);
    }
}
