using System.ComponentModel.DataAnnotations;
using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Locking.Features.Appointments.ListAppointments;

public sealed record AppointmentPage(IReadOnlyList<AppointmentView> Items, long Total);

public sealed class ListAppointmentsQuery
{
    /// <summary>Appointments starting at or after this instant.</summary>
    [FromQuery(Name = "from"), InWindow] public DateTimeOffset? From { get; init; }
    /// <summary>Appointments starting before this instant.</summary>
    [FromQuery(Name = "to"), InWindow] public DateTimeOffset? To { get; init; }
    /// <summary>Text searched in title, patient, doctor and note.</summary>
    [FromQuery(Name = "q"), MaxLength(200)] public string? Q { get; init; }
    [FromQuery(Name = "page"), Range(1, 100_000)] public int? Page { get; init; }
    [FromQuery(Name = "pageSize"), Range(1, 100)] public int? PageSize { get; init; }
}

public static class ListAppointmentsEndpoint
{
    private const string Where = """
        WHERE (@From IS NULL OR start_time >= @From)
          AND (@To IS NULL OR start_time < @To)
          AND (@Q IS NULL OR lower(title) LIKE lower(@Q) ESCAPE '\' OR lower(patient_name) LIKE lower(@Q) ESCAPE '\'
               OR lower(doctor_name) LIKE lower(@Q) ESCAPE '\' OR lower(note) LIKE lower(@Q) ESCAPE '\')
        """;

    public static RouteHandlerBuilder MapListAppointments(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("ListAppointments")
            .WithSummary("Appointments by start time, filtered by from/to and text, a page at a time")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);

    private static async Task<Ok<AppointmentPage>> HandleAsync(
        [AsParameters] ListAppointmentsQuery query, Db db, CancellationToken ct)
    {
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        var parameters = new
        {
            From = query.From?.ToUniversalTime(),
            To = query.To?.ToUniversalTime(),
            Q = string.IsNullOrWhiteSpace(query.Q) ? null : $"%{Escape(query.Q.Trim())}%",
            Take = size,
            Skip = (page - 1) * size,
        };
        await using var connection = await db.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM appointments {Where}", parameters, cancellationToken: ct));
        var rows = await connection.QueryAsync<AppointmentRow>(new CommandDefinition(
            $"SELECT {AppointmentRow.Columns} FROM appointments {Where} ORDER BY start_time, id LIMIT @Take OFFSET @Skip",
            parameters, cancellationToken: ct));
        return TypedResults.Ok(new AppointmentPage(rows.Select(r => r.ToView()).ToList(), total));
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
