using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.SetSlotAvailability;

public sealed record SetSlotAvailabilityRequest([Required] bool? IsAvailable);

public static class SetSlotAvailabilityEndpoint
{
    private const string Update = "UPDATE slots SET is_available = @IsAvailable WHERE id = @Id AND is_available <> @IsAvailable";

    public static IEndpointRouteBuilder MapSetSlotAvailability(this IEndpointRouteBuilder app)
    {
        app.MapPut("/slots/{id}/availability", HandleAsync)
            .WithName("SetSlotAvailability")
            .WithSummary("Enable or disable booking a slot (admin, or the slot's doctor); existing bookings stay")
            .ProducesValidationProblem()
            .ForSlotManagers();
        return app;
    }

    private static async Task<Results<Ok<SlotView>, ProblemHttpResult>> HandleAsync(
        Guid id, SetSlotAvailabilityRequest request, ClaimsPrincipal user, Db db, BookingAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var isAvailable = request.IsAvailable!.Value;
        var (slot, changed) = await db.WriteAsync(async (c, tx) =>
        {
            var found = await Slots.FindAsync(c, tx, id, clock.GetUtcNow(), ct);
            if (user.Refuses(id, found, out _))
            {
                return (found, false);
            }
            var updated = await c.ExecuteAsync(new CommandDefinition(Update, new { Id = id, IsAvailable = isAvailable }, tx, cancellationToken: ct)) == 1;
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
