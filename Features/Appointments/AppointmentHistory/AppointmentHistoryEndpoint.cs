using System.Text.Json;
using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Appointments.AppointmentHistory;

public sealed record HistoryEntry(DateTimeOffset At, Guid UserId, string UserName, string Action, long Version, JsonElement Changes);

public static class AppointmentHistoryEndpoint
{
    private const string Select = """
        SELECT at, user_id, user_name, action, version, changes
        FROM appointment_history WHERE appointment_id = @id ORDER BY id
        """;

    public static RouteHandlerBuilder MapAppointmentHistory(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("AppointmentHistory")
            .WithSummary("Who changed which fields of an appointment, when, and to which version")
            .ProducesProblems(400, 401, 403, 404);

    private static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> HandleAsync(Guid id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select, new { id }, cancellationToken: ct));
        var entries = rows.Select(r => new HistoryEntry(r.At, r.UserId, r.UserName, r.Action, r.Version,
            JsonSerializer.Deserialize<JsonElement>(r.Changes))).ToList();
        return entries.Count == 0 ? Problems.NotFound($"No appointment {id}.") : TypedResults.Ok(entries);
    }

    private sealed class Row
    {
        public DateTimeOffset At { get; init; }
        public Guid UserId { get; init; }
        public string UserName { get; init; } = "";
        public string Action { get; init; } = "";
        public long Version { get; init; }
        public string Changes { get; init; } = "{}";
    }
}
