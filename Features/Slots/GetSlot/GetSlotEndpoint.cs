using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.GetSlot;

public static class GetSlotEndpoint
{
    public static RouteHandlerBuilder MapGetSlot(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetSlot")
            .WithSummary("One slot with seatsLeft")
            .ProducesProblems(400, 401, 404);

    private static async Task<Results<Ok<SlotView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var slot = await SlotStore.FindAsync(connection, null, id, clock.GetUtcNow(), ct);
        return slot is null ? Problems.NotFound($"No slot {id}.") : TypedResults.Ok(slot);
    }
}
