using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.SetSlotAvailability;

public sealed record SetSlotAvailabilityRequest([Required] bool? IsAvailable);

public static class SetSlotAvailabilityEndpoint
{
    // is_available is 0 or 1 on both engines (SQLite has no boolean).
    private const string Update = "UPDATE slots SET is_available = @IsAvailable WHERE id = @Id AND is_available <> @IsAvailable";

    public static RouteHandlerBuilder MapSetSlotAvailability(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPut(pattern, HandleAsync)
            .WithName("SetSlotAvailability")
            .WithSummary("Enable or disable booking a slot (admin, or the slot's doctor); existing bookings stay")
            .ProducesValidationProblem()
            .ForSlotManagers();

    private static async Task<Results<Ok<SlotView>, ProblemHttpResult>> HandleAsync(
        Guid id, SetSlotAvailabilityRequest request, ClaimsPrincipal user, Db db, SlotAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var isAvailable = request.IsAvailable!.Value;
        var (slot, changed) = await db.WriteAsync(async (c, tx) =>
        {
            var found = await SlotStore.FindAsync(c, tx, id, clock.GetUtcNow(), ct);
            if (user.Refuses(id, found, out _))
            {
                return (found, false);
            }
            var updated = await c.ExecuteAsync(new CommandDefinition(Update, new { Id = id, IsAvailable = isAvailable ? 1 : 0 }, tx, cancellationToken: ct)) == 1;
            return (found with { IsAvailable = isAvailable }, updated);
        }, ct);
        if (user.Refuses(id, slot, out var refusal))
        {
            return refusal;
        }
        if (changed)
        {
            announce.SlotAvailabilityChanged(slot);
        }
        return TypedResults.Ok(slot);
    }
}
