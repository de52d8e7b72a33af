using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.GetSlot;

public static class GetSlotEndpoint
{
    public static IEndpointRouteBuilder MapGetSlot(this IEndpointRouteBuilder app)
    {
        app.MapGet("/slots/{id}", HandleAsync)
            .WithName("GetSlot")
            .WithSummary("One slot with seatsLeft")
            .ProducesProblems(400, 401, 404);
        return app;
    }

    private static async Task<Results<Ok<SlotView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var slot = await Slots.FindAsync(connection, null, id, clock.GetUtcNow(), ct);
        return slot is null ? Problems.NotFound($"No slot {id}.") : TypedResults.Ok(slot);
    }
}
