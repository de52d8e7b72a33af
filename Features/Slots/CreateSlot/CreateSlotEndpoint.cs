using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.CreateSlot;

public sealed class CreateSlotRequest : IValidatableObject
{
    [Required] public Guid? DoctorId { get; init; }
    [Required] public DateTimeOffset? StartTime { get; init; }
    /// <summary>Give this or <see cref="DurationMinutes"/>, not both.</summary>
    public DateTimeOffset? EndTime { get; init; }
    [Range(1, 1440)] public int? DurationMinutes { get; init; }
    [Range(1, 100)] public int Capacity { get; init; } = 1;

    internal DateTimeOffset EffectiveEnd() => EndTime ?? StartTime!.Value.AddMinutes(DurationMinutes!.Value);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((EndTime is null) == (DurationMinutes is null))
        {
            yield return new ValidationResult("Give exactly one of endTime and durationMinutes.", [nameof(EndTime)]);
        }
        else if (StartTime is { } start && EndTime is { } end && (end <= start || end - start > TimeSpan.FromDays(1)))
        {
            yield return new ValidationResult("endTime must be after startTime, by at most a day.", [nameof(EndTime)]);
        }
        else if (StartTime is not null && !Instants.InWindow(EffectiveEnd()))
        {
            // A start just inside the window plus a duration must not end outside it.
            yield return new ValidationResult($"The slot must end {Instants.Window}.", [nameof(DurationMinutes)]);
        }
    }
}

public static class CreateSlotEndpoint
{
    public static RouteHandlerBuilder MapCreateSlot(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("CreateSlot")
            .WithSummary("Create a slot (admin, or the doctor it belongs to); 409 `slot_overlap` when it overlaps one of the doctor's slots")
            .WithDescription("Give `endTime` or `durationMinutes`. Slots that only touch (one ends when the next starts) do not overlap.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ForSlotManagers();

    private static async Task<Results<Created<SlotView>, ProblemHttpResult>> HandleAsync(
        CreateSlotRequest request, ClaimsPrincipal user, Db db, SlotAnnouncer announce, TimeProvider clock, CancellationToken ct)
    {
        var doctorId = request.DoctorId!.Value;
        if (!user.ManagesDoctor(doctorId))
        {
            return SlotManagers.NotYours();
        }
        var slot = SlotStore.New(doctorId, request.StartTime!.Value, request.EffectiveEnd(), request.Capacity, clock.GetUtcNow());
        var outcome = await db.WriteAsync(async (c, tx) =>
            await SlotStore.TryInsertAsync(c, tx, slot, ct) ? Outcome.Created
            : await SlotStore.DoctorExistsAsync(c, tx, doctorId, ct) ? Outcome.Overlap
            : Outcome.NoDoctor, ct);
        switch (outcome)
        {
            case Outcome.NoDoctor:
                return Problems.NotFound($"No doctor {doctorId}.");
            case Outcome.Overlap:
                return Problems.Conflict("slot_overlap", "The doctor already has a slot in that time.");
            default:
                announce.SlotAdded(slot);
                return TypedResults.Created($"/api/slots/{slot.Id}", slot);
        }
    }

    private enum Outcome
    {
        Created,
        Overlap,
        NoDoctor,
    }
}
