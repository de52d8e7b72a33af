using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.ListSpecialties;

public static class ListSpecialtiesEndpoint
{
    public static IEndpointRouteBuilder MapListSpecialties(this IEndpointRouteBuilder app)
    {
        app.MapGet("/specialties", HandleAsync)
            .WithName("ListSpecialties")
            .WithSummary("All specialties by name")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Ok<List<SpecialtyView>>> HandleAsync(Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SpecialtyView>(new CommandDefinition(
            $"{SpecialtyView.Select} ORDER BY name COLLATE NOCASE", cancellationToken: ct));
        return TypedResults.Ok(rows.ToList());
    }
}
