using System.Security.Claims;
using Dapper;
using Locking.Features.Slots;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Bookings.SlotBookings;

public static class SlotBookingsEndpoint
{
    private const string Select = $"SELECT {BookingRow.Columns} FROM bookings WHERE slot_id = @slotId ORDER BY created_at";

    public static RouteHandlerBuilder MapSlotBookings(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("SlotBookings")
            .WithSummary("Every booking of a slot (admin, or the slot's doctor)")
            .ProducesProblems(400, 401, 403, 404);

    private static async Task<Results<Ok<List<BookingView>>, ProblemHttpResult>> HandleAsync(
        Guid slotId, ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var doctorId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT doctor_id FROM slots WHERE id = @slotId", new { slotId }, cancellationToken: ct));
        if (doctorId is not { } doctor)
        {
            return Problems.NotFound($"No slot {slotId}.");
        }
        if (!user.ManagesDoctor(doctor))
        {
            return Problems.Forbidden("Only admins and the slot's doctor may list its bookings.");
        }
        var now = clock.GetUtcNow();
        var rows = await connection.QueryAsync<BookingRow>(new CommandDefinition(Select, new { slotId }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => r.ToView(now)).ToList());
    }
}
