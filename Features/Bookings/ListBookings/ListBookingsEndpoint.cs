using System.ComponentModel.DataAnnotations;
using Dapper;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Locking.Features.Bookings.ListBookings;

public sealed class ListBookingsQuery
{
    /// <summary>One of PENDING, CONFIRMED, IN_PROGRESS, COMPLETED, NO_SHOW, CANCELLED, EXPIRED.</summary>
    [FromQuery(Name = "status")]
    [AllowedValues(null, BookingStatuses.Pending, BookingStatuses.Confirmed, BookingStatuses.InProgress, BookingStatuses.Completed, BookingStatuses.NoShow, BookingStatuses.Cancelled, BookingStatuses.Expired)]
    public string? Status { get; init; }

    /// <summary>Bookings whose slot starts at or after this instant.</summary>
    [FromQuery(Name = "from")]
    [InWindow] public DateTimeOffset? From { get; init; }

    /// <summary>Bookings whose slot starts before this instant.</summary>
    [FromQuery(Name = "to")]
    [InWindow] public DateTimeOffset? To { get; init; }
}

public static class ListBookingsEndpoint
{
    // A lapsed hold reads as EXPIRED whether or not the sweeper has marked it yet.
    private const string Select = $"""
        SELECT {BookingRow.Columns} FROM bookings
        WHERE (@Status IS NULL
               OR (@Status = '{BookingStatuses.Expired}' AND (status = '{BookingStatuses.Expired}' OR (status = '{BookingStatuses.Pending}' AND expires_at <= @Now)))
               OR (@Status = '{BookingStatuses.Pending}' AND status = '{BookingStatuses.Pending}' AND expires_at > @Now)
               OR (@Status NOT IN ('{BookingStatuses.Expired}', '{BookingStatuses.Pending}') AND status = @Status))
          AND (@From IS NULL OR start_time >= @From)
          AND (@To IS NULL OR start_time < @To)
        ORDER BY start_time, id
        LIMIT 1000
        """;

    public static RouteHandlerBuilder MapListBookings(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, async ([AsParameters] ListBookingsQuery query, Db db, TimeProvider clock, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                await using var connection = await db.OpenAsync(ct);
                var rows = await connection.QueryAsync<BookingRow>(new CommandDefinition(Select, new
                {
                    query.Status,
                    From = query.From?.ToUniversalTime(),
                    To = query.To?.ToUniversalTime(),
                    Now = now,
                }, cancellationToken: ct));
                return TypedResults.Ok(rows.Select(r => r.ToView(now)).ToList());
            })
            .WithName("ListBookings")
            .WithSummary("All bookings by status and slot time, at most 1,000 (admin)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);
}
