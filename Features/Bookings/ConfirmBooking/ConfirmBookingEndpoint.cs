using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.ConfirmBooking;

public sealed record ConfirmBookingRequest([MaxLength(1000)] string? ReasonForVisit = null);

public static class ConfirmBookingEndpoint
{
    public static RouteHandlerBuilder MapConfirmBooking(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("ConfirmBooking")
            .WithSummary("Confirm a hold before it expires (its patient, or whoever placed it)")
            .WithDescription("409 `hold_expired` after `expiresAt`; 409 `invalid_transition` when it is not a pending hold.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409)
            .RequireAuthorization(Policies.Booker);

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> HandleAsync(
        Guid id, ConfirmBookingRequest? request, ClaimsPrincipal user, BookingTransitions transitions, BookingAnnouncer announce,
        TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var moved = await transitions.MoveAsync(id, BookingStatus.Confirmed, b => b.PatientId == me || b.CreatedBy == me, request?.ReasonForVisit, ct);
        announce.Announce(moved.Expired);
        if (moved.Result != TransitionResult.Done)
        {
            return BookingProblems.For(moved, id, BookingStatus.Confirmed);
        }
        var booking = moved.Booking!.ToView(clock.GetUtcNow());
        announce.Confirmed(booking);
        return TypedResults.Ok(booking);
    }
}
