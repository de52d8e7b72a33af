using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.HoldSlot;

public sealed record HoldSlotRequest([Range(1, 100)] int Seats = 1, Guid? PatientId = null);

public static class HoldSlotEndpoint
{
    public static RouteHandlerBuilder MapHoldSlot(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("HoldSlot")
            .WithSummary("Hold seats for Booking:HoldSeconds: a PENDING booking to confirm before expiresAt")
            .WithDescription("Patients hold for themselves; staff and admins name `patientId`. 409 `slot_full`, `slot_unavailable` or `booking_conflict`.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409)
            .RequireAuthorization(Policies.Booker);

    private static async Task<Results<Created<BookingView>, ProblemHttpResult>> HandleAsync(
        Guid id, HoldSlotRequest? request, ClaimsPrincipal user, Patients patients, SeatBooking seats, BookingAnnouncer announce,
        TimeProvider clock, CancellationToken ct)
    {
        request ??= new HoldSlotRequest();
        var (patientId, refusal) = await patients.ResolveAsync(user, request.PatientId, ct);
        if (refusal is { } refused)
        {
            return BookingProblems.For(refused, request.PatientId);
        }
        var outcome = await seats.TakeAsync(new SeatRequest(id, patientId, user.UserId(), request.Seats, Hold: true), ct);
        announce.Announce(outcome.Expired);
        if (outcome.Result != SeatResult.Created)
        {
            return BookingProblems.For(outcome, id);
        }
        var booking = outcome.Booking!.ToView(clock.GetUtcNow());
        announce.SeatsTaken(booking, outcome.SeatsLeft);
        return TypedResults.Created($"/api/bookings/{booking.Id}", booking);
    }
}
