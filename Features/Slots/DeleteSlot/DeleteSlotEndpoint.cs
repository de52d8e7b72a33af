using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.DeleteSlot;

public static class DeleteSlotEndpoint
{
    // Bookings that hold seats: an unexpired hold, or a booking that was (or is being) kept.
    private const string SeatHolding = $"""
        SELECT 1 FROM bookings b WHERE b.slot_id = @Id
          AND (b.status IN ('{BookingStatuses.Confirmed}', '{BookingStatuses.InProgress}', '{BookingStatuses.Completed}', '{BookingStatuses.NoShow}') OR (b.status = '{BookingStatuses.Pending}' AND b.expires_at > @Now))
        """;

    // Dead bookings (cancelled, expired, lapsed holds) go first, as they reference the slot; both
    // statements carry the same condition, so either both delete or neither does.
    private const string DeleteDeadBookings = $"""
        DELETE FROM bookings WHERE slot_id = @Id AND NOT EXISTS ({SeatHolding})
        """;

    private const string Delete = $"DELETE FROM slots WHERE id = @Id AND NOT EXISTS ({SeatHolding})";

    public static RouteHandlerBuilder MapDeleteSlot(this IEndpointRouteBuilder app, string pattern) =>
        app.MapDelete(pattern, HandleAsync)
            .WithName("DeleteSlot")
            .WithSummary("Delete a slot (admin, or the slot's doctor); 409 `slot_has_bookings` while a booking holds seats on it")
            .WithDescription("Cancelled and expired bookings of the slot (and holds past their deadline) are deleted with it.")
            .ProducesProblems(400, 409)
            .ForSlotManagers();

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, Db db, SlotAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (slot, deleted) = await db.WriteAsync(async (c, tx) =>
        {
            var found = await SlotStore.FindAsync(c, tx, id, now, ct);
            if (user.Refuses(id, found, out _))
            {
                return (found, false);
            }
            var parameters = new { Id = id, Now = now };
            await c.ExecuteAsync(new CommandDefinition(DeleteDeadBookings, parameters, tx, cancellationToken: ct));
            return (found, await c.ExecuteAsync(new CommandDefinition(Delete, parameters, tx, cancellationToken: ct)) == 1);
        }, ct);
        if (user.Refuses(id, slot, out var refusal))
        {
            return refusal;
        }
        if (!deleted)
        {
            return Problems.Conflict("slot_has_bookings", "Bookings hold seats on this slot; cancel them first.");
        }
        announce.SlotRemoved(slot);
        return TypedResults.NoContent();
    }
}
