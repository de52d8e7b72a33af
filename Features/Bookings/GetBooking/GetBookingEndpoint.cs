using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.GetBooking;

public static class GetBookingEndpoint
{
    public static RouteHandlerBuilder MapGetBooking(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetBooking")
            .WithSummary("One booking (its patient, an admin, or the slot's doctor)")
            .ProducesProblems(400, 401, 403, 404);

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var booking = await connection.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(BookingRow.ById, new { id }, cancellationToken: ct));
        if (booking is null)
        {
            return Problems.NotFound($"No booking {id}.");
        }
        return user.MayRead(booking) || booking.CreatedBy == user.UserId()
            ? TypedResults.Ok(booking.ToView(clock.GetUtcNow()))
            : Problems.Forbidden("Only the patient, an admin or the slot's doctor may read this booking.");
    }
}
