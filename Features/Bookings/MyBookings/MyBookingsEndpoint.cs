using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;

namespace Locking.Features.Bookings.MyBookings;

public static class MyBookingsEndpoint
{
    private const string Select = $"SELECT {BookingRow.Columns} FROM bookings WHERE patient_id = @me ORDER BY start_time DESC LIMIT 1000";

    public static RouteHandlerBuilder MapMyBookings(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, async (ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct) =>
            {
                await using var connection = await db.OpenAsync(ct);
                var rows = await connection.QueryAsync<BookingRow>(new CommandDefinition(Select, new { me = user.UserId() }, cancellationToken: ct));
                var now = clock.GetUtcNow();
                return TypedResults.Ok(rows.Select(r => r.ToView(now)).ToList());
            })
            .WithName("MyBookings")
            .WithSummary("The signed-in patient's bookings, latest first")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
