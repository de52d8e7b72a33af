using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.ListDoctors;

public sealed class ListDoctorsQuery
{
    /// <summary>Only doctors of this specialty.</summary>
    public Guid? SpecialtyId { get; init; }
}

public static class ListDoctorsEndpoint
{
    public static RouteHandlerBuilder MapListDoctors(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("ListDoctors")
            .WithSummary("Doctors by name, optionally of one specialty")
            .ProducesProblems(400, 401);

    private static async Task<Ok<List<DoctorView>>> HandleAsync([AsParameters] ListDoctorsQuery query, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<DoctorView>(new CommandDefinition(
            $"{DoctorView.Select} WHERE (@SpecialtyId IS NULL OR d.specialty_id = @SpecialtyId) ORDER BY d.name, d.id",
            new { query.SpecialtyId }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToList());
    }
}
