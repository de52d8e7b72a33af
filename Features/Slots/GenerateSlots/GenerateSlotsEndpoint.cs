using System.Security.Claims;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.GenerateSlots;

public sealed record GenerateSlotsResult(int Created, int Skipped);

public static class GenerateSlotsEndpoint
{
    /// <summary>Most slots one request may generate: the whole batch is one write transaction.</summary>
    public const int MaxSlots = 5_000;

    public static RouteHandlerBuilder MapGenerateSlots(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("GenerateSlots")
            .WithSummary("Generate a doctor's slots for a weekly pattern over a date range (admin, or that doctor)")
            .WithDescription("Times are wall-clock times in the IANA `timeZone`, converted to UTC across DST changes. "
                + "A slot that overlaps an existing one, or whose local start does not exist (spring-forward gap), is counted in "
                + $"`skipped`; an ambiguous (fall-back) time means its first occurrence. At most {MaxSlots} slots per request.")
            .ProducesValidationProblem()
            .ForSlotManagers();

    private static async Task<Results<Created<GenerateSlotsResult>, ProblemHttpResult>> HandleAsync(
        GenerateSlotsRequest request, ClaimsPrincipal user, Db db, SlotAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var doctorId = request.DoctorId!.Value;
        if (!user.ManagesDoctor(doctorId))
        {
            return SlotManagers.NotYours();
        }
        var plan = request.Plan();
        if (plan.Slots.Count > MaxSlots)
        {
            return Problems.Validation("toDate", $"This pattern makes {plan.Slots.Count} slots; at most {MaxSlots} per request.");
        }
        var created = await InsertAsync(db, request, plan, clock.GetUtcNow(), ct);
        if (created is null)
        {
            return Problems.NotFound($"No doctor {doctorId}.");
        }
        foreach (var slot in created)
        {
            announce.SlotAdded(slot);
        }
        var result = new GenerateSlotsResult(created.Count, plan.Slots.Count + plan.Gaps - created.Count);
        return TypedResults.Created($"/api/slots?doctorId={doctorId}", result);
    }

    /// <summary>Inserts every planned slot that overlaps nothing, all in one transaction; returns those inserted.</summary>
    private static Task<List<SlotView>?> InsertAsync(
        Db db, GenerateSlotsRequest request, SlotPlan plan, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync<List<SlotView>?>(async (c, tx) =>
        {
            var doctorId = request.DoctorId!.Value;
            if (!await SlotStore.DoctorExistsAsync(c, tx, doctorId, ct))
            {
                return null;
            }
            var created = new List<SlotView>();
            foreach (var (start, end) in plan.Slots)
            {
                var slot = SlotStore.New(doctorId, start, end, request.Capacity, now);
                if (await SlotStore.TryInsertAsync(c, tx, slot, ct))
                {
                    created.Add(slot);
                }
            }
            return created;
        }, ct);
}
