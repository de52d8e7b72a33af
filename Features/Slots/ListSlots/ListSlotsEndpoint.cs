using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots.ListSlots;

public sealed record SlotList(IReadOnlyList<SlotView> Items);

public sealed class ListSlotsQuery
{
    public Guid? DoctorId { get; init; }
    /// <summary>Only slots of doctors with this specialty.</summary>
    public Guid? SpecialtyId { get; init; }
    /// <summary>Slots starting at or after this instant.</summary>
    [InWindow] public DateTimeOffset? From { get; init; }
    /// <summary>Slots starting before this instant.</summary>
    [InWindow] public DateTimeOffset? To { get; init; }
    /// <summary>true: only bookable slots (enabled, in the future, a seat left); false: only the others.</summary>
    public bool? Available { get; init; }
}

public static class ListSlotsEndpoint
{
    /// <summary>At most this many slots per answer; narrow the time range for more.</summary>
    public const int Limit = 500;

    private static readonly string Query = $"""
        SELECT * FROM (
            {SlotRow.Select}
            WHERE (@DoctorId IS NULL OR s.doctor_id = @DoctorId)
              AND (@SpecialtyId IS NULL OR s.doctor_id IN (SELECT id FROM doctors WHERE specialty_id = @SpecialtyId))
              AND (@From IS NULL OR s.start_time >= @From)
              AND (@To IS NULL OR s.start_time < @To)) AS listed
        WHERE @Available IS NULL OR (is_available = 1 AND start_time > @Now AND seats_left > 0) = @Available
        ORDER BY start_time, id
        LIMIT {Limit}
        """;

    public static RouteHandlerBuilder MapListSlots(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("ListSlots")
            .WithSummary("Slots by start time with seatsLeft, filtered by doctor, specialty, time and bookability")
            .WithDescription($"`available=true` keeps slots that are enabled, start in the future and have a seat left. At most {Limit} slots.")
            .ProducesProblems(400, 401);

    private static async Task<Ok<SlotList>> HandleAsync([AsParameters] ListSlotsQuery query, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SlotRow>(new CommandDefinition(Query, new
        {
            query.DoctorId,
            query.SpecialtyId,
            query.From,
            query.To,
            query.Available,
            Now = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return TypedResults.Ok(new SlotList(rows.Select(r => r.ToView()).ToList()));
    }
}
