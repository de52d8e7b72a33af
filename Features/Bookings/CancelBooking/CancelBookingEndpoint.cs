using System.Security.Claims;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.CancelBooking;

public static class CancelBookingEndpoint
{
    public static RouteHandlerBuilder MapCancelBooking(this IEndpointRouteBuilder app, string pattern) =>
        app.MapDelete(pattern, HandleAsync)
            .WithName("CancelBooking")
            .WithSummary("Cancel a pending or confirmed booking; its seats return to the slot")
            .WithDescription("Its patient, whoever placed it, or an admin. 409 `invalid_transition` once it started, ended or expired.")
            .ProducesProblems(400, 401, 403, 404, 409);

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, BookingTransitions transitions, BookingAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var moved = await transitions.MoveAsync(id, BookingStatus.Cancelled, b => b.PatientId == me || b.CreatedBy == me || user.IsAdmin(), null, ct);
        announce.Announce(moved.Expired);
        if (moved.Result != TransitionResult.Done)
        {
            return BookingProblems.For(moved, id, BookingStatus.Cancelled);
        }
        var booking = moved.Booking!.ToView(clock.GetUtcNow());
        announce.Cancelled(booking);
        announce.SeatsReturned(booking, moved.SeatsLeft);
        return TypedResults.NoContent();
    }
}
