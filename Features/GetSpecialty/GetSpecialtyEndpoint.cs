using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.GetSpecialty;

public static class GetSpecialtyEndpoint
{
    public static IEndpointRouteBuilder MapGetSpecialty(this IEndpointRouteBuilder app)
    {
        app.MapGet("/specialties/{id}", HandleAsync)
            .WithName("GetSpecialty")
            .WithSummary("One specialty (the Location of a created one)")
            .ProducesProblems(400, 401, 404);
        return app;
    }

    private static async Task<Results<Ok<SpecialtyView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var specialty = await connection.QuerySingleOrDefaultAsync<SpecialtyView>(new CommandDefinition(
            $"{SpecialtyView.Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return specialty is null ? Problems.NotFound($"No specialty {id}.") : TypedResults.Ok(specialty);
    }
}
