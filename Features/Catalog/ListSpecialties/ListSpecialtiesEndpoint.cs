using Dapper;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.ListSpecialties;

public static class ListSpecialtiesEndpoint
{
    public static RouteHandlerBuilder MapListSpecialties(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("ListSpecialties")
            .WithSummary("All specialties by name")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<Ok<List<SpecialtyView>>> HandleAsync(Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SpecialtyView>(new CommandDefinition(
            $"{SpecialtyView.Select} ORDER BY lower(name), name", cancellationToken: ct));
        return TypedResults.Ok(rows.ToList());
    }
}
