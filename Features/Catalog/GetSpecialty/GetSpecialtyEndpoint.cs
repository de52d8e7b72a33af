using Dapper;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.GetSpecialty;

public static class GetSpecialtyEndpoint
{
    public static RouteHandlerBuilder MapGetSpecialty(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetSpecialty")
            .WithSummary("One specialty (the Location of a created one)")
            .ProducesProblems(400, 401, 404);

    private static async Task<Results<Ok<SpecialtyView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var specialty = await connection.QuerySingleOrDefaultAsync<SpecialtyView>(new CommandDefinition(
            $"{SpecialtyView.Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return specialty is null ? Problems.NotFound($"No specialty {id}.") : TypedResults.Ok(specialty);
    }
}
